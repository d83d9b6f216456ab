from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("tim-kiem/", views.search_page, name="search"),
    path("tim-kiem/goi-y/", views.suggest, name="suggest"),
]
