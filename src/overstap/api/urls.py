"""Staff pages for partner API clients, included under ``/api-clients/``."""

from django.urls import path

from overstap.api import views

app_name = "apiclients"
urlpatterns = [
    path("", views.client_list, name="client_list"),
    path("new/", views.client_create, name="client_create"),
    path("<int:pk>/", views.client_detail, name="client_detail"),
    path("<int:pk>/tokens/", views.token_create, name="token_create"),
    path("<int:pk>/tokens/<int:token_pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("<int:pk>/secret/", views.client_secret, name="client_secret"),
]
