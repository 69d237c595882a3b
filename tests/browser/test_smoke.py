"""Smoke test in a real browser: the login page and a case manager's first screen."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from overstap.accounts.views import DEMO_PASSWORD
from overstap.demo.content import DOCUMENTED_LOGINS

from .conftest import screenshot

pytestmark = pytest.mark.browser


def _dutch(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


def test_login_page_shows_the_demo_logins(page, live_server):
    page.goto(reverse("accounts:login"))
    assert page.locator("html").get_attribute("lang") == "nl"
    demo = page.locator("section.login__demo")
    for username in DOCUMENTED_LOGINS:
        assert demo.locator("code", has_text=username).first.is_visible(), username
    assert demo.locator("code", has_text=DEMO_PASSWORD).is_visible()
    # both inputs have a label the browser associates with them
    assert page.locator("label[for=id_username]").count() == 1
    assert page.locator("label[for=id_password]").count() == 1
    screenshot(page, "login")


def test_case_manager_lands_on_my_day(demo_region, login_as, live_server):
    page = login_as("casemanager")
    assert page.url == live_server.url + reverse("cases:my_day")
    assert page.locator("h1").inner_text().strip() == _dutch("My day")
    # the demo case manager has overdue work waiting
    assert page.locator(".badge--overdue").count() >= 1
    assert page.locator("a[href^='/cases/']").count() >= 5
    screenshot(page, "my-day")


def test_wrong_password_stays_on_login_with_an_error(login_as, live_server, transactional_db):
    page = login_as("casemanager", "not-the-password")
    assert page.url.startswith(live_server.url + reverse("accounts:login"))
    assert page.locator("form[method=post]").is_visible()
    assert page.locator("input[name=username]").input_value() == "casemanager"
