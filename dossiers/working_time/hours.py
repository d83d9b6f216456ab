"""Office hours and working-time arithmetic on aware datetimes (DOMAIN.md §3).

Every function converts its input to Vietnam time (Asia/Ho_Chi_Minh, no daylight saving)
and returns aware local datetimes. Naive datetimes are refused: a deadline computed from a
guessed time zone would be off by seven hours without anyone noticing.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from zoneinfo import ZoneInfo

from .days import WorkingCalendar

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# "A working day = 8 hours" (DOMAIN.md §1 internal workflow, §3); mirrors
# procedures_pages.models.catalogue.HOURS_PER_WORKING_DAY without importing Django models.
HOURS_PER_WORKING_DAY = 8

_MICROSECONDS_PER_HOUR = Decimal(3_600_000_000)


@dataclasses.dataclass(frozen=True, slots=True)
class OfficeHours:
    """An agency's office sessions; the default is 07:00–11:30 and 13:30–17:00 (8 hours).

    DOMAIN.md §3: office hours are configurable per agency. The sessions must be ordered
    and must not overlap (the afternoon may start right when the morning ends).
    """

    morning_start: datetime.time = datetime.time(7, 0)
    morning_end: datetime.time = datetime.time(11, 30)
    afternoon_start: datetime.time = datetime.time(13, 30)
    afternoon_end: datetime.time = datetime.time(17, 0)

    def __post_init__(self) -> None:
        bounds = (self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end)
        if any(t.tzinfo is not None for t in bounds):
            raise ValueError("Office hours are local wall-clock times without a time zone.")
        if not (
            self.morning_start < self.morning_end
            and self.morning_end <= self.afternoon_start < self.afternoon_end
        ):
            raise ValueError(
                "Office sessions must be ordered and non-overlapping: "
                f"{self.morning_start}–{self.morning_end}, "
                f"{self.afternoon_start}–{self.afternoon_end}."
            )

    @property
    def opening(self) -> datetime.time:
        return self.morning_start

    @property
    def closing(self) -> datetime.time:
        return self.afternoon_end

    @property
    def sessions(self) -> tuple[tuple[datetime.time, datetime.time], ...]:
        return (
            (self.morning_start, self.morning_end),
            (self.afternoon_start, self.afternoon_end),
        )

    @property
    def day_length(self) -> datetime.timedelta:
        """Office time in one working day."""
        day = datetime.date(2000, 1, 3)
        return sum(
            (combine_local(day, end) - combine_local(day, start) for start, end in self.sessions),
            datetime.timedelta(),
        )

    def clamp(self, moment: datetime.time) -> datetime.time:
        """``moment`` moved into office hours: before opening → opening, in the lunch gap →
        afternoon start, after closing → closing."""
        if moment < self.morning_start:
            return self.morning_start
        if self.morning_end <= moment < self.afternoon_start:
            return self.afternoon_start
        if moment > self.afternoon_end:
            return self.afternoon_end
        return moment


DEFAULT_OFFICE_HOURS = OfficeHours()


def combine_local(day: datetime.date, moment: datetime.time) -> datetime.datetime:
    """``moment`` on ``day`` in Vietnam time (no daylight saving, so never ambiguous)."""
    return datetime.datetime.combine(day, moment, tzinfo=VIETNAM_TZ)


def to_local(value: datetime.datetime) -> datetime.datetime:
    """``value`` in Vietnam time; naive datetimes are an error."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"Expected an aware datetime, got naive {value!r}.")
    return value.astimezone(VIETNAM_TZ)


def hours_to_timedelta(hours: Decimal | int) -> datetime.timedelta:
    """Decimal working hours as a timedelta, exact to the microsecond."""
    micro = (Decimal(hours) * _MICROSECONDS_PER_HOUR).to_integral_value(ROUND_HALF_EVEN)
    return datetime.timedelta(microseconds=int(micro))


