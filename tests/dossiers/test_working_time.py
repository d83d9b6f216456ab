"""The working-time calendar: holidays, working-day and working-hour arithmetic, deadlines.

Expected dates are checked against the official schedules: Tết Ất Tỵ 2025 off 25/01–02/02,
30/4–02/5/2025 with Saturday 26/4 worked, 2/9/2025 with Monday 1/9; Tết Bính Ngọ 2026 off
14/02–22/02 (9 days), 2/9/2026 with Monday 31/8 off and Saturday 22/8 worked.
"""

import datetime
from decimal import Decimal

import pytest

from dossiers.working_time import (
    DEFAULT_OFFICE_HOURS,
    HOURS_PER_WORKING_DAY,
    VIETNAM_TZ,
    OfficeHours,
    OpenStatus,
    Timeliness,
    WorkingCalendar,
    add_months,
    add_working_hours,
    clock_start,
    compute_due,
    holiday_names,
    open_status,
    resume_due,
    timeliness,
    working_hours_between,
)
from procedures_pages.models.catalogue import HOURS_PER_WORKING_DAY as CATALOGUE_HOURS
from procedures_pages.models.catalogue import TimeLimitUnit

D = datetime.date
UTC = datetime.UTC


def vn(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VIETNAM_TZ)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


def due(received_at, value, unit, cal, **kwargs):
    return compute_due(received_at, value, unit, calendar=cal, **kwargs)


def days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]


# --- holidays.VN as the official calendar ---------------------------------------------


class TestOfficialCalendar:
    def test_tet_2025_off_25_january_to_2_february(self, cal):
        assert cal.non_working_days(D(2025, 1, 24), D(2025, 2, 3)) == days(
            D(2025, 1, 25), D(2025, 2, 2)
        )

    def test_2025_public_holidays_on_weekdays(self, cal):
        weekday_holidays = [
            d for d in cal.non_working_days(D(2025, 1, 1), D(2025, 12, 31)) if d.weekday() < 5
        ]
        assert weekday_holidays == [
            D(2025, 1, 1),
            *days(D(2025, 1, 27), D(2025, 1, 31)),
            D(2025, 4, 7),  # Giỗ Tổ Hùng Vương, 10/3 lunar
            D(2025, 4, 30),
            D(2025, 5, 1),
            D(2025, 5, 2),  # swapped with Saturday 26/4
            D(2025, 9, 1),  # the day adjacent to 2/9
            D(2025, 9, 2),
        ]

    def test_swapped_saturday_26_april_2025_is_a_working_day(self, cal):
        assert cal.is_working_day(D(2025, 4, 26))
        assert not cal.is_working_day(D(2025, 4, 27))
        assert cal.non_working_days(D(2025, 4, 26), D(2025, 5, 5)) == days(
            D(2025, 4, 27), D(2025, 4, 27)
        ) + days(D(2025, 4, 30), D(2025, 5, 4))

    def test_tet_2026_off_14_to_22_february(self, cal):
        assert cal.non_working_days(D(2026, 2, 13), D(2026, 2, 23)) == days(
            D(2026, 2, 14), D(2026, 2, 22)
        )

    def test_2026_public_holidays_on_weekdays(self, cal):
        weekday_holidays = [
            d for d in cal.non_working_days(D(2026, 1, 1), D(2026, 12, 31)) if d.weekday() < 5
        ]
        assert weekday_holidays == [
            D(2026, 1, 1),
            *days(D(2026, 2, 16), D(2026, 2, 20)),
            D(2026, 4, 27),  # Giỗ Tổ falls on Sunday 26/4: compensatory Monday
            D(2026, 4, 30),
            D(2026, 5, 1),
            D(2026, 8, 31),  # swapped with Saturday 22/8
            D(2026, 9, 1),
            D(2026, 9, 2),
            D(2026, 11, 24),  # Ngày Văn hóa Việt Nam, from 2026
        ]
        assert cal.is_working_day(D(2026, 8, 22))

    def test_2027_estimates(self, cal):
        # Tết Đinh Mùi falls on Saturday 6/2/2027; 1/5 on a Saturday gives Monday 3/5.
        assert cal.non_working_days(D(2027, 2, 3), D(2027, 2, 11)) == days(
            D(2027, 2, 4), D(2027, 2, 10)
        )
        assert not cal.is_working_day(D(2027, 5, 3))
        assert not cal.is_working_day(D(2027, 11, 24))

    def test_holiday_names_are_vietnamese(self):
        assert holiday_names(2025)[D(2025, 9, 2)] == "Quốc khánh"
        assert holiday_names(2026)[D(2026, 2, 17)] == "Tết Nguyên Đán"


