from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresPagesConfig(AppConfig):
    """The public catalogue of administrative procedures and the reform news."""

    name = "procedures_pages"
    verbose_name = _("Danh mục thủ tục hành chính")
