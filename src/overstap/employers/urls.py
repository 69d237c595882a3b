from django.urls import path

from overstap.employers import views

app_name = "employers"
urlpatterns = [
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("vacancies/new/", views.vacancy_create, name="vacancy_create"),
    path("vacancies/import/", views.vacancy_import, name="vacancy_import"),
    path(
        "vacancies/import/<uuid:token>/",
        views.vacancy_import_preview,
        name="vacancy_import_preview",
    ),
    path("vacancies/<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/status/", views.vacancy_status, name="vacancy_status"),
]
