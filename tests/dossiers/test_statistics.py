"""Dossier statistics (DOMAIN.md §4): counters kept by the services, báo cáo số 06 numbers,
lateness attributed to the agency whose step overran, rebuild, the widget and the page.

The data set is built through the real services at explicit past times, so every number
below is known by hand. The clock is frozen at Friday 30/10/2026 16:00 (Vietnam time).
"""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dossiers import services
from dossiers.calendars import working_calendar
from dossiers.models import DailyStatistic, DossierEvent, OfficerRole, Status
from dossiers.queries.statistics import (
    monthly_processed,
    naive_statistics_for_period,
    percent,
    province_summary,
    statistics_by_agency,
    statistics_for_period,
    widget_numbers,
)
from dossiers.services import Applicant
from dossiers.statistics import rebuild_statistics
from dossiers.working_time import OpenStatus, open_status
from procedures_pages.models import WorkflowStep
from tests.dossiers.factories import make_officer, vn
from tests.factories import add_procedure

NOW = vn(2026, 10, 30, 16, 0)
SEPTEMBER = (datetime.date(2026, 9, 1), datetime.date(2026, 9, 30))
OCTOBER = (datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))


@pytest.fixture
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


@pytest.fixture
def people(province, department):
    return {
        "desk": make_officer("desk", province, OfficerRole.DESK),
        "specialist": make_officer("specialist", department, OfficerRole.SPECIALIST),
        "head": make_officer("head", department, OfficerRole.DEPARTMENT_HEAD),
    }


@pytest.fixture
def procedure(catalogue, department):
    """5 working days on every channel; internal steps: desk 4 h, specialist 24 h,
    head of department 4 h (the specialist and the head work at the department)."""
    page = add_procedure(
        catalogue,
        code="1.000656",
        title="Thủ tục đăng ký khai sinh",
        level_commune=True,
        channels=[
            {
                "channel": channel,
                "time_limit_value": 5,
                "time_limit_unit": "working_days",
                "fee_amount": 0,
            }
            for channel in ("truc-tiep", "truc-tuyen", "buu-chinh")
        ],
    )
    for order, (name, role, hours, agency) in enumerate(
        [
            ("Tiếp nhận", "desk", 4, None),
            ("Thẩm định", "specialist", 24, department),
            ("Xem xét, phê duyệt", "department_head", 4, department),
        ]
    ):
        WorkflowStep.objects.create(
            page=page,
            sort_order=order,
            name=name,
            unit=name,
            role=role,
            agency=agency,
            allotted_value=hours,
            allotted_unit="hours",
        )
    return page


class Desk:
    """Drives dossiers through the real services at explicit times."""

    def __init__(self, people, procedure, province):
        self.people, self.procedure, self.province = people, procedure, province

    def receive(self, at, channel="truc-tiep"):
        return services.receive_dossier(
            actor=self.people["desk"],
            procedure=self.procedure,
            agency=self.province,
            channel=channel,
            applicant=Applicant(name="Trần Văn Bình", phone="0912000111"),
            received_at=at,
        )

    def fire(self, dossier, name, who, at, **kwargs):
        return services.fire(
            dossier, name, actor=self.people[who], version=dossier.version, at=at, **kwargs
        )

    def process(self, dossier, *, transfer, forward, approve, returned):
        dossier = self.fire(dossier, "transfer", "desk", transfer)
        dossier = self.fire(dossier, "forward", "specialist", forward)
        dossier = self.fire(dossier, "approve", "head", approve, result_number="15/QĐ-STP")
        return self.fire(dossier, "return_result", "desk", returned, method="in_person")


@pytest.fixture
def desk(people, procedure, province):
    return Desk(people, procedure, province)


