"""Deadlines of one dossier: the glue between the dossier and the working-time calendar.

The total deadline comes from the time-limit rule copied onto the dossier at receipt;
each internal step gets its own deadline from the procedure's workflow steps. All
arithmetic uses the receiving agency's office hours and the admin-editable calendar.
"""

import datetime
from decimal import Decimal

from procedures_pages.models import WorkflowStep

from .calendars import calendar_for
from .working_time import (
    add_working_hours,
    clock_start,
    compute_due,
    resume_due,
)
from .working_time import timeliness as _timeliness

# Used when a procedure publishes no internal workflow step for a stage.
DEFAULT_STEP_HOURS = {
    "desk": Decimal(4),
    "specialist": Decimal(16),
    "department_head": Decimal(4),
    "agency_head": Decimal(4),
    "clerk": Decimal(2),
}


def start_clock(dossier, at: datetime.datetime) -> None:
    """Start the legal time limit at ``at`` (receipt of a complete dossier)."""
    calendar, hours = calendar_for(dossier.receiving_agency_id)
    dossier.clock_started_at = clock_start(at, calendar=calendar, office_hours=hours)
    dossier.due_at = compute_due(
        at,
        dossier.time_limit_value,
        dossier.time_limit_unit or "unstated",
        calendar=calendar,
        office_hours=hours,
    )


def recompute_due(dossier) -> datetime.datetime | None:
    """The appointment as the calendar computes it today, moved by every clock stop."""
    if dossier.clock_started_at is None:
        return dossier.due_at
    calendar, hours = calendar_for(dossier.receiving_agency_id)
    due = compute_due(
        dossier.clock_started_at,
        dossier.time_limit_value,
        dossier.time_limit_unit or "unstated",
        calendar=calendar,
        office_hours=hours,
    )
    if due is None:
        return None
    for stop, resume in pauses(dossier):
        due = resume_due(due, stop, resume, calendar=calendar, office_hours=hours)
    return due


def pauses(dossier) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Clock stops (supplement, payment) already ended, from the event log."""
    stops, result, started = ("request_supplement", "request_payment"), [], None
    for event in dossier.events.order_by("at", "pk"):
        if event.transition in stops:
            started = event.at
        elif started and event.transition in ("receive_supplement", "confirm_payment"):
            result.append((started, event.at))
            started = None
    return result


def resume_clock(dossier, at: datetime.datetime) -> None:
    """The applicant answered: the appointment moves forward by the waiting time (rule 5)."""
    if dossier.due_at is None or dossier.clock_stopped_at is None:
        return
    calendar, hours = calendar_for(dossier.receiving_agency_id)
    dossier.due_at = resume_due(
        dossier.due_at, dossier.clock_stopped_at, at, calendar=calendar, office_hours=hours
    )


def step_hours(procedure, stage: str) -> Decimal:
    steps = [s for s in WorkflowStep.objects.filter(page=procedure) if s.role == stage]
    if steps:
        return sum((s.allotted_hours for s in steps), Decimal(0))
    return DEFAULT_STEP_HOURS.get(stage, Decimal(8))


def step_due(dossier, stage: str, at: datetime.datetime) -> datetime.datetime:
    """The deadline of the step that starts at ``at`` for ``stage`` at the current agency."""
    calendar, hours = calendar_for(dossier.current_agency_id)
    start = clock_start(at, calendar=calendar, office_hours=hours)
    return add_working_hours(
        start, step_hours(dossier.procedure, stage), calendar=calendar, office_hours=hours
    )


def timeliness(due_at: datetime.datetime, finished_at: datetime.datetime) -> str:
    return str(_timeliness(due_at, finished_at))


def at_least_one_working_day_before(dossier, at: datetime.datetime) -> bool:
    """Rule 9: an apology must come at the latest one working day before the deadline."""
    if dossier.due_at is None:
        return False
    calendar, _hours = calendar_for(dossier.receiving_agency_id)
    from .working_time import to_local

    today = to_local(at).date()
    due_day = to_local(dossier.due_at).date()
    return calendar.working_days_between(today, due_day) >= 1
