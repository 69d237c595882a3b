from django.urls import URLPattern, URLResolver, path

from overstap.network import views

app_name = "network"
urlpatterns: list[URLPattern | URLResolver] = [
    path("employers/", views.employer_list, name="employer_list"),
    path("employers/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("employers/<int:pk>/profile/", views.profile_edit, name="profile_edit"),
    path("employers/<int:pk>/locations/new/", views.location_add, name="location_add"),
    path(
        "employers/<int:pk>/locations/<int:location_pk>/delete/",
        views.location_delete,
        name="location_delete",
    ),
    path("employers/<int:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path(
        "employers/<int:pk>/contacts/<int:contact_pk>/delete/",
        views.contact_delete,
        name="contact_delete",
    ),
    path("employers/<int:pk>/notes/", views.note_add, name="note_add"),
    path("employers/<int:pk>/surplus/new/", views.surplus_create, name="surplus_create"),
    path("employers/<int:pk>/shortage/new/", views.shortage_create, name="shortage_create"),
    path("registrations/", views.registrations, name="registrations"),
    path("surplus/<int:pk>/", views.surplus_detail, name="surplus_detail"),
    path("surplus/<int:pk>/status/", views.surplus_status, name="surplus_status"),
    path("surplus/<int:pk>/proposals/", views.surplus_proposals, name="surplus_proposals"),
    path("shortage/<int:pk>/", views.shortage_detail, name="shortage_detail"),
    path("shortage/<int:pk>/status/", views.shortage_status, name="shortage_status"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
]
