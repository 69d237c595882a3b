"""Server-side session ends, and the OIDC second-factor mark on the session."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest

from overstap.accounts.sessions import end_sessions
from overstap.accounts.twofactor import OIDC_MFA_SESSION_KEY


@receiver(post_save, sender=get_user_model())
def end_sessions_of_deactivated_user(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deactivated account is logged out everywhere at once (TRUST.md "Sessions")."""
    if not instance.is_active:
        end_sessions(instance.pk)


@receiver(user_logged_in)
def mark_oidc_mfa(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and getattr(user, "overstap_oidc_mfa", False):
        request.session[OIDC_MFA_SESSION_KEY] = True
