"""Admin arrangement: snippets grouped under one "Danh mục" menu an editor can find."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Agency, NewsCategory, Sector


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Cơ quan")
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level", "is_service_centre"]
    search_fields = ["name", "code"]
    ordering = ["name"]


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "folder-open-inverse"
    menu_label = _("Lĩnh vực")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Chuyên mục tin")
    list_display = ["name", "slug"]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    items = (AgencyViewSet, SectorViewSet, NewsCategoryViewSet)
    menu_icon = "list-ul"
    menu_label = _("Danh mục dùng chung")
    menu_name = "catalogue-reference"
    menu_order = 150


register_snippet(CatalogueViewSetGroup)
