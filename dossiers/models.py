"""The case file: dossiers, their events, attachments, checklists and fees.

Nothing here is ever hard-deleted: ``delete()`` is refused on every model of this module,
django-simple-history keeps every field change of a dossier and its attachments, and
``DossierEvent`` rows are the legal record of each hand-off (DOMAIN.md §2, §6 form 6).
Only the services in ``dossiers.services`` change a dossier's status.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from procedures_pages.models import Channel

from .calendar_models import AgencyOfficeHours, CalendarOverride  # noqa: F401
from .working_time import Timeliness


class Status(models.IntegerChoices):
    """National status codes used to sync with the national portal (DOMAIN.md §2)."""

    SUBMITTED = 1, _("Mới đăng ký")
    RECEIVED = 2, _("Được tiếp nhận")
    REFUSED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT_REQUESTED = 5, _("Yêu cầu bổ sung giấy tờ")
    WAITING_PAYMENT = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    RESULT_READY = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")


CLOSED_STATUSES = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED})


class Stage(models.TextChoices):
    """Who holds the dossier inside the agency while it is being processed."""

    DESK = "desk", _("Bộ phận một cửa")
    SPECIALIST = "specialist", _("Chuyên viên xử lý")
    DEPARTMENT_HEAD = "department_head", _("Lãnh đạo phòng")
    AGENCY_HEAD = "agency_head", _("Lãnh đạo cơ quan")
    CLERK = "clerk", _("Văn thư")


class Outcome(models.TextChoices):
    NONE = "", _("Chưa có kết quả")
    GRANTED = "granted", _("Giải quyết")
    INELIGIBLE = "ineligible", _("Trả lại do không đủ điều kiện")


class ReturnMethod(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp tại bộ phận một cửa")
    POSTAL = "postal", _("Qua dịch vụ bưu chính")
    ELECTRONIC = "electronic", _("Trực tuyến (bản điện tử)")


class NoDeleteQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("Dossier records are never deleted.")


class NoDeleteModel(models.Model):
    """Refuses deletion, for rows that form part of a dossier's legal record."""

    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise PermissionError("Dossier records are never deleted.")


def new_lookup_secret() -> str:
    """Six characters from an alphabet without look-alikes, printed on the receipt."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


class OfficerRole(models.TextChoices):
    DESK = "desk", _("Cán bộ một cửa")
    SPECIALIST = "specialist", _("Chuyên viên")
    DEPARTMENT_HEAD = "department_head", _("Lãnh đạo phòng")
    AGENCY_HEAD = "agency_head", _("Lãnh đạo cơ quan")
    CLERK = "clerk", _("Văn thư")
    ADMIN = "admin", _("Quản trị đơn vị")


class Officer(models.Model):
    """Agency membership and role of a staff user; services check both."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="officer"
    )
    agency = models.ForeignKey(
        "procedures_pages.Agency", on_delete=models.PROTECT, related_name="officers"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=OfficerRole.choices)
    title = models.CharField(_("chức danh"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.agency})"


class DailySequence(models.Model):
    """The last dossier number issued by an agency on a day (DOMAIN.md §5).

    Codes are taken by locking this row (``select_for_update``), so concurrent receipts
    at one agency serialise on it and never skip or repeat a number.
    """

    agency = models.ForeignKey("procedures_pages.Agency", on_delete=models.PROTECT)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="uniq_sequence_agency_day")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last}"