# --- WorkingCalendar ----------------------------------------------------------------


class TestWorkingCalendar:
    def test_weekends_are_not_working_days(self, cal):
        assert cal.is_working_day(D(2025, 3, 7))
        assert not cal.is_working_day(D(2025, 3, 8))
        assert not cal.is_working_day(D(2025, 3, 9))

    def test_next_working_day(self, cal):
        assert cal.next_working_day(D(2025, 1, 24)) == D(2025, 2, 3)
        assert cal.next_working_day(D(2025, 3, 7)) == D(2025, 3, 10)
        assert cal.next_working_day(D(2025, 3, 7), include_self=True) == D(2025, 3, 7)
        assert cal.next_working_day(D(2025, 3, 8), include_self=True) == D(2025, 3, 10)

    def test_add_working_days(self, cal):
        assert cal.add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 5)
        assert cal.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
        assert cal.add_working_days(D(2026, 2, 12), 2) == D(2026, 2, 23)
        assert cal.add_working_days(D(2025, 3, 8), 0) == D(2025, 3, 8)
        assert cal.add_working_days(D(2025, 2, 3), -1) == D(2025, 1, 24)
        assert cal.previous_working_day(D(2025, 5, 5)) == D(2025, 4, 29)

    def test_add_working_days_across_years(self, cal):
        assert cal.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 2)
        assert cal.add_working_days(D(2026, 1, 2), -1) == D(2025, 12, 31)
        assert cal.add_working_days(D(2025, 1, 2), 500) - D(2025, 1, 2) > datetime.timedelta(700)

    def test_working_days_between(self, cal):
        assert cal.working_days_between(D(2025, 1, 24), D(2025, 2, 3)) == 1
        assert cal.working_days_between(D(2025, 2, 3), D(2025, 1, 24)) == -1
        assert cal.working_days_between(D(2025, 3, 10), D(2025, 3, 10)) == 0
        # 31/12, 2/1 and 5/1 (1/1 is a holiday, 3–4/1 a weekend)
        assert cal.working_days_between(D(2025, 12, 30), D(2026, 1, 5)) == 3

    def test_add_and_between_are_inverse(self, cal):
        start = D(2024, 12, 20)
        for offset in range(0, 400, 7):
            day = start + datetime.timedelta(days=offset)
            for n in (1, 3, 15, 60, -5):
                assert cal.working_days_between(day, cal.add_working_days(day, n)) == n

    def test_overrides_repeating_the_official_swap_change_nothing(self, cal):
        with_overrides = WorkingCalendar({D(2025, 4, 26): True, D(2025, 5, 2): False})
        for day in days(D(2025, 4, 1), D(2025, 5, 31)):
            assert with_overrides.is_working_day(day) == cal.is_working_day(day)

    def test_overrides_win_over_the_official_calendar(self):
        reverted = WorkingCalendar({D(2025, 4, 26): False, D(2025, 5, 2): True})
        assert not reverted.is_working_day(D(2025, 4, 26))
        assert reverted.is_working_day(D(2025, 5, 2))
        assert reverted.add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 28)
        assert reverted.add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 2)

    def test_extra_day_off_and_extra_working_saturday(self):
        # A hypothetical 2027 announcement: Monday 6/9 off (after 2/9 and 3/9), Saturday
        # 11/9 worked in exchange.
        official = WorkingCalendar()
        changed = WorkingCalendar({D(2027, 9, 6): False, D(2027, 9, 11): True})
        assert official.add_working_days(D(2027, 9, 1), 1) == D(2027, 9, 6)
        assert changed.add_working_days(D(2027, 9, 1), 1) == D(2027, 9, 7)
        assert changed.add_working_days(D(2027, 9, 10), 1) == D(2027, 9, 11)
        # 22 weekdays in September 2027, minus 1/9 itself, 2/9, 3/9 and 6/9, plus 11/9
        assert changed.working_days_between(D(2027, 9, 1), D(2027, 9, 30)) == 19

    def test_equality_follows_overrides(self):
        assert WorkingCalendar({D(2025, 1, 2): False}) == WorkingCalendar({D(2025, 1, 2): False})
        assert WorkingCalendar() != WorkingCalendar({D(2025, 1, 2): False})


