"""The REST API (issue #8 builds it out). The schema and docs live at /api/schema/ and /api/docs/."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/matching/", include(("overstap.matching.api_urls", "matching"))),
]
