"""Settings of the portal's owner (the province or commune that runs it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    owner_name = models.CharField(
        _("cơ quan chủ quản"), max_length=255, default="Ủy ban nhân dân tỉnh"
    )
    portal_name = models.CharField(
        _("tên cổng"), max_length=255, default="Cổng dịch vụ công – Một Cửa"
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("portal_name"),
        FieldPanel("owner_name"),
        FieldPanel("address"),
        FieldPanel("hotline"),
        FieldPanel("email"),
        FieldPanel("logo"),
    ]

    class Meta:
        verbose_name = _("thông tin cổng")
