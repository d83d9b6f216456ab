"""Public dossier pages (lookup), mounted under the language prefix."""

from django.urls import path  # noqa: F401

app_name = "dossiers"
urlpatterns: list = []
