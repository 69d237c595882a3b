"""Optional OIDC login for partner organisations (mozilla-django-oidc, PKCE S256).

Enabled only when the OIDC_* environment variables are set. A login is matched by
e-mail address to an existing, active account; an unknown address is refused unless
``OVERSTAP_OIDC_CREATE_USERS`` is on, and then the new account has no role (and so no
access) until an administrator gives it one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from overstap.accounts.twofactor import oidc_counts_as_mfa


class OverstapOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[Any]:
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        if claims.get("email_verified") is False:
            return False
        return bool(super().verify_claims(claims))

    def create_user(self, claims: dict[str, Any]) -> Any:
        email = claims["email"].strip()
        return self.UserModel.objects.create_user(
            username=email.lower()[:150],
            email=email,
            first_name=(claims.get("given_name") or "")[:150],
            last_name=(claims.get("family_name") or "")[:150],
        )  # no role, no organisation, no usable password

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        return user  # the administrator, not the identity provider, manages accounts

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None:
            # Read by the user_logged_in receiver (accounts/signals.py) to mark the session.
            user.overstap_oidc_mfa = oidc_counts_as_mfa(payload)
        return user
