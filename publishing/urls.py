"""Public verification pages and document downloads, mounted under the language prefix."""

from django.urls import path

from . import views

app_name = "publishing"
urlpatterns = [
    path("xac-thuc/", views.verify_index, name="verify_index"),
    path("xac-thuc/<str:code>/", views.verify, name="verify"),
    path("xac-thuc/<str:code>/tai-ve/", views.public_download, name="public_download"),
    path("van-ban/<str:code>/tai-ve/", views.download, name="download"),
]
