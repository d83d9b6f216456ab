"""Filters for document templates and the tag that lists a dossier's documents.

``{% load publishing_tags %}`` then ``{{ amount|dong }}``, ``{{ amount|amount_words }}``,
``{{ date|vn_date }}`` ("ngày 05 tháng 3 năm 2026"), ``{{ datetime|vn_time_date }}``
("09 giờ 00 phút, ngày 16 tháng 11 năm 2026") and ``{{ n|two_digits }}``.

``{% dossier_documents dossier public=True %}`` lists the result documents an applicant may
download (on the public lookup page, which may pass the dossier's code instead); with
``public=False`` every document of the dossier, for officers' pages.

``{% dossier_documents_admin dossier request.user events=… %}`` is the back-office section of a
dossier's documents: the issued ones and a button per form that can be issued now.
"""

import datetime
import zoneinfo

from django import template
from django.utils.translation import gettext as _

from dossiers.queries.backoffice import can_use_backoffice

from ..applicability import dossier_facts, issuable_forms
from ..formatting import amount_in_words, day_month_year, format_dong, place_and_date
from ..forms import get_form
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


@register.inclusion_tag("publishing/admin/dossier_documents.html", takes_context=True)
def dossier_documents_admin(context, dossier, user, events=None):
    """The "Văn bản, biểu mẫu" section of the back-office dossier page: every document
    issued for ``dossier`` (newest first: the dossier's document history, with who issued
    each and when) and one button per form that can be issued now. One query for the
    documents; the dossier's events are read from ``events`` (every event of the dossier,
    when the page already has them) or by one more query
    (:func:`~publishing.applicability.dossier_facts`).
    """
    rows = []
    for document in documents_for(dossier):
        try:
            form_title = get_form(document.form, document.legal_set).title
        except LookupError:
            form_title = document.form
        rows.append((document, form_title))
    can_issue = can_use_backoffice(user)
    issuable = issuable_forms(dossier, dossier_facts(dossier, events)) if can_issue else []
    return {
        "dossier": dossier,
        "rows": rows,
        "issuable": issuable,
        "csrf_token": context.get("csrf_token"),
    }
