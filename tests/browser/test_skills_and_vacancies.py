"""Issue #3 in a real browser: an employer posts a vacancy with skills; a case manager builds
a participant's skills passport from her work history. Screenshots: docs/screenshots/skills-*.png.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from overstap.employers.models import Vacancy

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_employer_posts_a_vacancy_with_skills(page, login_as, demo_region):
    login_as("employer")
    page.goto(reverse("employers:vacancy_create"))
    page.fill("[name=title]", "Zelfstandig werkend kok")
    page.click("button[value=suggest]")
    pick = page.locator("button[name=pick_occupation]").first
    pick.wait_for()
    pick.click()
    page.wait_for_selector("input[name=skill]:checked")
    checked = page.locator("input[name=skill]:checked").count()
    assert checked >= 3
    page.fill("[name=hours_min]", "24")
    page.fill("[name=hours_max]", "36")
    page.fill("[name=postcode]", "5211 AB")
    page.fill("[name=place]", "'s-Hertogenbosch")
    page.fill("[name=positions]", "2")
    page.fill("[name=start_date]", (dt.date.today() + dt.timedelta(days=30)).isoformat())
    screenshot(page, "skills-01-vacancy-form")
    with page.expect_navigation():
        page.locator(".actions button[value=save]").click()
    screenshot(page, "skills-02-vacancy-detail")
    vacancy = Vacancy.objects.get(
        title="Zelfstandig werkend kok", employer__name="Cateringgroep Brabant"
    )
    assert vacancy.occupation is not None
    assert vacancy.skill_links.count() >= 3


def test_case_manager_builds_a_passport_and_sees_suitable_work(page, login_as, demo_region):
    from overstap.cases.constants import CaseStatus
    from overstap.cases.models import Case
    from overstap.passport.models import PassportSkill

    case = (
        Case.objects.filter(
            case_manager__username="casemanager",
            person__passport__isnull=True,
            person__work_history__occupation__isnull=False,
        )
        .exclude(status=CaseStatus.CLOSED)
        .first()
    )
    assert case is not None, "the demo should leave some participants without a passport"
    login_as("casemanager")
    page.goto(reverse("passport:case_passport", args=[case.pk]))
    screenshot(page, "skills-03-passport-empty")
    page.click("form[action$='/build/'] button[type=submit]")
    page.wait_for_selector("input[data-select-all=pending]")
    pending = page.locator("input[name=skill][data-group=pending]").count()
    assert pending >= 5
    page.check("input[data-select-all=pending]")
    page.click("button[name=action][value=confirm]")
    expect(page.locator("input[name=skill][data-group=pending]")).to_have_count(0)
    screenshot(page, "skills-04-passport-confirmed")
    confirmed = PassportSkill.objects.filter(
        passport__person=case.person, status="confirmed"
    ).count()
    assert confirmed == pending

    page.goto(reverse("passport:print", args=[case.pk]))
    screenshot(page, "skills-05-passport-print")
    response = page.request.get(reverse("passport:pdf", args=[case.pk]))
    assert response.ok and response.body()[:4] == b"%PDF"

    # Issue #4: the "Suitable work" tab ranks vacancies and other occupations for her.
    page.goto(reverse("matching:case", args=[case.pk]))
    screenshot(page, "matching-01-suitable-work")
    assert page.locator("a[href*='/employers/vacancies/']").count() > 0
