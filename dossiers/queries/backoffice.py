"""Read side of the officers' back office: who sees which dossier, the work queues, the
search filters and keyset pagination (DOMAIN.md §2, §4, §9; ARCHITECTURE.md "Roles").

Visibility. An officer sees a dossier that *is or was* at the officer's agency: the agency
holds it now (``current_agency``), received it (``receiving_agency``), or appears as the
giving or receiving side of any hand-off (``DossierEvent.from_agency``/``to_agency``). The
event condition is an ``EXISTS`` subquery so that a dossier with many hand-offs is listed
once. Every role of an agency has the same visibility: the head of the agency
(``agency_head``) therefore sees all of the agency's dossiers, and so does a specialist — a
per-handler restriction would hide dossiers a colleague holds, which the desk and the
leaders must be able to follow. Superusers see every dossier; other users see none.

Lists never count every matching row (millions of dossiers): they page with a keyset cursor
(``?after=``) and may show a bounded "more than N" indicator (:func:`bounded_count`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from wagtail import hooks

from ..calendars import calendar_for
from ..models import CLOSED_STATUSES, Dossier, DossierEvent, OfficerRole, Stage, Status
from ..working_time import combine_local, near_due_working_days, to_local

OPEN_STATUSES = frozenset(Status) - CLOSED_STATUSES
# While the applicant is asked for documents or a payment the clock is stopped and the
# appointment will move on resumption (DOMAIN.md §3), so those dossiers are never listed as
# due soon or overdue. A dossier whose result waits at the desk still counts: lateness is
# judged when the result is handed over (§2 rule 10).
CLOCK_RUNNING_STATUSES = frozenset(
    {Status.SUBMITTED, Status.RECEIVED, Status.PROCESSING, Status.RESULT_READY}
)

# The stage whose dossiers an officer of each role works on ("Cần xử lý"). The unit
# administrator has no stage and follows every open dossier at the agency.
STAGE_OF_ROLE: dict[str, str | None] = {
    OfficerRole.DESK: Stage.DESK,
    OfficerRole.SPECIALIST: Stage.SPECIALIST,
    OfficerRole.DEPARTMENT_HEAD: Stage.DEPARTMENT_HEAD,
    OfficerRole.AGENCY_HEAD: Stage.AGENCY_HEAD,
    OfficerRole.CLERK: Stage.CLERK,
    OfficerRole.ADMIN: None,
}

DEFAULT_PAGE_SIZE = 50
DEFAULT_COUNT_CAP = 1000
# Answered by the search app when it is installed (search/wagtail_hooks.py); dossiers do
# not import it.
SEARCH_HOOK = "search_dossiers"
# A search by applicant lists at most this many dossiers, best first.
MAX_RANKED_RESULTS = 500


class Queue:
    """Names of the back-office lists (also used in URLs and templates)."""

    ACTION = "action"  # Cần xử lý
    OVERDUE = "overdue"  # Quá hạn
    NEAR_DUE = "near_due"  # Tới hạn
    ALL = "all"  # Tất cả hồ sơ (with search and filters)


def officer_or_none(user):
    """The user's Officer profile, or ``None`` (anonymous users and plain editors)."""
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "officer", None)


def can_use_backoffice(user) -> bool:
    return bool(user is not None and user.is_authenticated) and (
        user.is_superuser or officer_or_none(user) is not None
    )


def _with_relations(queryset: QuerySet) -> QuerySet:
    # Everything a list row or the dossier header shows, in the same query.
    return queryset.select_related("procedure", "current_agency", "receiving_agency")


def visible_dossiers(user) -> QuerySet:
    """Dossiers ``user`` may see (module docstring): superusers all, officers those that
    are or were at their agency, anyone else none."""
    queryset = Dossier.objects.all()
    if user is not None and user.is_authenticated and user.is_superuser:
        return _with_relations(queryset)
    officer = officer_or_none(user)
    if officer is None:
        return queryset.none()
    agency_id = officer.agency_id
    passed_through = DossierEvent.objects.filter(dossier=OuterRef("pk")).filter(
        Q(to_agency_id=agency_id) | Q(from_agency_id=agency_id)
    )
    return _with_relations(
        queryset.filter(
            Q(current_agency_id=agency_id)
            | Q(receiving_agency_id=agency_id)
            | Exists(passed_through)
        )
    )


def _accountable(queryset: QuerySet, user) -> QuerySet:
    """Dossiers the user's agency answers for now: it holds them or received them (the
    receiving desk keeps the appointment with the applicant)."""
    officer = officer_or_none(user)
    if officer is None:
        return queryset
    return queryset.filter(
        Q(current_agency_id=officer.agency_id) | Q(receiving_agency_id=officer.agency_id)
    )


