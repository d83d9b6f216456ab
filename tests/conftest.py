"""Shared fixtures: a site with the portal's page tree, built as an editor would."""

import pytest
from wagtail.models import Page, Site

from procedures_pages.models import HomePage, NewsIndexPage, ProcedureIndexPage


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The English catalogue is compiled at setup by the scripts; do it here too so that
    a plain `pytest` run tests the translated interface."""
    from django.core.management import call_command

    call_command("compile_translations", quiet=True)


@pytest.fixture
def home_page(db) -> HomePage:
    """A HomePage at the root of the default Site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Cổng dịch vụ công tỉnh Hưng Yên", slug="trang-chu")
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    return home


@pytest.fixture
def catalogue(home_page) -> ProcedureIndexPage:
    return home_page.add_child(
        instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    )


@pytest.fixture
def news_index(home_page) -> NewsIndexPage:
    return home_page.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))


@pytest.fixture(autouse=True)
def _fresh_working_calendar():
    """The working calendar is cached per process; a test's rolled-back overrides must not
    leak into the next test."""
    from dossiers.calendars import invalidate_calendar_cache

    invalidate_calendar_cache()
    yield
    invalidate_calendar_cache()
