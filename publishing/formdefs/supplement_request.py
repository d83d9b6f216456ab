"""Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (DOMAIN.md §6.2; TT 01/2018 and TT 03/2025).

Built from the dossier's latest ``request_supplement`` event (or ``params["event"]``): the
documents to complete come from its ``data["missing_documents"]``, the reason from its
note, the guiding officer from its actor. The applicant is told where the procedure's
rules are published and whom to call: the receiving desk, and the processing agency when
the request came from there. Numbered in the issuing agency's yearly sequence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossiers.models import Dossier

from ..forms import FormSpec, register_form
from ._common import applicant_context, contact_line, form_event, local, procedure_url

if TYPE_CHECKING:
    from ..applicability import DossierFacts

TITLE = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"


def build_supplement_request_context(dossier: Dossier | None, params: dict) -> dict:
    event = form_event(dossier, params, ("request_supplement",), title=TITLE)
    documents = [str(name) for name in (event.data or {}).get("missing_documents", []) if name]
    desk = dossier.receiving_agency
    contacts = [contact_line(desk)]
    requested_by = event.from_agency or desk
    if requested_by.pk != desk.pk:
        contacts.append(contact_line(requested_by))
    return {
        **applicant_context(dossier),
        "missing_documents": documents,
        "reason": event.note,
        "requested_at": local(event.at),
        "requested_by": requested_by,
        "procedure_url": procedure_url(dossier),
        "contacts": contacts,
        "officer_name": event.actor_name,
    }


def supplement_request_applies(facts: DossierFacts) -> bool:
    """A supplement was requested at least once."""
    return facts.has("request_supplement")


for _legal_set in ("2025", "2018"):
    register_form(
        FormSpec(
            key="supplement_request",
            title=TITLE,
            template="publishing/forms/supplement_request.html",
            numbered=True,
            symbol="PBS-{agency}",
            build_context=build_supplement_request_context,
            applies_to=supplement_request_applies,
            legal_set=_legal_set,
        )
    )
