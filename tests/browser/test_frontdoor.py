"""Issue #8 in a real browser: the public front door.

* axe-core (tests/browser/vendor/axe.min.js, MPL-2.0, vendored from npm ``axe-core``)
  checks every public page type; no serious or critical violations are allowed. The
  context bypasses the CSP so the injected axe script may run.
* A phone-sized journey (390×844): home → guide → self-registration → confirmation,
  timed per step. Screenshots: docs/screenshots/frontdoor-*.png.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import screenshot

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PUBLIC_PAGES = [
    ("home", reverse("frontdoor:home")),
    ("guide", reverse("frontdoor:guide", kwargs={"slug": "baan-in-gevaar"})),
    ("register", reverse("frontdoor:register")),
    ("conversation", reverse("frontdoor:conversation")),
    ("schemes", reverse("frontdoor:scheme_list")),
    ("scheme", reverse("frontdoor:scheme_detail", kwargs={"slug": "ontwikkeladvies"})),
    ("employers", reverse("frontdoor:employer_desk")),
    ("desk-vacancy", reverse("frontdoor:desk_vacancy")),
    ("privacy", reverse("frontdoor:privacy")),
]


@pytest.fixture
def public_context(browser, live_server, settings):
    settings.FRONTDOOR_MIN_FILL_SECONDS = 1

    def make(width: int, height: int, *, bypass_csp: bool = False):
        context = browser.new_context(
            base_url=live_server.url,
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
            viewport={"width": width, "height": height},
            bypass_csp=bypass_csp,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    contexts: list = []
    yield make
    for context in contexts:
        context.close()


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', "
        "'wcag21aa', 'best-practice']})"
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_public_pages_have_no_serious_axe_violations(public_context, demo_region):
    page = public_context(1280, 900, bypass_csp=True)
    problems = {}
    for name, url in PUBLIC_PAGES:
        page.goto(url)
        violations = _axe(page)
        if violations:
            problems[name] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        if name in ("home", "register", "schemes", "employers"):
            screenshot(page, f"frontdoor-desktop-{name}")
    # A form with errors (the error summary) too
    page.goto(reverse("frontdoor:register"))
    page.click("button[type=submit]")
    page.wait_for_selector(".fd-error-summary")
    violations = _axe(page)
    if violations:
        problems["register-errors"] = [v["id"] for v in violations]
    screenshot(page, "frontdoor-desktop-register-errors")
    assert not problems, problems


def test_phone_journey_to_a_completed_self_registration(public_context, demo_region):
    from overstap.cases.constants import SignalSource
    from overstap.cases.models import Case

    page = public_context(390, 844)
    timings: dict[str, float] = {}
    start = time.monotonic()

    page.goto("/")
    expect(page.locator("h1")).to_be_visible()
    screenshot(page, "frontdoor-phone-01-home")
    timings["home"] = time.monotonic() - start

    step = time.monotonic()
    with page.expect_navigation():
        page.click(f"a[href='{reverse('frontdoor:guide', kwargs={'slug': 'baan-in-gevaar'})}']")
    screenshot(page, "frontdoor-phone-02-guide")
    with page.expect_navigation():
        page.locator(".fd-actions a.fd-button").first.click()
    timings["guide"] = time.monotonic() - step

    step = time.monotonic()
    # The situation is already chosen from the guide
    assert page.locator("input[name=situation][value=at_risk]").is_checked()
    page.fill("[name=first_name]", "Sanne")
    page.fill("[name=last_name]", "Verhoeven")
    page.fill("[name=email]", "sanne.verhoeven@example.org")
    page.fill("[name=postcode]", "5341 AB")
    page.check("[name=consent]")
    screenshot(page, "frontdoor-phone-03-register")
    page.wait_for_timeout(1100)  # the minimum fill time (1 s in this test)
    with page.expect_navigation():
        page.click("button[type=submit]")
    timings["register"] = time.monotonic() - step

    expect(page.locator(".fd-panel--success")).to_be_visible()
    screenshot(page, "frontdoor-phone-04-done")
    total = time.monotonic() - start
    case = Case.objects.get(person__last_name="Verhoeven")
    assert case.signal_source == SignalSource.SELF_REGISTRATION
    assert case.case_manager is None
    # Few fields: five to fill in, one tick. A person needs well under three minutes; the
    # machine needs seconds (timings printed for the record).
    print("front-door journey timings (s):", {k: round(v, 2) for k, v in timings.items()})
    assert total < 60
