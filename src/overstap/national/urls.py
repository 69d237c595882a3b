"""The national view (issue #9): anonymised aggregates of all regions."""

from django.urls import path

from overstap.national import views

app_name = "national"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("download/<str:key>.<str:fmt>", views.download, name="download"),
]
