"""Issue #3 in a real browser: an employer posts a vacancy with skills; a case manager builds
a participant's skills passport from her work history. Screenshots: docs/screenshots/skills-*.png.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

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
    vacancy = Vacancy.objects.get(title="Zelfstandig werkend kok", employer__name="Cateringgroep Brabant")
    assert vacancy.occupation is not None
    assert vacancy.skill_links.count() >= 3
