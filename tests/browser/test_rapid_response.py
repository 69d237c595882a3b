"""Issue #5 (rapid response) in a real browser: the account manager opens Hotel De
Zwanenburg's signal, marks a task done, and runs the scenario planner from the signal.
Screenshots: docs/screenshots/rapid-response-*.png.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from overstap.rapidresponse.constants import TaskStatus
from overstap.rapidresponse.models import Signal

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_account_manager_works_the_hotel_signal_and_plans_a_scenario(page, login_as, demo_region):
    signal = Signal.objects.get(employer__name="Hotel De Zwanenburg")
    login_as("accountmanager")
    page.goto(reverse("rapidresponse:signal_list"))
    expect(page.locator("table")).to_contain_text("Hotel De Zwanenburg")
    screenshot(page, "rapid-response-01-signals")
    with page.expect_navigation():
        page.get_by_role("link", name="Hotel De Zwanenburg").click()
    board = page.locator("#board")
    expect(board).to_contain_text("Intakecapaciteit")
    expect(board.locator(".badge--overdue")).to_have_count(1)
    screenshot(page, "rapid-response-02-board")

    task = signal.tasks.get(title="Scenario voor de regionale stuurgroep")
    card = page.locator(f"#task-{task.pk}")
    card.locator("button[name=status][value=done]").click()
    expect(page.locator("#board .alert--success")).to_be_visible()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    screenshot(page, "rapid-response-03-task-done")

    with page.expect_navigation():
        page.locator(".page-header .actions a.button--primary").click()
    summary = page.locator(".rr-summary")
    expect(summary).to_be_visible()
    expect(page.locator(".rr-source").first).to_be_visible()
    text = page.locator("main").inner_text()
    assert "Brasserie De Markt" in text or "Schoonmaakbedrijf Dommelstroom" in text
    counts = page.locator(".rr-counts dd").all_inner_texts()
    assert counts[0] == "40"
    assert int(counts[1]) + int(counts[2]) > 0  # some people can go somewhere
    screenshot(page, "rapid-response-04-planner")
    response = page.request.get(reverse("rapidresponse:planner_pdf") + f"?signal={signal.pk}")
    assert response.ok and response.body()[:4] == b"%PDF"
