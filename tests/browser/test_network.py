"""Issue #5 in a real browser: the account manager opens Hotel De Zwanenburg, its surplus
registration and the ranked receiving employers, creates a temporary-lending proposal, moves it
to agreed and records the result. Screenshots: docs/screenshots/network-*.png.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from overstap.network.constants import Arrangement, ProposalStatus
from overstap.network.models import Proposal

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_account_manager_proposes_lending_and_records_the_result(page, login_as, demo_region):
    login_as("accountmanager")
    page.goto(reverse("network:employer_list"))
    expect(page.locator("nav a[aria-current=page]")).to_have_attribute(
        "href", reverse("network:employer_list")
    )
    page.fill("#id_text", "Zwanenburg")
    page.locator("#employer-results").get_by_role("link", name="Hotel De Zwanenburg").wait_for()
    expect(page.locator("#employer-results tbody tr")).to_have_count(1)
    screenshot(page, "network-01-employers")

    with page.expect_navigation():
        page.get_by_role("link", name="Hotel De Zwanenburg").click()
    expect(page.locator("h1")).to_have_text("Hotel De Zwanenburg")
    screenshot(page, "network-02-hotel")

    with page.expect_navigation():
        page.locator("#surplus tbody th a").first.click()
    expect(page.locator("#lines-heading")).to_be_visible()
    screenshot(page, "network-03-surplus")

    with page.expect_navigation():
        page.click(f"a[href$='{'/proposals/'}']")
    pairs = page.locator(".network-pair")
    assert pairs.count() >= 5
    first = pairs.first
    expect(first.locator("table.network-components tbody tr")).to_have_count(4)
    screenshot(page, "network-04-proposals")

    first.locator("select[name=arrangement]").select_option(Arrangement.LENDING)
    first.locator("input[name=headcount]").fill("2")
    with page.expect_navigation():
        first.locator("button[type=submit]").click()
    proposal = Proposal.objects.get()
    assert proposal.arrangement == Arrangement.LENDING and proposal.headcount == 2
    screenshot(page, "network-05-proposal")

    for status in (ProposalStatus.INTRODUCED, ProposalStatus.AGREED):
        page.check(f"input[name=status][value={status}]")
        with page.expect_navigation():
            page.locator("form:has(input[name=action][value=status]) button").click()
    page.fill("input[name=people_moved]", "2")
    page.fill(
        "textarea[name=result_note]",
        "Twee medewerkers starten maandag, met begeleiding op de werkvloer.",
    )
    with page.expect_navigation():
        page.locator("form:has(input[name=action][value=result]) button").click()
    expect(page.locator(".alert--success, [role=status]").first).to_be_visible()
    screenshot(page, "network-06-result")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.AGREED and proposal.people_moved == 2

    page.goto(
        reverse("network:employer_detail", args=[proposal.shortage_line.registration.employer_id])
    )
    expect(page.locator("#timeline")).to_contain_text("2")
    assert page.locator("#timeline li").count() >= 3


def test_employer_user_registers_a_surplus(page, login_as, demo_region):
    from overstap.network.models import SurplusRegistration

    login_as("employer")
    page.goto(reverse("network:registrations"))
    with page.expect_navigation():
        page.locator(".page-header .button--primary").click()
    page.fill("textarea[name=reason]", "Contract met de klant is opgezegd.")
    page.fill("input[name=expected_date]", "2000-01-01")
    page.fill("#line-0", "kok")
    page.locator("#line-0-listbox [role=option]").first.click()
    page.fill("#line-0-headcount", "0")
    with page.expect_navigation():
        page.locator("form button.button--primary").click()
    expect(page.locator(".error-summary")).to_be_visible()
    screenshot(page, "network-07-surplus-form-errors")
    assert not SurplusRegistration.objects.filter(employer__name="Cateringgroep Brabant").exists()
    page.fill("input[name=expected_date]", "2099-01-01")
    page.fill("#line-0-headcount", "5")
    with page.expect_navigation():
        page.locator("form button.button--primary").click()
    registration = SurplusRegistration.objects.get(employer__name="Cateringgroep Brabant")
    assert registration.total_headcount == 5
