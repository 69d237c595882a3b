from django.urls import URLPattern, URLResolver, path

from overstap.consent import views

app_name = "consent"
urlpatterns: list[URLPattern | URLResolver] = [
    path("cases/<int:pk>/", views.case_consent, name="case_consent"),
    path("cases/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "cases/<int:pk>/introductions/<int:introduction_pk>/",
        views.introduction,
        name="introduction",
    ),
    path("cases/<int:pk>/my-data/", views.person_data, name="person_data"),
    path(
        "cases/<int:pk>/my-data/download.<str:fmt>",
        views.person_data_download,
        name="person_data_download",
    ),
    path("former-staff/", views.employer_progress, name="employer_progress"),
    path(
        "vacancies/<int:vacancy_pk>/candidates/",
        views.vacancy_candidates,
        name="vacancy_candidates",
    ),
]
