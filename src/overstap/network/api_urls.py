"""Network API routes, included under ``/api/v1/network/`` by ``conf/api_urls.py``."""

from django.urls import path

from overstap.network import api

urlpatterns = [
    path("employers/", api.EmployerListView.as_view(), name="employer_list"),
    path("employers/<int:pk>/", api.EmployerDetailView.as_view(), name="employer_detail"),
    path("surplus/", api.SurplusListView.as_view(), name="surplus_list"),
    path("surplus/<int:pk>/", api.SurplusDetailView.as_view(), name="surplus_detail"),
    path("shortage/", api.ShortageListView.as_view(), name="shortage_list"),
    path("shortage/<int:pk>/", api.ShortageDetailView.as_view(), name="shortage_detail"),
    path("proposals/", api.ProposalListView.as_view(), name="proposal_list"),
    path("proposals/<int:pk>/", api.ProposalDetailView.as_view(), name="proposal_detail"),
]
