"""Login throttling and lock-out with django-axes: 10 failures per user name + IP address,
1 hour cool-off (issue #7, TRUST.md "Access control")."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse
from freezegun import freeze_time

from overstap.accounts.throttling import client_ip

from ..factories import PASSWORD
from .conftest import current_code, enrolled_device

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def _fail(client, username, times, ip="10.0.0.1"):
    for _ in range(times):
        response = client.post(
            LOGIN, {"username": username, "password": "wrong-password"}, REMOTE_ADDR=ip
        )
    return response


def test_ten_failures_lock_out_the_user_name_from_that_address(client, axes_on, case_manager):
    response = _fail(client, "cm", 9)
    assert response.status_code == 200  # still the plain login form with its error
    response = _fail(client, "cm", 1)
    assert response.status_code == 429
    assert response.context["locked_out_message"]
    assert "1 hour" in response.context["locked_out_message"] or response.content

    # even the right password is refused now
    response = client.post(LOGIN, {"username": "cm", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lock_out_is_per_user_name_and_address(client, axes_on, case_manager, other_case_manager):
    _fail(client, "cm", 10)
    # another user from the same address, and the same user from another address, may log in
    ok = client.post(LOGIN, {"username": "cm2", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert ok.status_code == 302
    client.logout()
    ok = client.post(LOGIN, {"username": "cm", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert ok.status_code == 302


def test_cool_off_ends_after_an_hour(client, axes_on, case_manager):
    start = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
    with freeze_time(start):
        _fail(client, "cm", 10)
    with freeze_time(start + dt.timedelta(minutes=59)):
        locked = client.post(
            LOGIN, {"username": "cm", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
        )
        assert locked.status_code == 429
    with freeze_time(start + dt.timedelta(minutes=121)):
        ok = client.post(LOGIN, {"username": "cm", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
        assert ok.status_code == 302


def test_success_resets_the_failure_count(client, axes_on, case_manager):
    _fail(client, "cm", 5)
    client.post(LOGIN, {"username": "cm", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert not AccessAttempt.objects.filter(username="cm").exists()


def test_limit_is_configurable(client, axes_on, case_manager):
    axes_on.AXES_FAILURE_LIMIT = 3
    assert _fail(client, "cm", 3).status_code == 429


def test_wrong_codes_count_towards_the_lock_out(client, axes_on, two_factor_on, case_manager):
    device = enrolled_device(case_manager)
    verify = reverse("accounts:two_factor_verify")
    client.post(LOGIN, {"username": "cm", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    wrong = "000000" if current_code(device) != "000000" else "111111"
    for _ in range(9):
        response = client.post(verify, {"code": wrong}, REMOTE_ADDR="10.0.0.1")
        assert response.status_code == 200
    response = client.post(verify, {"code": wrong}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session  # logged out
    again = client.post(LOGIN, {"username": "cm", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert again.status_code == 429


def test_client_ip_ignores_forwarded_for_without_trusted_proxies(settings):
    settings.OVERSTAP_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.9"


def test_client_ip_takes_the_address_the_trusted_proxy_saw(settings):
    settings.OVERSTAP_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert client_ip(request) == "203.0.113.7"  # the spoofable left part is ignored
