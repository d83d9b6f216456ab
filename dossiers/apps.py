from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    """The case file: dossiers, their events, workflow, calendar and statistics."""

    name = "dossiers"
    verbose_name = _("Hồ sơ")

    def ready(self):
        from . import recompute  # noqa: F401  (connects the calendar_changed receiver)
