"""URLs and the admin menu of the back office.

The URLs live in one plain :class:`~wagtail.admin.viewsets.base.ViewSet` (its views are not
model CRUD, so ``ModelViewSet`` does not fit: its index paginates with ``COUNT(*)``). The
menu is a top-level "Hồ sơ" item with one sub-item per list, shown to officers and
superusers only; "Tiếp nhận hồ sơ" only to the one-stop desk.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.base import ViewSet

from ..models import OfficerRole
from ..queries.backoffice import can_use_backoffice, officer_or_none
from . import attachments_views, views


class BackofficeViewSet(ViewSet):
    name = views.URL_NAMESPACE
    url_prefix = "ho-so"
    icon = "folder-open-inverse"

    def get_urlpatterns(self):
        return [
            path("", views.DossierListView.as_view(), name="all"),
            path("can-xu-ly/", views.ActionQueueView.as_view(), name="action"),
            path("qua-han/", views.OverdueQueueView.as_view(), name="overdue"),
            path("toi-han/", views.NearDueQueueView.as_view(), name="near_due"),
            path("tiep-nhan/", views.ReceiveView.as_view(), name="receive"),
            path("<int:pk>/", views.DossierDetailView.as_view(), name="detail"),
            path(
                "<int:pk>/tep-dinh-kem/",
                views.DossierDetailView.as_view(files_action="upload"),
                name="attachment_upload",
            ),
            path(
                "<int:pk>/tep-dinh-kem/<int:attachment_pk>/tai-ve/",
                attachments_views.AttachmentDownloadView.as_view(),
                name="attachment_download",
            ),
            path(
                "<int:pk>/phi-le-phi/",
                views.DossierDetailView.as_view(files_action="fee"),
                name="fee_collect",
            ),
            path(
                "<int:pk>/thao-tac/<slug:action>/",
                views.DossierActionView.as_view(),
                name="action_form",
            ),
        ]


backoffice_viewset = BackofficeViewSet()


class OfficerMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_backoffice(request.user)


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        officer = officer_or_none(request.user)
        return officer is not None and officer.role == OfficerRole.DESK


def backoffice_menu_item() -> SubmenuMenuItem:
    """The "Hồ sơ" menu; called by Wagtail once the URLconf is loaded."""

    def link(name):
        return reverse(f"{views.URL_NAMESPACE}:{name}")

    items = [
        DeskMenuItem(
            _("Tiếp nhận hồ sơ"),
            link("receive"),
            name="dossiers-receive",
            icon_name="form",
            order=100,
        ),
        OfficerMenuItem(
            _("Cần xử lý"), link("action"), name="dossiers-action", icon_name="tasks", order=200
        ),
        OfficerMenuItem(
            _("Quá hạn"), link("overdue"), name="dossiers-overdue", icon_name="warning", order=300
        ),
        OfficerMenuItem(
            _("Tới hạn"), link("near_due"), name="dossiers-near-due", icon_name="time", order=400
        ),
        OfficerMenuItem(
            _("Tất cả hồ sơ"), link("all"), name="dossiers-all", icon_name="list-ul", order=500
        ),
    ]
    return SubmenuMenuItem(
        _("Hồ sơ"),
        Menu(items=items),
        name="dossiers",
        icon_name="folder-open-inverse",
        order=50,
    )
