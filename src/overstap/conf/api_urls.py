"""The REST API, versioned under /api/v1/. The OpenAPI schema is served at /api/schema/."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/matching/", include(("overstap.matching.api_urls", "matching"))),
    path("v1/network/", include(("overstap.network.api_urls", "network"))),
    path("v1/rapid-response/", include(("overstap.rapidresponse.api_urls", "rapidresponse"))),
    path("v1/", include("overstap.api.api_urls")),  # partner API (overstap.api)
]
