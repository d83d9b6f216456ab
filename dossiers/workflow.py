"""The dossier state machine, as data, in one place (DOMAIN.md §2).

Each ``Transition`` names the states it leaves from, the state it leads to, the officer
roles that may fire it, and what it does to the deadline clock. Services in
``dossiers.services`` look transitions up here; nothing else encodes the rules.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from .models import CLOSED_STATUSES, OfficerRole, Stage, Status


class Clock(StrEnum):
    KEEP = "keep"  # the deadline runs on
    START = "start"  # the legal time limit starts now (receipt of a complete dossier)
    STOP = "stop"  # waiting for the applicant: time does not count
    RESUME = "resume"  # the applicant answered: the appointment moves by the waiting time
    END = "end"  # a result or a closing decision exists


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[Status]
    target: Status | None  # None: the status does not change (hand-off, reschedule)
    roles: frozenset[OfficerRole]
    clock: Clock = Clock.KEEP
    stages: frozenset[Stage] | None = None  # restrict to these stages, when set
    requires_note: bool = False
    closes_step: bool = True  # ends the current step, so it gets a timeliness verdict
    # The receiving agency's desk meets the applicant, so it may fire this wherever the
    # dossier is being processed (withdrawal, stop, supplements and payments handed in).
    at_receiving_desk: bool = False


def _s(*statuses: Status) -> frozenset[Status]:
    return frozenset(statuses)


def _r(*roles: OfficerRole) -> frozenset[OfficerRole]:
    return frozenset(roles)


DESK = _r(OfficerRole.DESK)
PROCESSORS = _r(OfficerRole.SPECIALIST, OfficerRole.DEPARTMENT_HEAD, OfficerRole.AGENCY_HEAD)
LEADERS = _r(OfficerRole.DEPARTMENT_HEAD, OfficerRole.AGENCY_HEAD)
OPEN_BEFORE_DECISION = _s(
    Status.SUBMITTED,
    Status.RECEIVED,
    Status.PROCESSING,
    Status.SUPPLEMENT_REQUESTED,
    Status.WAITING_PAYMENT,
)

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        # Rule 2: an online submission is checked by the desk.
        Transition(
            "accept_online",
            _("Tiếp nhận hồ sơ trực tuyến"),
            _s(Status.SUBMITTED),
            Status.RECEIVED,
            DESK,
            clock=Clock.START,
        ),
        Transition(
            "refuse",
            _("Từ chối tiếp nhận"),
            _s(Status.SUBMITTED, Status.RECEIVED),
            Status.REFUSED,
            DESK,
            clock=Clock.END,
            requires_note=True,
        ),
        # Rule 4: the desk transfers to the processing agency/department.
        Transition(
            "transfer",
            _("Chuyển xử lý"),
            _s(Status.RECEIVED),
            Status.PROCESSING,
            DESK,
        ),
        # Hand-offs inside an agency and between agencies in a liên thông chain.
        Transition(
            "forward",
            _("Chuyển bước tiếp theo"),
            _s(Status.PROCESSING),
            None,
            PROCESSORS,
        ),
        Transition(
            "forward_to_agency",
            _("Chuyển cơ quan phối hợp (liên thông)"),
            _s(Status.PROCESSING),
            None,
            LEADERS,
        ),
        # Rule 5: supplement through the desk; clock stops and resumes.
        Transition(
            "request_supplement",
            _("Yêu cầu bổ sung hồ sơ"),
            _s(Status.RECEIVED, Status.PROCESSING),
            Status.SUPPLEMENT_REQUESTED,
            _r(OfficerRole.DESK, *PROCESSORS),
            clock=Clock.STOP,
            requires_note=True,
        ),
        Transition(
            "receive_supplement",
            _("Nhận hồ sơ bổ sung"),
            _s(Status.SUPPLEMENT_REQUESTED),
            Status.PROCESSING,
            DESK,
            clock=Clock.RESUME,
            at_receiving_desk=True,
        ),
        # Rule 6: waiting for fees or taxes.
        Transition(
            "request_payment",
            _("Yêu cầu thực hiện nghĩa vụ tài chính"),
            _s(Status.PROCESSING),
            Status.WAITING_PAYMENT,
            PROCESSORS,
            clock=Clock.STOP,
        ),
        Transition(
            "confirm_payment",
            _("Xác nhận đã nộp phí, thuế"),
            _s(Status.WAITING_PAYMENT),
            Status.PROCESSING,
            _r(OfficerRole.DESK, *PROCESSORS),
            clock=Clock.RESUME,
            at_receiving_desk=True,
        ),
        # Rule 9: apology and a new appointment, once, by the head of the agency.
        Transition(
            "reschedule",
            _("Xin lỗi và hẹn lại ngày trả kết quả"),
            _s(Status.PROCESSING, Status.WAITING_PAYMENT),
            None,
            _r(OfficerRole.AGENCY_HEAD),
            requires_note=True,
            closes_step=False,
        ),
        # The leader's approval: a result exists.
        Transition(
            "approve",
            _("Phê duyệt, ký kết quả"),
            _s(Status.PROCESSING),
            Status.RESULT_READY,
            LEADERS,
            clock=Clock.END,
            stages=frozenset({Stage.DEPARTMENT_HEAD, Stage.AGENCY_HEAD}),
        ),
        # Rule 7: returned as ineligible, with written reasons.
        Transition(
            "reject_ineligible",
            _("Trả lại hồ sơ không đủ điều kiện"),
            _s(Status.PROCESSING),
            Status.RESULT_READY,
            LEADERS,
            clock=Clock.END,
            requires_note=True,
        ),
        # Rule 8: stop or withdraw at the applicant's request, before any decision.
        Transition(
            "withdraw",
            _("Công dân rút hồ sơ"),
            OPEN_BEFORE_DECISION,
            Status.WITHDRAWN,
            DESK,
            clock=Clock.END,
            requires_note=True,
            at_receiving_desk=True,
        ),
        Transition(
            "stop",
            _("Dừng xử lý hồ sơ"),
            OPEN_BEFORE_DECISION - {Status.SUBMITTED},
            Status.STOPPED,
            _r(OfficerRole.DESK, OfficerRole.AGENCY_HEAD),
            clock=Clock.END,
            requires_note=True,
            at_receiving_desk=True,
        ),
        # Rule 10: hand over the result.
        Transition(
            "return_result",
            _("Trả kết quả"),
            _s(Status.RESULT_READY),
            Status.RETURNED,
            DESK,
        ),
    ]
}

assert all(not (t.sources & CLOSED_STATUSES) for t in TRANSITIONS.values())


def allowed_transitions(status: Status, stage: Stage | None = None) -> list[Transition]:
    """Transitions that the state machine permits from ``status`` (roles not checked)."""
    return [
        t
        for t in TRANSITIONS.values()
        if status in t.sources and (t.stages is None or stage in t.stages)
    ]


def transition(name: str) -> Transition:
    try:
        return TRANSITIONS[name]
    except KeyError:
        raise KeyError(f"unknown transition {name!r}") from None
