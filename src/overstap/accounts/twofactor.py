"""Two-factor authentication (TOTP with django-otp) — the policy in one place.

* Every account in Overstap belongs to partner staff or an employer, so with
  ``OVERSTAP_REQUIRE_2FA`` on, every logged-in session must be verified with a second
  factor before it may open anything but the login, logout and two-factor pages.
* A session is verified by a TOTP or backup code (django-otp), or by an OIDC login whose
  identity provider asserted multi-factor authentication (``OVERSTAP_OIDC_MFA``).
* Only an administrator can remove a user's devices (admin action); a password reset never
  removes or skips the second factor.
"""

from __future__ import annotations

import base64
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from overstap.accounts.sessions import end_sessions

logger = logging.getLogger("overstap.security")

#: Session key set when an OIDC login counts as multi-factor.
OIDC_MFA_SESSION_KEY = "overstap_oidc_mfa"
#: Session key holding freshly generated backup codes until they have been shown once.
BACKUP_CODES_SESSION_KEY = "overstap_backup_codes"
BACKUP_CODE_COUNT = 10
DEVICE_NAME = "Overstap"

AnyUser = AbstractBaseUser | AnonymousUser


def requires_two_factor(user: Any) -> bool:
    """Whether this user must verify a second factor before using Overstap."""
    return bool(settings.OVERSTAP_REQUIRE_2FA and user.is_authenticated)


def is_verified(request: HttpRequest) -> bool:
    """Whether the session passed a second factor (OTP device or OIDC with MFA)."""
    user = request.user
    if not user.is_authenticated:
        return False
    if getattr(user, "is_verified", lambda: False)():
        return True
    return bool(request.session.get(OIDC_MFA_SESSION_KEY))


def has_confirmed_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp_device(user: Any) -> TOTPDevice:
    """The unconfirmed TOTP device being enrolled (kept so the QR code stays the same)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_for_display(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an authenticator app."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The enrolment URI as an SVG QR code in a data: URI (no inline style: CSP-safe)."""
    import segno

    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2))


@transaction.atomic
def confirm_device(device: TOTPDevice) -> list[str]:
    """Confirm a TOTP device after a correct code; return fresh backup codes (shown once)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    codes = new_backup_codes(device.user)
    logger.info("Two-factor authentication enrolled for user id %s", device.user.pk)
    return codes


def new_backup_codes(user: Any) -> list[str]:
    """Replace the user's backup codes with ``BACKUP_CODE_COUNT`` new single-use codes."""
    static, _ = StaticDevice.objects.get_or_create(
        user=user, name="Backup codes", defaults={"confirmed": True}
    )
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


@transaction.atomic
def reset_two_factor(user: Any) -> None:
    """Remove every second-factor device of ``user`` and end their sessions.

    Administrators only (admin action): the user enrols again at the next login.
    """
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    end_sessions(user.pk)
    logger.info("Two-factor authentication reset for user id %s", user.pk)


def oidc_counts_as_mfa(claims: dict[str, Any]) -> bool:
    """Whether an OIDC login with these ID-token claims is a second factor."""
    mode = settings.OVERSTAP_OIDC_MFA
    if mode == "always":
        return True
    if mode == "never":
        return False
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return any(str(method).lower() in {"mfa", "otp"} for method in amr)
