from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views

from overstap.accounts.constants import Role

DEMO_PASSWORD = "overstap-demo"  # noqa: S105 - documented demo password, shown only in demo mode
DEMO_LOGINS = [
    ("casemanager", Role.CASE_MANAGER),
    ("casemanager2", Role.CASE_MANAGER),
    ("accountmanager", Role.ACCOUNT_MANAGER),
    ("coordinator", Role.COORDINATOR),
    ("provider", Role.PROVIDER_STAFF),
    ("employer", Role.EMPLOYER_USER),
    ("admin", Role.ADMINISTRATOR),
    ("privacy", Role.PRIVACY_OFFICER),
]


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if settings.DEMO_MODE:
            context["demo_logins"] = [(name, role.label) for name, role in DEMO_LOGINS]
            context["demo_password"] = DEMO_PASSWORD
        return context
