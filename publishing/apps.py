from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """Official PDF documents rendered with WeasyPrint (issue 4)."""

    name = "publishing"
    verbose_name = _("Văn bản, biểu mẫu")

    def ready(self):
        from django.core import checks

        from .signing import check_signing_configuration

        checks.register(check_signing_configuration)
