"""Sessions: 60 minutes idle timeout, a new session id on login, logout and deactivation end
sessions on the server (TRUST.md "Access control")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from freezegun import freeze_time

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
PAGE = reverse("cases:my_day")


def test_session_settings():
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # idle, not absolute, timeout
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_idle_session_ends_after_60_minutes(client, case_manager):
    start = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
    with freeze_time(start):
        client.post(LOGIN, {"username": "cm", "password": PASSWORD})
        assert client.get(PAGE).status_code == 200
    with freeze_time(start + dt.timedelta(minutes=50)):
        assert client.get(PAGE).status_code == 200  # activity extends the session
    with freeze_time(start + dt.timedelta(minutes=100)):
        assert client.get(PAGE).status_code == 200  # 50 minutes after the last request
    with freeze_time(start + dt.timedelta(minutes=161)):
        response = client.get(PAGE)
        assert response.status_code == 302
        assert "/account/login/" in response["Location"]


def test_login_gives_a_new_session_id(client, case_manager):
    client.get(LOGIN)
    session = client.session
    session["before_login"] = True
    session.save()
    anonymous_key = session.session_key
    client.post(LOGIN, {"username": "cm", "password": PASSWORD})
    assert client.session.session_key != anonymous_key
    assert not Session.objects.filter(session_key=anonymous_key).exists()


def test_logout_is_a_post_and_ends_the_session_on_the_server(client, case_manager):
    client.post(LOGIN, {"username": "cm", "password": PASSWORD})
    key = client.session.session_key
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key  # replaying the old cookie does not help
    assert client.get(PAGE).status_code == 302


def test_deactivation_ends_all_sessions_of_that_user(client, case_manager, other_case_manager):
    from django.test import Client

    second = Client()
    client.force_login(case_manager)
    second.force_login(case_manager)
    bystander = Client()
    bystander.force_login(other_case_manager)
    assert Session.objects.count() == 3

    case_manager.is_active = False
    case_manager.save()

    assert Session.objects.count() == 1  # only the bystander's
    assert client.get(PAGE).status_code == 302
    assert second.get(PAGE).status_code == 302
    assert bystander.get(PAGE).status_code == 200
