"""Giấy tiếp nhận hồ sơ và hẹn trả kết quả (DOMAIN.md §6.1): the reference form.

The 2025 set (TT 03/2025/TT-VPCP) and the 2018 set (TT 01/2018/TT-VPCP, dossiers received
before 01/7/2025) share one template; ``legal_set`` in the context switches the wording.
"""

from __future__ import annotations

import zoneinfo
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from dossiers.models import Dossier
from dossiers.queries.lookup import lookup_url
from procedures_pages.models import TimeLimitUnit

from ..forms import FormSpec, register_form
from ..qr import qr_data_uri

if TYPE_CHECKING:
    from ..applicability import DossierFacts

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def time_limit_display(dossier: Dossier) -> str:
    """The legal processing time fixed at receipt: "05 ngày làm việc", "trong ngày"."""
    unit = dossier.time_limit_unit
    if unit == TimeLimitUnit.SAME_DAY:
        return str(TimeLimitUnit.SAME_DAY.label)
    if dossier.time_limit_value is None:
        return _("Không quy định")
    value = dossier.time_limit_value.normalize()
    number = f"{value:f}".replace(".", ",")
    if value == value.to_integral_value():
        number = f"{int(value):02d}"
    label = TimeLimitUnit(unit).label if unit in TimeLimitUnit.values else unit
    return f"{number} {label}".strip()


def receiving_officer_name(dossier: Dossier) -> str:
    event = dossier.events.filter(transition__in=("receive", "accept_online")).first()
    return event.actor_name if event else ""


def build_receipt_context(dossier: Dossier | None, params: dict) -> dict:
    agency = dossier.receiving_agency
    rows = [
        {
            "name": item.requirement_name,
            "originals": item.originals,
            "certified_copies": item.copies,
            "photocopies": 0,
        }
        for item in dossier.checklist.filter(received=True)
    ]
    lookup = lookup_url(dossier, absolute=True)
    return {
        "receiving_unit": agency.name,
        "subject": dossier.subject or dossier.procedure.title,
        "documents": rows,
        "time_limit": time_limit_display(dossier),
        "received_at": dossier.received_at.astimezone(VN),
        "due_at": dossier.due_at.astimezone(VN) if dossier.due_at else None,
        "collect_at": ", ".join(part for part in (agency.name, agency.address) if part),
        "register_entry": dossier.code,
        "lookup_url": lookup,
        "lookup_secret": dossier.lookup_secret,
        "lookup_qr_data_uri": qr_data_uri(lookup, scale=3),
        "submitter_name": dossier.applicant_name,
        "officer_name": receiving_officer_name(dossier),
    }


def receipt_applies(facts: DossierFacts) -> bool:
    """Any dossier the desk received (at the counter or accepted online)."""
    return facts.has("receive", "accept_online")


for _legal_set in ("2025", "2018"):
    register_form(
        FormSpec(
            key="receipt",
            title="Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            template="publishing/forms/receipt.html",
            numbered=False,
            symbol="",
            build_context=build_receipt_context,
            applies_to=receipt_applies,
            legal_set=_legal_set,
        )
    )