@pytest.fixture
def dataset(frozen_now, desk):
    """Receipt Thu 01/10 09:00 → appointment Thu 08/10 09:00 (5 working days); the
    specialist's step from 01/10 10:00 is due Tue 06/10 10:00 (24 working hours)."""
    d = {}
    # September: S1 returned early in September; S2 carried over into October.
    d["S1"] = desk.process(
        desk.receive(vn(2026, 9, 21, 9)),
        transfer=vn(2026, 9, 21, 10), forward=vn(2026, 9, 23, 9),
        approve=vn(2026, 9, 23, 14), returned=vn(2026, 9, 25, 9),
    )  # fmt: skip
    d["S2"] = desk.process(
        desk.receive(vn(2026, 9, 28, 9)),  # due Mon 05/10 09:00
        transfer=vn(2026, 9, 28, 10), forward=vn(2026, 9, 30, 9),
        approve=vn(2026, 9, 30, 14), returned=vn(2026, 10, 5, 8, 30),
    )  # fmt: skip
    # October: three early (one online, one by post), two on time, one late.
    for name, channel in (("E1", "truc-tuyen"), ("E2", "buu-chinh"), ("E3", "truc-tiep")):
        d[name] = desk.process(
            desk.receive(vn(2026, 10, 1, 9), channel),
            transfer=vn(2026, 10, 1, 10), forward=vn(2026, 10, 5, 9),
            approve=vn(2026, 10, 5, 14), returned=vn(2026, 10, 6, 9),
        )  # fmt: skip
    for name in ("O1", "O2"):
        d[name] = desk.process(
            desk.receive(vn(2026, 10, 1, 9)),
            transfer=vn(2026, 10, 1, 10), forward=vn(2026, 10, 5, 9),
            approve=vn(2026, 10, 5, 14), returned=vn(2026, 10, 8, 8),
        )  # fmt: skip
    # L: the department's specialist overran (forward Wed 07/10 09:00 > Tue 06/10 10:00).
    d["L"] = desk.process(
        desk.receive(vn(2026, 10, 1, 9)),
        transfer=vn(2026, 10, 1, 10), forward=vn(2026, 10, 7, 9),
        approve=vn(2026, 10, 7, 14), returned=vn(2026, 10, 9, 9),
    )  # fmt: skip
    # Ineligible, refused, withdrawn, stopped.
    i = desk.fire(desk.receive(vn(2026, 10, 1, 9)), "transfer", "desk", vn(2026, 10, 1, 10))
    i = desk.fire(i, "reject_ineligible", "head", vn(2026, 10, 5, 9), note="Không đủ điều kiện")
    d["I"] = desk.fire(i, "return_result", "desk", vn(2026, 10, 6, 9), method="in_person")
    d["R"] = desk.fire(
        desk.receive(vn(2026, 10, 2, 9)),
        "refuse",
        "desk",
        vn(2026, 10, 2, 10),
        note="Sai thẩm quyền",
    )
    w = desk.fire(desk.receive(vn(2026, 10, 2, 9)), "transfer", "desk", vn(2026, 10, 2, 10))
    d["W"] = desk.fire(w, "withdraw", "desk", vn(2026, 10, 5, 9), note="Công dân có đơn xin rút")
    t = desk.fire(desk.receive(vn(2026, 10, 2, 9)), "transfer", "desk", vn(2026, 10, 2, 10))
    d["T"] = desk.fire(t, "stop", "desk", vn(2026, 10, 5, 10), note="Công dân đề nghị dừng")
    # Open at 30/10 16:00: overdue, near (due Mon 02/11), within (due Thu 05/11), waiting.
    d["P_overdue"] = desk.fire(
        desk.receive(vn(2026, 10, 1, 9)), "transfer", "desk", vn(2026, 10, 1, 10)
    )
    d["P_near"] = desk.receive(vn(2026, 10, 26, 9))
    d["P_within"] = desk.fire(
        desk.receive(vn(2026, 10, 29, 9)), "transfer", "desk", vn(2026, 10, 29, 10)
    )
    p = desk.fire(desk.receive(vn(2026, 10, 26, 10)), "transfer", "desk", vn(2026, 10, 26, 11))
    d["P_waiting"] = desk.fire(
        p, "request_supplement", "specialist", vn(2026, 10, 27, 9), note="Thiếu tờ khai"
    )
    return d


