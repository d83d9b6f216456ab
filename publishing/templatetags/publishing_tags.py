"""Filters for document templates and the tag that lists a dossier's documents.

``{% load publishing_tags %}`` then ``{{ amount|dong }}``, ``{{ amount|amount_words }}``,
``{{ date|vn_date }}`` ("ngày 05 tháng 3 năm 2026"), ``{{ datetime|vn_time_date }}``
("09 giờ 00 phút, ngày 16 tháng 11 năm 2026") and ``{{ n|two_digits }}``.

``{% dossier_documents dossier public=True %}`` lists the result documents an applicant may
download (on the public lookup page, which may pass the dossier's code instead); with
``public=False`` every document of the dossier, for officers' pages.
"""

import datetime
import zoneinfo

from django import template
from django.utils.translation import gettext as _

from ..formatting import amount_in_words, day_month_year, format_dong, place_and_date
from ..queries import documents_for, public_result_documents

register = template.Library()
VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@register.filter
def dong(amount) -> str:
    return "" if amount in (None, "") else format_dong(int(amount))


@register.filter
def amount_words(amount) -> str:
    return "" if amount in (None, "") else amount_in_words(int(amount))


def _local(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(VN) if value.tzinfo else value
    return value


@register.filter
def vn_date(value) -> str:
    if not value:
        return ""
    value = _local(value)
    return place_and_date("", value.date() if isinstance(value, datetime.datetime) else value)


@register.filter
def vn_time_date(value) -> str:
    if not value:
        return ""
    value = _local(value)
    day, month, year = day_month_year(value.date())
    return _("%(hour)s giờ %(minute)s phút, ngày %(day)s tháng %(month)s năm %(year)s") % {
        "hour": f"{value.hour:02d}",
        "minute": f"{value.minute:02d}",
        "day": day,
        "month": month,
        "year": year,
    }


@register.filter
def two_digits(value) -> str:
    return "" if value in (None, "") else f"{int(value):02d}"


@register.inclusion_tag("publishing/includes/dossier_documents.html")
def dossier_documents(dossier, public=True):
    if not dossier:
        documents = []
    elif public:
        documents = list(public_result_documents(dossier))
    else:
        documents = list(documents_for(dossier))
    return {"documents": documents, "public": public}
