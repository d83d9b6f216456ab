"""Admin-editable calendar inputs: overrides and agency office hours, their cache,
the calendar_changed signal, history, and the Wagtail admin screens."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dossiers.calendar_models import AgencyOfficeHours, CalendarOverride, OverrideKind
from dossiers.calendars import calendar_changed, calendar_for, invalidate_calendar_cache
from dossiers.working_time import DEFAULT_OFFICE_HOURS, VIETNAM_TZ, OfficeHours, compute_due
from tests.factories import AgencyFactory

D = datetime.date
T = datetime.time


def vn(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VIETNAM_TZ)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # The cache lives in the process; rolled-back test transactions send no signal.
    invalidate_calendar_cache()
    yield
    invalidate_calendar_cache()


@pytest.fixture
def signals():
    received = []

    def listener(sender, **kwargs):
        received.append({"sender": sender, **kwargs})

    calendar_changed.connect(listener)
    yield received
    calendar_changed.disconnect(listener)


def due_in_one_working_day(agency=None):
    calendar, hours = calendar_for(agency)
    # Friday 5/3/2027, 09:00
    return compute_due(vn(2027, 3, 5, 9), 1, "working_days", calendar=calendar, office_hours=hours)


@pytest.mark.django_db
class TestCalendarOverride:
    def test_overrides_from_the_database_change_the_result(self, signals):
        assert due_in_one_working_day() == vn(2027, 3, 8, 9)

        working_saturday = CalendarOverride.objects.create(
            date=D(2027, 3, 6), kind=OverrideKind.WORKING_DAY, reason="Làm bù cho ngày 15/3"
        )
        assert due_in_one_working_day() == vn(2027, 3, 6, 9)

        CalendarOverride.objects.create(
            date=D(2027, 3, 8), kind=OverrideKind.DAY_OFF, reason="Nghỉ bù"
        )
        working_saturday.delete()
        assert due_in_one_working_day() == vn(2027, 3, 9, 9)

        assert [s["dates"] for s in signals] == [
            frozenset({D(2027, 3, 6)}),
            frozenset({D(2027, 3, 8)}),
            frozenset({D(2027, 3, 6)}),
        ]
        assert all(s["sender"] is CalendarOverride and s["agency"] is None for s in signals)

    def test_moving_an_override_reports_both_dates(self, signals):
        override = CalendarOverride.objects.create(
            date=D(2027, 3, 8), kind=OverrideKind.DAY_OFF, reason="Nghỉ bù"
        )
        override.date = D(2027, 3, 9)
        override.save()
        assert signals[-1]["dates"] == frozenset({D(2027, 3, 8), D(2027, 3, 9)})
        assert signals[-1]["instance"] == override
        # Monday 8/3 is a working day again; Tuesday 9/3 is off
        assert due_in_one_working_day() == vn(2027, 3, 8, 9)
        calendar = calendar_for()[0]
        assert calendar.add_working_days(D(2027, 3, 8), 1) == D(2027, 3, 10)

    def test_cache_is_reused_until_something_changes(self, django_assert_num_queries):
        with django_assert_num_queries(1):
            first = calendar_for()[0]
            assert calendar_for()[0] is first
        CalendarOverride.objects.create(
            date=D(2027, 3, 8), kind=OverrideKind.DAY_OFF, reason="Nghỉ bù"
        )
        assert calendar_for()[0] is not first
        assert not calendar_for()[0].is_working_day(D(2027, 3, 8))

    def test_history_rows_are_written_on_edits(self, admin_user):
        override = CalendarOverride(date=D(2027, 3, 8), kind=OverrideKind.DAY_OFF, reason="Dự kiến")
        override._history_user = admin_user
        override._change_reason = "Theo thông báo dự kiến"
        override.save()
        override.kind = OverrideKind.WORKING_DAY
        override.reason = "Thông báo chính thức"
        override._change_reason = "Điều chỉnh theo thông báo chính thức"
        override.save()
        override.delete()

        history = list(CalendarOverride.history.order_by("history_id"))
        assert [h.history_type for h in history] == ["+", "~", "-"]
        assert [h.kind for h in history] == ["day_off", "working_day", "working_day"]
        assert history[0].history_user == admin_user
        assert history[1].history_change_reason == "Điều chỉnh theo thông báo chính thức"
        assert history[1].diff_against(history[0]).changed_fields == ["kind", "reason"]

    def test_labels_are_vietnamese(self):
        override = CalendarOverride(date=D(2025, 4, 26), kind=OverrideKind.WORKING_DAY)
        assert str(override) == "26/04/2025 — Ngày làm việc bù"
        assert str(OverrideKind.DAY_OFF.label) == "Ngày nghỉ bổ sung"

    def test_date_is_unique(self):
        CalendarOverride.objects.create(date=D(2027, 3, 8), kind="day_off", reason="Nghỉ bù")
        with pytest.raises(ValidationError) as excinfo:
            CalendarOverride(date=D(2027, 3, 8), kind="working_day", reason="x").full_clean()
        assert "date" in excinfo.value.message_dict


@pytest.mark.django_db
class TestAgencyOfficeHours:
    def test_default_hours_without_a_row(self):
        agency = AgencyFactory()
        assert calendar_for(agency)[1] == DEFAULT_OFFICE_HOURS
        assert calendar_for(None)[1] == DEFAULT_OFFICE_HOURS
        assert AgencyOfficeHours(agency=agency).as_office_hours() == DEFAULT_OFFICE_HOURS

    def test_agency_hours_change_the_result_and_fire_the_signal(self, signals):
        agency, other = AgencyFactory(), AgencyFactory()
        assert due_in_one_working_day(agency) == vn(2027, 3, 8, 9)

        hours = AgencyOfficeHours.objects.create(
            agency=agency,
            morning_start=T(7, 30),
            morning_end=T(11, 30),
            afternoon_start=T(13, 0),
            afternoon_end=T(16, 30),
        )
        assert calendar_for(agency)[1] == OfficeHours(T(7, 30), T(11, 30), T(13), T(16, 30))
        assert calendar_for(agency.pk)[1] == calendar_for(agency)[1]
        assert agency.working_hours == hours
        # Friday 09:00–11:30 and 13:00–16:30 is 6 hours; 2 more from Monday 07:30
        assert due_in_one_working_day(agency) == vn(2027, 3, 8, 9, 30)
        assert due_in_one_working_day(other) == vn(2027, 3, 8, 9)
        assert signals[-1]["sender"] is AgencyOfficeHours
        assert signals[-1]["agency"] == agency
        assert signals[-1]["dates"] is None

        hours.delete()
        assert due_in_one_working_day(agency) == vn(2027, 3, 8, 9)
        assert len(signals) == 2

    def test_history_rows(self):
        hours = AgencyOfficeHours.objects.create(agency=AgencyFactory())
        hours.afternoon_end = T(16, 45)
        hours.save()
        assert [h.history_type for h in hours.history.order_by("history_id")] == ["+", "~"]

    @pytest.mark.parametrize(
        ("times", "field"),
        [
            ((T(8), T(7), T(13), T(17)), "morning_end"),
            ((T(7), T(12), T(11), T(17)), "afternoon_start"),
            ((T(7), T(11), T(13), T(13)), "afternoon_end"),
        ],
    )
    def test_clean_validates_the_order(self, times, field):
        hours = AgencyOfficeHours(
            agency=AgencyFactory(),
            **dict(
                zip(
                    ["morning_start", "morning_end", "afternoon_start", "afternoon_end"],
                    times,
                    strict=True,
                )
            ),
        )
        with pytest.raises(ValidationError) as excinfo:
            hours.full_clean()
        assert field in excinfo.value.message_dict
        assert "phải" in excinfo.value.message_dict[field][0]

    def test_clean_accepts_the_defaults(self):
        AgencyOfficeHours(agency=AgencyFactory()).full_clean()


@pytest.mark.django_db
class TestWagtailAdmin:
    def test_menu_and_index_pages(self, admin_client):
        response = admin_client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        # The sidebar menu is JSON with \u escapes
        content = response.content.decode()
        assert '"name": "working-calendar", "label": "L\\u1ecbch l\\u00e0m vi\\u1ec7c"' in content
        for name in ("calendaroverride", "agencyofficehours"):
            url = reverse(f"wagtailsnippets_dossiers_{name}:list")
            assert admin_client.get(url).status_code == 200

    def test_override_added_in_the_admin_changes_deadlines(self, admin_client, signals):
        response = admin_client.post(
            reverse("wagtailsnippets_dossiers_calendaroverride:add"),
            {"date": "2027-03-08", "kind": "day_off", "reason": "Nghỉ bù theo thông báo"},
        )
        assert response.status_code == 302
        override = CalendarOverride.objects.get()
        assert override.history.get().history_user.is_superuser
        assert signals[-1]["dates"] == frozenset({D(2027, 3, 8)})
        assert due_in_one_working_day() == vn(2027, 3, 9, 9)

    def test_admin_refuses_unordered_office_hours(self, admin_client):
        agency = AgencyFactory()
        response = admin_client.post(
            reverse("wagtailsnippets_dossiers_agencyofficehours:add"),
            {
                "agency": agency.pk,
                "morning_start": "07:00",
                "morning_end": "12:00",
                "afternoon_start": "11:00",
                "afternoon_end": "17:00",
            },
        )
        assert response.status_code == 200
        assert not AgencyOfficeHours.objects.exists()
        assert "Buổi chiều phải bắt đầu" in response.content.decode()
