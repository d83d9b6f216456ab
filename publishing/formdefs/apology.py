"""Phiếu xin lỗi và hẹn lại ngày trả kết quả (DOMAIN.md §6.4, rule 9).

Built from the dossier's ``reschedule`` event (or ``params["event"]``): its ``data`` holds
the original and the new appointment, its note the reason, its ``from_agency`` the agency
that will be late and its actor the head of that agency, who signs with the seal. Issue it
in the name of the late agency (``issue_document(agency=…)``); the receiving desk, where
the result will be collected, is among the recipients. Numbered.
"""

from __future__ import annotations

import datetime
import functools
from typing import TYPE_CHECKING

from dossiers.models import Dossier

from ..forms import FormSpec, register_form
from ._common import applicant_context, form_event, head_signature, local

if TYPE_CHECKING:
    from ..applicability import DossierFacts

TITLE = "Phiếu xin lỗi và hẹn lại ngày trả kết quả"


def _moment(value: str | None) -> datetime.datetime | None:
    return local(datetime.datetime.fromisoformat(value)) if value else None


def build_apology_context(
    dossier: Dossier | None, params: dict, *, legal_set: str = "2025"
) -> dict:
    event = form_event(dossier, params, ("reschedule",), title=TITLE)
    data = event.data or {}
    late_agency = event.from_agency or dossier.current_agency
    desk = dossier.receiving_agency
    desk_unit = "Bộ phận Tiếp nhận và Trả kết quả" if legal_set == "2018" else "Bộ phận Một cửa"
    return {
        **applicant_context(dossier),
        "late_agency": late_agency,
        "reason": event.note,
        "original_due_at": _moment(data.get("old_due_at")) or local(dossier.original_due_at),
        "new_due_at": _moment(data.get("new_due_at")) or local(dossier.due_at),
        "return_place": ", ".join(part for part in (desk.name, desk.address) if part),
        "desk": desk,
        "desk_unit": desk_unit,
        **head_signature(late_agency, event.actor, params),
        "recipients": params.get("recipients")
        or [
            "Như trên",
            f"{desk_unit} – {desk.name}" if desk.pk != late_agency.pk else desk_unit,
            "Lưu: VT",
        ],
    }


def apology_applies(facts: DossierFacts) -> bool:
    """The appointment was postponed (a ``reschedule`` event)."""
    return facts.has("reschedule")


for _legal_set in ("2025", "2018"):
    register_form(
        FormSpec(
            key="apology",
            title=TITLE,
            template="publishing/forms/apology.html",
            numbered=True,
            symbol="PXL-{agency}",
            build_context=functools.partial(build_apology_context, legal_set=_legal_set),
            applies_to=apology_applies,
            legal_set=_legal_set,
        )
    )
