"""Phiếu từ chối tiếp nhận, giải quyết hồ sơ (DOMAIN.md §6.3; TT 01/2018 and TT 03/2025).

Two situations print it: the desk refuses at receipt (``refuse``, rules 2–3) or the
processing agency returns the dossier as ineligible (``reject_ineligible``, rule 7). The
latest of these events (or ``params["event"]``) gives the specific reasons (its note, one
reason a line) and the officer who signs: the receiving officer for a refusal at receipt,
the deciding leader for an ineligible dossier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossiers.models import Dossier

from ..forms import FormSpec, register_form
from ._common import applicant_context, contact_line, form_event, local, officer_title

if TYPE_CHECKING:
    from ..applicability import DossierFacts

TITLE = "Phiếu từ chối tiếp nhận, giải quyết hồ sơ"


def build_refusal_context(dossier: Dossier | None, params: dict) -> dict:
    event = form_event(dossier, params, ("refuse", "reject_ineligible"), title=TITLE)
    at_receipt = event.transition == "refuse"
    reasons = [line.strip(" -•\t") for line in event.note.splitlines() if line.strip(" -•\t")]
    deciding = dossier.receiving_agency
    if not at_receipt and event.from_agency is not None:
        deciding = event.from_agency
    return {
        **applicant_context(dossier),
        "at_receipt": at_receipt,
        "refused_at": local(event.at),
        "deciding_agency": deciding,
        "reasons": reasons,
        "contact": contact_line(dossier.receiving_agency),
        "officer_title": (
            "Người tiếp nhận hồ sơ"
            if at_receipt
            else officer_title(event.actor, "Lãnh đạo cơ quan giải quyết hồ sơ")
        ),
        "officer_name": event.actor_name,
    }


def refusal_applies(facts: DossierFacts) -> bool:
    """Refused at receipt or returned as ineligible."""
    return facts.has("refuse", "reject_ineligible")


for _legal_set in ("2025", "2018"):
    register_form(
        FormSpec(
            key="refusal",
            title=TITLE,
            template="publishing/forms/refusal.html",
            numbered=True,
            symbol="PTC-{agency}",
            build_context=build_refusal_context,
            applies_to=refusal_applies,
            legal_set=_legal_set,
        )
    )
