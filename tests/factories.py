"""factory_boy factories for the catalogue; pages are added under a parent page."""

import datetime

import factory
from faker import Faker

from procedures_pages.models import (
    Agency,
    AgencyLevel,
    NewsCategory,
    NewsPage,
    ProcedureChannel,
    ProcedurePage,
    Sector,
)

fake = Faker("vi_VN")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    slug = factory.Sequence(lambda n: f"linh-vuc-{n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Số {n}")
    code = factory.Sequence(lambda n: f"000.{n // 100:02d}.{n % 100:02d}.H33")
    level = AgencyLevel.COMMUNE
    address = factory.LazyFunction(lambda: fake.address().replace("\n", ", "))
    phone = "0221 3862 000"


def add_procedure(parent, *, code, title, sector=None, channels=None, live=True, **fields):
    """Create a ProcedurePage under ``parent`` (a ProcedureIndexPage) and publish it.

    ``channels`` is a list of dicts for ProcedureChannel rows; by default one direct
    channel of 5 working days, free of charge.
    """
    if not any(k.startswith("level_") for k in fields):
        fields["level_province"] = True
    page = ProcedurePage(code=code, title=title, sector=sector, live=live, **fields)
    for row in channels or [
        {
            "channel": "truc-tiep",
            "time_limit_value": 5,
            "time_limit_unit": "working_days",
            "fee_amount": 0,
        }
    ]:
        page.channels.add(ProcedureChannel(**row))
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


def add_news(parent, *, title, date=None, category=None, tags=(), live=True, **fields):
    page = NewsPage(
        title=title,
        date=date or datetime.date(2026, 11, 1),
        category=category,
        lead=fields.pop("lead", f"Tóm tắt: {title}"),
        live=live,
        **fields,
    )
    parent.add_child(instance=page)
    for tag in tags:
        page.tags.add(tag)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")
