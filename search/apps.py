from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search facade over Elasticsearch and the database (issue 5)."""

    name = "search"
    label = "portal_search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        from .signals import connect

        connect()
