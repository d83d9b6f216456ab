"""The working-time calendar for dossier deadlines (DOMAIN.md §0, §3, §4).

Pure computation, no database access: :mod:`dossiers.calendars` builds the calendar and
office hours from the admin-editable tables. Three layers:

- :mod:`.days`: which dates are working days (``WorkingCalendar``);
- :mod:`.hours`: office hours and working-time arithmetic on aware datetimes;
- :mod:`.deadlines`: appointments per time-limit unit, clock stops, timeliness.
"""

from .days import WorkingCalendar, holiday_names
from .deadlines import (
    DEFAULT_NEAR_DUE_WORKING_DAYS,
    DEFAULT_SAME_DAY_CUTOFF,
    OpenStatus,
    Timeliness,
    add_months,
    compute_due,
    near_due_working_days,
    open_status,
    resume_due,
    timeliness,
)
from .hours import (
    DEFAULT_OFFICE_HOURS,
    HOURS_PER_WORKING_DAY,
    VIETNAM_TZ,
    OfficeHours,
    add_office_time,
    add_working_hours,
    clock_start,
    combine_local,
    office_time_between,
    to_local,
    working_hours_between,
)

__all__ = [
    "DEFAULT_NEAR_DUE_WORKING_DAYS",
    "DEFAULT_OFFICE_HOURS",
    "DEFAULT_SAME_DAY_CUTOFF",
    "HOURS_PER_WORKING_DAY",
    "VIETNAM_TZ",
    "OfficeHours",
    "OpenStatus",
    "Timeliness",
    "WorkingCalendar",
    "add_months",
    "add_office_time",
    "add_working_hours",
    "clock_start",
    "combine_local",
    "compute_due",
    "holiday_names",
    "near_due_working_days",
    "office_time_between",
    "open_status",
    "resume_due",
    "timeliness",
    "to_local",
    "working_hours_between",
]
