from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("", include("overstap.core.urls")),
    path("account/", include("overstap.accounts.urls")),
    path("cases/", include("overstap.cases.urls")),
    path("catalogue/", include("overstap.catalogue.urls")),
    path("taxonomy/", include("overstap.taxonomy.urls")),
    path("passport/", include("overstap.passport.urls")),
    path("employers/", include("overstap.employers.urls")),
    path("matching/", include("overstap.matching.urls")),
    path("insights/", include("overstap.insights.urls")),
    path("network/", include("overstap.network.urls")),
    path("rapid-response/", include("overstap.rapidresponse.urls")),
    path("consent/", include("overstap.consent.urls")),
    path("privacy/", include("overstap.privacy.urls")),
    path("jobs/", include("overstap.jobs.urls")),
    path("bulk-intake/", include("overstap.bulkintake.urls")),
    path("national/", include("overstap.national.urls")),
    path("", include("overstap.frontdoor.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("overstap.conf.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api-clients/", include("overstap.api.urls")),
]
