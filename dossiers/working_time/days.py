"""Working days: weekends, Vietnamese public holidays and admin overrides (DOMAIN.md §0).

Dates here are plain ``datetime.date`` values (STYLE.md rule 6): which days are working days
does not depend on the time of day or on an agency's office hours.
"""

from __future__ import annotations

import datetime
import functools
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from types import MappingProxyType

import holidays

SATURDAY, SUNDAY = 5, 6


@functools.lru_cache(maxsize=256)
def _package_year(year: int) -> tuple[frozenset[datetime.date], frozenset[datetime.date]]:
    """Public holidays and the weekend days swapped into working days, per ``holidays.VN``.

    ``holidays.VN`` applies Labour Code 2019 art. 112 with the lunar dates (Tết, Giỗ Tổ),
    compensatory days (nghỉ bù) and the Government's announced swaps (e.g. Saturday
    26/4/2025 worked for Friday 2/5/2025). Its ``weekend_workdays`` set is not filtered by
    year, so the caller keeps only the dates it needs. Cached per process: building the
    lunar calendar is the expensive part and it never changes while the process runs.
    """
    vn = holidays.VN(years=year, language="vi")
    return frozenset(vn), frozenset(vn.weekend_workdays)


@functools.lru_cache(maxsize=256)
def holiday_names(year: int) -> Mapping[datetime.date, str]:
    """Names of the public holidays of ``year`` in Vietnamese, for display."""
    return MappingProxyType(dict(holidays.VN(years=year, language="vi")))


def _official_non_working(year: int) -> frozenset[datetime.date]:
    """Non-working days of ``year`` before admin overrides: weekends and public holidays,
    minus the weekend days the Government swapped into working days."""
    public_holidays, _ = _package_year(year)
    # A swap can cross a year boundary (Saturday 27/12/2014 worked for Friday 2/1/2015),
    # so the neighbouring years' swaps are consulted too.
    swapped = {
        day for y in (year - 1, year, year + 1) for day in _package_year(y)[1] if day.year == year
    }
    first = datetime.date(year, 1, 1)
    weekends = {
        first + datetime.timedelta(days=i)
        for i in range((datetime.date(year + 1, 1, 1) - first).days)
        if (first + datetime.timedelta(days=i)).weekday() in (SATURDAY, SUNDAY)
    }
    return frozenset((weekends - swapped) | {d for d in public_holidays if d.year == year})


class WorkingCalendar:
    """Which dates are working days, and day arithmetic over them.

    Built from the official calendar (Saturdays and Sundays off, ``holidays.VN`` public
    holidays, compensatory days and announced swaps) with ``overrides`` on top: a mapping
    date → ``True`` (extra working day, e.g. a swapped Saturday) or ``False`` (extra day
    off). Overrides exist because future years in ``holidays.VN`` are estimates until the
    Government announces the schedule (DOMAIN.md §0).

    Instances are immutable; per-year tables are computed lazily and kept, so one calendar
    can serve many deadline computations (bulk recomputation of open dossiers).
    """

    __slots__ = ("_overrides", "_years")

    def __init__(self, overrides: Mapping[datetime.date, bool] | None = None) -> None:
        self._overrides: Mapping[datetime.date, bool] = MappingProxyType(dict(overrides or {}))
        # year → (sorted ordinals of its working days, the same as a frozenset)
        self._years: dict[int, tuple[tuple[int, ...], frozenset[int]]] = {}

    def __repr__(self) -> str:
        return f"WorkingCalendar(overrides={dict(self._overrides)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkingCalendar):
            return NotImplemented
        return dict(self._overrides) == dict(other._overrides)

    def __hash__(self) -> int:
        return hash(frozenset(self._overrides.items()))

    @property
    def overrides(self) -> Mapping[datetime.date, bool]:
        return self._overrides

    def _year(self, year: int) -> tuple[tuple[int, ...], frozenset[int]]:
        table = self._years.get(year)
        if table is None:
            off = _official_non_working(year)
            first = datetime.date(year, 1, 1).toordinal()
            last = datetime.date(year, 12, 31).toordinal()
            working = []
            for ordinal in range(first, last + 1):
                day = datetime.date.fromordinal(ordinal)
                override = self._overrides.get(day)
                if override if override is not None else day not in off:
                    working.append(ordinal)
            table = (tuple(working), frozenset(working))
            self._years[year] = table
        return table

    def is_working_day(self, day: datetime.date) -> bool:
        """Whether ``day`` is a working day (overrides win over the official calendar)."""
        return day.toordinal() in self._year(day.year)[1]

    def next_working_day(self, day: datetime.date, *, include_self: bool = False) -> datetime.date:
        """The first working day after ``day`` (or ``day`` itself if ``include_self`` and it
        is a working day)."""
        ordinal = day.toordinal()
        year = day.year
        while True:
            ordinals = self._year(year)[0]
            index = (bisect_left if include_self else bisect_right)(ordinals, ordinal)
            if index < len(ordinals):
                return datetime.date.fromordinal(ordinals[index])
            year += 1
            ordinal = datetime.date(year, 1, 1).toordinal()
            include_self = True

    def previous_working_day(self, day: datetime.date) -> datetime.date:
        """The last working day before ``day``."""
        return self.add_working_days(day, -1)

    def add_working_days(self, day: datetime.date, n: int) -> datetime.date:
        """The ``n``-th working day after ``day`` (before it when ``n`` is negative).

        ``day`` itself is never counted, so a dossier received on Friday with 1 working day
        is due on the next working day; ``n == 0`` returns ``day`` unchanged.
        """
        if n == 0:
            return day
        ordinal = day.toordinal()
        year = day.year
        if n > 0:
            index = bisect_right(self._year(year)[0], ordinal)
            while True:
                ordinals = self._year(year)[0]
                if index + n <= len(ordinals):
                    return datetime.date.fromordinal(ordinals[index + n - 1])
                n -= len(ordinals) - index
                year += 1
                index = 0
        n = -n
        index = bisect_left(self._year(year)[0], ordinal)
        while True:
            ordinals = self._year(year)[0]
            if index - n >= 0:
                return datetime.date.fromordinal(ordinals[index - n])
            n -= index
            year -= 1
            index = len(self._year(year)[0])

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """The number of working days in (``start``, ``end``]; when ``end`` is before
        ``start``, minus the number in [``end``, ``start``).

        The inverse of :meth:`add_working_days` in both directions: for a working day
        ``end``, ``add_working_days(start, working_days_between(start, end)) == end``.
        """
        if end < start:
            one_day = datetime.timedelta(days=1)
            return -self.working_days_between(end - one_day, start - one_day)
        count = 0
        for year in range(start.year, end.year + 1):
            ordinals = self._year(year)[0]
            low = bisect_right(ordinals, start.toordinal()) if year == start.year else 0
            high = bisect_right(ordinals, end.toordinal()) if year == end.year else len(ordinals)
            count += high - low
        return count

    def non_working_days(self, start: datetime.date, end: datetime.date) -> list[datetime.date]:
        """Every non-working date in [``start``, ``end``], for display and checks."""
        return [
            start + datetime.timedelta(days=i)
            for i in range((end - start).days + 1)
            if not self.is_working_day(start + datetime.timedelta(days=i))
        ]
