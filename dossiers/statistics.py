"""Maintenance of the ``DailyStatistic`` counters (DOMAIN.md §4).

The services call :func:`record_receipt` and :func:`record_event` inside their own
transaction, so a counter moves if and only if the transition it counts is committed.
:func:`rebuild_statistics` recomputes the same counters from dossiers and events, for
repairs and for data loaded in bulk; both paths follow the rules below, and the tests hold
them to the same table.

Counting rules:

- **received**: a dossier that reached "Được tiếp nhận", on the local day of its
  ``received_at``, for the receiving agency. An online submission refused or withdrawn
  before the desk accepted it was never received and is counted nowhere.
- **processed early / on time / late**: on the local day the result was handed over
  (``return_result``), for the receiving agency, from the dossier's ``timeliness``; a
  dossier whose procedure states no time limit cannot be late and counts as on time.
  A result of "ineligible" counts as **returned_ineligible** instead.
- **refused / withdrawn / stopped**: on the local day of that transition, for the
  receiving agency (only for dossiers that had been received, see above).
- **steps early / on time / late**: every step verdict of an event, on the local day of
  the event, for the agency whose step it was (``event.from_agency``), so lateness is
  attributed to the department that overran and not to the desk.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from .models import DailyStatistic, Dossier, DossierEvent, Outcome, Status
from .working_time import VIETNAM_TZ, Timeliness, combine_local, to_local

COUNTER_FIELDS = (
    "received",
    "processed_early",
    "processed_on_time",
    "processed_late",
    "returned_ineligible",
    "refused",
    "withdrawn",
    "stopped",
    "steps_early",
    "steps_on_time",
    "steps_late",
)
CLOSING_COUNTERS = {"refuse": "refused", "withdraw": "withdrawn", "stop": "stopped"}
STEP_COUNTERS = {
    Timeliness.EARLY.value: "steps_early",
    Timeliness.ON_TIME.value: "steps_on_time",
    Timeliness.LATE.value: "steps_late",
}
PROCESSED_COUNTERS = {
    Timeliness.EARLY.value: "processed_early",
    Timeliness.ON_TIME.value: "processed_on_time",
    Timeliness.LATE.value: "processed_late",
    # No appointment (procedure without a time limit): it cannot be late.
    "": "processed_on_time",
}

# (agency_id, procedure_id, channel, day)
Key = tuple[int, int, str, datetime.date]
Progress = Callable[[Iterable[Any], int | None, str], Iterable[Any]]


def local_day(moment: datetime.datetime) -> datetime.date:
    return to_local(moment).date()


def day_start(day: datetime.date) -> datetime.datetime:
    """Local midnight opening ``day``, as an aware datetime (for range filters)."""
    return combine_local(day, datetime.time.min)


def processed_counter(outcome: str, timeliness: str) -> str:
    """The counter a returned dossier adds to."""
    if outcome == Outcome.INELIGIBLE:
        return "returned_ineligible"
    return PROCESSED_COUNTERS.get(timeliness or "", "processed_on_time")


# --- Live maintenance, called by the services ----------------------------------------------


def record_receipt(dossier: Dossier) -> None:
    """Count a dossier received by ``receive_dossier`` (same transaction as the receipt)."""
    if dossier.status == Status.SUBMITTED:
        return  # counted when the desk accepts it (``accept_online``)
    _add(_key(dossier, dossier.receiving_agency_id, dossier.received_at), {"received": 1})


def record_event(dossier: Dossier, event: DossierEvent) -> None:
    """Count what ``event`` (just written by ``fire``) changes in the statistics."""
    increments: dict[Key, Counter] = defaultdict(Counter)
    for key, counter in _event_counters(dossier, event):
        increments[key][counter] += 1
    for key, counters in increments.items():
        _add(key, counters)


def _event_counters(dossier: Dossier, event: DossierEvent) -> Iterator[tuple[Key, str]]:
    name = event.transition
    if name == "accept_online":
        yield _key(dossier, dossier.receiving_agency_id, dossier.received_at), "received"
    elif name == "return_result":
        yield (
            _key(dossier, dossier.receiving_agency_id, event.at),
            processed_counter(dossier.outcome, dossier.timeliness),
        )
    elif name in CLOSING_COUNTERS and event.from_status != Status.SUBMITTED:
        yield _key(dossier, dossier.receiving_agency_id, event.at), CLOSING_COUNTERS[name]
    step_counter = STEP_COUNTERS.get(event.step_timeliness)
    if step_counter and event.from_agency_id is not None:
        yield _key(dossier, event.from_agency_id, event.at), step_counter


def _key(dossier: Dossier, agency_id: int, moment: datetime.datetime) -> Key:
    return (agency_id, dossier.procedure_id, dossier.channel, local_day(moment))


def _add(key: Key, increments: dict[str, int]) -> None:
    """Add ``increments`` to the row of ``key``, creating it if needed, without races.

    The UPDATE with ``F()`` is atomic in the database. When the row does not exist yet,
    two transactions may try to create it at once: the loser's INSERT fails on the unique
    constraint inside its own savepoint (PostgreSQL waits for the winner to commit before
    deciding), and it then updates the winner's row. ``DailyStatistic`` has no history
    tracking, so ``F()`` updates lose nothing here.
    """
    agency_id, procedure_id, channel, day = key
    lookup = {"agency_id": agency_id, "procedure_id": procedure_id, "channel": channel, "day": day}
    changes = {field: F(field) + amount for field, amount in increments.items() if amount}
    if not changes:
        return
    if DailyStatistic.objects.filter(**lookup).update(**changes):
        return
    try:
        with transaction.atomic():
            DailyStatistic.objects.create(**lookup, **increments)
        return
    except IntegrityError:
        pass  # created concurrently: add to that row
    DailyStatistic.objects.filter(**lookup).update(**changes)


# --- Rebuild ---------------------------------------------------------------------------


def rebuild_statistics(
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    *,
    progress: Progress | None = None,
) -> int:
    """Recompute the rows of days ``start``..``end`` (inclusive; ``None`` = unbounded)
    from dossiers and events, replacing what is there. Returns the number of rows written.

    Runs in one transaction. On PostgreSQL the table is locked against writes first, so
    services that commit during the rebuild wait and then add to the rebuilt rows instead
    of being overwritten or counted twice.
    """
    progress = progress or _no_progress
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"LOCK TABLE {DailyStatistic._meta.db_table} IN SHARE ROW EXCLUSIVE MODE"
                )
        totals: dict[Key, Counter] = defaultdict(Counter)
        for source, total, label in _sources(start, end):
            for key, counter, count in progress(source, total, label):
                totals[key][counter] += count
        rows = _existing(start, end)
        rows.delete()
        objects = [
            DailyStatistic(
                agency_id=key[0], procedure_id=key[1], channel=key[2], day=key[3], **counters
            )
            for key, counters in totals.items()
            if any(counters.values())
        ]
        batch = 1000
        for offset in progress(range(0, len(objects), batch), -(-len(objects) // batch), _("ghi")):
            DailyStatistic.objects.bulk_create(objects[offset : offset + batch])
    return len(objects)


def _no_progress(iterable: Iterable[Any], total: int | None, label: str) -> Iterable[Any]:
    return iterable


def _existing(start: datetime.date | None, end: datetime.date | None):
    rows = DailyStatistic.objects.all()
    if start is not None:
        rows = rows.filter(day__gte=start)
    if end is not None:
        rows = rows.filter(day__lte=end)
    return rows


def _between(field: str, start: datetime.date | None, end: datetime.date | None) -> Q:
    q = Q()
    if start is not None:
        q &= Q(**{f"{field}__gte": day_start(start)})
    if end is not None:
        q &= Q(**{f"{field}__lt": day_start(end + datetime.timedelta(days=1))})
    return q


def never_received() -> Exists:
    """Dossiers closed while still an unaccepted online submission."""
    return Exists(
        DossierEvent.objects.filter(
            dossier=OuterRef("pk"),
            transition__in=tuple(CLOSING_COUNTERS),
            from_status=Status.SUBMITTED,
        )
    )


def _sources(start, end) -> list[tuple[Iterable, int | None, str]]:
    """Grouped queries over dossiers and events, each yielding (key, counter, count)."""
    receipts = (
        Dossier.objects.filter(_between("received_at", start, end))
        .exclude(status=Status.SUBMITTED)
        .exclude(never_received())
        .annotate(stat_day=TruncDate("received_at", tzinfo=VIETNAM_TZ))
        .values("receiving_agency_id", "procedure_id", "channel", "stat_day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    returns = (
        Dossier.objects.filter(_between("returned_at", start, end), status=Status.RETURNED)
        .annotate(stat_day=TruncDate("returned_at", tzinfo=VIETNAM_TZ))
        .values(
            "receiving_agency_id", "procedure_id", "channel", "stat_day", "outcome", "timeliness"
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    closings = (
        DossierEvent.objects.filter(
            _between("at", start, end), transition__in=tuple(CLOSING_COUNTERS)
        )
        .exclude(from_status=Status.SUBMITTED)
        .annotate(stat_day=TruncDate("at", tzinfo=VIETNAM_TZ))
        .values(
            "dossier__receiving_agency_id",
            "dossier__procedure_id",
            "dossier__channel",
            "stat_day",
            "transition",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    steps = (
        DossierEvent.objects.filter(
            _between("at", start, end),
            step_timeliness__in=tuple(STEP_COUNTERS),
            from_agency__isnull=False,
        )
        .annotate(stat_day=TruncDate("at", tzinfo=VIETNAM_TZ))
        .values(
            "from_agency_id",
            "dossier__procedure_id",
            "dossier__channel",
            "stat_day",
            "step_timeliness",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        (
            _rows(receipts, "receiving_agency_id", "procedure_id", "channel", lambda r: "received"),
            None,
            _("tiếp nhận"),
        ),
        (
            _rows(
                returns,
                "receiving_agency_id",
                "procedure_id",
                "channel",
                lambda r: processed_counter(r["outcome"], r["timeliness"]),
            ),
            None,
            _("trả kết quả"),
        ),
        (
            _rows(
                closings,
                "dossier__receiving_agency_id",
                "dossier__procedure_id",
                "dossier__channel",
                lambda r: CLOSING_COUNTERS[r["transition"]],
            ),
            None,
            _("từ chối, rút, dừng"),
        ),
        (
            _rows(
                steps,
                "from_agency_id",
                "dossier__procedure_id",
                "dossier__channel",
                lambda r: STEP_COUNTERS[r["step_timeliness"]],
            ),
            None,
            _("bước xử lý"),
        ),
    ]


def _rows(
    grouped, agency: str, procedure: str, channel: str, counter: Callable[[dict], str]
) -> Iterator[tuple[Key, str, int]]:
    for row in grouped.iterator():
        yield (row[agency], row[procedure], row[channel], row["stat_day"]), counter(row), row["n"]
