from django.urls import path

from overstap.taxonomy import views

app_name = "taxonomy"
urlpatterns = [
    path("", views.browser, name="browser"),
    path("occupations/search", views.occupation_search, name="occupation_search"),
    path("skills/search", views.skill_search, name="skill_search"),
    path("occupations/<int:pk>/", views.occupation_detail, name="occupation_detail"),
    path("skills/<int:pk>/", views.skill_detail, name="skill_detail"),
]
