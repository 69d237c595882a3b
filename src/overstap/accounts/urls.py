from django.contrib.auth import views as auth_views
from django.urls import path

from overstap.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/backup-codes/", views.two_factor_backup_codes, name="two_factor_backup_codes"),
    path("oidc/login/", views.oidc_login, name="oidc_login"),
    path("oidc/callback/", views.oidc_callback, name="oidc_callback"),
]
