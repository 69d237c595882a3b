"""Logging in with two-factor authentication in a real browser: enrol an authenticator
app, save the backup codes, log in again with a code. Screenshots: docs/screenshots/auth-*.png.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from overstap.accounts.constants import OrganisationKind, Role

from ..factories import PASSWORD, OrganisationFactory, RegionFactory, UserFactory
from .conftest import screenshot

pytestmark = pytest.mark.browser


def _code(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


@pytest.fixture
def staff_user(transactional_db):
    region = RegionFactory(code="nob", name="Noordoost-Brabant")
    uwv = OrganisationFactory(region=region, name="UWV Den Bosch", kind=OrganisationKind.UWV)
    return UserFactory(
        username="fatima",
        first_name="Fatima",
        last_name="Bakker",
        organisation=uwv,
        role=Role.CASE_MANAGER,
    )


def test_enrol_and_log_in_with_a_code(page, settings, staff_user):
    settings.OVERSTAP_REQUIRE_2FA = True
    settings.DEMO_MODE = False
    page.goto(reverse("accounts:login"))
    screenshot(page, "auth-01-login")
    page.fill("input[name=username]", "fatima")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[method=post] button[type=submit]")
    page.wait_for_url("**/two-factor/setup/**")
    expect(page.locator("img.two-factor__qr")).to_be_visible()
    # the QR code is a real image (decoded by the browser), and the key is there as text
    assert page.evaluate("document.querySelector('img.two-factor__qr').naturalWidth") > 0
    expect(page.locator("#totp-secret")).not_to_be_empty()
    screenshot(page, "auth-02-enrol")

    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    page.fill("input[name=code]", "000000" if _code(device) != "000000" else "111111")
    with page.expect_navigation():
        page.click("main button.button--primary")
    expect(page.locator(".error-summary")).to_be_visible()
    screenshot(page, "auth-03-enrol-wrong-code")

    device.refresh_from_db()
    device.throttle_reset()
    page.fill("input[name=code]", _code(device))
    with page.expect_navigation():
        page.click("main button.button--primary")
    expect(page.locator(".backup-codes li")).to_have_count(10)
    screenshot(page, "auth-04-backup-codes")
    with page.expect_navigation():
        page.click(".actions a.button--primary")
    assert "/two-factor" not in page.url

    # log out, log in again: now the code step
    with page.expect_navigation():
        page.click(".user-box button[type=submit]")
    page.fill("input[name=username]", "fatima")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[method=post] button[type=submit]")
    page.wait_for_url("**/two-factor/**")
    screenshot(page, "auth-05-code")
    device.refresh_from_db()
    # the code of the next time step: the one just used for enrolment cannot be reused
    next_code = str(
        totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=1)
    ).zfill(device.digits)
    page.fill("input[name=code]", next_code)
    with page.expect_navigation():
        page.click("main button.button--primary")
    assert "/two-factor" not in page.url and "/account/login" not in page.url
    expect(page.locator(".user-box__name")).to_have_text("Fatima Bakker")


def test_lockout_message_on_the_login_page(page, settings, staff_user):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.DEMO_MODE = False
    page.goto(reverse("accounts:login"))
    for _ in range(3):
        page.fill("input[name=username]", "fatima")
        page.fill("input[name=password]", "niet-het-wachtwoord")
        with page.expect_navigation():
            page.click("form[method=post] button[type=submit]")
    expect(page.locator(".alert--error")).to_be_visible()
    screenshot(page, "auth-06-locked-out")
