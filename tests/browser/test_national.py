"""Browser journeys (issue #9): the national analyst's figures, and moving a case to
another region."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from overstap.accounts.models import Region
from overstap.cases.constants import CaseStatus
from overstap.cases.models import Case
from overstap.demo.content import REGION_CODE

from .conftest import screenshot

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', "
        "'wcag21aa']})"
    )
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_national_analyst_filters_and_downloads(browser, live_server, demo_region):
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,  # only so axe can be injected below
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(reverse("accounts:login"))
        page.fill("input[name=username]", "national")
        page.fill("input[name=password]", "overstap-demo")
        with page.expect_navigation():
            page.click("form[method=post] button[type=submit]")
        assert page.url.endswith(reverse("national:overview"))
        body = page.content()
        assert "Midden-Brabant" in body and "Noordoost-Brabant" in body
        # no names of people anywhere
        for person in Case.objects.select_related("person")[:20]:
            assert person.person.last_name not in body
        assert _axe(page) == []
        screenshot(page, "national-1-overview")

        page.select_option("select[name=sector]", label="Contractcatering")
        with page.expect_navigation():
            page.click(".national-filters button[type=submit]")
        assert "sector=Contractcatering" in page.url
        screenshot(page, "national-2-filtered")

        with page.expect_download() as download_info:
            page.locator("a[href*='/national/download/regions.csv']").click()
        download = download_info.value
        text = Path(download.path()).read_text(encoding="utf-8-sig")
        assert "Noordoost-Brabant" in text and "Midden-Brabant" in text
        assert download.suggested_filename.startswith("overstap-national-regions-")
    finally:
        context.close()


def test_coordinator_moves_a_case_to_another_region(page, login_as, demo_region):
    region = Region.objects.get(code=REGION_CODE)
    case = (
        Case.objects.filter(region=region)
        .exclude(status=CaseStatus.CLOSED)
        .exclude(case_manager=None)
        .order_by("pk")
        .first()
    )
    assert case is not None
    login_as("coordinator")
    page.goto(reverse("cases:case_detail", args=[case.pk]))
    with page.expect_navigation():
        page.locator(f'a[href="{reverse("cases:case_transfer", args=[case.pk])}"]').click()
    page.select_option("select[name=to_region]", label="Midden-Brabant")
    page.fill("textarea[name=reason]", "Verhuisd naar Tilburg.")
    screenshot(page, "national-3-transfer-form")
    submit = f'form[action="{reverse("cases:case_transfer", args=[case.pk])}"] button[type=submit]'
    # without the confirmation: the error summary, input kept
    with page.expect_navigation():
        page.click(submit)
    assert page.locator(".error-summary, [role=alert]").count() >= 1
    assert page.input_value("textarea[name=reason]") == "Verhuisd naar Tilburg."
    screenshot(page, "national-3b-transfer-errors")
    page.check("input[name=confirm]")
    with page.expect_navigation():
        page.click(submit)
    assert page.url.endswith(reverse("cases:intake_queue"))
    screenshot(page, "national-4-transferred")
    case.refresh_from_db()
    assert case.region.code == "midden-brabant"