def action_dossiers(user) -> QuerySet:
    """ "Cần xử lý": open dossiers held by the user's agency at the stage of the user's role.

    The desk also gets every dossier of its agency waiting for a supplement, since only
    the desk takes the supplemented documents in. Superusers get every open dossier.
    """
    queryset = visible_dossiers(user).filter(status__in=OPEN_STATUSES)
    officer = officer_or_none(user)
    if officer is None:
        return queryset
    queryset = queryset.filter(current_agency_id=officer.agency_id)
    stage = STAGE_OF_ROLE.get(officer.role)
    if stage is None:
        return queryset
    condition = Q(stage=stage)
    if officer.role == OfficerRole.DESK:
        condition |= Q(status=Status.SUPPLEMENT_REQUESTED)
    return queryset.filter(condition)


def overdue_dossiers(user, *, now: datetime.datetime | None = None) -> QuerySet:
    """ "Quá hạn": open dossiers with a running clock whose appointment has passed."""
    now = now or timezone.now()
    return _accountable(visible_dossiers(user), user).filter(
        status__in=CLOCK_RUNNING_STATUSES, due_at__lt=now
    )


def near_due_bounds(
    user, *, now: datetime.datetime | None = None, window_days: int | None = None
) -> tuple[datetime.datetime, datetime.datetime]:
    """``[now, end)``: appointments in this range are "tới hạn" — the same rule as
    :func:`dossiers.working_time.open_status`: the appointment date is at most
    ``window_days`` working days after today (default ``DOSSIER_NEAR_DUE_WORKING_DAYS``)."""
    now = now or timezone.now()
    if window_days is None:
        window_days = near_due_working_days()
    officer = officer_or_none(user)
    calendar, _hours = calendar_for(officer.agency_id if officer else None)
    last_day = calendar.add_working_days(to_local(now).date(), window_days)
    end = combine_local(last_day + datetime.timedelta(days=1), datetime.time(0, 0))
    return now, end


def near_due_dossiers(
    user, *, now: datetime.datetime | None = None, window_days: int | None = None
) -> QuerySet:
    """ "Tới hạn": open dossiers with a running clock due within the near-due window."""
    start, end = near_due_bounds(user, now=now, window_days=window_days)
    return _accountable(visible_dossiers(user), user).filter(
        status__in=CLOCK_RUNNING_STATUSES, due_at__gte=start, due_at__lt=end
    )


def queue_dossiers(user, queue: str, *, now: datetime.datetime | None = None) -> QuerySet:
    if queue == Queue.ACTION:
        return action_dossiers(user)
    if queue == Queue.OVERDUE:
        return overdue_dossiers(user, now=now)
    if queue == Queue.NEAR_DUE:
        return near_due_dossiers(user, now=now)
    if queue == Queue.ALL:
        return visible_dossiers(user)
    raise ValueError(f"unknown queue {queue!r}")


# --- Search and filters -----------------------------------------------------------------


@dataclass(frozen=True)
class DossierFilters:
    """Search and filter values of the "Tất cả hồ sơ" list (all optional)."""

    code: str = ""  # prefix of the dossier code
    applicant: str = ""  # part of the applicant's name
    procedure_id: int | None = None
    statuses: tuple[int, ...] = field(default_factory=tuple)
    received_from: datetime.date | None = None  # local dates, inclusive
    received_to: datetime.date | None = None


def filter_dossiers(queryset: QuerySet, filters: DossierFilters) -> QuerySet:
    if filters.code.strip():
        # Codes are issued in upper case (agency codes like 000.00.15.H26).
        queryset = queryset.filter(code__startswith=filters.code.strip().upper())
    if filters.applicant.strip():
        queryset = queryset.filter(applicant_name__icontains=filters.applicant.strip())
    if filters.procedure_id:
        queryset = queryset.filter(procedure_id=filters.procedure_id)
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.received_from:
        queryset = queryset.filter(
            received_at__gte=combine_local(filters.received_from, datetime.time(0, 0))
        )
    if filters.received_to:
        queryset = queryset.filter(
            received_at__lt=combine_local(
                filters.received_to + datetime.timedelta(days=1), datetime.time(0, 0)
            )
        )
    return queryset


def ranked_search_ids(user, text: str) -> list[int] | None:
    """Ids of dossiers ``user`` may see matching ``text``, best first, from the first
    search hook that answers; ``None`` when none does (:func:`filter_dossiers` then
    matches the applicant's name itself)."""
    text = text.strip()
    if not text:
        return None
    for hook in hooks.get_hooks(SEARCH_HOOK):
        ids = hook(user=user, q=text, limit=MAX_RANKED_RESULTS)
        if ids is not None:
            return list(ids)[:MAX_RANKED_RESULTS]
    return None


def rank_by(queryset: QuerySet, ranked: list[int]) -> QuerySet:
    """``queryset`` restricted to ``ranked`` ids, annotated with their position
    (``search_rank``) for :func:`ranked_page`."""
    if not ranked:
        return queryset.none().annotate(search_rank=Value(0, output_field=IntegerField()))
    position = Case(
        *[When(pk=pk, then=Value(index)) for index, pk in enumerate(ranked)],
        output_field=IntegerField(),
    )
    return queryset.filter(pk__in=ranked).annotate(search_rank=position)


