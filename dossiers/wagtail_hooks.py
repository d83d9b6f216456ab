"""Admin screens of the dossiers app: the working-time calendar under "Lịch làm việc" and
the officers' back office under "Hồ sơ" (``dossiers.backoffice``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .backoffice.viewsets import backoffice_menu_item, backoffice_viewset
from .calendar_models import AgencyOfficeHours, CalendarOverride


class CalendarOverrideViewSet(SnippetViewSet):
    model = CalendarOverride
    icon = "date"
    menu_label = _("Ngày nghỉ, ngày làm bù")
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]
    search_fields = ["reason"]
    ordering = ["-date"]
    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]), FieldPanel("reason")]


class AgencyOfficeHoursViewSet(SnippetViewSet):
    model = AgencyOfficeHours
    icon = "time"
    menu_label = _("Giờ làm việc của cơ quan")
    list_display = ["agency", "morning_start", "morning_end", "afternoon_start", "afternoon_end"]
    ordering = ["agency__name"]
    panels = [
        FieldPanel("agency"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("morning_start"), FieldPanel("morning_end")])],
            heading=_("Buổi sáng"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("afternoon_start"), FieldPanel("afternoon_end")])],
            heading=_("Buổi chiều"),
        ),
    ]


class WorkingCalendarViewSetGroup(SnippetViewSetGroup):
    items = (CalendarOverrideViewSet, AgencyOfficeHoursViewSet)
    menu_icon = "calendar-alt"
    menu_label = _("Lịch làm việc")
    menu_name = "working-calendar"
    menu_order = 160


register_snippet(WorkingCalendarViewSetGroup)


@hooks.register("register_admin_viewset")
def register_backoffice_viewset():
    return backoffice_viewset


@hooks.register("register_admin_menu_item")
def register_backoffice_menu_item():
    return backoffice_menu_item()
