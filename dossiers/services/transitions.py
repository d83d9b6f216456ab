"""Transitions of the state machine (dossiers/workflow.py) fired by officers.

``fire`` is the one path: it checks role and agency, locks the row, refuses a stale
``version``, applies the transition's effect, moves the deadline clock, bumps the version
and writes the event, the history entry and the statistics — in one transaction.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procedures_pages.models import Agency, ProcedurePage, WorkflowStep

from .. import deadlines
from .. import statistics as dossier_statistics
from ..models import Dossier, DossierEvent, Outcome, ReturnMethod, Stage, Status
from ..workflow import TRANSITIONS, Clock, Transition, allowed_transitions, transition
from .errors import DossierError, InvalidTransition, PermissionDenied, StaleVersion, officer_of

STAGE_ORDER = [Stage.SPECIALIST, Stage.DEPARTMENT_HEAD, Stage.AGENCY_HEAD]


def _actor_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def available_transitions(dossier: Dossier, user) -> list[Transition]:
    """Transitions the user may fire now: allowed by the state machine, role and agency."""
    officer = getattr(user, "officer", None)
    if officer is None:
        return []
    return [
        t
        for t in allowed_transitions(Status(dossier.status), Stage(dossier.stage))
        if officer.role in t.roles and officer.agency_id in _acting_agencies(dossier, t)
    ]


def fire(
    dossier: Dossier,
    name: str,
    *,
    actor,
    version: int,
    note: str = "",
    at: datetime.datetime | None = None,
    **params,
) -> Dossier:
    """Fire transition ``name`` on ``dossier`` as ``actor``, who last saw ``version``."""
    spec = transition(name)
    officer = officer_of(actor)
    at = at or timezone.now()
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if officer.agency_id not in (locked.current_agency_id, locked.receiving_agency_id):
            # Checked before anything else so that the refusal reveals nothing of the dossier.
            raise PermissionDenied(_("Bạn không có quyền thao tác trên hồ sơ này."))
        if locked.version != version:
            raise StaleVersion(
                _(
                    "Hồ sơ đã được người khác cập nhật (phiên bản %(current)d, bạn đang xem "
                    "phiên bản %(seen)d). Tải lại trang để xem thay đổi; không có gì bị ghi đè."
                )
                % {"current": locked.version, "seen": version}
            )
        if locked.status not in spec.sources or (
            spec.stages is not None and locked.stage not in spec.stages
        ):
            raise InvalidTransition(
                _("Không thể “%(action)s” khi hồ sơ đang ở trạng thái “%(status)s”.")
                % {"action": spec.label, "status": locked.get_status_display()}
            )
        if officer.role not in spec.roles or officer.agency_id not in _acting_agencies(
            locked, spec
        ):
            raise PermissionDenied(
                _("Bạn không có quyền “%(action)s” đối với hồ sơ này.") % {"action": spec.label}
            )
        if spec.requires_note and not note.strip():
            raise DossierError(
                _("Thao tác “%(action)s” cần ghi rõ lý do.") % {"action": spec.label},
                code="note_required",
            )
        before = _snapshot(locked)
        handler = _HANDLERS.get(name, _default_handler)
        extra = handler(locked, spec, actor=actor, at=at, note=note, **params) or {}
        if spec.target is not None:
            locked.status = spec.target
        _apply_clock(locked, spec, at)
        locked.version += 1
        locked._history_user = actor
        locked._change_reason = name
        locked.save()
        event = write_event(locked, name=name, actor=actor, at=at, note=note, data=extra, **before)
        dossier_statistics.record_event(locked, event)
    return locked


def _acting_agencies(dossier: Dossier, spec: Transition) -> set[int]:
    """Agencies whose officers may act: where the dossier is, and for the transitions the
    applicant brings to the counter also the desk that received it."""
    agencies = {dossier.current_agency_id}
    if spec.at_receiving_desk:
        agencies.add(dossier.receiving_agency_id)
    return agencies


def _snapshot(dossier: Dossier) -> dict:
    return {
        "from_status": dossier.status,
        "from_stage": dossier.stage,
        "from_agency": dossier.current_agency,
    }


def _apply_clock(dossier: Dossier, spec: Transition, at: datetime.datetime) -> None:
    if spec.clock == Clock.START:
        deadlines.start_clock(dossier, at)
        dossier.original_due_at = dossier.due_at
    elif spec.clock == Clock.STOP:
        dossier.clock_stopped_at = at
    elif spec.clock == Clock.RESUME and dossier.clock_stopped_at:
        deadlines.resume_clock(dossier, at)
        dossier.clock_stopped_at = None
    elif spec.clock == Clock.END and dossier.status in (Status.RESULT_READY,):
        dossier.result_ready_at = at


def write_event(
    dossier: Dossier,
    *,
    name: str,
    actor,
    at: datetime.datetime,
    from_status,
    from_stage: str,
    from_agency: Agency | None,
    note: str = "",
    data: dict | None = None,
    step_due_at: datetime.datetime | None = None,
) -> DossierEvent:
    """Append the event; it closes the previous step with its timeliness verdict."""
    previous = dossier.events.order_by("-at", "-pk").first() if dossier.pk else None
    verdict, late_agency = "", None
    spec = TRANSITIONS.get(name)
    if previous is not None and previous.step_due_at and (spec is None or spec.closes_step):
        verdict = deadlines.timeliness(previous.step_due_at, at)
        if verdict == "late":
            late_agency = previous.to_agency
    if step_due_at is None and not dossier.is_closed and dossier.status != Status.RESULT_READY:
        step_due_at = deadlines.step_due(dossier, Stage(dossier.stage), at)
    return DossierEvent.objects.create(
        dossier=dossier,
        transition=name,
        from_status=from_status,
        to_status=dossier.status,
        from_stage=from_stage,
        to_stage=dossier.stage,
        from_agency=from_agency,
        to_agency=dossier.current_agency,
        actor=actor,
        actor_name=_actor_name(actor),
        at=at,
        step_due_at=step_due_at,
        step_timeliness=verdict,
        late_agency=late_agency,
        note=note.strip(),
        data=data or {},
    )


# --- Per-transition effects ---------------------------------------------------------


def _default_handler(dossier: Dossier, spec: Transition, **kwargs) -> dict:
    return {}


def _transfer(dossier: Dossier, spec, *, to_agency: Agency | None = None, handler=None, **kw):
    """Desk → processing agency (rule 4): electronic transfer at once."""
    dossier.current_agency = to_agency or _processing_agency(dossier)
    dossier.stage = Stage.SPECIALIST
    dossier.current_handler = handler
    return {"to_agency": dossier.current_agency.code}


def _processing_agency(dossier: Dossier) -> Agency:
    first = _first_step_agency(dossier.procedure)
    return first or dossier.receiving_agency


def _first_step_agency(procedure: ProcedurePage) -> Agency | None:
    step = (
        WorkflowStep.objects.filter(page=procedure)
        .exclude(role="desk")
        .exclude(agency=None)
        .order_by("sort_order")
        .first()
    )
    return step.agency if step else None


def _forward(dossier: Dossier, spec, *, to_stage: str | None = None, handler=None, **kw):
    """Hand the dossier to the next stage inside the agency (or back to the desk)."""
    if to_stage is None:
        index = STAGE_ORDER.index(Stage(dossier.stage)) if dossier.stage in STAGE_ORDER else -1
        if index + 1 >= len(STAGE_ORDER):
            raise InvalidTransition(_("Hồ sơ đã ở bước cuối; hãy phê duyệt hoặc trả lại."))
        to_stage = STAGE_ORDER[index + 1]
    if to_stage not in Stage.values:
        raise DossierError(_("Bước chuyển đến không hợp lệ."), code="invalid_stage")
    dossier.stage = to_stage
    dossier.current_handler = handler
    return {"to_stage": to_stage}


def _forward_to_agency(dossier: Dossier, spec, *, to_agency: Agency | None = None, **kw):
    if to_agency is None or to_agency.pk == dossier.current_agency_id:
        raise DossierError(_("Chọn cơ quan phối hợp nhận hồ sơ."), code="missing_agency")
    dossier.current_agency = to_agency
    dossier.stage = Stage.SPECIALIST
    dossier.current_handler = None
    return {"to_agency": to_agency.code}


def _request_supplement(dossier: Dossier, spec, *, missing_documents=(), **kw):
    """Rule 5: once per agency unless the procedure allows more."""
    limit = dossier.procedure.supplement_limit
    used = dossier.events.filter(
        transition="request_supplement", from_agency=dossier.current_agency
    ).count()
    if used >= limit:
        raise InvalidTransition(
            _("Cơ quan đã yêu cầu bổ sung %(used)d lần, vượt giới hạn %(limit)d lần.")
            % {"used": used, "limit": limit}
        )
    return {"missing_documents": [str(d) for d in missing_documents]}


def _receive_supplement(dossier: Dossier, spec, **kw):
    if dossier.stage == Stage.DESK:
        # Requested at receipt: the dossier goes on to processing.
        dossier.current_agency = _processing_agency(dossier)
        dossier.stage = Stage.SPECIALIST
    return {}


def _reschedule(dossier: Dossier, spec, *, new_due_at: datetime.datetime, at, **kw):
    """Rule 9: at the latest one working day before the deadline, and only once."""
    if dossier.rescheduled:
        raise InvalidTransition(_("Hồ sơ đã được hẹn lại một lần; không thể hẹn lại nữa."))
    if dossier.due_at is None:
        raise InvalidTransition(_("Hồ sơ không có ngày hẹn trả nên không thể hẹn lại."))
    if new_due_at is None or new_due_at <= dossier.due_at:
        raise DossierError(_("Ngày hẹn mới phải sau ngày hẹn hiện tại."), code="invalid_date")
    if not deadlines.at_least_one_working_day_before(dossier, at):
        raise InvalidTransition(
            _("Phải xin lỗi và hẹn lại chậm nhất 01 ngày làm việc trước ngày hẹn trả.")
        )
    old = dossier.due_at
    dossier.due_at = new_due_at
    dossier.rescheduled = True
    return {"old_due_at": old.isoformat(), "new_due_at": new_due_at.isoformat()}


def _approve(dossier: Dossier, spec, *, result_number: str = "", at, **kw):
    dossier.outcome = Outcome.GRANTED
    dossier.result_number = result_number.strip()
    dossier.result_date = timezone.localtime(at).date()
    dossier.current_agency = dossier.receiving_agency
    dossier.stage = Stage.DESK
    return {"result_number": dossier.result_number}


def _reject_ineligible(dossier: Dossier, spec, **kw):
    dossier.outcome = Outcome.INELIGIBLE
    dossier.current_agency = dossier.receiving_agency
    dossier.stage = Stage.DESK
    return {}


def _close_on_request(dossier: Dossier, spec, **kw):
    if dossier.decision_exists:
        raise InvalidTransition(_("Hồ sơ đã có kết quả; không thể dừng hoặc rút."))
    return {}


def _return_result(dossier: Dossier, spec, *, method: str = ReturnMethod.IN_PERSON, at, **kw):
    if method not in ReturnMethod.values:
        raise DossierError(_("Hình thức trả kết quả không hợp lệ."), code="invalid_method")
    dossier.return_method = method
    dossier.returned_at = at
    # Rule 10: timeliness is judged at hand-over against the (possibly moved) appointment.
    dossier.timeliness = deadlines.timeliness(dossier.due_at, at) if dossier.due_at else ""
    return {"method": method}


def _accept_online(dossier: Dossier, spec, **kw):
    dossier.stage = Stage.DESK
    return {}


_HANDLERS = {
    "accept_online": _accept_online,
    "transfer": _transfer,
    "forward": _forward,
    "forward_to_agency": _forward_to_agency,
    "request_supplement": _request_supplement,
    "receive_supplement": _receive_supplement,
    "reschedule": _reschedule,
    "approve": _approve,
    "reject_ineligible": _reject_ineligible,
    "withdraw": _close_on_request,
    "stop": _close_on_request,
    "return_result": _return_result,
}