def timedelta_to_hours(value: datetime.timedelta) -> Decimal:
    """A timedelta as Decimal hours (exact division, default decimal context)."""
    return Decimal(value // datetime.timedelta(microseconds=1)) / _MICROSECONDS_PER_HOUR


def clock_start(
    received_at: datetime.datetime,
    *,
    calendar: WorkingCalendar,
    office_hours: OfficeHours = DEFAULT_OFFICE_HOURS,
) -> datetime.datetime:
    """The moment the processing clock starts for a receipt at ``received_at``.

    DOMAIN.md §3: a receipt before opening counts from opening, in the lunch gap from the
    afternoon start (13:30), after closing — or on a non-working day — from the next working
    morning. A receipt within office hours starts the clock at once.
    """
    local = to_local(received_at)
    day, moment = local.date(), local.time()
    if calendar.is_working_day(day) and moment < office_hours.closing:
        for start, end in office_hours.sessions:
            if moment < end:
                return combine_local(day, max(start, moment))
    return combine_local(calendar.next_working_day(day), office_hours.opening)


def _elapsed_in_day(
    local: datetime.datetime, calendar: WorkingCalendar, office_hours: OfficeHours
) -> datetime.timedelta:
    """Office time on ``local``'s date before ``local`` (zero on a non-working day)."""
    day = local.date()
    if not calendar.is_working_day(day):
        return datetime.timedelta()
    elapsed = datetime.timedelta()
    for start, end in office_hours.sessions:
        session_start, session_end = combine_local(day, start), combine_local(day, end)
        if local > session_start:
            elapsed += min(local, session_end) - session_start
    return elapsed


def office_time_between(
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    calendar: WorkingCalendar,
    office_hours: OfficeHours = DEFAULT_OFFICE_HOURS,
) -> datetime.timedelta:
    """Office time between two moments, as a timedelta (negative if ``end`` < ``start``)."""
    start, end = to_local(start), to_local(end)
    if end < start:
        return -office_time_between(end, start, calendar=calendar, office_hours=office_hours)
    first, last = start.date(), end.date()
    # Working days in [first, last): each contributes a full office day, then the partial
    # days at both ends are corrected by the office time elapsed before each moment.
    whole_days = (
        calendar.working_days_between(first, last)
        - calendar.is_working_day(last)
        + calendar.is_working_day(first)
    )
    return (
        whole_days * office_hours.day_length
        + _elapsed_in_day(end, calendar, office_hours)
        - _elapsed_in_day(start, calendar, office_hours)
    )


def add_office_time(
    start: datetime.datetime,
    duration: datetime.timedelta,
    *,
    calendar: WorkingCalendar,
    office_hours: OfficeHours = DEFAULT_OFFICE_HOURS,
) -> datetime.datetime:
    """The moment ``duration`` of office time after ``start``.

    ``start`` is first moved to the clock start (:func:`clock_start`). A result that falls
    exactly at the end of a session stays there (11:30 or 17:00) rather than jumping to the
    next session, so one working day from 07:00 Monday ends at 17:00 Monday.
    """
    if duration < datetime.timedelta():
        raise ValueError("Working time to add must not be negative.")
    current = clock_start(start, calendar=calendar, office_hours=office_hours)
    remaining = duration
    day = current.date()
    for session_start, session_end in office_hours.sessions:
        begin = max(combine_local(day, session_start), current)
        end = combine_local(day, session_end)
        if begin >= end:
            continue
        if remaining <= end - begin:
            return begin + remaining
        remaining -= end - begin
    # Skip whole office days in one step instead of walking them session by session.
    whole_days, rest = divmod(remaining, office_hours.day_length)
    if not rest:
        return combine_local(calendar.add_working_days(day, whole_days), office_hours.closing)
    day = calendar.add_working_days(day, whole_days + 1)
    for session_start, session_end in office_hours.sessions:
        length = combine_local(day, session_end) - combine_local(day, session_start)
        if rest <= length:
            return combine_local(day, session_start) + rest
        rest -= length
    raise AssertionError("unreachable: rest is shorter than one office day")


def add_working_hours(
    start: datetime.datetime,
    hours: Decimal | int,
    *,
    calendar: WorkingCalendar,
    office_hours: OfficeHours = DEFAULT_OFFICE_HOURS,
) -> datetime.datetime:
    """The moment ``hours`` working hours after ``start`` (see :func:`add_office_time`)."""
    return add_office_time(
        start, hours_to_timedelta(hours), calendar=calendar, office_hours=office_hours
    )


def working_hours_between(
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    calendar: WorkingCalendar,
    office_hours: OfficeHours = DEFAULT_OFFICE_HOURS,
) -> Decimal:
    """Working hours between two moments: only office time on working days counts.

    Used for clock stops (DOMAIN.md §2 rule 5) and for how late a step or dossier was.
    Negative when ``end`` is before ``start``.
    """
    return timedelta_to_hours(
        office_time_between(start, end, calendar=calendar, office_hours=office_hours)
    )
