"""Admin URLs of the publishing app: issuing a dossier's documents from the back office
(:mod:`publishing.views_admin`), under ``/admin/van-ban/``."""

from django.urls import include, path
from wagtail import hooks

from . import views_admin


@hooks.register("register_admin_urls")
def register_publishing_admin_urls():
    urls = [
        path(
            "phat-hanh/<int:dossier_pk>/<slug:form>/",
            views_admin.IssueDocumentView.as_view(),
            name="issue",
        ),
    ]
    return [path("van-ban/", include((urls, views_admin.URL_NAMESPACE)))]
