"""Appointment (due) times, clock stops and timeliness of dossiers (DOMAIN.md §2–§4)."""

from __future__ import annotations

import calendar as gregorian
import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .days import WorkingCalendar
from .hours import (
    DEFAULT_OFFICE_HOURS,
    HOURS_PER_WORKING_DAY,
    OfficeHours,
    add_office_time,
    add_working_hours,
    combine_local,
    office_time_between,
    to_local,
)

# The values of procedures_pages.models.catalogue.TimeLimitUnit; TextChoices members are
# strings, so callers pass either. Kept as literals so this module imports without Django
# models being ready.
WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
HOURS = "hours"
MONTHS = "months"
SAME_DAY = "same_day"
UNSTATED = "unstated"

DEFAULT_SAME_DAY_CUTOFF = datetime.time(15, 0)
DEFAULT_NEAR_DUE_WORKING_DAYS = 2


class Timeliness(models.TextChoices):
    """How a closed dossier (or a step) finished against its appointment (DOMAIN.md §4)."""

    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Trễ hạn")


class OpenStatus(models.TextChoices):
    """Where an open dossier stands against its appointment (DOMAIN.md §4)."""

    WITHIN = "within", _("Trong hạn")
    NEAR = "near", _("Tới hạn")
    OVERDUE = "overdue", _("Quá hạn")


def _whole(value: Decimal | int, unit: str) -> int:
    if Decimal(value) != Decimal(value).to_integral_value():
        raise ValueError(f"A time limit in {unit} must be a whole number, got {value}.")
    return int(value)


def _roll_forward(
    day: datetime.date,
    moment: datetime.time,
    calendar: WorkingCalendar,
    office_hours: OfficeHours,
) -> datetime.datetime:
    """``moment`` (clamped into office hours) on ``day``, or on the next working day if
    ``day`` is not one: calendar-day and month limits never end on a non-working day."""
    return combine_local(
        calendar.next_working_day(day, include_self=True), office_hours.clamp(moment)
    )


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus calendar months, the day clamped to the end of a shorter month
    (31 January + 1 month → 28 or 29 February)."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    month = month_index + 1
    return day.replace(
        year=year, month=month, day=min(day.day, gregorian.monthrange(year, month)[1])
    )


def compute_due(
    received_at: datetime.datetime,
    value: Decimal | int | None,
    unit: str,
    *,
    calendar: WorkingCalendar,
    office_hours: OfficeHours = DEFAULT_OFFICE_HOURS,
    same_day_cutoff: datetime.time = DEFAULT_SAME_DAY_CUTOFF,
) -> datetime.datetime | None:
    """The appointment for a dossier received at ``received_at`` with a time limit of
    ``value`` ``unit`` (a ``TimeLimitUnit`` value), as an aware Vietnam-time datetime.

    Rules, all from DOMAIN.md §3 unless noted:

    - ``working_days``: ``value`` × 8 working hours ("a working day = 8 hours", §1 and §3)
      from :func:`clock_start`; fractions are allowed (0.5 day = 4 working hours).
    - ``hours``: ``value`` working hours from :func:`clock_start`.
    - ``calendar_days``: "calendar-day limits add calendar days but never end on a
      non-working day": the receipt date plus ``value`` days, at the receipt's time of day
      clamped into office hours, rolled forward to the next working day if needed.
    - ``months``: "add calendar months, then roll forward to a working day"; the day is
      clamped to the end of a shorter month and the time of day kept as for calendar days.
    - ``same_day``: "same-day procedures received after 15:00 are due the next working
      day": closing time of the receipt day if it is a working day and the receipt is
      before ``same_day_cutoff``, else closing time of the next working day.
    - ``unstated``: no appointment, ``None``; so is a limit whose ``value`` is unknown
      (kept only as text in the catalogue).
    """
    if unit == UNSTATED:
        return None
    local = to_local(received_at)
    if unit == SAME_DAY:
        day = local.date()
        if not (calendar.is_working_day(day) and local.time() < same_day_cutoff):
            day = calendar.next_working_day(day)
        return combine_local(day, office_hours.closing)
    if value is None:
        return None
    if Decimal(value) < 0:
        raise ValueError(f"A time limit must not be negative, got {value}.")
    if unit == WORKING_DAYS:
        return add_working_hours(
            received_at,
            Decimal(value) * HOURS_PER_WORKING_DAY,
            calendar=calendar,
            office_hours=office_hours,
        )
    if unit == HOURS:
        return add_working_hours(
            received_at, Decimal(value), calendar=calendar, office_hours=office_hours
        )
    if unit == CALENDAR_DAYS:
        target = local.date() + datetime.timedelta(days=_whole(value, unit))
        return _roll_forward(target, local.time(), calendar, office_hours)
    if unit == MONTHS:
        target = add_months(local.date(), _whole(value, unit))
        return _roll_forward(target, local.time(), calendar, office_hours)
    raise ValueError(f"Unknown time-limit unit {unit!r}.")


