"""Every write that changes a dossier: receipt and the transitions of the state machine.

Each service runs in one transaction, takes the acting user, checks role and agency, locks
the dossier row, refuses a stale ``version`` (optimistic locking for forms and API clients),
writes a ``DossierEvent`` and a history entry, recomputes deadlines and returns the dossier.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from procedures_pages.models import Agency, Channel, ProcedurePage, WorkflowStep
from procedures_pages.text import normalize

from . import deadlines
from . import statistics as dossier_statistics
from .models import (
    ChecklistItem,
    DailySequence,
    Dossier,
    DossierEvent,
    Officer,
    OfficerRole,
    Outcome,
    ReturnMethod,
    Stage,
    Status,
)
from .workflow import TRANSITIONS, Clock, Transition, allowed_transitions, transition

STAGE_ORDER = [Stage.SPECIALIST, Stage.DEPARTMENT_HEAD, Stage.AGENCY_HEAD]
ROLE_OF_STAGE = {
    Stage.DESK: OfficerRole.DESK,
    Stage.SPECIALIST: OfficerRole.SPECIALIST,
    Stage.DEPARTMENT_HEAD: OfficerRole.DEPARTMENT_HEAD,
    Stage.AGENCY_HEAD: OfficerRole.AGENCY_HEAD,
    Stage.CLERK: OfficerRole.CLERK,
}


class DossierError(Exception):
    """A refused action, with a stable code and a message for the user (Vietnamese)."""

    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class PermissionDenied(DossierError):
    code = "forbidden"


class StaleVersion(DossierError):
    code = "stale_version"


class InvalidTransition(DossierError):
    code = "invalid_transition"


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    owner_name: str = ""


def officer_of(user) -> Officer:
    officer = getattr(user, "officer", None) if user is not None else None
    if officer is None:
        raise PermissionDenied(_("Tài khoản này không phải cán bộ của cơ quan nào."))
    return officer


def _actor_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


# --- Codes -------------------------------------------------------------------------


def next_code(agency: Agency, day: datetime.date) -> str:
    """``<agency code>-<YYMMDD>-<NNNN>``, the daily sequence per agency (DOMAIN.md §5).

    Must run inside a transaction: the sequence row stays locked until commit, so two
    receipts at the same agency on the same day get consecutive numbers.
    """
    sequence = _locked_sequence(agency, day)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{agency.code}-{day:%y%m%d}-{sequence.last:04d}"


def _locked_sequence(agency: Agency, day: datetime.date) -> DailySequence:
    for _attempt in range(3):
        sequence = DailySequence.objects.select_for_update().filter(agency=agency, day=day).first()
        if sequence is not None:
            return sequence
        try:
            with transaction.atomic():
                DailySequence.objects.create(agency=agency, day=day, last=0)
        except IntegrityError:
            continue  # another receipt created it first; lock theirs
    raise DossierError(_("Không cấp được mã hồ sơ, vui lòng thử lại."), code="code_conflict")


# --- Receipt -----------------------------------------------------------------------


def receive_dossier(
    *,
    actor,
    procedure: ProcedurePage,
    agency: Agency,
    channel: str,
    applicant: Applicant,
    received_at: datetime.datetime | None = None,
    received_documents: list[str] | None = None,
    subject: str = "",
    sets: int = 1,
    note: str = "",
    submission_key: str | None = None,
) -> Dossier:
    """Receive a complete dossier at the desk or by post (rule 3).

    Issues the code and lookup secret, fixes the deadline rule in force at receipt, starts
    the clock, opens the checklist and writes the first event. ``received_documents``
    lists the ticked DocumentRequirement ids; ``None`` means every document was received.
    A repeated ``submission_key`` (a double submit) returns the dossier already created.
    """
    officer = officer_of(actor)
    if officer.role != OfficerRole.DESK or officer.agency_id != agency.pk:
        raise PermissionDenied(
            _("Chỉ cán bộ một cửa của %(agency)s được tiếp nhận hồ sơ tại cơ quan này.")
            % {"agency": agency.name}
        )
    return _create_dossier(
        actor=actor,
        procedure=procedure,
        agency=agency,
        channel=channel,
        applicant=applicant,
        at=received_at,
        received_documents=received_documents,
        subject=subject,
        sets=sets,
        note=note,
        status=Status.RECEIVED,
        submission_key=submission_key,
    )


def submit_online(
    *,
    procedure: ProcedurePage,
    agency: Agency,
    applicant: Applicant,
    submitted_at: datetime.datetime | None = None,
    subject: str = "",
    actor=None,
    submission_key: str | None = None,
) -> Dossier:
    """An applicant's online submission (status 1): coded, but no clock until the desk
    accepts it as complete (``accept_online``, rule 2)."""
    return _create_dossier(
        actor=actor,
        procedure=procedure,
        agency=agency,
        channel=Channel.ONLINE,
        applicant=applicant,
        at=submitted_at,
        received_documents=None,
        subject=subject,
        sets=1,
        note="",
        status=Status.SUBMITTED,
        submission_key=submission_key,
    )


def _create_dossier(*, submission_key: str | None = None, **fields) -> Dossier:
    """Create a dossier once per ``submission_key``: a repeat returns the first one."""
    submission_key = (submission_key or "").strip()[:64] or None
    if submission_key:
        existing = Dossier.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    try:
        return _insert_dossier(submission_key=submission_key, **fields)
    except IntegrityError:
        # Two simultaneous submits with one key: the loser returns the winner's dossier.
        existing = submission_key and Dossier.objects.filter(submission_key=submission_key).first()
        if existing:
            return existing
        raise


def _insert_dossier(
    *,
    actor,
    procedure: ProcedurePage,
    agency: Agency,
    channel: str,
    applicant: Applicant,
    at: datetime.datetime | None,
    received_documents: list[str] | None,
    subject: str,
    sets: int,
    note: str,
    status: Status,
    submission_key: str | None,
) -> Dossier:
    if channel not in Channel.values:
        raise DossierError(_("Kênh nộp hồ sơ không hợp lệ."), code="invalid_channel")
    name = normalize(applicant.name)
    if not name:
        raise DossierError(_("Nhập họ tên người nộp hồ sơ."), code="missing_applicant")
    if not 1 <= sets <= 100:
        raise DossierError(_("Số bộ hồ sơ phải từ 1 đến 100."), code="invalid_sets")
    now = timezone.now()
    at = at or now
    if timezone.is_naive(at):
        raise DossierError(_("Thời điểm phải kèm múi giờ."), code="naive_datetime")
    if at > now + datetime.timedelta(minutes=5):
        raise DossierError(
            _("Thời điểm tiếp nhận không được ở tương lai."), code="received_in_future"
        )
    local_day = timezone.localtime(at).date()
    rule = procedure.channel_rule(channel, local_day)

    with transaction.atomic():
        dossier = Dossier(
            code=next_code(agency, local_day),
            procedure=procedure,
            receiving_agency=agency,
            current_agency=agency,
            current_handler=actor,
            stage=Stage.DESK,
            applicant_name=name[:255],
            applicant_id_number=normalize(applicant.id_number)[:20],
            applicant_phone=normalize(applicant.phone)[:20],
            applicant_email=normalize(applicant.email)[:254],
            applicant_address=normalize(applicant.address)[:500],
            owner_name=normalize(applicant.owner_name)[:255],
            subject=normalize(subject)[:500] or procedure.title[:500],
            sets=sets,
            channel=channel,
            received_at=at,
            status=status,
            time_limit_value=rule.time_limit_value if rule else None,
            time_limit_unit=rule.time_limit_unit if rule else "",
            legal_version=rule.legal_version if rule else "",
            submission_key=submission_key,
        )
        if status == Status.RECEIVED:
            deadlines.start_clock(dossier, at)
            dossier.original_due_at = dossier.due_at
        dossier._history_user = actor
        dossier._change_reason = "receive" if status == Status.RECEIVED else "submit_online"
        dossier.save()
        received = {str(pk) for pk in received_documents or []}
        bulk_create_with_history(
            [
                ChecklistItem(
                    dossier=dossier,
                    requirement_name=doc.name,
                    originals=doc.originals,
                    copies=doc.copies,
                    received=received_documents is None or str(doc.pk) in received,
                )
                for doc in procedure.documents.all()
                if doc.kind == "submit"
            ],
            ChecklistItem,
            default_user=actor,
        )
        _write_event(
            dossier,
            name="receive" if status == Status.RECEIVED else "submit_online",
            actor=actor,
            at=at,
            from_status=None,
            from_stage="",
            from_agency=None,
            note=normalize(note),
            step_due_at=deadlines.step_due(dossier, Stage.DESK, at),
        )
        dossier_statistics.record_receipt(dossier)
    return dossier


# --- Transitions -------------------------------------------------------------------


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
        event = _write_event(locked, name=name, actor=actor, at=at, note=note, data=extra, **before)
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


def _write_event(
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
