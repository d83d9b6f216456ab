"""Dossier codes: ``<agency code>-<YYMMDD>-<NNNN>``, the daily sequence per agency."""

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from procedures_pages.models import Agency

from ..models import DailySequence
from .errors import DossierError


def next_code(agency: Agency, day: datetime.date) -> str:
    """``<agency code>-<YYMMDD>-<NNNN>``, the daily sequence per agency (DOMAIN.md §5).

    Must run inside a transaction: the sequence row stays locked until commit, so two
    receipts at the same agency on the same day get consecutive numbers.
    """
    number = take_next(DailySequence, agency=agency, day=day)
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"


def take_next(model, **key) -> int:
    """Increment and return the ``last`` counter of the ``model`` row for ``key``, creating
    the row at 0 first. The row stays locked until the caller's transaction commits, so
    concurrent callers get consecutive numbers with no gap and no repeat; shared by dossier
    codes and document numbers (publishing)."""
    for _attempt in range(3):
        sequence = model.objects.select_for_update().filter(**key).first()
        if sequence is not None:
            sequence.last += 1
            sequence.save(update_fields=["last"])
            return sequence.last
        try:
            with transaction.atomic():
                model.objects.create(**key, last=0)
        except IntegrityError:
            continue  # another caller created it first; lock theirs
    raise DossierError(_("Không cấp được số thứ tự, vui lòng thử lại."), code="code_conflict")
