"""The case manager's whole working day, in a real browser (issue #2).

Log in, register a person, intake with work history, triage, plan an action, log a
contact, refer to a provider; the provider accepts, starts and completes; the case manager
registers the outcome and closes the case. Screenshots of every screen land in
docs/screenshots/journey-*.png.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from overstap.accounts.models import User
from overstap.cases.constants import CaseStatus, ReferralStatus
from overstap.cases.models import Case, Route
from overstap.catalogue.models import Offering
from overstap.privacy.audit import verify_chain

from .conftest import screenshot

pytestmark = pytest.mark.browser


def _form(page, action_suffix: str, field: str):
    """The form posting to ``…action_suffix`` that contains the field ``field``."""
    return (
        page.locator(f"form[action$='{action_suffix}']")
        .filter(has=page.locator(f"[name$='{field}']"))
        .first
    )


def test_case_manager_journey(page, login_as, demo_region):
    page.on("dialog", lambda dialog: dialog.accept())
    login_as("casemanager")
    assert page.url.endswith(reverse("cases:my_day"))
    screenshot(page, "journey-01-my-day")

    # No wrong door: register a new person and take the case.
    page.goto(reverse("cases:register"))
    page.fill("[name=first_name]", "Saskia")
    page.fill("[name=last_name]", "Verhoeven-Testpersoon")
    page.fill("[name=birth_date]", "1967-09-14")
    page.fill("[name=phone]", "06 41 22 33 44")
    page.fill("[name=postcode]", "5482 ab")
    page.select_option("[name=signal_source]", "releasing_employer")
    page.locator("[name=take_case]").check()
    screenshot(page, "journey-02-register")
    with page.expect_navigation():
        page.click("form[action$='/register/'] button[type=submit]")
    screenshot(page, "journey-03-registered")
    case = Case.objects.get(person__last_name="Verhoeven-Testpersoon")
    assert case.case_manager == User.objects.get(username="casemanager")

    # Intake: work history, then complete.
    page.goto(reverse("cases:case_intake", args=[case.pk]))
    wh = _form(page, "/intake/work/", "job_title")
    wh.locator("[name$=employer_name]").fill("Cateringgroep Brabant")
    wh.locator("[name$=job_title]").fill("Kok")
    wh.locator("[name$=start_year]").fill("2004")
    wh.locator("button[type=submit]").click()
    page.wait_for_selector("text=Cateringgroep Brabant")
    intake = _form(page, "/intake/", "motivation")
    intake.locator("[name$=education_level]").select_option("mbo")
    intake.locator("[name$=digital_skills]").select_option("basic")
    intake.locator("[name$=motivation]").fill("Wil graag blijven werken, liefst met mensen.")
    with page.expect_navigation():
        intake.locator("button[name=complete]").click()
    screenshot(page, "journey-04-intake")
    case.refresh_from_db()
    assert case.intake.completed_at is not None

    # Triage and plan.
    route = Route.objects.get(region=case.region, number=2)
    page.goto(reverse("cases:case_plan", args=[case.pk]))
    triage = _form(page, "/triage/", "rationale")
    triage.locator(f"input[type=radio][value='{route.pk}']").check()
    triage.locator("[name$=rationale]").fill("Goede kans op werk, korte ondersteuning volstaat.")
    with page.expect_navigation():
        triage.locator("button[type=submit]").click()
    action_form = _form(page, "/plan/", "due_date")
    action_form.locator("[name$=description]").fill("CV bijwerken met talentenscan")
    action_form.locator("[name$=due_date]").fill(
        (dt.date.today() + dt.timedelta(days=10)).isoformat()
    )
    with page.expect_navigation():
        action_form.locator("button[type=submit]").click()
    screenshot(page, "journey-05-plan")
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE and case.route == route
    assert case.actions.filter(description__startswith="CV bijwerken").exists()

    # Contact log.
    page.goto(reverse("cases:case_contacts", args=[case.pk]))
    contact = _form(page, "/contacts/", "summary")
    contact.locator("[name$=kind]").select_option("face_to_face")
    contact.locator("[name$=summary]").fill("Kennismaking, wensen en mogelijkheden besproken.")
    with page.expect_navigation():
        contact.locator("button[type=submit]").click()
    screenshot(page, "journey-06-contacts")
    assert case.contacts.count() == 1

    # Refer to an offering of the demo provider.
    provider = User.objects.get(username="provider")
    offering = Offering.objects.filter(provider=provider.organisation, is_active=True).first()
    assert offering is not None
    page.goto(reverse("cases:case_referrals", args=[case.pk]))
    refer = _form(page, "/referrals/", "offering")
    refer.locator("[name$=offering]").select_option(str(offering.pk))
    refer.locator("[name$=motivation]").fill("Inzicht in talenten voor een overstap.")
    refer.locator("input[name=sharing][value=signed]").check()  # issue #7: consent
    with page.expect_navigation():
        refer.locator("button[type=submit]").first.click()
    screenshot(page, "journey-07-referral-sent")
    referral = case.referrals.get()
    assert referral.status == ReferralStatus.SENT

    # The provider accepts, starts and completes.
    page.context.clear_cookies()
    login_as("provider")
    page.goto(reverse("cases:provider_referrals"))
    screenshot(page, "journey-08-provider-list")
    page.goto(reverse("cases:provider_referral", args=[referral.pk]))
    for status in ("accepted", "started", "completed"):
        with page.expect_navigation():
            page.click(f"button[value={status}]")
        referral.refresh_from_db()
        assert referral.status == status
    screenshot(page, "journey-09-provider-completed")
    # The provider cannot open the case itself.
    response = page.goto(reverse("cases:case_detail", args=[case.pk]))
    assert response is not None and response.status == 404

    # Outcome and closing.
    page.context.clear_cookies()
    login_as("casemanager")
    page.goto(reverse("cases:case_outcome", args=[case.pk]))
    outcome = _form(page, "/outcome/", "employer_name")
    outcome.locator("[name$=kind]").select_option("new_job")
    outcome.locator("[name=date]").fill(dt.date.today().isoformat())
    outcome.locator("[name$=employer_name]").fill("SecuRing Beveiliging")
    outcome.locator("[name$=job_title]").fill("Beveiliger")
    outcome.locator("[name=sector]").fill("Beveiliging")
    with page.expect_navigation():
        outcome.locator("button[type=submit]").click()
    assert case.follow_ups.count() == 3
    close = _form(page, "/close/", "reason")
    close.locator("[name$=reason]").fill("Aan het werk als beveiliger.")
    with page.expect_navigation():
        close.locator("button[type=submit]").click()
    screenshot(page, "journey-10-closed")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED

    page.goto(reverse("cases:case_detail", args=[case.pk]))
    assert re.search("Beveiliger|beveiliger", page.content())
    screenshot(page, "journey-11-timeline")
    assert verify_chain().ok
