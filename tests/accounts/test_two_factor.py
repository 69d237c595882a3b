"""Two-factor authentication (TOTP, django-otp): enrolment, the code step, backup codes,
central enforcement and the administrator's reset (issue #7, ADR 0008)."""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.sites import site
from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from overstap.accounts.models import User
from overstap.accounts.twofactor import BACKUP_CODE_COUNT, oidc_counts_as_mfa

from ..factories import PASSWORD
from .conftest import current_code, enrolled_device

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")
CODES = reverse("accounts:two_factor_backup_codes")
LOGIN = reverse("accounts:login")


def _password_login(client, user, next_url=""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


def test_password_login_without_device_leads_to_enrolment(client, two_factor_on, case_manager):
    response = _password_login(client, case_manager)
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_every_protected_page_requires_a_verified_session(client, two_factor_on, case_manager):
    client.force_login(case_manager)
    for url in [
        reverse("core:home"),
        reverse("cases:my_day"),
        reverse("catalogue:offering_list"),
        "/admin/",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SETUP), url
    # exempt: health checks, the two-factor pages themselves and logout
    assert client.get(reverse("core:healthz")).status_code == 200
    assert client.get(SETUP).status_code == 200


def test_api_answers_403_without_second_factor(client, two_factor_on, case_manager):
    client.force_login(case_manager)
    response = client.get(reverse("api:matching:occupation_transitions", kwargs={"ref": "urn:x"}))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_htmx_request_gets_a_client_redirect(client, two_factor_on, case_manager):
    client.force_login(case_manager)
    response = client.get(reverse("cases:my_day"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(SETUP)


def test_enrolment_shows_qr_and_secret_and_confirms_with_a_code(
    client, two_factor_on, case_manager
):
    client.force_login(case_manager)
    page = client.get(SETUP, {"next": "/cases/my-day/"})
    html = page.content.decode()
    assert 'src="data:image/svg+xml;' in html
    device = TOTPDevice.objects.get(user=case_manager, confirmed=False)
    secret = page.context["secret"]
    assert secret.replace(" ", "") in html.replace(" ", "")
    # the same device (and QR) on a reload
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=case_manager).count() == 1

    wrong = client.post(SETUP, {"code": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"]
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1  # django-otp slows down guessing
    device.throttle_reset()

    session_before = client.session.session_key
    response = client.post(SETUP, {"code": current_code(device), "next": "/cases/my-day/"})
    assert response.status_code == 302 and response["Location"] == CODES
    device.refresh_from_db()
    assert device.confirmed
    assert client.session.session_key != session_before  # new id after the second factor

    shown = client.get(CODES)
    codes = shown.context["codes"]
    assert len(codes) == BACKUP_CODE_COUNT
    assert all(code in shown.content.decode() for code in codes)
    assert shown.context["next"] == "/cases/my-day/"
    # shown once only
    again = client.get(CODES)
    assert again.status_code == 302
    assert "codes" not in (again.context or {})
    # the session is verified now
    assert client.get(reverse("cases:my_day")).status_code == 200


def test_enrolled_user_cannot_enrol_a_second_device(client, two_factor_on, case_manager):
    enrolled_device(case_manager)
    client.force_login(case_manager)
    assert client.get(SETUP)["Location"] == VERIFY
    assert not TOTPDevice.objects.filter(user=case_manager, confirmed=False).exists()


def test_login_with_device_asks_for_the_code(client, two_factor_on, case_manager):
    device = enrolled_device(case_manager)
    response = _password_login(client, case_manager, next_url="/catalogue/")
    assert response["Location"] == "/catalogue/"
    step = client.get("/catalogue/")
    assert step["Location"] == VERIFY + "?next=%2Fcatalogue%2F"

    wrong = client.post(VERIFY, {"code": "12345", "next": "/catalogue/"})
    assert wrong.status_code == 200
    assert "not correct" in str(wrong.context["form"].errors["code"])
    assert client.get("/catalogue/").status_code == 302

    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows down guessing
    device.throttle_reset()
    response = client.post(VERIFY, {"code": current_code(device), "next": "/catalogue/"})
    assert response["Location"] == "/catalogue/"
    assert client.get("/catalogue/").status_code == 200


def test_verify_refuses_an_open_redirect(client, two_factor_on, case_manager):
    device = enrolled_device(case_manager)
    client.force_login(case_manager)
    response = client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("core:home")


def test_backup_code_works_once(client, two_factor_on, case_manager):
    enrolled_device(case_manager)
    static = StaticDevice.objects.create(user=case_manager, name="Backup codes")
    StaticToken.objects.create(device=static, token="abcd2345")
    client.force_login(case_manager)
    assert client.post(VERIFY, {"code": "ABCD 2345"})["Location"] == reverse("core:home")
    client.logout()
    client.force_login(case_manager)
    assert client.post(VERIFY, {"code": "abcd2345"}).status_code == 200  # used up
    assert client.get(reverse("cases:my_day")).status_code == 302


def test_force_login_never_skips_the_second_factor(client, two_factor_on, case_manager):
    """A login by any other path (e.g. after a password reset) still needs the code."""
    enrolled_device(case_manager)
    client.force_login(case_manager)
    assert client.get(reverse("cases:my_day"))["Location"].startswith(VERIFY)


def test_setting_off_means_no_second_factor(client, case_manager):
    client.force_login(case_manager)
    assert client.get(reverse("cases:my_day")).status_code == 200


def test_admin_reset_removes_devices_and_ends_sessions(client, two_factor_on, case_manager):
    enrolled_device(case_manager)
    StaticDevice.objects.create(user=case_manager, name="Backup codes")
    client.force_login(case_manager)
    assert Session.objects.count() == 1

    admin_user = User.objects.create_superuser("root", "root@example.nl", PASSWORD)
    request = RequestFactory().post("/admin/accounts/user/")
    request.user = admin_user
    request.session = {}  # type: ignore[assignment]
    request._messages = type("M", (), {"add": lambda *a, **k: None})()  # type: ignore[attr-defined]
    model_admin = site._registry[User]
    model_admin.reset_two_factor_authentication(request, User.objects.filter(pk=case_manager.pk))

    assert not TOTPDevice.objects.filter(user=case_manager).exists()
    assert not StaticDevice.objects.filter(user=case_manager).exists()
    assert Session.objects.count() == 0
    response = client.get(reverse("cases:my_day"))
    assert "/account/login/" in response["Location"]


def test_admin_action_is_offered_in_the_user_list(client, two_factor_on):
    admin_user = User.objects.create_superuser("root", "root@example.nl", PASSWORD)
    device = enrolled_device(admin_user)
    client.force_login(admin_user)
    client.post(VERIFY, {"code": current_code(device)})
    page = client.get("/admin/accounts/user/")
    assert page.status_code == 200
    assert re.search(r'value="reset_two_factor_authentication"', page.content.decode())


@pytest.mark.parametrize(
    ("mode", "claims", "expected"),
    [
        ("amr", {"amr": ["pwd", "mfa"]}, True),
        ("amr", {"amr": ["otp"]}, True),
        ("amr", {"amr": "mfa"}, True),
        ("amr", {"amr": ["pwd"]}, False),
        ("amr", {}, False),
        ("always", {}, True),
        ("never", {"amr": ["mfa"]}, False),
    ],
)
def test_oidc_mfa_policy(settings, mode, claims, expected):
    settings.OVERSTAP_OIDC_MFA = mode
    assert oidc_counts_as_mfa(claims) is expected
