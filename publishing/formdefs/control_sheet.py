"""Phiếu kiểm soát quá trình giải quyết hồ sơ (DOMAIN.md §6.6; rule 4). Unnumbered.

One row per hand-off recorded in ``DossierEvent`` — every event that moves the dossier to
another holder (agency and stage): desk → processing agency, specialist → head of
department → head of agency, to a coordinating agency (liên thông), back to the desk with
the result — and, last, the return to the applicant. Each row shows the giving and the
receiving holder, the hand-over time (electronic hand-offs are received at the same
moment), the giving officer, the receiving officer (the one who acted next in that seat)
and the verdict on the giver's step (Trước hạn / Đúng hạn / Quá hạn), which the services
stored on the event that closed the step. Events that do not change the holder
(supplement requests, payments, apology) become notes on the row of the step they
happened in.
"""

from __future__ import annotations

import datetime
import functools
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation

from dossiers.models import Dossier, DossierEvent, ReturnMethod, Stage
from dossiers.workflow import TRANSITIONS

from ..forms import FormSpec, register_form
from ._common import VERDICTS, applicant_context, local

if TYPE_CHECKING:
    from ..applicability import DossierFacts

TITLE = "Phiếu kiểm soát quá trình giải quyết hồ sơ"
OPENING = ("receive", "submit_online", "accept_online")
STAGE_NAMES = {
    Stage.SPECIALIST: "Chuyên viên xử lý",
    Stage.DEPARTMENT_HEAD: "Lãnh đạo phòng",
    Stage.AGENCY_HEAD: "Lãnh đạo cơ quan",
    Stage.CLERK: "Văn thư",
}


def holder_label(agency, stage: str, *, legal_set: str) -> str:
    """Who holds the dossier: "Bộ phận Một cửa – Trung tâm …" or "Sở … – Lãnh đạo phòng"."""
    if stage == Stage.DESK:
        desk = "Bộ phận Tiếp nhận và Trả kết quả" if legal_set == "2018" else "Bộ phận Một cửa"
        return f"{desk} – {agency.name}" if agency else desk
    name = agency.name if agency else ""
    return f"{name} – {STAGE_NAMES.get(stage, stage)}" if name else STAGE_NAMES.get(stage, stage)


def _is_handoff(event: DossierEvent) -> bool:
    return event.transition not in OPENING and (
        event.from_agency_id != event.to_agency_id or event.from_stage != event.to_stage
    )


def _acted_in_seat(event: DossierEvent) -> bool:
    """Whether the event was fired by the holder of the step (who therefore received the
    dossier), not by the desk on the applicant's behalf or by a head rescheduling."""
    spec = TRANSITIONS.get(event.transition)
    return spec is not None and spec.closes_step and not spec.at_receiving_desk


def _event_note(event: DossierEvent) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        spec = TRANSITIONS.get(event.transition)
        label = str(spec.label) if spec else event.transition
    when = local(event.at).strftime("%H:%M %d/%m/%Y")
    text = f"{label} ({when})"
    if event.transition == "reschedule" and event.data.get("new_due_at"):
        new_due = local(datetime.datetime.fromisoformat(event.data["new_due_at"]))
        text += f", hẹn trả mới {new_due:%H:%M %d/%m/%Y}"
    return f"{text}: {event.note}" if event.note else text


def control_rows(dossier: Dossier, events: list[DossierEvent], *, legal_set: str) -> list[dict]:
    """The table of the sheet, from the dossier's events in order (one query upstream)."""
    rows: list[dict] = []
    pending_notes: list[str] = []
    for index, event in enumerate(events):
        if event.transition == "return_result":
            method = event.data.get("method") or dossier.return_method or ReturnMethod.IN_PERSON
            with translation.override(settings.LANGUAGE_CODE):
                method_label = str(ReturnMethod(method).label)
            rows.append(
                {
                    "giver": holder_label(event.from_agency, event.from_stage, legal_set=legal_set),
                    "receiver": f"Ông/bà {dossier.applicant_name} (tổ chức, cá nhân)",
                    "at": local(event.at),
                    "giver_name": event.actor_name,
                    "receiver_name": dossier.applicant_name,
                    "verdict": VERDICTS.get(dossier.timeliness, ""),
                    "notes": [f"Trả kết quả cho tổ chức, cá nhân: {method_label}", *pending_notes],
                    "is_return": True,
                }
            )
            pending_notes = []
        elif _is_handoff(event):
            receiver_name = next(
                (
                    later.actor_name
                    for later in events[index + 1 :]
                    if later.from_agency_id == event.to_agency_id
                    and later.from_stage == event.to_stage
                    and _acted_in_seat(later)
                ),
                "",
            )
            rows.append(
                {
                    "giver": holder_label(event.from_agency, event.from_stage, legal_set=legal_set),
                    "receiver": holder_label(event.to_agency, event.to_stage, legal_set=legal_set),
                    "at": local(event.at),
                    "giver_name": event.actor_name,
                    "receiver_name": receiver_name,
                    "verdict": VERDICTS.get(event.step_timeliness, ""),
                    "notes": [*pending_notes, *([event.note] if event.note else [])],
                    "is_return": False,
                }
            )
            pending_notes = []
        elif event.transition not in OPENING:
            note = _event_note(event)
            if rows:
                rows[-1]["notes"].append(note)
            else:
                pending_notes.append(note)
    if pending_notes:
        rows.append({"giver": "", "notes": pending_notes, "only_notes": True})
    return rows


def _published_coordinating(dossier: Dossier) -> list[str]:
    text = " ".join((dossier.procedure.coordinating_agency or "").split())
    return [text] if text else []


def build_control_sheet_context(
    dossier: Dossier | None, params: dict, *, legal_set: str = "2025"
) -> dict:
    events = list(dossier.events.select_related("from_agency", "to_agency").order_by("at", "pk"))
    transfers = [e for e in events if e.transition == "transfer" and e.to_agency is not None]
    lead = transfers[0].to_agency if transfers else None
    coordinating: list[str] = []
    for event in events:
        if event.transition == "forward_to_agency" and event.to_agency is not None:
            name = event.to_agency.name
            if (lead is None or event.to_agency_id != lead.pk) and name not in coordinating:
                coordinating.append(name)
    return {
        **applicant_context(dossier),
        "lead_agency": lead.name if lead else "",
        "coordinating_agencies": coordinating or _published_coordinating(dossier),
        "rows": control_rows(dossier, events, legal_set=legal_set),
    }


def control_sheet_applies(facts: DossierFacts) -> bool:
    """Any received dossier: the sheet follows it from receipt on."""
    return facts.has("receive", "accept_online")


for _legal_set in ("2025", "2018"):
    register_form(
        FormSpec(
            key="control_sheet",
            title=TITLE,
            template="publishing/forms/control_sheet.html",
            numbered=False,
            symbol="",
            build_context=functools.partial(build_control_sheet_context, legal_set=_legal_set),
            applies_to=control_sheet_applies,
            legal_set=_legal_set,
        )
    )