def table() -> list[tuple]:
    fields = ["agency_id", "procedure_id", "channel", "day", *[
        f.name for f in DailyStatistic._meta.fields
        if f.name not in ("id", "agency", "procedure", "channel", "day")
    ]]  # fmt: skip
    return sorted(DailyStatistic.objects.values_list(*fields))


# --- The known answers ---------------------------------------------------------------------


def test_the_data_set_is_what_the_numbers_assume(dataset):
    timeliness = {name: dossier.timeliness for name, dossier in dataset.items()}
    assert [timeliness[n] for n in ("S1", "E1", "E2", "E3")] == ["early"] * 4
    assert [timeliness[n] for n in ("S2", "O1", "O2", "L")] == ["on_time"] * 3 + ["late"]
    assert dataset["I"].outcome == "ineligible"
    calendar = working_calendar()
    assert [
        open_status(dataset[n].due_at, NOW, calendar=calendar)
        for n in ("P_overdue", "P_near", "P_within")
    ] == [OpenStatus.OVERDUE, OpenStatus.NEAR, OpenStatus.WITHIN]
    assert dataset["P_waiting"].status == Status.SUPPLEMENT_REQUESTED


def test_october_report_has_every_known_number(dataset):
    report = statistics_for_period(start=OCTOBER[0], end=OCTOBER[1], now=NOW)
    assert report.carried_over == 1  # S2, received in September, open on 01/10
    assert report.received == 14
    assert report.received_by_channel == {"truc-tuyen": 1, "truc-tiep": 12, "buu-chinh": 1}
    assert (report.processed.early, report.processed.on_time, report.processed.late) == (3, 3, 1)
    assert report.processed.total == 7
    assert (report.returned_ineligible, report.refused, report.withdrawn, report.stopped) == (
        1, 1, 1, 1,
    )  # fmt: skip
    assert (
        report.in_processing_within,
        report.in_processing_near,
        report.in_processing_overdue,
        report.waiting,
    ) == (1, 1, 1, 1)
    assert report.carried_forward == 4 == report.in_processing + report.waiting
    assert report.on_time_rate == 85.7  # 6 / 7
    assert report.late_rate == 14.3  # 1 / 7


def test_carried_over_across_the_period_boundary(dataset):
    september = statistics_for_period(start=SEPTEMBER[0], end=SEPTEMBER[1], now=NOW)
    october = statistics_for_period(start=OCTOBER[0], end=OCTOBER[1], now=NOW)
    assert (september.carried_over, september.received, september.processed.total) == (0, 2, 1)
    assert september.carried_forward == october.carried_over == 1
    # A period that starts mid-October carries over what was still open on 07/10.
    mid = statistics_for_period(start=datetime.date(2026, 10, 7), end=OCTOBER[1], now=NOW)
    # Open on 07/10: O1, O2, L, P_overdue (received 01/10) — the rest closed before.
    assert mid.carried_over == 4
    assert mid.received == 3  # P_near, P_within, P_waiting


def test_rates_are_none_without_processed_dossiers(dataset):
    empty = statistics_for_period(
        start=datetime.date(2026, 8, 1), end=datetime.date(2026, 8, 31), now=NOW
    )
    assert empty.processed.total == 0
    assert empty.on_time_rate is None and empty.late_rate is None
    assert percent(2, 3) == 66.7 and percent(1, 8) == 12.5 and percent(1, 0) is None


def test_filters_by_channel_and_receiving_agency(dataset, province, department):
    online = statistics_for_period(start=OCTOBER[0], end=OCTOBER[1], channel="truc-tuyen", now=NOW)
    assert (online.received, online.processed.early, online.processed.total) == (1, 1, 1)
    assert online.in_processing + online.waiting == 0
    at_province = statistics_for_period(start=OCTOBER[0], end=OCTOBER[1], agency=province, now=NOW)
    assert at_province.received == 14 and at_province.processed.late == 1
    # The department received nothing: its numbers are only the steps it handled.
    at_department = statistics_for_period(
        start=OCTOBER[0], end=OCTOBER[1], agency=department, now=NOW
    )
    assert (at_department.received, at_department.processed.total) == (0, 0)
    assert at_department.steps.late == 1


