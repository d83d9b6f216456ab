"""Attachments and fees of a dossier: every upload is a new immutable version row.

A scanned document is never overwritten: uploading the same document again creates
version n+1 beside the earlier ones, each with its SHA-256, and history records both.
"""

import hashlib
import os

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Attachment, Dossier, FeePayment
from .services import DossierError, PermissionDenied, officer_of

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_EXTENSIONS = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".doc", ".docx", ".odt"}
# Leading bytes of the formats above; a renamed executable is refused.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
}


def _check_officer_may_touch(dossier: Dossier, actor) -> None:
    officer = officer_of(actor)
    if officer.agency_id not in (dossier.current_agency_id, dossier.receiving_agency_id):
        raise PermissionDenied(_("Bạn không có quyền cập nhật hồ sơ này."))
    if dossier.is_closed:
        raise DossierError(_("Hồ sơ đã kết thúc; không thể bổ sung tệp."), code="closed")


def validate_upload(upload) -> str:
    """Return the lower-case extension of a valid upload, else raise a DossierError."""
    max_bytes = getattr(settings, "DOSSIER_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)
    name = os.path.basename(upload.name or "")
    ext = os.path.splitext(name)[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        raise DossierError(
            _("Định dạng tệp không được chấp nhận. Chỉ nhận: %(types)s.")
            % {"types": ", ".join(sorted(e.lstrip(".") for e in ALLOWED_EXTENSIONS))},
            code="invalid_file_type",
        )
    if upload.size == 0:
        raise DossierError(_("Tệp rỗng."), code="empty_file")
    if upload.size > max_bytes:
        raise DossierError(
            _("Tệp quá lớn (tối đa %(mb)d MB).") % {"mb": max_bytes // (1024 * 1024)},
            code="file_too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[ext]):
        raise DossierError(
            _("Nội dung tệp không khớp với định dạng %(ext)s.") % {"ext": ext.lstrip(".")},
            code="file_content_mismatch",
        )
    return ext


def attach_document(
    *, actor, dossier: Dossier, title: str, upload, document_key: str = ""
) -> Attachment:
    """Store a new version of one document of the dossier."""
    _check_officer_may_touch(dossier, actor)
    validate_upload(upload)
    title = " ".join((title or "").split())[:500]
    if not title:
        raise DossierError(_("Nhập tên giấy tờ."), code="missing_title")
    key = document_key or slugify(title, allow_unicode=False)[:64] or "tai-lieu"
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
        latest = dossier.attachments.filter(document_key=key).aggregate(v=Max("version"))["v"]
        attachment = Attachment(
            dossier=dossier,
            document_key=key,
            title=title,
            version=(latest or 0) + 1,
            sha256=digest.hexdigest(),
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save(os.path.basename(upload.name), upload, save=False)
        attachment._history_user = actor
        attachment.save()
    return attachment


def collect_fee(*, actor, dossier: Dossier, amount: int, description: str) -> FeePayment:
    """Record a fee collected at the desk (lệ phí), in đồng."""
    _check_officer_may_touch(dossier, actor)
    if not isinstance(amount, int) or amount <= 0 or amount > 10**12:
        raise DossierError(_("Số tiền không hợp lệ."), code="invalid_amount")
    payment = FeePayment(
        dossier=dossier,
        amount=amount,
        description=" ".join(description.split())[:255] or _("Lệ phí"),
        collected_at=timezone.now(),
        collected_by=actor,
    )
    payment._history_user = actor
    payment.save()
    return payment
