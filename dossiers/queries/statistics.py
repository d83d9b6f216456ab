"""Read side of the dossier statistics: báo cáo số 06 numbers, per agency, per month,
and the public home-page widget (DOMAIN.md §4).

Period numbers are sums over the maintained ``DailyStatistic`` rows (one query); the open
dossiers of today come from one indexed query on the open statuses. The ``naive_*``
function computes the same report from the dossier and event tables directly: the tests
use it as the oracle and the benchmark as the baseline.

Agency filters mean the receiving agency exactly (no descendants); step verdicts are
filtered by the agency whose step it was. ``province_summary`` sums every agency.
"""

from __future__ import annotations

import calendar as gregorian
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from procedures_pages.models import Agency, Channel, ProcedurePage

from ..calendars import working_calendar
from ..models import DailyStatistic, Dossier, DossierEvent, Outcome, Status
from ..statistics import CLOSING_COUNTERS, COUNTER_FIELDS, day_start, never_received
from ..working_time import Timeliness, near_due_working_days, to_local

CHANNELS = (Channel.ONLINE.value, Channel.DIRECT.value, Channel.POSTAL.value)
IN_PROCESSING_STATUSES = (Status.RECEIVED, Status.PROCESSING, Status.RESULT_READY)
WAITING_STATUSES = (Status.SUPPLEMENT_REQUESTED, Status.WAITING_PAYMENT)
OPEN_STATUSES = IN_PROCESSING_STATUSES + WAITING_STATUSES
PERIOD_COUNTERS = tuple(field for field in COUNTER_FIELDS if field != "received")
CLOSED_COUNTERS = (
    "processed_early",
    "processed_on_time",
    "processed_late",
    "returned_ineligible",
    "refused",
    "withdrawn",
    "stopped",
)


def percent(part: int, whole: int) -> float | None:
    """``part / whole`` in percent, rounded half up to 1 decimal; ``None`` when ``whole`` is 0."""
    if not whole:
        return None
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return float(value)