def test_lateness_is_attributed_to_the_department_whose_step_overran(dataset, province, department):
    late_event = DossierEvent.objects.get(dossier=dataset["L"], transition="forward")
    assert (late_event.step_timeliness, late_event.late_agency) == ("late", department)
    rows = {row.agency: row.report for row in statistics_by_agency(*OCTOBER, now=NOW)}
    assert list(rows) == [department, province]  # ordered by name: "Sở…" before "Trung…"
    assert rows[department].steps.late == 1
    assert rows[department].steps.total > 1
    assert rows[department].received == 0
    # The desk received and returned the late dossier, but none of its steps was late.
    assert rows[province].processed.late == 1
    assert rows[province].steps.late == 0
    assert rows[province].steps.total > 0
    assert rows[province].received == 14


def test_aggregates_equal_the_naive_scan(dataset, province, department, procedure):
    periods = [
        SEPTEMBER,
        OCTOBER,
        (datetime.date(2026, 10, 7), datetime.date(2026, 10, 7)),
        (datetime.date(2026, 7, 1), datetime.date(2026, 12, 31)),
    ]
    filters = [
        {},
        {"agency": province},
        {"agency": department},
        {"procedure": procedure},
        {"channel": "truc-tiep"},
        {"channel": "buu-chinh", "agency": province.pk},
    ]
    for start, end in periods:
        for extra in filters:
            fast = statistics_for_period(start=start, end=end, now=NOW, **extra)
            slow = naive_statistics_for_period(start=start, end=end, now=NOW, **extra)
            assert fast.to_dict() == slow.to_dict(), (start, end, extra)


def test_query_count_is_small_and_constant(dataset, desk, django_assert_max_num_queries):
    working_calendar()  # the calendar overrides are cached per process
    with CaptureQueriesContext(connection) as month:
        statistics_for_period(start=OCTOBER[0], end=OCTOBER[1], now=NOW)
    with django_assert_max_num_queries(2):
        statistics_for_period(
            start=datetime.date(2025, 1, 1), end=datetime.date(2026, 12, 31), now=NOW
        )
    desk.receive(vn(2026, 10, 30, 9))
    with CaptureQueriesContext(connection) as more_data:
        statistics_for_period(start=OCTOBER[0], end=OCTOBER[1], now=NOW)
    assert len(month) == len(more_data) == 2


def test_counters_move_in_the_transaction_of_the_transition(dataset, desk, province):
    before = table()
    with pytest.raises(services.DossierError):
        # Refusal without a reason is refused: nothing is written, no counter moves.
        desk.fire(dataset["P_near"], "refuse", "desk", vn(2026, 10, 30, 9), note=" ")
    assert table() == before
    row = DailyStatistic.objects.get(
        agency=province, channel="truc-tiep", day=datetime.date(2026, 10, 26)
    )
    assert row.received == 2  # P_near and P_waiting, one row per agency/procedure/channel/day


def test_online_submission_counts_when_accepted_not_when_refused(
    frozen_now, desk, procedure, province
):
    submitted = services.submit_online(
        procedure=procedure, agency=province, applicant=Applicant(name="Lê Thị Mai"),
        submitted_at=vn(2026, 10, 28, 20),
    )  # fmt: skip
    refused = services.submit_online(
        procedure=procedure, agency=province, applicant=Applicant(name="Phạm Văn An"),
        submitted_at=vn(2026, 10, 28, 21),
    )  # fmt: skip
    assert not DailyStatistic.objects.filter(received__gt=0).exists()
    desk.fire(refused, "refuse", "desk", vn(2026, 10, 29, 8), note="Hồ sơ không hợp lệ")
    desk.fire(submitted, "accept_online", "desk", vn(2026, 10, 29, 8))
    report = statistics_for_period(start=OCTOBER[0], end=OCTOBER[1], now=NOW)
    assert (report.received_by_channel["truc-tuyen"], report.refused) == (1, 0)
    assert report.in_processing == 1
    naive = naive_statistics_for_period(start=OCTOBER[0], end=OCTOBER[1], now=NOW)
    assert naive.to_dict() == report.to_dict()
    expected = table()
    DailyStatistic.objects.all().delete()
    rebuild_statistics()
    assert table() == expected


