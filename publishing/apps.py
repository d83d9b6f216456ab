from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """Official PDF documents rendered with WeasyPrint (issue 4)."""

    name = "publishing"
    verbose_name = _("Văn bản, biểu mẫu")