# --- office hours and working time --------------------------------------------------


class TestOfficeHours:
    def test_default_is_eight_hours(self):
        assert DEFAULT_OFFICE_HOURS.day_length == datetime.timedelta(hours=8)
        assert HOURS_PER_WORKING_DAY == CATALOGUE_HOURS == 8

    @pytest.mark.parametrize(
        "times",
        [
            ((8, 0), (7, 0), (13, 0), (17, 0)),  # morning reversed
            ((7, 0), (12, 0), (11, 0), (17, 0)),  # sessions overlap
            ((7, 0), (11, 0), (13, 0), (13, 0)),  # empty afternoon
        ],
    )
    def test_invalid_sessions_are_refused(self, times):
        with pytest.raises(ValueError, match="ordered and non-overlapping"):
            OfficeHours(*(datetime.time(*t) for t in times))

    def test_afternoon_may_follow_morning_directly(self):
        hours = OfficeHours(
            datetime.time(8), datetime.time(12), datetime.time(12), datetime.time(16)
        )
        assert hours.day_length == datetime.timedelta(hours=8)


class TestClockStart:
    @pytest.mark.parametrize(
        ("received", "expected"),
        [
            (vn(2025, 3, 3, 6, 30), vn(2025, 3, 3, 7, 0)),  # before opening
            (vn(2025, 3, 3, 9, 15), vn(2025, 3, 3, 9, 15)),  # in office hours
            (vn(2025, 3, 3, 11, 30), vn(2025, 3, 3, 13, 30)),  # morning just closed
            (vn(2025, 3, 3, 12, 10), vn(2025, 3, 3, 13, 30)),  # lunch gap
            (vn(2025, 3, 3, 17, 0), vn(2025, 3, 4, 7, 0)),  # at closing
            (vn(2025, 3, 7, 19, 45), vn(2025, 3, 10, 7, 0)),  # Friday evening
            (vn(2025, 3, 9, 10, 0), vn(2025, 3, 10, 7, 0)),  # Sunday
            (vn(2025, 4, 25, 17, 30), vn(2025, 4, 26, 7, 0)),  # before a swapped Saturday
            (vn(2025, 1, 24, 17, 5), vn(2025, 2, 3, 7, 0)),  # before Tết 2025
        ],
    )
    def test_clock_start(self, cal, received, expected):
        assert clock_start(received, calendar=cal) == expected

    def test_converts_to_vietnam_time(self, cal):
        start = clock_start(datetime.datetime(2025, 3, 3, 1, 0, tzinfo=UTC), calendar=cal)
        assert start == vn(2025, 3, 3, 8, 0)
        assert start.tzinfo is VIETNAM_TZ
        # 23:30 UTC Friday is 06:30 Saturday in Vietnam
        assert clock_start(datetime.datetime(2025, 3, 7, 23, 30, tzinfo=UTC), calendar=cal) == vn(
            2025, 3, 10, 7, 0
        )

    def test_naive_datetimes_are_refused(self, cal):
        with pytest.raises(ValueError, match="aware"):
            clock_start(datetime.datetime(2025, 3, 3, 9, 0), calendar=cal)


