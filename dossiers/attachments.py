"""Attachments and fees of a dossier: every upload is a new immutable version row.

A scanned document is never overwritten: uploading the same document again creates
version n+1 beside the earlier ones, each with its SHA-256, and history records both.
Uploading the very bytes of the latest version again (a double submit, a second click)
creates nothing and says so.
"""

import hashlib
import os

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Attachment, ChecklistItem, Dossier, FeePayment, OfficerRole
from .services import DossierError, PermissionDenied, officer_of

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_FEE_AMOUNT = 10**12  # đồng
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
# What a download announces; only the whitelisted formats are ever stored.
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}


def human_size(size: int) -> str:
    """A file size for people, with the Vietnamese decimal comma: "850 byte", "1,5 MB"."""
    if size < 1024:
        return _("%(size)d byte") % {"size": size}
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    number = f"{value:.1f}".removesuffix(".0").replace(".", ",")
    return f"{number} {unit}"


def _check_officer_may_touch(dossier: Dossier, actor, *, closed_message: str = ""):
    officer = officer_of(actor)
    if officer.agency_id not in (dossier.current_agency_id, dossier.receiving_agency_id):
        raise PermissionDenied(_("Bạn không có quyền cập nhật hồ sơ này."))
    if dossier.is_closed:
        raise DossierError(
            closed_message or _("Hồ sơ đã kết thúc; không thể bổ sung tệp."), code="closed"
        )
    return officer


def _check_may_collect(dossier: Dossier, actor) -> None:
    # Fees are taken at the one-stop desk (DOMAIN.md §9).
    officer = _check_officer_may_touch(
        dossier, actor, closed_message=_("Hồ sơ đã kết thúc; không thể ghi nhận khoản thu.")
    )
    if officer.role != OfficerRole.DESK:
        raise PermissionDenied(_("Chỉ cán bộ bộ phận một cửa được thu phí, lệ phí."))


def _locked(dossier: Dossier) -> Dossier:
    """The dossier row, locked until the end of the transaction and freshly read, so the
    checks see the status a concurrent transition may just have committed."""
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


def may_attach(dossier: Dossier, user) -> bool:
    """Whether ``user`` may add a file to ``dossier`` now (the rule the service applies)."""
    try:
        _check_officer_may_touch(dossier, user)
    except DossierError:
        return False
    return True


def may_collect_fee(dossier: Dossier, user) -> bool:
    """Whether ``user`` may record a fee for ``dossier`` now (the rule the service applies)."""
    try:
        _check_may_collect(dossier, user)
    except DossierError:
        return False
    return True


def checklist_document_key(item: ChecklistItem) -> str:
    """The document key under which the scans of one checklist document are versioned."""
    return f"checklist-{item.pk}"


def content_type_of(attachment: Attachment) -> str:
    ext = os.path.splitext(attachment.file.name)[1].lower()
    return CONTENT_TYPES.get(ext, "application/octet-stream")


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
            _("Tệp quá lớn (%(size)s; tối đa %(limit)s).")
            % {"size": human_size(upload.size), "limit": human_size(max_bytes)},
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
    """Store a new version of one document of the dossier.

    Refused (``code="identical_version"``) when the bytes equal the latest version of the
    same document: a repeated upload must not pile up versions nobody can tell apart.
    """
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
    sha256 = digest.hexdigest()
    with transaction.atomic():
        dossier = _locked(dossier)
        _check_officer_may_touch(dossier, actor)
        latest = (
            dossier.attachments.filter(document_key=key)
            .order_by("-version")
            .only("version", "sha256")
            .first()
        )
        if latest is not None and latest.sha256 == sha256:
            raise DossierError(
                _("Tệp giống hệt phiên bản hiện có; không tạo phiên bản mới."),
                code="identical_version",
            )
        attachment = Attachment(
            dossier=dossier,
            document_key=key,
            title=title,
            version=(latest.version if latest else 0) + 1,
            sha256=sha256,
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save(os.path.basename(upload.name), upload, save=False)
        attachment._history_user = actor
        attachment.save()
    return attachment


def collect_fee(
    *, actor, dossier: Dossier, amount: int, description: str, submission_key: str | None = None
) -> FeePayment:
    """Record a fee collected at the desk (lệ phí), in đồng.

    A repeated ``submission_key`` (the same form posted twice) returns the first record.
    """
    _check_may_collect(dossier, actor)
    submission_key = (submission_key or "").strip()[:64] or None
    if (
        not isinstance(amount, int)
        or isinstance(amount, bool)
        or amount <= 0
        or amount > MAX_FEE_AMOUNT
    ):
        raise DossierError(_("Số tiền không hợp lệ."), code="invalid_amount")
    with transaction.atomic():
        dossier = _locked(dossier)
        _check_may_collect(dossier, actor)
        if submission_key:
            # The dossier row lock serialises two posts of one form; the first wins.
            existing = FeePayment.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing
        payment = FeePayment(
            dossier=dossier,
            amount=amount,
            description=" ".join((description or "").split())[:255] or _("Lệ phí"),
            collected_at=timezone.now(),
            collected_by=actor,
            submission_key=submission_key,
        )
        payment._history_user = actor
        payment.save()
    return payment
