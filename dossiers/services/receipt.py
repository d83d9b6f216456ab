"""Receipt: a dossier received at the desk or by post, or submitted online (rules 2–3)."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from procedures_pages.models import Agency, Channel, ProcedurePage
from procedures_pages.text import normalize

from .. import deadlines
from .. import statistics as dossier_statistics
from ..models import ChecklistItem, Dossier, OfficerRole, Stage, Status
from .codes import next_code
from .errors import DossierError, PermissionDenied, officer_of
from .transitions import write_event


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    owner_name: str = ""


def receive_dossier(
    *,
    actor,
    procedure: ProcedurePage,
    agency: Agency,
    channel: str,
    applicant: Applicant,
    received_at: datetime.datetime | None = None,
    received_documents: list[str] | None = None,
    subject: str = "",
    sets: int = 1,
    note: str = "",
    submission_key: str | None = None,
) -> Dossier:
    """Receive a complete dossier at the desk or by post (rule 3).

    Issues the code and lookup secret, fixes the deadline rule in force at receipt, starts
    the clock, opens the checklist and writes the first event. ``received_documents``
    lists the ticked DocumentRequirement ids; ``None`` means every document was received.
    A repeated ``submission_key`` (a double submit) returns the dossier already created.
    """
    officer = officer_of(actor)
    if officer.role != OfficerRole.DESK or officer.agency_id != agency.pk:
        raise PermissionDenied(
            _("Chỉ cán bộ một cửa của %(agency)s được tiếp nhận hồ sơ tại cơ quan này.")
            % {"agency": agency.name}
        )
    return _create_dossier(
        actor=actor,
        procedure=procedure,
        agency=agency,
        channel=channel,
        applicant=applicant,
        at=received_at,
        received_documents=received_documents,
        subject=subject,
        sets=sets,
        note=note,
        status=Status.RECEIVED,
        submission_key=submission_key,
    )


def submit_online(
    *,
    procedure: ProcedurePage,
    agency: Agency,
    applicant: Applicant,
    submitted_at: datetime.datetime | None = None,
    subject: str = "",
    actor=None,
    submission_key: str | None = None,
) -> Dossier:
    """An applicant's online submission (status 1): coded, but no clock until the desk
    accepts it as complete (``accept_online``, rule 2)."""
    return _create_dossier(
        actor=actor,
        procedure=procedure,
        agency=agency,
        channel=Channel.ONLINE,
        applicant=applicant,
        at=submitted_at,
        received_documents=None,
        subject=subject,
        sets=1,
        note="",
        status=Status.SUBMITTED,
        submission_key=submission_key,
    )


def _create_dossier(*, submission_key: str | None = None, **fields) -> Dossier:
    """Create a dossier once per ``submission_key``: a repeat returns the first one."""
    submission_key = (submission_key or "").strip()[:64] or None
    if submission_key:
        existing = Dossier.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    try:
        return _insert_dossier(submission_key=submission_key, **fields)
    except IntegrityError:
        # Two simultaneous submits with one key: the loser returns the winner's dossier.
        existing = submission_key and Dossier.objects.filter(submission_key=submission_key).first()
        if existing:
            return existing
        raise


def _insert_dossier(
    *,
    actor,
    procedure: ProcedurePage,
    agency: Agency,
    channel: str,
    applicant: Applicant,
    at: datetime.datetime | None,
    received_documents: list[str] | None,
    subject: str,
    sets: int,
    note: str,
    status: Status,
    submission_key: str | None,
) -> Dossier:
    if channel not in Channel.values:
        raise DossierError(_("Kênh nộp hồ sơ không hợp lệ."), code="invalid_channel")
    name = normalize(applicant.name)
    if not name:
        raise DossierError(_("Nhập họ tên người nộp hồ sơ."), code="missing_applicant")
    if not 1 <= sets <= 100:
        raise DossierError(_("Số bộ hồ sơ phải từ 1 đến 100."), code="invalid_sets")
    now = timezone.now()
    at = at or now
    if timezone.is_naive(at):
        raise DossierError(_("Thời điểm phải kèm múi giờ."), code="naive_datetime")
    if at > now + datetime.timedelta(minutes=5):
        raise DossierError(
            _("Thời điểm tiếp nhận không được ở tương lai."), code="received_in_future"
        )
    local_day = timezone.localtime(at).date()
    rule = procedure.channel_rule(channel, local_day)

    with transaction.atomic():
        dossier = Dossier(
            code=next_code(agency, local_day),
            procedure=procedure,
            receiving_agency=agency,
            current_agency=agency,
            current_handler=actor,
            stage=Stage.DESK,
            applicant_name=name[:255],
            applicant_id_number=normalize(applicant.id_number)[:20],
            applicant_phone=normalize(applicant.phone)[:20],
            applicant_email=normalize(applicant.email)[:254],
            applicant_address=normalize(applicant.address)[:500],
            owner_name=normalize(applicant.owner_name)[:255],
            subject=normalize(subject)[:500] or procedure.title[:500],
            sets=sets,
            channel=channel,
            received_at=at,
            status=status,
            time_limit_value=rule.time_limit_value if rule else None,
            time_limit_unit=rule.time_limit_unit if rule else "",
            legal_version=rule.legal_version if rule else "",
            submission_key=submission_key,
        )
        if status == Status.RECEIVED:
            deadlines.start_clock(dossier, at)
            dossier.original_due_at = dossier.due_at
        dossier._history_user = actor
        dossier._change_reason = "receive" if status == Status.RECEIVED else "submit_online"
        dossier.save()
        received = {str(pk) for pk in received_documents or []}
        bulk_create_with_history(
            [
                ChecklistItem(
                    dossier=dossier,
                    requirement_name=doc.name,
                    originals=doc.originals,
                    copies=doc.copies,
                    received=received_documents is None or str(doc.pk) in received,
                )
                for doc in procedure.documents.all()
                if doc.kind == "submit"
            ],
            ChecklistItem,
            default_user=actor,
        )
        write_event(
            dossier,
            name="receive" if status == Status.RECEIVED else "submit_online",
            actor=actor,
            at=at,
            from_status=None,
            from_stage="",
            from_agency=None,
            note=normalize(note),
            step_due_at=deadlines.step_due(dossier, Stage.DESK, at),
        )
        dossier_statistics.record_receipt(dossier)
    return dossier