class TestWorkingHours:
    def test_one_working_day_from_opening_ends_at_closing(self, cal):
        assert add_working_hours(vn(2025, 3, 3, 7), 8, calendar=cal) == vn(2025, 3, 3, 17)

    def test_result_at_end_of_morning_stays_at_11_30(self, cal):
        assert add_working_hours(vn(2025, 3, 3, 13, 30), Decimal("8"), calendar=cal) == vn(
            2025, 3, 4, 11, 30
        )

    def test_zero_hours_is_the_clock_start(self, cal):
        assert add_working_hours(vn(2025, 3, 3, 18), 0, calendar=cal) == vn(2025, 3, 4, 7)

    def test_negative_hours_are_refused(self, cal):
        with pytest.raises(ValueError):
            add_working_hours(vn(2025, 3, 3, 8), -1, calendar=cal)

    def test_between_counts_only_office_time(self, cal):
        assert working_hours_between(vn(2025, 3, 3, 11), vn(2025, 3, 3, 14), calendar=cal) == 1
        assert working_hours_between(vn(2025, 3, 7, 16), vn(2025, 3, 10, 8), calendar=cal) == 2
        assert working_hours_between(vn(2025, 3, 8, 9), vn(2025, 3, 9, 16), calendar=cal) == 0
        # the swapped Saturday 26/4/2025 counts as a full day
        assert working_hours_between(vn(2025, 4, 25, 16), vn(2025, 4, 28, 8), calendar=cal) == 10
        assert working_hours_between(vn(2025, 3, 10, 8), vn(2025, 3, 7, 16), calendar=cal) == -2
        assert (
            working_hours_between(vn(2025, 3, 3, 9), vn(2025, 3, 3, 9, 1), calendar=cal)
            == Decimal(1) / 60
        )

    def test_between_and_add_are_inverse(self, cal):
        starts = [vn(2025, 1, 20, 9, 17), vn(2025, 4, 24, 12), vn(2026, 2, 12, 16, 59)]
        for start in starts:
            for hours in (Decimal("0.25"), 4, 8, 11, 40, Decimal("123.5"), 8 * 250):
                end = add_working_hours(start, hours, calendar=cal)
                assert working_hours_between(start, end, calendar=cal) == hours


# --- deadlines per unit (DOMAIN.md §3) ----------------------------------------------