def resume_due(
    due_at: datetime.datetime,
    stopped_at: datetime.datetime,
    resumed_at: datetime.datetime,
    *,
    calendar: WorkingCalendar,
    office_hours: OfficeHours = DEFAULT_OFFICE_HOURS,
) -> datetime.datetime:
    """The appointment after a clock stop (supplement requested, waiting for payment).

    DOMAIN.md §2 rule 5: the applicant's waiting time does not count, time already spent by
    the agency does, so the appointment moves forward by the working time that elapsed
    between ``stopped_at`` and ``resumed_at`` (office time only: a stop from Friday 16:00
    to Monday 08:00 moves the appointment by 2 working hours).
    """
    paused = office_time_between(
        stopped_at, resumed_at, calendar=calendar, office_hours=office_hours
    )
    if paused <= datetime.timedelta():
        return to_local(due_at)
    return add_office_time(due_at, paused, calendar=calendar, office_hours=office_hours)


def timeliness(due_at: datetime.datetime, finished_at: datetime.datetime) -> Timeliness:
    """Early, on time or late for a closed dossier (DOMAIN.md §4; §2 rule 10).

    Returned on a date before the appointment date → early (trước hạn); on the appointment
    date and not after the appointment time → on time (đúng hạn); after the appointment
    time → late (trễ hạn). Dates are compared in Vietnam time.
    """
    due, finished = to_local(due_at), to_local(finished_at)
    if finished.date() < due.date():
        return Timeliness.EARLY
    if finished <= due:
        return Timeliness.ON_TIME
    return Timeliness.LATE


def near_due_working_days() -> int:
    """The "due soon" window from ``settings.DOSSIER_NEAR_DUE_WORKING_DAYS`` (default 2)."""
    from django.conf import settings

    return int(getattr(settings, "DOSSIER_NEAR_DUE_WORKING_DAYS", DEFAULT_NEAR_DUE_WORKING_DAYS))


def open_status(
    due_at: datetime.datetime,
    now: datetime.datetime,
    window_days: int | None = None,
    *,
    calendar: WorkingCalendar,
) -> OpenStatus:
    """Within, near or past the appointment for an open dossier (DOMAIN.md §4).

    Overdue once ``now`` is after ``due_at``; near (tới hạn) when the appointment date is
    at most ``window_days`` working days after today (today included); within otherwise.
    ``window_days`` defaults to the ``DOSSIER_NEAR_DUE_WORKING_DAYS`` setting.
    """
    due, current = to_local(due_at), to_local(now)
    if current > due:
        return OpenStatus.OVERDUE
    if window_days is None:
        window_days = near_due_working_days()
    if due.date() <= calendar.add_working_days(current.date(), window_days):
        return OpenStatus.NEAR
    return OpenStatus.WITHIN