@dataclass(frozen=True)
class Processed:
    early: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def total(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def early_or_on_time(self) -> int:
        return self.early + self.on_time

    def to_dict(self) -> dict[str, int]:
        return {
            "early": self.early,
            "on_time": self.on_time,
            "late": self.late,
            "total": self.total,
        }


@dataclass(frozen=True)
class StatisticsReport:
    """The numbers of báo cáo số 06 for one period (``start``..``end`` inclusive).

    ``carried_over`` is what was open at the start, ``carried_forward`` what was open at
    the end (both from the aggregates); ``in_processing_*`` and ``waiting`` describe the
    open dossiers at ``as_of`` (now), whatever the period.
    """

    start: datetime.date
    end: datetime.date
    as_of: datetime.datetime
    carried_over: int
    received_by_channel: dict[str, int]
    processed: Processed
    returned_ineligible: int
    refused: int
    withdrawn: int
    stopped: int
    in_processing_within: int
    in_processing_near: int
    in_processing_overdue: int
    waiting: int
    steps: Processed = field(default_factory=Processed)

    @property
    def received(self) -> int:
        return sum(self.received_by_channel.values())

    @property
    def received_online(self) -> int:
        return self.received_by_channel.get(Channel.ONLINE.value, 0)

    @property
    def received_direct(self) -> int:
        return self.received_by_channel.get(Channel.DIRECT.value, 0)

    @property
    def received_postal(self) -> int:
        return self.received_by_channel.get(Channel.POSTAL.value, 0)

    @property
    def closed(self) -> int:
        return (
            self.processed.total
            + self.returned_ineligible
            + self.refused
            + self.withdrawn
            + self.stopped
        )

    @property
    def carried_forward(self) -> int:
        return self.carried_over + self.received - self.closed

    @property
    def in_processing(self) -> int:
        return self.in_processing_within + self.in_processing_near + self.in_processing_overdue

    @property
    def on_time_rate(self) -> float | None:
        """(trước hạn + đúng hạn) / đã xử lý × 100."""
        return percent(self.processed.early_or_on_time, self.processed.total)

    @property
    def late_rate(self) -> float | None:
        """quá hạn / đã xử lý × 100."""
        return percent(self.processed.late, self.processed.total)

    @property
    def step_late_rate(self) -> float | None:
        return percent(self.steps.late, self.steps.total)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data for the API."""
        return {
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat()},
            "as_of": self.as_of.isoformat(),
            "carried_over": self.carried_over,
            "received": {"total": self.received, **self.received_by_channel},
            "processed": self.processed.to_dict(),
            "returned_ineligible": self.returned_ineligible,
            "refused": self.refused,
            "withdrawn": self.withdrawn,
            "stopped": self.stopped,
            "carried_forward": self.carried_forward,
            "in_processing": {
                "within": self.in_processing_within,
                "near": self.in_processing_near,
                "overdue": self.in_processing_overdue,
                "total": self.in_processing,
            },
            "waiting": self.waiting,
            "steps": self.steps.to_dict(),
            "on_time_rate": self.on_time_rate,
            "late_rate": self.late_rate,
        }


@dataclass(frozen=True)
class AgencyStatistics:
    """One row of the per-agency table: receipts and closings of the dossiers the agency
    received, and the verdicts of the steps the agency itself handled."""

    agency: Agency
    report: StatisticsReport


@dataclass(frozen=True)
class MonthPoint:
    month: datetime.date  # first day of the month
    processed: Processed


@dataclass(frozen=True)
class WidgetNumbers:
    start: datetime.date
    today: datetime.date
    processed: int
    early_or_on_time: int
    late: int
    on_time_rate: float | None
    late_rate: float | None
    updated_at: datetime.datetime


# --- Helpers ---------------------------------------------------------------------------


def _pk(value) -> int | None:
    return getattr(value, "pk", value)


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _statistic_rows(*, agency=None, procedure=None, channel=None) -> QuerySet:
    rows = DailyStatistic.objects.all()
    if agency is not None:
        rows = rows.filter(agency_id=_pk(agency))
    if procedure is not None:
        rows = rows.filter(procedure_id=_pk(procedure))
    if channel:
        rows = rows.filter(channel=channel)
    return rows


def _sum(expression, condition: Q | None = None):
    return Coalesce(Sum(expression, filter=condition), Value(0))


def _period_aggregates(start: datetime.date) -> dict[str, Any]:
    """Aggregate expressions over rows with ``day <= end`` (filtered by the caller)."""
    before, within = Q(day__lt=start), Q(day__gte=start)
    closed = F(CLOSED_COUNTERS[0])
    for name in CLOSED_COUNTERS[1:]:
        closed = closed + F(name)
    expressions = {
        "n_received_before": _sum("received", before),
        "n_closed_before": _sum(closed, before),
        **{f"n_{name}": _sum(name, within) for name in PERIOD_COUNTERS},
    }
    for channel in CHANNELS:
        expressions[f"n_received_{channel}"] = _sum("received", within & Q(channel=channel))
    # Prefixed: annotate() refuses names that clash with the model's counter fields.
    return expressions


def _open_aggregates(now: datetime.datetime) -> dict[str, Any]:
    """Counts of the open dossiers at ``now`` by where they stand against their appointment.

    Same buckets as ``working_time.open_status``: overdue after the appointment, near when
    the appointment date is at most N working days after today, within otherwise (also
    when the procedure states no time limit).
    """
    today = to_local(now).date()
    near_last_day = working_calendar().add_working_days(today, near_due_working_days())
    near_limit = day_start(near_last_day + datetime.timedelta(days=1))
    processing = Q(status__in=IN_PROCESSING_STATUSES)
    overdue = processing & Q(due_at__lt=now)
    near = processing & Q(due_at__gte=now, due_at__lt=near_limit)
    return {
        "overdue": Count("pk", filter=overdue),
        "near": Count("pk", filter=near),
        "within": Count("pk", filter=processing & ~Q(due_at__lt=near_limit)),
        "waiting": Count("pk", filter=Q(status__in=WAITING_STATUSES)),
    }


def _open_dossiers(*, agency=None, procedure=None, channel=None) -> QuerySet:
    """Open dossiers only, through the (status, due_at) index: closed ones are never read."""
    dossiers = Dossier.objects.filter(status__in=OPEN_STATUSES)
    if agency is not None:
        dossiers = dossiers.filter(receiving_agency_id=_pk(agency))
    if procedure is not None:
        dossiers = dossiers.filter(procedure_id=_pk(procedure))
    if channel:
        dossiers = dossiers.filter(channel=channel)
    return dossiers


def _report(
    start: datetime.date, end: datetime.date, now: datetime.datetime, sums: dict, open_: dict
) -> StatisticsReport:
    """The report from period sums (keys as made by ``_period_aggregates``) and open counts."""
    sums = {key.removeprefix("n_"): value for key, value in sums.items()}
    return StatisticsReport(
        start=start,
        end=end,
        as_of=now,
        carried_over=sums["received_before"] - sums["closed_before"],
        received_by_channel={c: sums[f"received_{c}"] for c in CHANNELS},
        processed=Processed(
            sums["processed_early"], sums["processed_on_time"], sums["processed_late"]
        ),
        returned_ineligible=sums["returned_ineligible"],
        refused=sums["refused"],
        withdrawn=sums["withdrawn"],
        stopped=sums["stopped"],
        in_processing_within=open_.get("within", 0),
        in_processing_near=open_.get("near", 0),
        in_processing_overdue=open_.get("overdue", 0),
        waiting=open_.get("waiting", 0),
        steps=Processed(sums["steps_early"], sums["steps_on_time"], sums["steps_late"]),
    )


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month.replace(day=1)
    return first, first.replace(day=gregorian.monthrange(first.year, first.month)[1])


# --- Public queries ----------------------------------------------------------------------


def statistics_for_period(
    *,
    start: datetime.date,
    end: datetime.date,
    agency: Agency | int | None = None,
    procedure: ProcedurePage | int | None = None,
    channel: str | None = None,
    now: datetime.datetime | None = None,
) -> StatisticsReport:
    """Báo cáo số 06 for ``start``..``end`` (inclusive), optionally for one receiving
    agency, procedure or channel. Two queries, whatever the size of the data."""
    if start > end:
        raise ValueError("start must not be after end")
    now = _now(now)
    filters = {"agency": agency, "procedure": procedure, "channel": channel}
    sums = _statistic_rows(**filters).filter(day__lte=end).aggregate(**_period_aggregates(start))
    open_ = _open_dossiers(**filters).aggregate(**_open_aggregates(now))
    return _report(start, end, now, sums, open_)


def province_summary(month: datetime.date, *, now: datetime.datetime | None = None):
    """Every agency of the province, for the calendar month containing ``month``."""
    start, end = month_bounds(month)
    return statistics_for_period(start=start, end=end, now=now)


def statistics_by_agency(
    start: datetime.date,
    end: datetime.date,
    *,
    agency: Agency | int | None = None,
    now: datetime.datetime | None = None,
) -> list[AgencyStatistics]:
    """One report per agency that has any number, ordered by name (three queries).

    Receipts, closings and open dossiers belong to the receiving agency; step verdicts
    (``report.steps``) to the agency whose step it was, so a department that overran
    shows its late steps even though the desk received and returned the dossier.
    """
    now = _now(now)
    rows = _statistic_rows(agency=agency).filter(day__lte=end)
    grouped = {
        row.pop("agency_id"): row
        for row in rows.values("agency_id").annotate(**_period_aggregates(start)).order_by()
    }
    open_by_agency = {
        row.pop("receiving_agency_id"): row
        for row in _open_dossiers(agency=agency)
        .values("receiving_agency_id")
        .annotate(**_open_aggregates(now))
        .order_by()
    }
    empty = dict.fromkeys(_period_aggregates(start), 0)
    result = []
    for item in Agency.objects.filter(pk__in=set(grouped) | set(open_by_agency)).order_by(
        "name", "pk"
    ):
        report = _report(
            start, end, now, grouped.get(item.pk, empty), open_by_agency.get(item.pk, {})
        )
        if any(_nonzero(report)):
            result.append(AgencyStatistics(agency=item, report=report))
    return result


def _nonzero(report: StatisticsReport):
    yield report.carried_over
    yield report.received
    yield report.closed
    yield report.in_processing + report.waiting
    yield report.steps.total


def monthly_processed(
    *, last_month: datetime.date, months: int = 12, agency: Agency | int | None = None
) -> list[MonthPoint]:
    """Processed early / on time / late per month, for the ``months`` months ending with
    the month of ``last_month`` (months without data included, as zeros). One query."""
    first = last_month.replace(day=1)
    for _i in range(months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    _start, end = month_bounds(last_month)
    rows = (
        _statistic_rows(agency=agency)
        .filter(day__gte=first, day__lte=end)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(
            early=Sum("processed_early"),
            on_time=Sum("processed_on_time"),
            late=Sum("processed_late"),
        )
        .order_by("month")
    )
    found = {
        _as_date(row["month"]): Processed(row["early"], row["on_time"], row["late"]) for row in rows
    }
    points, month = [], first
    for _i in range(months):
        points.append(MonthPoint(month, found.get(month, Processed())))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return points


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def widget_numbers(today: datetime.date | None = None) -> WidgetNumbers:
    """The public widget: the province's dossiers processed since the start of the month
    of ``today`` (or of the year, when ``DOSSIER_STATISTICS_WIDGET_PERIOD = "year"``)."""
    now = timezone.now()
    today = today or to_local(now).date()
    if getattr(settings, "DOSSIER_STATISTICS_WIDGET_PERIOD", "month") == "year":
        start = today.replace(month=1, day=1)
    else:
        start = today.replace(day=1)
    sums = DailyStatistic.objects.filter(day__gte=start, day__lte=today).aggregate(
        early=_sum("processed_early"),
        on_time=_sum("processed_on_time"),
        late=_sum("processed_late"),
    )
    processed = Processed(sums["early"], sums["on_time"], sums["late"])
    return WidgetNumbers(
        start=start,
        today=today,
        processed=processed.total,
        early_or_on_time=processed.early_or_on_time,
        late=processed.late,
        on_time_rate=percent(processed.early_or_on_time, processed.total),
        late_rate=percent(processed.late, processed.total),
        updated_at=now,
    )


# --- The baseline: the same report straight from dossiers and events ---------------------


def naive_statistics_for_period(
    *,
    start: datetime.date,
    end: datetime.date,
    agency: Agency | int | None = None,
    procedure: ProcedurePage | int | None = None,
    channel: str | None = None,
    now: datetime.datetime | None = None,
) -> StatisticsReport:
    """:func:`statistics_for_period` computed by scanning the dossier and event tables,
    without the maintained counters (slow on large data; an oracle and a baseline)."""
    now = _now(now)
    start_at, end_at = day_start(start), day_start(end + datetime.timedelta(days=1))
    dossiers = Dossier.objects.all()
    if agency is not None:
        dossiers = dossiers.filter(receiving_agency_id=_pk(agency))
    if procedure is not None:
        dossiers = dossiers.filter(procedure_id=_pk(procedure))
    if channel:
        dossiers = dossiers.filter(channel=channel)

    received = (
        dossiers.exclude(status=Status.SUBMITTED)
        .exclude(never_received())
        .filter(received_at__lt=end_at)
        .aggregate(
            before=Count("pk", filter=Q(received_at__lt=start_at)),
            **{
                channel_: Count("pk", filter=Q(received_at__gte=start_at, channel=channel_))
                for channel_ in CHANNELS
            },
        )
    )
    ineligible = Q(outcome=Outcome.INELIGIBLE)
    in_period = Q(returned_at__gte=start_at)
    returned = dossiers.filter(status=Status.RETURNED, returned_at__lt=end_at).aggregate(
        before=Count("pk", filter=Q(returned_at__lt=start_at)),
        early=Count("pk", filter=in_period & ~ineligible & Q(timeliness=Timeliness.EARLY)),
        on_time=Count(
            "pk",
            filter=in_period & ~ineligible & Q(timeliness__in=(Timeliness.ON_TIME, "")),
        ),
        late=Count("pk", filter=in_period & ~ineligible & Q(timeliness=Timeliness.LATE)),
        ineligible=Count("pk", filter=in_period & ineligible),
    )
    closing_events = (
        DossierEvent.objects.filter(
            dossier__in=dossiers, transition__in=tuple(CLOSING_COUNTERS), at__lt=end_at
        )
        .exclude(from_status=Status.SUBMITTED)
        .aggregate(
            before=Count("pk", filter=Q(at__lt=start_at)),
            **{
                name: Count("pk", filter=Q(at__gte=start_at, transition=name))
                for name in CLOSING_COUNTERS
            },
        )
    )
    steps = DossierEvent.objects.filter(at__gte=start_at, at__lt=end_at, from_agency__isnull=False)
    if agency is not None:
        steps = steps.filter(from_agency_id=_pk(agency))
    if procedure is not None:
        steps = steps.filter(dossier__procedure_id=_pk(procedure))
    if channel:
        steps = steps.filter(dossier__channel=channel)
    step_counts = steps.aggregate(
        **{verdict: Count("pk", filter=Q(step_timeliness=verdict)) for verdict in Timeliness.values}
    )
    open_ = _open_dossiers(agency=agency, procedure=procedure, channel=channel).aggregate(
        **_open_aggregates(now)
    )
    sums = {
        "received_before": received["before"],
        "closed_before": returned["before"] + closing_events["before"],
        **{f"received_{c}": received[c] for c in CHANNELS},
        "processed_early": returned["early"],
        "processed_on_time": returned["on_time"],
        "processed_late": returned["late"],
        "returned_ineligible": returned["ineligible"],
        "refused": closing_events["refuse"],
        "withdrawn": closing_events["withdraw"],
        "stopped": closing_events["stop"],
        "steps_early": step_counts[Timeliness.EARLY],
        "steps_on_time": step_counts[Timeliness.ON_TIME],
        "steps_late": step_counts[Timeliness.LATE],
    }
    return _report(start, end, now, sums, open_)