class TestComputeDue:
    def test_half_working_day(self, cal):
        assert due(vn(2025, 3, 3, 9), Decimal("0.5"), "working_days", cal) == vn(2025, 3, 3, 15)
        # received Friday 16:00 before Tết 2026: 1 hour on Friday, 3 after the holiday
        assert due(vn(2026, 2, 13, 16), Decimal("0.5"), "working_days", cal) == vn(2026, 2, 23, 10)

    def test_three_working_days_across_weekend_and_holidays(self, cal):
        # 30/4, 1/5 and 2/5/2025 are off, then the weekend
        assert due(vn(2025, 4, 29, 10), 3, "working_days", cal) == vn(2025, 5, 7, 10)
        # Friday 7/3/2025 14:00 over an ordinary weekend
        assert due(vn(2025, 3, 7, 14), 3, "working_days", cal) == vn(2025, 3, 12, 14)

    def test_three_working_days_across_tet_2025(self, cal):
        assert due(vn(2025, 1, 24, 8), 3, "working_days", cal) == vn(2025, 2, 5, 8)

    def test_three_working_days_across_tet_2026(self, cal):
        assert due(vn(2026, 2, 12, 14), 3, "working_days", cal) == vn(2026, 2, 24, 14)

    def test_working_days_use_the_swapped_saturday(self, cal):
        assert due(vn(2025, 4, 25, 9), 1, "working_days", cal) == vn(2025, 4, 26, 9)

    def test_receipt_after_closing_before_national_day_2025(self, cal):
        assert due(vn(2025, 8, 29, 17, 30), 1, "working_days", cal) == vn(2025, 9, 3, 17)

    def test_receipt_on_sunday(self, cal):
        assert due(vn(2025, 3, 9, 10), 2, TimeLimitUnit.WORKING_DAYS, cal) == vn(2025, 3, 11, 17)

    def test_eight_hours_from_the_lunch_gap(self, cal):
        assert due(vn(2025, 3, 3, 12, 15), 8, "hours", cal) == vn(2025, 3, 4, 11, 30)
        assert due(vn(2025, 3, 3, 6, 0), 8, TimeLimitUnit.HOURS, cal) == vn(2025, 3, 3, 17)

    def test_fifteen_calendar_days_landing_on_a_sunday(self, cal):
        # an online dossier completed on Saturday 8/3/2025; day 15 is Sunday 23/3
        assert due(vn(2025, 3, 8, 10), 15, "calendar_days", cal) == vn(2025, 3, 24, 10)

    def test_calendar_days_landing_on_saturday_and_on_holidays(self, cal):
        assert due(vn(2025, 3, 7, 14), 15, "calendar_days", cal) == vn(2025, 3, 24, 14)
        assert due(vn(2025, 4, 15, 9), 15, "calendar_days", cal) == vn(2025, 5, 5, 9)
        assert due(vn(2026, 2, 4, 9), 10, "calendar_days", cal) == vn(2026, 2, 23, 9)

    def test_calendar_days_clamp_the_time_into_office_hours(self, cal):
        assert due(vn(2025, 3, 3, 18, 30), 2, "calendar_days", cal) == vn(2025, 3, 5, 17)
        assert due(vn(2025, 3, 3, 6, 0), 2, "calendar_days", cal) == vn(2025, 3, 5, 7)
        assert due(vn(2025, 3, 3, 12, 0), 2, "calendar_days", cal) == vn(2025, 3, 5, 13, 30)

    def test_one_month_from_31_january(self, cal):
        # 31/1/2025 is a Tết day (online receipt); 28/2/2025 is a Friday
        assert due(vn(2025, 1, 31, 10), 1, "months", cal) == vn(2025, 2, 28, 10)
        # 28/2/2026 is a Saturday: roll forward to Monday 2/3
        assert due(vn(2026, 1, 31, 9), 1, TimeLimitUnit.MONTHS, cal) == vn(2026, 3, 2, 9)

    def test_add_months_clamps_to_month_end(self):
        assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
        assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
        assert add_months(D(2025, 11, 30), 14) == D(2027, 1, 30)

    def test_same_day(self, cal):
        assert due(vn(2025, 3, 3, 14, 59), None, "same_day", cal) == vn(2025, 3, 3, 17)
        assert due(vn(2025, 3, 3, 6, 45), None, "same_day", cal) == vn(2025, 3, 3, 17)
        assert due(vn(2025, 3, 3, 15, 0), None, "same_day", cal) == vn(2025, 3, 4, 17)
        assert due(vn(2025, 3, 7, 15, 30), None, "same_day", cal) == vn(2025, 3, 10, 17)
        assert due(vn(2025, 3, 9, 9, 0), None, "same_day", cal) == vn(2025, 3, 10, 17)
        # Friday 25/4/2025 after 15:00: the swapped Saturday is the next working day
        assert due(vn(2025, 4, 25, 15, 30), None, "same_day", cal) == vn(2025, 4, 26, 17)

    def test_same_day_cutoff_is_configurable(self, cal):
        assert due(
            vn(2025, 3, 3, 15, 30), None, "same_day", cal, same_day_cutoff=datetime.time(16)
        ) == vn(2025, 3, 3, 17)

    def test_unstated_or_unknown_value_has_no_due_date(self, cal):
        assert due(vn(2025, 3, 3, 9), None, TimeLimitUnit.UNSTATED, cal) is None
        assert due(vn(2025, 3, 3, 9), 5, "unstated", cal) is None
        assert due(vn(2025, 3, 3, 9), None, "working_days", cal) is None

    @pytest.mark.parametrize(
        ("value", "unit"),
        [
            (-1, "working_days"),
            (Decimal("1.5"), "calendar_days"),
            (Decimal("0.5"), "months"),
            (1, "weeks"),
        ],
    )
    def test_invalid_limits_are_refused(self, cal, value, unit):
        with pytest.raises(ValueError):
            due(vn(2025, 3, 3, 9), value, unit, cal)

    def test_per_agency_office_hours_change_the_result(self, cal):
        late_opening = OfficeHours(
            datetime.time(7, 30), datetime.time(11, 30), datetime.time(13), datetime.time(17)
        )
        received = vn(2025, 3, 3, 7, 0)
        assert due(received, Decimal("0.5"), "working_days", cal) == vn(2025, 3, 3, 11)
        assert due(received, Decimal("0.5"), "working_days", cal, office_hours=late_opening) == vn(
            2025, 3, 3, 11, 30
        )
        assert due(vn(2025, 3, 3, 12, 15), 1, "hours", cal, office_hours=late_opening) == vn(
            2025, 3, 3, 14
        )
        early_closing = OfficeHours(
            datetime.time(7), datetime.time(11), datetime.time(13), datetime.time(16, 30)
        )
        assert due(vn(2025, 3, 3, 10), None, "same_day", cal, office_hours=early_closing) == vn(
            2025, 3, 3, 16, 30
        )

    def test_result_is_aware_local_time(self, cal):
        result = due(datetime.datetime(2025, 3, 3, 2, tzinfo=UTC), 1, "working_days", cal)
        assert result == vn(2025, 3, 4, 9)
        assert result.tzinfo is VIETNAM_TZ


# --- clock stops, timeliness, open status (DOMAIN.md §2 rule 5, §4) ------------------