# --- Rebuild ---------------------------------------------------------------------------------


def test_rebuild_reproduces_the_table_after_truncation(dataset):
    expected = table()
    assert len(expected) > 10
    DailyStatistic.objects.all().delete()
    assert rebuild_statistics() == len(expected)
    assert table() == expected


def test_rebuild_of_a_date_range_touches_only_that_range(dataset, province):
    expected = table()
    DailyStatistic.objects.filter(day__month=10).update(received=99, steps_late=0)
    DailyStatistic.objects.filter(day=datetime.date(2026, 9, 25)).delete()
    rebuild_statistics(*OCTOBER)
    repaired = table()
    assert len(repaired) == len(expected) - 1  # 25/09 is outside the range: still missing
    rebuild_statistics(datetime.date(2026, 9, 25), datetime.date(2026, 9, 25))
    assert table() == expected


def test_rebuild_command(dataset, capsys):
    expected = table()
    DailyStatistic.objects.all().delete()
    call_command("rebuild_statistics", "--from", "2026-09-01", "--to", "2026-10-31")
    assert table() == expected
    assert "dòng thống kê" in capsys.readouterr().out


# --- Other read models -------------------------------------------------------------------


def test_monthly_series_and_province_summary(dataset):
    points = monthly_processed(last_month=datetime.date(2026, 10, 15))
    assert len(points) == 12
    assert points[0].month == datetime.date(2025, 11, 1)
    assert points[-1].month == datetime.date(2026, 10, 1)
    assert (points[-2].processed.early, points[-2].processed.total) == (1, 1)  # September
    assert (points[-1].processed.early, points[-1].processed.on_time) == (3, 3)
    assert points[-1].processed.late == 1
    summary = province_summary(datetime.date(2026, 10, 20), now=NOW)
    assert (summary.start, summary.end) == OCTOBER
    assert summary.to_dict()["processed"] == {"early": 3, "on_time": 3, "late": 1, "total": 7}
    assert summary.to_dict()["received"]["total"] == 14


def test_widget_numbers_are_the_month_so_far(dataset, settings):
    numbers = widget_numbers(datetime.date(2026, 10, 30))
    assert (numbers.processed, numbers.early_or_on_time, numbers.late) == (7, 6, 1)
    assert (numbers.on_time_rate, numbers.late_rate) == (85.7, 14.3)
    assert widget_numbers(datetime.date(2026, 10, 7)).processed == 4  # S2 + E1..E3
    settings.DOSSIER_STATISTICS_WIDGET_PERIOD = "year"
    assert widget_numbers(datetime.date(2026, 10, 30)).processed == 8  # S1 too


# --- Pages -------------------------------------------------------------------------------


def test_home_page_widget_renders_the_numbers(client, home_page, dataset):
    html = client.get(home_page.url).content.decode()
    assert "Kết quả giải quyết TTHC" in html
    assert "Đến tháng 10 đã giải quyết:" in html
    assert "<strong>85,7%</strong>" in html
    numbers = dict(re.findall(r"<dt>([^<]+)</dt>\s*<dd>([^<]+)</dd>", html))
    assert numbers["Số hồ sơ xử lý"] == "7"
    assert numbers["Trước & đúng hạn"] == "6"
    assert numbers["Trễ hạn"] == "1"
    assert numbers["Tỉ lệ trễ hạn"] == "14,3%"
    assert "30/10/2026 16:00:00" in html
    assert 'href="/thong-ke/"' in html and "Chi tiết" in html


