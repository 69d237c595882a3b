from django.urls import path

from overstap.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.offering_list, name="offering_list"),
    path("new/", views.offering_edit, name="offering_create"),
    path("<int:pk>/", views.offering_detail, name="offering_detail"),
    path("<int:pk>/edit/", views.offering_edit, name="offering_edit"),
]
