from django.urls import path

from overstap.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.audit_log, name="audit_log"),
    path("export.csv", views.audit_export, name="audit_export"),
    path("verify/", views.verify, name="verify"),
    path("people/<int:person_ref>/", views.person_access, name="person_access"),
    path("cases/<int:pk>/legal-hold/", views.legal_hold, name="legal_hold"),
]
