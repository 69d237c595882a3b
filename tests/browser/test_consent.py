"""Browser journey (issue #7): a participant consents to sharing with her former employer,
the employer sees her progress, she withdraws, and the employer sees counts only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from overstap.accounts.models import Region
from overstap.consent.models import ConsentRecord
from overstap.demo.consent import SHARING, demo_former_staff
from overstap.demo.content import REGION_CODE

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_consent_journey(page, login_as, demo_region):
    staff = demo_former_staff(Region.objects.get(code=REGION_CODE))
    case = staff[SHARING]  # the demo participant without a sharing consent yet
    assert not ConsentRecord.objects.filter(person=case.person, purpose="share_progress").exists()
    name = case.person.full_name

    # Before: the employer sees counts, and not her name.
    login_as("employer")
    page.goto(reverse("consent:employer_progress"))
    assert name not in page.content()
    screenshot(page, "consent-1-employer-before")

    # The case manager records her consent on the consent tab.
    page.context.clear_cookies()
    login_as("casemanager")
    page.goto(reverse("consent:case_consent", args=[case.pk]))
    url = reverse("consent:case_consent", args=[case.pk])
    form = page.locator(f'form[action="{url}"]')
    form.locator("input[name=purpose][value=share_progress]").check()
    form.locator("select[name=recipient]").select_option(str(case.releasing_employer_id))
    form.locator("input[name=channel][value=signed]").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    screenshot(page, "consent-2-recorded")
    assert ConsentRecord.objects.filter(person=case.person, state="given").exists()

    # The employer now sees her progress.
    page.context.clear_cookies()
    login_as("employer")
    page.goto(reverse("consent:employer_progress"))
    assert name in page.content()
    screenshot(page, "consent-3-employer-sees-progress")

    # She withdraws: one button.
    page.context.clear_cookies()
    login_as("casemanager")
    page.goto(reverse("consent:case_consent", args=[case.pk]))
    row = page.locator("tr", has_text=str(case.releasing_employer))
    with page.expect_navigation():
        row.locator("button[type=submit]").first.click()
    screenshot(page, "consent-4-withdrawn")

    # The employer sees counts only.
    page.context.clear_cookies()
    login_as("employer")
    page.goto(reverse("consent:employer_progress"))
    assert name not in page.content()
    screenshot(page, "consent-5-employer-counts-only")
