"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
``live_server``.

* Tests here are marked ``browser`` (``make browser`` runs only them).
* Without ``/usr/bin/chromium`` they are skipped locally, but fail when ``CI=true``: a CI
  run that silently skipped every browser test would look green while testing nothing.
* ``screenshot(page, name)`` writes a full-page PNG to ``docs/screenshots/<name>.png``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.urls import reverse

from overstap.accounts.views import DEMO_PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test, marked or not."""
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium, for the tests of one module.

    Playwright's sync API runs an event loop in this thread, and Django refuses database
    access from a thread with a running loop unless ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set
    (safe here: one thread, one test at a time). The variable is set only while
    Playwright runs, so it leaks neither into other tests nor into the subprocesses they
    start (``check --deploy`` rejects it).
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)."
        if os.environ.get("CI") == "true":
            pytest.fail(f"Browser tests cannot run in CI: {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    """A fresh browser context (no cookies) in Dutch, pointed at the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def login_as(page: Page) -> Callable[..., Page]:
    """``login_as("casemanager")`` logs in through the login form and returns the page."""

    def login(username: str, password: str = DEMO_PASSWORD) -> Page:
        from playwright.sync_api import expect

        page.goto(reverse("accounts:login"))
        # Chromium's password manager may fill the previous user's saved login after the
        # page loaded (a CI run logged in as the provider again): wait, fill, and check.
        page.wait_for_load_state("networkidle")
        for _attempt in range(3):
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", password)
            if page.input_value("input[name=username]") == username:
                break
        expect(page.locator("input[name=username]")).to_have_value(username)
        with page.expect_navigation():
            page.click("form[method=post] button[type=submit]")
        return page

    return login


@pytest.fixture
def demo_region(transactional_db: None) -> None:
    """The full demo region in the live server's database (takes a few seconds)."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG of ``page`` as ``docs/screenshots/<name>.png``."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
