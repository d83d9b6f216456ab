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
    sequence = _locked_sequence(agency, day)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{agency.code}-{day:%y%m%d}-{sequence.last:04d}"


def _locked_sequence(agency: Agency, day: datetime.date) -> DailySequence:
    for _attempt in range(3):
        sequence = DailySequence.objects.select_for_update().filter(agency=agency, day=day).first()
        if sequence is not None:
            return sequence
        try:
            with transaction.atomic():
                DailySequence.objects.create(agency=agency, day=day, last=0)
        except IntegrityError:
            continue  # another receipt created it first; lock theirs
    raise DossierError(_("Không cấp được mã hồ sơ, vui lòng thử lại."), code="code_conflict")
