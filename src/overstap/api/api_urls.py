"""Partner API routes, included under ``/api/v1/`` (namespace ``api``) by ``conf/api_urls.py``."""

from django.urls import path

from overstap.api import api_views as views

urlpatterns = [
    path("oauth/token", views.OAuthTokenView.as_view(), name="oauth_token"),
    path("registrations/", views.RegistrationCreateView.as_view(), name="registrations"),
    path("cases/", views.CaseListView.as_view(), name="case_list"),
    path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("referrals/", views.ReferralListView.as_view(), name="referral_list"),
    path("referrals/<int:pk>/", views.ReferralDetailView.as_view(), name="referral_detail"),
    path(
        "referrals/<int:pk>/status/",
        views.ReferralStatusView.as_view(),
        name="referral_status",
    ),
    path("vacancies/", views.VacancyListView.as_view(), name="vacancy_list"),
    path("vacancies/<int:pk>/", views.VacancyDetailView.as_view(), name="vacancy_detail"),
    path(
        "taxonomy/occupations/",
        views.OccupationSearchView.as_view(),
        name="taxonomy_occupations",
    ),
    path("taxonomy/skills/", views.SkillSearchView.as_view(), name="taxonomy_skills"),
]
