"""The procedure catalogue: ProcedureIndexPage and ProcedurePage with their tables.

Field meanings follow DOMAIN.md §1 (the national CSDL về TTHC). Per-channel time limits and
fees are rows of their own because they differ per channel, and each row carries the legal
basis version and effective-from date under which it applies: a dossier uses the rule in
force when it was received.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..text import fold, format_dong
from .snippets import AgencyLevel


class AdministrativeLevel(models.TextChoices):
    """Levels that implement a procedure (cấp thực hiện); a procedure can have several."""

    MINISTRY = "bo", _("Cấp bộ")
    PROVINCE = "tinh", _("Cấp tỉnh")
    DISTRICT = "huyen", _("Cấp huyện")
    COMMUNE = "xa", _("Cấp xã")
    OTHER = "khac", _("Cơ quan khác")


LEVEL_FIELDS = {
    AdministrativeLevel.MINISTRY: "level_ministry",
    AdministrativeLevel.PROVINCE: "level_province",
    AdministrativeLevel.DISTRICT: "level_district",
    AdministrativeLevel.COMMUNE: "level_commune",
    AdministrativeLevel.OTHER: "level_other",
}
assert set(LEVEL_FIELDS) == set(AgencyLevel.values)


class OnlineServiceLevel(models.TextChoices):
    """Mức độ dịch vụ công trực tuyến (NĐ 42/2022 art. 11)."""

    FULL = "toan-trinh", _("Toàn trình")
    PARTIAL = "mot-phan", _("Một phần")
    NONE = "khong", _("Không cung cấp trực tuyến")


class Channel(models.TextChoices):
    DIRECT = "truc-tiep", _("Trực tiếp")
    ONLINE = "truc-tuyen", _("Trực tuyến")
    POSTAL = "buu-chinh", _("Dịch vụ bưu chính")


class TimeLimitUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("ngày làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày")
    HOURS = "hours", _("giờ")
    MONTHS = "months", _("tháng")
    SAME_DAY = "same_day", _("trong ngày")
    UNSTATED = "unstated", _("không quy định")


class WorkflowRole(models.TextChoices):
    DESK = "desk", _("Bộ phận một cửa")
    SPECIALIST = "specialist", _("Chuyên viên xử lý")
    DEPARTMENT_HEAD = "department_head", _("Lãnh đạo phòng chuyên môn")
    AGENCY_HEAD = "agency_head", _("Lãnh đạo cơ quan")
    CLERK = "clerk", _("Văn thư")
    OTHER_AGENCY = "other_agency", _("Cơ quan phối hợp (liên thông)")


class StepTimeUnit(models.TextChoices):
    HOURS = "hours", _("giờ làm việc")
    WORKING_DAYS = "working_days", _("ngày làm việc")


HOURS_PER_WORKING_DAY = 8

# National codes: 1.000080, 2.000635; local variants add suffixes: 1.000948.H38.
procedure_code_validator = RegexValidator(
    r"^[0-9]\.[0-9]{6}(\.[A-Z0-9]{1,10}){0,6}$",
    _("Mã thủ tục không hợp lệ: dạng 1.000080, có thể thêm hậu tố địa phương như 1.000948.H38."),
)


class ProcedureIndexPage(Page):
    """The catalogue at /thu-tuc-hanh-chinh/: filters combine and live in the URL."""

    intro = RichTextField(_("giới thiệu"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("số thủ tục mỗi trang"), default=20)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    parent_page_types = ["procedures_pages.HomePage"]
    subpage_types = ["procedures_pages.ProcedurePage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh mục thủ tục hành chính")

    def get_context(self, request, *args, **kwargs):
        from ..queries import catalogue_filter_options, filter_procedures

        context = super().get_context(request, *args, **kwargs)
        filters, procedures = filter_procedures(self, request.GET)
        paginator = Paginator(procedures, self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            filters=filters,
            options=catalogue_filter_options(self),
            page_obj=page_obj,
            procedures=page_obj.object_list,
            paginator=paginator,
            query_without_page=query.urlencode(),
        )
        return context


class ProcedurePage(RoutablePageMixin, Page):
    """One administrative procedure with every field of DOMAIN.md §1."""

    code = models.CharField(
        _("mã thủ tục"),
        max_length=64,
        unique=True,
        validators=[procedure_code_validator],
        help_text=_("Mã trên Cơ sở dữ liệu quốc gia, ví dụ 1.000080 hoặc 1.000948.H38."),
    )
    decision_number = models.CharField(_("số quyết định công bố"), max_length=255, blank=True)
    sector = models.ForeignKey(
        "procedures_pages.Sector",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
    )
    level_ministry = models.BooleanField(_("Cấp bộ"), default=False)
    level_province = models.BooleanField(_("Cấp tỉnh"), default=False)
    level_district = models.BooleanField(
        _("Cấp huyện"), default=False, help_text=_("Chỉ còn trong hồ sơ trước 01/7/2025.")
    )
    level_commune = models.BooleanField(_("Cấp xã"), default=False)
    level_other = models.BooleanField(_("Cơ quan khác"), default=False)
    procedure_type = models.CharField(_("loại thủ tục"), max_length=255, blank=True)
    implementing_agencies = ParentalManyToManyField(
        "procedures_pages.Agency",
        verbose_name=_("cơ quan thực hiện"),
        blank=True,
        related_name="procedures",
    )
    implementing_agency_text = models.TextField(_("cơ quan thực hiện (như công bố)"), blank=True)
    competent_authority = models.TextField(_("cơ quan có thẩm quyền"), blank=True)
    authorised_agency = models.TextField(_("cơ quan được ủy quyền"), blank=True)
    coordinating_agency = models.TextField(_("cơ quan phối hợp"), blank=True)
    receiving_address = models.TextField(_("địa chỉ tiếp nhận hồ sơ"), blank=True)
    applicants = models.TextField(_("đối tượng thực hiện"), blank=True)
    steps = RichTextField(_("trình tự thực hiện"), blank=True)
    conditions = RichTextField(_("yêu cầu, điều kiện"), blank=True)
    result_name = models.TextField(_("kết quả thực hiện"), blank=True)
    result_code = models.CharField(_("mã kết quả"), max_length=255, blank=True)
    result_template = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("mẫu kết quả"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_service_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"),
        max_length=16,
        choices=OnlineServiceLevel.choices,
        default=OnlineServiceLevel.NONE,
    )
    related_procedures = models.TextField(_("thủ tục liên quan"), blank=True)
    supplement_limit = models.PositiveSmallIntegerField(
        _("số lần yêu cầu bổ sung tối đa mỗi cơ quan"),
        default=1,
        help_text=_("Mặc định một lần, trừ khi pháp luật chuyên ngành quy định khác."),
    )
    source_url = models.URLField(_("nguồn (Cổng DVC quốc gia)"), max_length=500, blank=True)
    unparsed_text = models.TextField(
        _("thông tin chưa được phân tích"),
        blank=True,
        help_text=_("Phần dữ liệu nhập khẩu không phân tích được, giữ nguyên văn."),
    )
    folded_text = models.TextField(editable=False, blank=True, db_index=False)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("code"), FieldPanel("decision_number")]),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("procedure_type")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("level_ministry"),
                        FieldPanel("level_province"),
                        FieldPanel("level_district"),
                        FieldPanel("level_commune"),
                        FieldPanel("level_other"),
                    ]
                )
            ],
            heading=_("Cấp thực hiện"),
        ),
        FieldPanel("online_service_level"),
        FieldPanel("applicants"),
        FieldPanel("steps"),
        InlinePanel("channels", heading=_("Cách thức thực hiện, thời hạn, phí"), label=_("kênh")),
        InlinePanel("documents", heading=_("Thành phần hồ sơ"), label=_("giấy tờ")),
        MultiFieldPanel(
            [
                FieldPanel("result_name"),
                FieldPanel("result_code"),
                FieldPanel("result_template"),
            ],
            heading=_("Kết quả"),
        ),
        InlinePanel("legal_bases", heading=_("Căn cứ pháp lý"), label=_("văn bản")),
        FieldPanel("conditions"),
        FieldPanel("related_procedures"),
    ]
    agency_panels = [
        FieldPanel("implementing_agencies"),
        FieldPanel("implementing_agency_text"),
        FieldPanel("competent_authority"),
        FieldPanel("authorised_agency"),
        FieldPanel("coordinating_agency"),
        FieldPanel("receiving_address"),
    ]
    workflow_panels = [
        FieldPanel("supplement_limit"),
        InlinePanel("workflow_steps", heading=_("Quy trình nội bộ"), label=_("bước xử lý")),
    ]
    source_panels = [FieldPanel("source_url"), FieldPanel("unparsed_text")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Nội dung")),
            ObjectList(agency_panels, heading=_("Cơ quan")),
            ObjectList(workflow_panels, heading=_("Quy trình nội bộ")),
            ObjectList(source_panels, heading=_("Nguồn dữ liệu")),
            ObjectList(Page.promote_panels, heading=_("Quảng bá")),
            ObjectList(Page.settings_panels, heading=_("Cài đặt")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("code"),
        index.SearchField("folded_text"),
        index.SearchField("applicants"),
        index.AutocompleteField("title"),
        index.FilterField("sector"),
        index.FilterField("online_service_level"),
        index.FilterField("level_ministry"),
        index.FilterField("level_province"),
        index.FilterField("level_district"),
        index.FilterField("level_commune"),
        index.FilterField("level_other"),
    ]

    parent_page_types = ["procedures_pages.ProcedureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"

    def clean(self):
        super().clean()
        if self.code:
            self.code = self.code.strip().upper()
        if not any(getattr(self, field) for field in LEVEL_FIELDS.values()):
            raise ValidationError({"level_province": _("Chọn ít nhất một cấp thực hiện.")})

    def save(self, *args, **kwargs):
        self.folded_text = fold(f"{self.code} {self.title}")
        return super().save(*args, **kwargs)

    @property
    def levels(self) -> list[str]:
        return [level for level, field in LEVEL_FIELDS.items() if getattr(self, field)]

    @property
    def level_labels(self) -> list[str]:
        return [str(AdministrativeLevel(level).label) for level in self.levels]

    def documents_by_case(self) -> list[tuple[str, list["DocumentRequirement"]]]:
        """Documents to hand in, grouped by case (trường hợp), in editor order."""
        groups: dict[str, list[DocumentRequirement]] = {}
        for doc in self.documents.all():
            if doc.kind == DocumentRequirement.Kind.SUBMIT:
                groups.setdefault(doc.case_name, []).append(doc)
        return list(groups.items())

    def documents_to_show(self) -> list["DocumentRequirement"]:
        return [d for d in self.documents.all() if d.kind == DocumentRequirement.Kind.SHOW]

    def channel_rule(self, channel: str, on: datetime.date) -> "ProcedureChannel | None":
        """The time-limit/fee row for ``channel`` in force on date ``on``.

        Rows without an effective-from date apply from the beginning of time; among the
        rows already in force, the latest effective-from wins.
        """
        candidates = [
            row
            for row in self.channels.all()
            if row.channel == channel and (row.effective_from is None or row.effective_from <= on)
        ]
        if not candidates:
            return None
        return max(candidates, key=lambda row: row.effective_from or datetime.date.min)

    def current_channels(self, on: datetime.date | None = None) -> list["ProcedureChannel"]:
        on = on or timezone.localdate()
        rules = [self.channel_rule(channel, on) for channel in Channel.values]
        return [rule for rule in rules if rule is not None]

    def get_context(self, request, *args, **kwargs):
        # One query per child table instead of one per helper call and per form file.
        # An unsaved page (preview of a new page) keeps its rows in memory already.
        if self.pk is not None:
            prefetch_related_objects(
                [self],
                "channels",
                Prefetch("documents", queryset=DocumentRequirement.objects.select_related("form")),
                "legal_bases",
                "workflow_steps",
                "implementing_agencies",
            )
        return super().get_context(request, *args, **kwargs)

    def workflow_total_hours(self) -> Decimal:
        return sum((step.allotted_hours for step in self.workflow_steps.all()), Decimal(0))

    @path("in/", name="print")
    def print_view(self, request):
        """A print-friendly view of the procedure (no navigation, black on white)."""
        return self.render(request, template="procedures_pages/procedure_page_print.html")


class ProcedureChannel(Orderable):
    """Cách thức thực hiện: one channel's time limit, fee and description.

    ``legal_version`` and ``effective_from`` version the deadline rule (DOMAIN.md §0).
    """

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("hình thức nộp"), max_length=16, choices=Channel.choices)
    time_limit_value = models.DecimalField(
        _("thời hạn"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    time_limit_unit = models.CharField(
        _("đơn vị thời hạn"),
        max_length=16,
        choices=TimeLimitUnit.choices,
        default=TimeLimitUnit.WORKING_DAYS,
    )
    time_limit_text = models.CharField(
        _("thời hạn (nguyên văn)"),
        max_length=500,
        blank=True,
        help_text=_("Dùng khi thời hạn không quy về được một con số."),
    )
    fee_amount = models.PositiveBigIntegerField(
        _("phí, lệ phí (đồng)"),
        null=True,
        blank=True,
        help_text=_("0 nghĩa là miễn phí; để trống nếu phí do địa phương quy định."),
    )
    fee_text = models.TextField(_("phí, lệ phí (mô tả)"), blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    legal_version = models.CharField(
        _("căn cứ áp dụng thời hạn"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ: Nghị định 118/2025/NĐ-CP."),
    )
    effective_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("channel"), FieldPanel("effective_from"), FieldPanel("legal_version")]
        ),
        FieldRowPanel(
            [
                FieldPanel("time_limit_value"),
                FieldPanel("time_limit_unit"),
                FieldPanel("time_limit_text"),
            ]
        ),
        FieldRowPanel([FieldPanel("fee_amount"), FieldPanel("fee_text")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("cách thức thực hiện")

    def clean(self):
        super().clean()
        needs_value = self.time_limit_unit not in (TimeLimitUnit.SAME_DAY, TimeLimitUnit.UNSTATED)
        if needs_value and self.time_limit_value is None and not self.time_limit_text:
            raise ValidationError(
                {"time_limit_value": _("Nhập thời hạn hoặc ghi thời hạn nguyên văn.")}
            )

    @property
    def time_limit_display(self) -> str:
        if self.time_limit_unit == TimeLimitUnit.SAME_DAY:
            return str(TimeLimitUnit.SAME_DAY.label).capitalize()
        if self.time_limit_value is None:
            return self.time_limit_text or str(_("Không quy định"))
        value = self.time_limit_value.normalize()
        number = f"{value:f}".replace(".", ",")
        if self.time_limit_unit == TimeLimitUnit.UNSTATED:
            # The source gave a bare number; show what it said rather than invent a unit.
            return self.time_limit_text or number
        return f"{number} {TimeLimitUnit(self.time_limit_unit).label}"

    @property
    def fee_display(self) -> str:
        if self.fee_amount is None:
            return self.fee_text or str(_("Không quy định"))
        if self.fee_amount == 0:
            return str(_("Miễn phí"))
        text = format_dong(self.fee_amount)
        return f"{text} ({self.fee_text})" if self.fee_text else text


class DocumentRequirement(Orderable):
    """Thành phần hồ sơ: one document, per case, to hand in or only to show."""

    class Kind(models.TextChoices):
        SUBMIT = "submit", _("Nộp")
        SHOW = "show", _("Xuất trình")

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="documents")
    case_name = models.CharField(_("trường hợp"), max_length=500, blank=True)
    name = models.TextField(_("tên giấy tờ"))
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices, default=Kind.SUBMIT)
    originals = models.PositiveSmallIntegerField(_("bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("bản sao"), default=0)
    quantity_text = models.CharField(_("số lượng (nguyên văn)"), max_length=255, blank=True)
    form_name = models.CharField(_("mẫu đơn, tờ khai"), max_length=500, blank=True)
    form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp mẫu đơn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("case_name"), FieldPanel("kind")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies"), FieldPanel("quantity_text")]),
        FieldRowPanel([FieldPanel("form_name"), FieldPanel("form")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("giấy tờ")

    @property
    def quantity_display(self) -> str:
        parts = []
        if self.originals:
            parts.append(_("%(n)d bản chính") % {"n": self.originals})
        if self.copies:
            parts.append(_("%(n)d bản sao") % {"n": self.copies})
        return ", ".join(str(p) for p in parts) or self.quantity_text


class LegalBasis(Orderable):
    """Căn cứ pháp lý: number × summary × date × issuer."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="legal_bases")
    number = models.CharField(_("số ký hiệu"), max_length=255, blank=True)
    summary = models.TextField(_("trích yếu"))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("issued_on"), FieldPanel("issuer")]),
        FieldPanel("summary"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("căn cứ pháp lý")


class WorkflowStep(Orderable):
    """One step of the province's internal workflow (quy trình nội bộ) for a procedure.

    Steps drive the per-step deadlines of dossiers (issue 3); "a day = 8 working hours".
    """

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="workflow_steps")
    name = models.CharField(_("nội dung công việc"), max_length=500)
    unit = models.CharField(_("đơn vị/bộ phận thực hiện"), max_length=255)
    role = models.CharField(_("vai trò"), max_length=20, choices=WorkflowRole.choices)
    agency = models.ForeignKey(
        "procedures_pages.Agency",
        verbose_name=_("cơ quan (nếu cố định)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    allotted_value = models.DecimalField(_("thời gian"), max_digits=6, decimal_places=2)
    allotted_unit = models.CharField(
        _("đơn vị"), max_length=16, choices=StepTimeUnit.choices, default=StepTimeUnit.HOURS
    )
    form_used = models.CharField(_("biểu mẫu sử dụng"), max_length=255, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("role"), FieldPanel("agency")]),
        FieldRowPanel(
            [FieldPanel("allotted_value"), FieldPanel("allotted_unit"), FieldPanel("form_used")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("bước quy trình nội bộ")

    @property
    def allotted_hours(self) -> Decimal:
        if self.allotted_unit == StepTimeUnit.WORKING_DAYS:
            return self.allotted_value * HOURS_PER_WORKING_DAY
        return self.allotted_value

    @property
    def allotted_display(self) -> str:
        value = f"{self.allotted_value.normalize():f}".replace(".", ",")
        return f"{value} {StepTimeUnit(self.allotted_unit).label}"
