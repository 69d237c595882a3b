"""The REST API, versioned under /api/v1/. The OpenAPI schema is served at /api/schema/."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/matching/", include(("overstap.matching.api_urls", "matching"))),
]
