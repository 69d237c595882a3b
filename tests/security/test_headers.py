"""Security headers: CSP without 'unsafe-inline', no caching of personal pages, and the
browser hardening headers (TRUST.md "Web security")."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_headers_on_a_public_page(client):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_personal_pages_are_not_stored(client, case_manager):
    client.force_login(case_manager)
    response = client.get(reverse("cases:my_day"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_cookies_are_http_only_and_same_site(client, case_manager):
    response = client.post(
        reverse("accounts:login"), {"username": "cm", "password": "overstap-test-password"}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_HTTPONLY


def test_deploy_check_warns_when_production_runs_without_2fa(settings):
    """Secure cookies and HSTS in production are covered by ``check --deploy`` in
    tests/test_settings.py; this is Overstap's own deploy check for the second factor."""
    from overstap.accounts.checks import two_factor_required

    settings.IS_PRODUCTION = True
    settings.OVERSTAP_REQUIRE_2FA = False
    assert [w.id for w in two_factor_required()] == ["overstap.W001"]
    settings.OVERSTAP_REQUIRE_2FA = True
    assert two_factor_required() == []
