"""Issue #9 in a real browser: an account manager imports a releasing employer's staff list:
upload, the per-row check, confirm, the result with its report, and the background job.
Screenshots: docs/screenshots/bulk-intake-*.png.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from overstap.accounts.constants import OrganisationKind
from overstap.accounts.models import Organisation, User
from overstap.bulkintake import sample
from overstap.cases.models import Case

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_account_manager_imports_a_staff_list(page, login_as, demo_region, tmp_path):
    manager = User.objects.get(username="accountmanager")
    employer = (
        Organisation.objects.filter(
            region_id=manager.organisation.region_id, kind=OrganisationKind.EMPLOYER
        )
        .order_by("name")
        .first()
    )
    rows = sample.staff_rows(25, seed=2026)
    rows[3][4] = "31-02-1970"  # spreadsheet row 5: no such date
    rows[7][1] = ""  # row 9: no first name
    rows[11][5] = "geen e-mailadres"  # row 13
    rows[20][0] = rows[19][0]  # row 22: the personnel number of row 21 again
    path = tmp_path / "personeelslijst.xlsx"
    path.write_bytes(sample.to_xlsx(rows))
    before = Case.objects.count()

    login_as("accountmanager")
    # (language-neutral selectors: the Dutch catalogue of these pages comes later)
    with page.expect_navigation():
        page.locator(f"nav a[href='{reverse('bulkintake:upload')}']").click()
    page.select_option("#id_employer", str(employer.pk))
    page.set_input_files("#id_file", str(path))
    with page.expect_navigation():
        page.locator("form[enctype] button[type=submit]").click()

    expect(page.locator("h1")).to_contain_text(employer.name)
    expect(page.locator(".intake-counts")).to_contain_text("21")
    table = page.locator("table").last
    expect(table.locator("tbody tr")).to_have_count(4)
    expect(table.locator("tbody th")).to_have_text(["5", "9", "13", "22"])
    screenshot(page, "bulk-intake-01-preview")
    assert Case.objects.count() == before

    with page.expect_navigation():
        page.locator("form[action$='/confirm/'] button").click()
    expect(page.locator(".job-progress")).to_have_attribute("data-status", "succeeded")
    report_link = page.locator("a[href$='report.csv']")
    expect(report_link).to_be_visible()
    screenshot(page, "bulk-intake-02-result")
    assert Case.objects.count() == before + 21

    with page.expect_download() as download:
        report_link.click()
    report = download.value.path().read_text(encoding="utf-8-sig")
    assert len(report.strip().splitlines()) == 26

    page.goto(reverse("jobs:job_list"))
    expect(page.locator("tbody tr")).to_have_count(1)
    screenshot(page, "bulk-intake-03-jobs")
