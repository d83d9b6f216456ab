from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    """The case file: dossiers, their events, workflow, calendar and statistics (issue 3)."""

    name = "dossiers"
    verbose_name = _("Hồ sơ")
