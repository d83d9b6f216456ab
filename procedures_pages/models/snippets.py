"""Agencies and sectors: the reference data every procedure and dossier points at."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class AgencyLevel(models.TextChoices):
    MINISTRY = "bo", _("Cấp bộ")
    PROVINCE = "tinh", _("Cấp tỉnh")
    DISTRICT = "huyen", _("Cấp huyện (trước 01/7/2025)")
    COMMUNE = "xa", _("Cấp xã")
    OTHER = "khac", _("Cơ quan khác")


# Identifier codes (mã định danh, QĐ 20/2020/QĐ-TTg) look like 000.00.15.H26 or G12.
agency_code_validator = RegexValidator(
    r"^[A-Z0-9]{1,5}(\.[A-Z0-9]{1,5}){0,5}$",
    _("Mã định danh chỉ gồm chữ in hoa, chữ số và dấu chấm, ví dụ 000.00.15.H26."),
)


class Agency(index.Indexed, models.Model):
    """A state agency: ministry, province, department, public-service centre or commune.

    Agencies form a tree (ministry or province at the top, communes at the bottom) through
    ``parent``. The identifier code prefixes every dossier code the agency issues.
    """

    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    code = models.CharField(
        _("mã định danh"),
        max_length=40,
        unique=True,
        validators=[agency_code_validator],
        help_text=_("Mã định danh điện tử của cơ quan, dùng làm tiền tố mã hồ sơ."),
    )
    level = models.CharField(_("cấp"), max_length=8, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_service_centre = models.BooleanField(
        _("là Trung tâm Phục vụ hành chính công / bộ phận một cửa"), default=False
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin điện tử"), blank=True)
    office_hours = models.CharField(
        _("giờ làm việc"),
        max_length=255,
        blank=True,
        default="07:00–11:30, 13:30–17:00",
        help_text=_("Giờ tiếp nhận hồ sơ, hiển thị cho người dân."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("level"), FieldPanel("parent")]),
        FieldPanel("is_service_centre"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
                FieldPanel("office_hours"),
            ],
            heading=_("Liên hệ"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.FilterField("level"),
    ]

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["Agency"]:
        """Agencies above this one, from the top of the tree down."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return list(reversed(chain))


class Sector(index.Indexed, models.Model):
    """A sector (lĩnh vực) such as Hộ tịch or Đất đai."""

    name = models.CharField(_("tên lĩnh vực"), max_length=255, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=255, unique=True, allow_unicode=False)
    description = models.TextField(_("mô tả"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
