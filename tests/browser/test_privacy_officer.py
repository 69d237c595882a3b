"""Browser journey (issue #7): the privacy officer finds who opened a participant's file and
verifies the audit chain."""

from __future__ import annotations

import pytest
from django.urls import reverse

from overstap.accounts.models import Region
from overstap.demo.consent import SHARING, demo_former_staff
from overstap.demo.content import REGION_CODE

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_privacy_officer_finds_who_opened_a_file(page, login_as, demo_region):
    case = demo_former_staff(Region.objects.get(code=REGION_CODE))[SHARING]

    # The case manager opens her file: that read is logged.
    login_as("casemanager")
    page.goto(reverse("cases:case_detail", args=[case.pk]))
    page.context.clear_cookies()

    # The privacy officer searches the log by case number.
    login_as("privacy")
    page.goto(reverse("privacy:audit_log"))
    page.fill("input[name=person]", case.number)
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").click()
    screenshot(page, "privacy-1-search")
    assert "casemanager" in page.content()

    # Who opened this file: the case manager, with organisation and purpose.
    with page.expect_navigation():
        page.locator(
            f'a[href="{reverse("privacy:person_access", args=[case.person_id])}"]'
        ).first.click()
    body = page.content()
    assert "Marieke" in body or "casemanager" in body
    screenshot(page, "privacy-2-who-opened")

    # Verify the chain.
    page.goto(reverse("privacy:audit_log"))
    with page.expect_navigation():
        page.locator(f'form[action="{reverse("privacy:verify")}"] button').click()
    assert page.locator(".alert--success").count() == 1
    screenshot(page, "privacy-3-verified")
