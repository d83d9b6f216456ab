"""Recompute open dossiers' appointments when the working calendar changes (DOMAIN.md §3).

An admin who adds a day off or changes an agency's office hours moves the legal deadline of
every open dossier whose clock runs across that change. Each moved dossier is saved through
the ORM so django-simple-history records the change with its reason, and its ``version``
is bumped so that a form opened before the change is refused as stale.
"""

import datetime

from django.db import transaction
from django.dispatch import receiver

from . import deadlines
from .calendars import calendar_changed
from .models import CLOSED_STATUSES, Dossier, Status

# Appointments already fixed by a decision or by the apology procedure are not recomputed.
RECOMPUTED_STATUSES = [
    s for s in Status if s not in CLOSED_STATUSES and s not in (Status.SUBMITTED,)
]


def open_dossiers_affected(*, dates=None, agency=None):
    """Open dossiers with a running clock whose appointment the change can move."""
    dossiers = Dossier.objects.filter(
        status__in=RECOMPUTED_STATUSES,
        rescheduled=False,
        clock_started_at__isnull=False,
        due_at__isnull=False,
    ).exclude(status=Status.RESULT_READY)
    if agency is not None:
        dossiers = dossiers.filter(receiving_agency=agency)
    if dates:
        earliest = min(dates)
        start = datetime.datetime.combine(earliest, datetime.time.min, tzinfo=datetime.UTC)
        # A changed date after an appointment cannot move it: only appointments on or after
        # the earliest changed date are candidates (dossiers whose clock started later are
        # recomputed to the same value and skipped).
        dossiers = dossiers.filter(due_at__gte=start - datetime.timedelta(days=1))
    return dossiers.order_by("pk")


def recompute_open_deadlines(*, dates=None, agency=None, reason="calendar_changed") -> int:
    """Recompute appointments of affected open dossiers; returns how many moved."""
    moved = 0
    for pk in open_dossiers_affected(dates=dates, agency=agency).values_list("pk", flat=True):
        with transaction.atomic():
            dossier = Dossier.objects.select_for_update().get(pk=pk)
            new_due = deadlines.recompute_due(dossier)
            if new_due is None or new_due == dossier.due_at:
                continue
            dossier.due_at = new_due
            dossier.version += 1
            dossier._change_reason = reason
            dossier.save()
            moved += 1
    return moved


@receiver(calendar_changed, dispatch_uid="dossiers.recompute_on_calendar_change")
def _on_calendar_changed(sender, instance=None, dates=None, agency=None, **kwargs):
    transaction.on_commit(lambda: recompute_open_deadlines(dates=dates, agency=agency))