class TestResumeDue:
    def test_stop_spanning_a_weekend_moves_by_working_time_only(self, cal):
        # stopped Friday 15:00, resumed Monday 09:00: 2 + 2 working hours
        assert resume_due(
            vn(2025, 3, 12, 10), vn(2025, 3, 7, 15), vn(2025, 3, 10, 9), calendar=cal
        ) == vn(2025, 3, 12, 16)

    def test_stop_across_tet_2026(self, cal):
        # stopped Thursday 12/2 16:00, resumed Tuesday 24/2 08:00: 1 + 8 + 8 + 1 hours
        assert resume_due(
            vn(2026, 2, 25, 9), vn(2026, 2, 12, 16), vn(2026, 2, 24, 8), calendar=cal
        ) == vn(2026, 2, 27, 11)

    def test_due_at_closing_moves_into_the_next_working_day(self, cal):
        assert resume_due(
            vn(2025, 3, 7, 17), vn(2025, 3, 3, 9), vn(2025, 3, 3, 10), calendar=cal
        ) == vn(2025, 3, 10, 8)

    def test_stop_outside_office_hours_changes_nothing(self, cal):
        assert resume_due(
            vn(2025, 3, 12, 17), vn(2025, 3, 8, 9), vn(2025, 3, 9, 18), calendar=cal
        ) == vn(2025, 3, 12, 17)


class TestTimeliness:
    @pytest.mark.parametrize(
        ("finished", "expected"),
        [
            (vn(2025, 3, 11, 17, 0), Timeliness.EARLY),
            (vn(2025, 3, 12, 8, 0), Timeliness.ON_TIME),
            (vn(2025, 3, 12, 16, 0), Timeliness.ON_TIME),
            (vn(2025, 3, 12, 16, 1), Timeliness.LATE),
            (vn(2025, 3, 13, 8, 0), Timeliness.LATE),
            # 23:30 UTC on the 11th is 06:30 on the 12th in Vietnam: the appointment date
            (datetime.datetime(2025, 3, 11, 23, 30, tzinfo=UTC), Timeliness.ON_TIME),
        ],
    )
    def test_timeliness(self, finished, expected):
        assert timeliness(vn(2025, 3, 12, 16), finished) == expected

    def test_values_and_labels(self):
        assert Timeliness.EARLY == "early"
        assert str(Timeliness.ON_TIME.label) == "Đúng hạn"


class TestOpenStatus:
    DUE = vn(2025, 3, 12, 16)  # Wednesday

    @pytest.mark.parametrize(
        ("now", "expected"),
        [
            (vn(2025, 3, 7, 9), OpenStatus.WITHIN),  # Friday: Wednesday is 3 working days on
            (vn(2025, 3, 9, 9), OpenStatus.WITHIN),  # Sunday: still 3 (Mon, Tue, Wed)
            (vn(2025, 3, 10, 9), OpenStatus.NEAR),  # Monday: 2
            (vn(2025, 3, 12, 16), OpenStatus.NEAR),
            (vn(2025, 3, 12, 16, 0, 1), OpenStatus.OVERDUE),
        ],
    )
    def test_default_window_of_two_working_days(self, cal, now, expected):
        assert open_status(self.DUE, now, calendar=cal) == expected

    def test_window_counts_working_days_over_holidays(self, cal):
        # Tuesday 29/4/2025 → Monday 5/5/2025 is only 1 working day away
        assert open_status(vn(2025, 5, 5, 17), vn(2025, 4, 29, 9), calendar=cal) == "near"
        assert open_status(vn(2025, 5, 6, 17), vn(2025, 4, 29, 9), calendar=cal) == "near"
        assert open_status(vn(2025, 5, 7, 17), vn(2025, 4, 29, 9), calendar=cal) == "within"

    def test_window_argument(self, cal):
        assert open_status(self.DUE, vn(2025, 3, 11, 9), 0, calendar=cal) == "within"
        assert open_status(self.DUE, vn(2025, 3, 12, 8), 0, calendar=cal) == "near"

    def test_window_from_settings(self, cal, settings):
        settings.DOSSIER_NEAR_DUE_WORKING_DAYS = 3
        assert open_status(self.DUE, vn(2025, 3, 7, 9), calendar=cal) == OpenStatus.NEAR
        settings.DOSSIER_NEAR_DUE_WORKING_DAYS = 1
        assert open_status(self.DUE, vn(2025, 3, 10, 9), calendar=cal) == OpenStatus.WITHIN
