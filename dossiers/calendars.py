"""The calendar in force: official holidays plus the admin's overrides, per agency hours.

``calendar_for(agency)`` is what deadline code calls. Overrides and office hours are read
from the database once and kept per process; saving or deleting a ``CalendarOverride`` or
``AgencyOfficeHours`` clears the cache at once (signal receivers in
``dossiers.calendar_models``) and sends :data:`calendar_changed` so that the dossier module
can recompute the appointments of open dossiers (DOMAIN.md §3). Other processes see a change
after at most ``DOSSIER_CALENDAR_CACHE_SECONDS`` (default 60), since signals do not cross
process boundaries; writes that bypass signals (``QuerySet.update``) also wait for that.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from django.conf import settings
from django.dispatch import Signal

from .working_time import DEFAULT_OFFICE_HOURS, OfficeHours, WorkingCalendar

if TYPE_CHECKING:
    from procedures_pages.models import Agency

# Sent after a calendar input changes, inside the transaction that changed it (receivers
# that do heavy work should defer it with ``transaction.on_commit``). Arguments:
#   sender   – CalendarOverride or AgencyOfficeHours (the model class)
#   instance – the row saved or deleted
#   dates    – frozenset of the dates whose working status may have changed, or None when
#              every date is affected (office hours changed)
#   agency   – the Agency whose office hours changed, or None for every agency
calendar_changed = Signal()

DEFAULT_CACHE_SECONDS = 60

_calendar_cache: tuple[WorkingCalendar, float] | None = None
_hours_cache: dict[int, tuple[OfficeHours, float]] = {}


def _cache_seconds() -> float:
    return float(getattr(settings, "DOSSIER_CALENDAR_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))


def _fresh(loaded_at: float) -> bool:
    return time.monotonic() - loaded_at < _cache_seconds()


def invalidate_calendar_cache(*, agency_id: int | None = None) -> None:
    """Forget the cached overrides, or one agency's office hours when ``agency_id`` is
    given (``agency_id=None`` forgets everything)."""
    global _calendar_cache
    if agency_id is None:
        _calendar_cache = None
        _hours_cache.clear()
    else:
        _hours_cache.pop(agency_id, None)


def working_calendar() -> WorkingCalendar:
    """The official calendar with every ``CalendarOverride`` applied."""
    global _calendar_cache
    cached = _calendar_cache
    if cached is not None and _fresh(cached[1]):
        return cached[0]
    from .calendar_models import CalendarOverride, OverrideKind

    overrides = {
        day: kind == OverrideKind.WORKING_DAY
        for day, kind in CalendarOverride.objects.values_list("date", "kind")
    }
    calendar = WorkingCalendar(overrides)
    # Keep the previous instance when nothing changed: its per-year tables are warm.
    if cached is not None and cached[0] == calendar:
        calendar = cached[0]
    _calendar_cache = (calendar, time.monotonic())
    return calendar


def office_hours_for(agency: Agency | int | None) -> OfficeHours:
    """The agency's office hours, or the default 07:00–11:30, 13:30–17:00."""
    if agency is None:
        return DEFAULT_OFFICE_HOURS
    agency_id = agency if isinstance(agency, int) else agency.pk
    cached = _hours_cache.get(agency_id)
    if cached is not None and _fresh(cached[1]):
        return cached[0]
    from .calendar_models import AgencyOfficeHours

    row = AgencyOfficeHours.objects.filter(agency_id=agency_id).first()
    hours = row.as_office_hours() if row is not None else DEFAULT_OFFICE_HOURS
    _hours_cache[agency_id] = (hours, time.monotonic())
    return hours


def calendar_for(agency: Agency | int | None = None) -> tuple[WorkingCalendar, OfficeHours]:
    """The working calendar and the office hours that govern deadlines at ``agency``.

    Pass both on to the functions of :mod:`dossiers.working_time`::

        calendar, hours = calendar_for(dossier.receiving_agency)
        due = compute_due(received_at, value, unit, calendar=calendar, office_hours=hours)
    """
    return working_calendar(), office_hours_for(agency)
