"""Issued official documents: each generated PDF is a new, immutable, never-deleted row.

A document's number is taken from :class:`DocumentSequence` (per agency per calendar year,
from 01, NĐ 30/2020); the stored file's SHA-256 lets anyone check a copy on the public
verification page (``/xac-thuc/<code>/``).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dossiers.models import NoDeleteModel

# No look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B): codes are read aloud and typed from paper.
VERIFICATION_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
VERIFICATION_CODE_LENGTH = 10


def new_verification_code() -> str:
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(VERIFICATION_CODE_LENGTH))


def document_upload_path(instance: "IssuedDocument", filename: str) -> str:
    return f"documents/{instance.year}/{instance.verification_code}.pdf"


class DocumentSequence(models.Model):
    """The last number an agency gave a document in a calendar year.

    Numbers are taken by locking this row (``select_for_update``), so concurrent issues
    at one agency serialise on it and never skip or repeat a number.
    """

    agency = models.ForeignKey("procedures_pages.Agency", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="uniq_document_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.last}"


class IssuedDocument(NoDeleteModel):
    """One generated PDF. Regenerating a form makes a new row; nothing is overwritten."""

    form = models.CharField(_("biểu mẫu"), max_length=40)
    legal_set = models.CharField(_("bộ biểu mẫu"), max_length=8)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    agency = models.ForeignKey(
        "procedures_pages.Agency",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="issued_documents",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=64, blank=True)
    number_display = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    title = models.CharField(_("tên văn bản"), max_length=500)
    file = models.FileField(_("tệp"), upload_to=document_upload_path, max_length=255)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    pages = models.PositiveSmallIntegerField(_("số trang"))
    verification_code = models.CharField(
        _("mã xác thực"),
        max_length=16,
        unique=True,
        default=new_verification_code,
        editable=False,
    )
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    generated_at = models.DateTimeField(_("thời điểm tạo"))
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    # For a later digital signature (issue 4, optional part): the signed file is a new row.
    signed = models.BooleanField(_("đã ký số"), default=False)
    signer_subject = models.CharField(_("chủ thể chữ ký số"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản đã cấp")
        verbose_name_plural = _("văn bản đã cấp")
        ordering = ["-generated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"],
                condition=models.Q(number__isnull=False),
                name="uniq_document_number",
            )
        ]
        indexes = [
            models.Index(fields=["dossier", "generated_at"], name="document_dossier_idx"),
            models.Index(fields=["agency", "year"], name="document_agency_year_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.number_display}".strip()