class Dossier(NoDeleteModel):
    code = models.CharField(_("mã hồ sơ"), max_length=64, unique=True)
    lookup_secret = models.CharField(
        _("mã tra cứu"), max_length=12, default=new_lookup_secret, editable=False
    )
    procedure = models.ForeignKey(
        "procedures_pages.ProcedurePage",
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    receiving_agency = models.ForeignKey(
        "procedures_pages.Agency",
        verbose_name=_("cơ quan tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    current_agency = models.ForeignKey(
        "procedures_pages.Agency",
        verbose_name=_("cơ quan đang xử lý"),
        on_delete=models.PROTECT,
        related_name="current_dossiers",
    )
    current_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    stage = models.CharField(_("bước"), max_length=20, choices=Stage.choices, default=Stage.DESK)

    applicant_name = models.CharField(_("người nộp"), max_length=255)
    applicant_id_number = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    owner_name = models.CharField(_("chủ hồ sơ (nếu khác người nộp)"), max_length=255, blank=True)
    subject = models.CharField(_("nội dung yêu cầu"), max_length=500, blank=True)
    sets = models.PositiveSmallIntegerField(_("số bộ hồ sơ"), default=1)

    channel = models.CharField(_("kênh nộp"), max_length=16, choices=Channel.choices)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    clock_started_at = models.DateTimeField(_("bắt đầu tính thời hạn"), null=True, blank=True)
    due_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True)
    original_due_at = models.DateTimeField(_("hẹn trả ban đầu"), null=True, blank=True)
    clock_stopped_at = models.DateTimeField(_("tạm dừng tính thời hạn từ"), null=True, blank=True)
    # The deadline rule in force at receipt (DOMAIN.md §0): kept on the dossier so that
    # later edits of the procedure never change an existing dossier's deadline.
    time_limit_value = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    time_limit_unit = models.CharField(max_length=16, blank=True)
    legal_version = models.CharField(_("căn cứ thời hạn"), max_length=100, blank=True)

    status = models.PositiveSmallIntegerField(
        _("trạng thái"), choices=Status.choices, default=Status.RECEIVED
    )
    outcome = models.CharField(
        _("kết quả giải quyết"), max_length=16, choices=Outcome.choices, blank=True, default=""
    )
    result_number = models.CharField(_("số văn bản kết quả"), max_length=100, blank=True)
    result_date = models.DateField(_("ngày ký kết quả"), null=True, blank=True)
    result_ready_at = models.DateTimeField(_("có kết quả lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("đã trả lúc"), null=True, blank=True)
    return_method = models.CharField(
        _("hình thức trả"), max_length=16, choices=ReturnMethod.choices, blank=True
    )
    timeliness = models.CharField(
        _("tiến độ"), max_length=10, choices=Timeliness.choices, blank=True
    )
    rescheduled = models.BooleanField(_("đã hẹn lại"), default=False)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    # A form's or API client's one-time key: a double submit returns the first dossier.
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["current_agency", "status", "due_at"], name="dossier_queue_idx"),
            models.Index(fields=["receiving_agency", "received_at"], name="dossier_received_idx"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due_idx"),
            models.Index(fields=["procedure", "received_at"], name="dossier_procedure_idx"),
            models.Index(fields=["applicant_phone"], name="dossier_phone_idx"),
            models.Index(fields=["applicant_id_number"], name="dossier_id_number_idx"),
            models.Index(fields=["received_at", "id"], name="dossier_newest_idx"),
            models.Index(
                fields=["receiving_agency", "status", "due_at"], name="dossier_desk_queue_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def decision_exists(self) -> bool:
        return self.status in (Status.RESULT_READY, Status.RETURNED) or bool(self.outcome)


class DossierEvent(NoDeleteModel):
    """One transition or hand-off: the legal record behind the process-control sheet."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    transition = models.CharField(_("thao tác"), max_length=40)
    from_status = models.PositiveSmallIntegerField(choices=Status.choices, null=True, blank=True)
    to_status = models.PositiveSmallIntegerField(choices=Status.choices)
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    from_agency = models.ForeignKey(
        "procedures_pages.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_agency = models.ForeignKey(
        "procedures_pages.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=255, blank=True)
    at = models.DateTimeField(_("thời điểm"))
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    step_timeliness = models.CharField(
        _("kết quả bước"), max_length=10, choices=Timeliness.choices, blank=True
    )
    late_agency = models.ForeignKey(
        "procedures_pages.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("sự kiện hồ sơ")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["dossier", "at"], name="event_dossier_idx"),
            models.Index(fields=["late_agency", "at"], name="event_late_agency_idx"),
            models.Index(fields=["to_agency", "dossier"], name="event_to_agency_idx"),
            models.Index(fields=["from_agency", "dossier"], name="event_from_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.transition} {self.at:%Y-%m-%d %H:%M}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    return (
        f"dossiers/{instance.dossier.code}/{instance.document_key}/v{instance.version}-{filename}"
    )


class Attachment(NoDeleteModel):
    """A scanned document; a new upload of the same document is a new version row."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="attachments")
    document_key = models.CharField(max_length=64)
    title = models.CharField(_("tên giấy tờ"), max_length=500)
    version = models.PositiveSmallIntegerField(default=1)
    file = models.FileField(_("tệp"), upload_to=attachment_path)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "document_key", "version"], name="uniq_attachment_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class ChecklistItem(NoDeleteModel):
    """A required document of the procedure, ticked as received (or not) at the desk."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="checklist")
    requirement_name = models.TextField(_("giấy tờ"))
    originals = models.PositiveSmallIntegerField(_("bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("bản sao"), default=0)
    received = models.BooleanField(_("đã nhận"), default=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giấy tờ đã nhận")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.requirement_name


class FeePayment(NoDeleteModel):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="fees")
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    description = models.CharField(_("nội dung"), max_length=255)
    collected_at = models.DateTimeField(_("thu lúc"))
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    refunded = models.BooleanField(_("đã hoàn trả"), default=False)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phí, lệ phí đã thu")

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"


class DailyStatistic(models.Model):
    """Maintained counters per agency, procedure, channel and day (DOMAIN.md §4).

    Services add to these rows in the same transaction as the transition, so reports and
    the home-page widget sum a few hundred rows instead of scanning millions of dossiers.
    Counters are attributed to the agency concerned: receipts and closings to the
    receiving agency, step verdicts to the agency whose step it was.
    """

    agency = models.ForeignKey(
        "procedures_pages.Agency", on_delete=models.PROTECT, related_name="+"
    )
    procedure = models.ForeignKey(
        "procedures_pages.ProcedurePage", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=16, choices=Channel.choices)
    day = models.DateField()
    received = models.PositiveIntegerField(default=0)
    processed_early = models.PositiveIntegerField(default=0)
    processed_on_time = models.PositiveIntegerField(default=0)
    processed_late = models.PositiveIntegerField(default=0)
    returned_ineligible = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    stopped = models.PositiveIntegerField(default=0)
    steps_early = models.PositiveIntegerField(default=0)
    steps_on_time = models.PositiveIntegerField(default=0)
    steps_late = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure", "channel", "day"], name="uniq_daily_statistic"
            )
        ]
        indexes = [models.Index(fields=["day", "agency"], name="statistic_day_agency_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.procedure_id}/{self.channel} {self.day}"
