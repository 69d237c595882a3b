from __future__ import annotations

import pytest
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def two_factor_on(settings):
    settings.OVERSTAP_REQUIRE_2FA = True
    return settings


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 10
    settings.AXES_COOLOFF_TIME = 1
    return settings


def current_code(device: TOTPDevice, *, offset: int = 0) -> str:
    """The code an authenticator app would show now (``offset`` steps later/earlier)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return str(value).zfill(device.digits)


def enrolled_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Overstap", confirmed=True)


@pytest.fixture(autouse=True)
def _english(client):
    """Pages and services in English: these tests assert English message ids."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
