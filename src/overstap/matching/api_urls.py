"""Matching API routes, included under ``/api/v1/matching/`` by ``conf/api_urls.py``."""

from django.urls import path

from overstap.matching import api

urlpatterns = [
    path("cases/<int:pk>/vacancies/", api.CaseVacanciesView.as_view(), name="case_vacancies"),
    path(
        "vacancies/<int:pk>/candidates/",
        api.VacancyCandidatesView.as_view(),
        name="vacancy_candidates",
    ),
    path(
        "occupations/<path:ref>/transitions/",
        api.OccupationTransitionsView.as_view(),
        name="occupation_transitions",
    ),
]
