from django.urls import URLPattern, URLResolver, path

from overstap.passport import views

app_name = "passport"
urlpatterns: list[URLPattern | URLResolver] = [
    path("case/<int:pk>/", views.case_passport, name="case_passport"),
    path("case/<int:pk>/build/", views.build, name="build"),
    path("case/<int:pk>/occupations/", views.occupations, name="occupations"),
    path("case/<int:pk>/skills/", views.skills, name="skills"),
    path("case/<int:pk>/skills/add/", views.skill_add, name="skill_add"),
    path("case/<int:pk>/certificates/", views.certificates, name="certificates"),
    path("case/<int:pk>/learning/", views.learning, name="learning"),
    path("case/<int:pk>/ambitions/", views.ambitions, name="ambitions"),
    path("case/<int:pk>/constraints/", views.constraints, name="constraints"),
    path("case/<int:pk>/print/", views.print_view, name="print"),
    path("case/<int:pk>/passport.pdf", views.pdf_download, name="pdf"),
    path("case/<int:pk>/passport.json", views.json_export, name="json"),
]