# --- Keyset pagination ------------------------------------------------------------------


class Ordering:
    """How a list is sorted; each has a matching keyset condition."""

    DUE_FIRST = "due"  # appointment ascending, dossiers without one last, then pk
    NEWEST_FIRST = "newest"  # receipt time descending, then pk descending


ORDERING_OF_QUEUE = {
    Queue.ACTION: Ordering.DUE_FIRST,
    Queue.OVERDUE: Ordering.DUE_FIRST,
    Queue.NEAR_DUE: Ordering.DUE_FIRST,
    Queue.ALL: Ordering.NEWEST_FIRST,
}

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_NULL = "n"


def _encode_moment(value: datetime.datetime | None) -> str:
    if value is None:
        return _NULL
    return str((value - _EPOCH) // datetime.timedelta(microseconds=1))


def _decode_moment(text: str) -> datetime.datetime | None:
    if text == _NULL:
        return None
    return _EPOCH + datetime.timedelta(microseconds=int(text))


@dataclass(frozen=True)
class Cursor:
    """The sort key of the last row of a page: the next page starts after it."""

    moment: datetime.datetime | None
    pk: int

    def encode(self) -> str:
        return f"{_encode_moment(self.moment)}.{self.pk}"

    @classmethod
    def decode(cls, text: str | None) -> Cursor | None:
        """The cursor in ``text``, or ``None`` when it is missing or malformed (the list
        then starts from its first page)."""
        if not text:
            return None
        moment, _sep, pk = text.partition(".")
        try:
            return cls(_decode_moment(moment), int(pk))
        except (ValueError, OverflowError):
            return None


def _order(queryset: QuerySet, ordering: str) -> QuerySet:
    if ordering == Ordering.DUE_FIRST:
        return queryset.order_by(F("due_at").asc(nulls_last=True), "pk")
    return queryset.order_by("-received_at", "-pk")


def _after(queryset: QuerySet, ordering: str, cursor: Cursor) -> QuerySet:
    if ordering == Ordering.DUE_FIRST:
        if cursor.moment is None:
            return queryset.filter(due_at__isnull=True, pk__gt=cursor.pk)
        return queryset.filter(
            Q(due_at__gt=cursor.moment)
            | Q(due_at=cursor.moment, pk__gt=cursor.pk)
            | Q(due_at__isnull=True)
        )
    if cursor.moment is None:  # received_at is never null; a forged cursor starts over
        return queryset
    return queryset.filter(
        Q(received_at__lt=cursor.moment) | Q(received_at=cursor.moment, pk__lt=cursor.pk)
    )


def _cursor_of(dossier: Dossier, ordering: str) -> Cursor:
    moment = dossier.due_at if ordering == Ordering.DUE_FIRST else dossier.received_at
    return Cursor(moment, dossier.pk)


@dataclass(frozen=True)
class Page:
    rows: list[Dossier]
    next_cursor: str | None  # ``None`` on the last page
    is_first: bool


def keyset_page(
    queryset: QuerySet,
    *,
    ordering: str,
    after: str | None = None,
    size: int = DEFAULT_PAGE_SIZE,
) -> Page:
    """One page of ``queryset`` in ``ordering``, starting after the ``after`` cursor.

    Reads ``size + 1`` rows to know whether a next page exists; never counts.
    """
    cursor = Cursor.decode(after)
    queryset = _order(queryset, ordering)
    if cursor is not None:
        queryset = _after(queryset, ordering, cursor)
    rows = list(queryset[: size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    next_cursor = _cursor_of(rows[-1], ordering).encode() if has_next and rows else None
    return Page(rows=rows, next_cursor=next_cursor, is_first=cursor is None)


_RANK_PREFIX = "r"


def ranked_page(
    queryset: QuerySet, *, after: str | None = None, size: int = DEFAULT_PAGE_SIZE
) -> Page:
    """One page of a :func:`rank_by` queryset in search order, starting after the rank
    in the ``after`` cursor (``r<position>``; anything else starts over)."""
    start = None
    if after and after.startswith(_RANK_PREFIX) and after[1:].isdigit():
        start = int(after[1:])
    queryset = queryset.order_by("search_rank")
    if start is not None:
        queryset = queryset.filter(search_rank__gt=start)
    rows = list(queryset[: size + 1])
    has_next = len(rows) > size
    rows = rows[:size]
    next_cursor = f"{_RANK_PREFIX}{rows[-1].search_rank}" if has_next and rows else None
    return Page(rows=rows, next_cursor=next_cursor, is_first=start is None)


def bounded_count(queryset: QuerySet, cap: int = DEFAULT_COUNT_CAP) -> tuple[int, bool]:
    """``(n, more)``: the number of rows up to ``cap``, and whether there are more.

    Counts over ``LIMIT cap + 1``, so the cost is bounded however many rows match.
    """
    n = queryset.order_by().values("pk")[: cap + 1].count()
    return min(n, cap), n > cap
