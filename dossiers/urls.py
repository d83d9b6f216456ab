"""Public dossier pages (lookup), mounted under the language prefix."""

from django.urls import path

from . import views
from .statistics_views import statistics_page

app_name = "dossiers"
urlpatterns = [
    path("tra-cuu-ho-so/", views.lookup, name="lookup"),
    path("thong-ke/", statistics_page, name="statistics"),
]