def test_statistics_page_renders_tables_and_accessible_charts(client, home_page, dataset):
    response = client.get("/thong-ke/", {"ky": "thang", "nam": 2026, "thang": 10})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Từ ngày 01/10/2026 đến ngày 31/10/2026".lower() in html.lower()
    assert html.count("<svg") == 2
    assert 'role="img"' in html
    assert '<title id="chart-monthly-svg-title">Biểu đồ cột chồng' in html
    assert "Tỉ lệ bước xử lý trễ hạn theo cơ quan" in html
    assert "Tháng 10/2026: 3 trước hạn, 3 đúng hạn, 1 trễ hạn" in html
    # Coordinates are never localised (a decimal comma would break the SVG).
    assert not any("," in v for v in _svg_numbers(html))
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        root = ElementTree.fromstring(svg)  # well-formed
        assert root.find("{http://www.w3.org/2000/svg}title").text.strip()
        assert root.find("{http://www.w3.org/2000/svg}desc").text.strip()
    assert "Sở Tư pháp" in html and "Trung tâm Phục vụ hành chính công tỉnh" in html
    assert "85,7%" in html and "14,3%" in html
    # The department's late step: 1 of its steps in October.
    rows = statistics_by_agency(*OCTOBER, now=NOW)
    department_rate = rows[0].report.step_late_rate
    assert f"{department_rate:.1f}".replace(".", ",") + " %" in html
    assert "Tiếp nhận trong kỳ" in html and "Trước hạn" in html and "Bưu chính" in html


def _svg_numbers(html: str) -> list[str]:
    return re.findall(r'\s(?:x|y|width|height|x1|x2|y1|y2)="([^"]*)"', html.split("<svg", 1)[1])


def test_statistics_page_periods_and_errors(client, home_page, dataset, province):
    quarter = client.get("/thong-ke/", {"ky": "quy", "nam": 2026, "quy": 4}).content.decode()
    assert "01/10/2026" in quarter and "31/12/2026" in quarter
    year = client.get("/thong-ke/", {"ky": "nam", "nam": 2026}).content.decode()
    assert "01/01/2026" in year and "31/12/2026" in year
    custom = client.get(
        "/thong-ke/",
        {
            "ky": "khoang",
            "tu_ngay": "2026-09-01",
            "den_ngay": "2026-10-31",
            "co_quan": province.code,
        },
    ).content.decode()
    assert "01/09/2026" in custom and "Cơ quan tiếp nhận: Trung tâm" in custom
    broken = client.get("/thong-ke/", {"ky": "khoang", "tu_ngay": "2026-10-31"})
    assert broken.status_code == 200
    assert "Chọn cả ngày bắt đầu và ngày kết thúc." in broken.content.decode()


def test_statistics_page_without_data(client, home_page, frozen_now):
    html = client.get("/thong-ke/").content.decode()
    assert "Chưa có số liệu trong kỳ này." in html
    assert html.count("<svg") == 1  # the monthly chart, all zeros


# --- Concurrency (PostgreSQL) ------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_first_increments_of_a_new_row_are_both_counted(procedure, province):
    """Two transactions add to a row that does not exist yet: the second one's INSERT
    waits for the first to commit, fails on the unique constraint in its savepoint,
    and falls back to an UPDATE; neither count is lost and the transaction survives."""
    import threading
    import time

    from django.db import connections, transaction

    from dossiers.statistics import _add

    key = (province.pk, procedure.pk, "truc-tiep", datetime.date(2026, 10, 5))
    first_inserted = threading.Barrier(2)
    errors = []

    def first():
        try:
            with transaction.atomic():
                _add(key, {"received": 1})
                first_inserted.wait()
                time.sleep(0.5)  # the second INSERT is now waiting on the unique index
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    def second():
        try:
            first_inserted.wait()
            with transaction.atomic():
                _add(key, {"received": 1, "refused": 1})
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    row = DailyStatistic.objects.get(agency=province, day=datetime.date(2026, 10, 5))
    assert (row.received, row.refused) == (2, 1)
