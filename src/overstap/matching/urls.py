"""URL map of the matching pages."""

from django.urls import path

from overstap.matching import views

app_name = "matching"
urlpatterns = [
    path("case/<int:pk>/", views.case_matching, name="case"),
    path("vacancy/<int:pk>/candidates/", views.vacancy_candidates, name="vacancy_candidates"),
    path(
        "occupations/<int:pk>/transitions/",
        views.occupation_transitions,
        name="occupation_transitions",
    ),
    path("cohort/", views.cohort_index, name="cohort_index"),
    path("cohort/<int:pk>/", views.cohort, name="cohort"),
]
