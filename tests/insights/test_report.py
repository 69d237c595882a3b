from __future__ import annotations

import io

import openpyxl
from django.core.management import call_command
from django.urls import reverse

from overstap.demo.insights import build
from overstap.insights.management.commands.generate_report import period_dates
from overstap.insights.models import Bottleneck, Budget


def test_report_html_and_pdf(client, world, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("insights:report"), {"employer": world.caterer.pk}).content.decode()
    for figure in ("Fig. 7", "Fig. 8", "Fig. 9", "Fig. 10", "Fig. 11", "Fig. 12", "Fig. 13"):
        assert figure in html
    assert "From registration to outcome" in html
    assert "Cateraar" in html
    pdf = client.get(reverse("insights:report_pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_downloads_open(client, world, coordinator):
    client.force_login(coordinator)
    csv = client.get(reverse("insights:download", args=["tenure", "csv"]))
    assert csv.status_code == 200
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Tenure;Participants"
    assert "More than 10 years;1" in lines
    xlsx = client.get(reverse("insights:download", args=["funnel", "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [sheet.cell(2, 1).value, sheet.cell(2, 2).value] == ["Registered", 4]
    assert client.get(reverse("insights:download", args=["nonsense", "csv"])).status_code == 404
    assert client.get(reverse("insights:download", args=["tenure", "pdf"])).status_code == 404


def test_personal_download(client, world, other_case_manager):
    client.force_login(other_case_manager)
    csv = client.get(reverse("insights:download_mine", args=["route", "csv"]))
    assert "1. Zelfredzaam;1" in csv.content.decode("utf-8-sig")
    assert client.get(reverse("insights:download", args=["route", "csv"])).status_code == 403


def test_generate_report_command(world, tmp_path):
    call_command(
        "generate_report",
        "--period",
        "all",
        "--output",
        str(tmp_path),
        "--region",
        world.region.code,
    )
    files = sorted(p.suffix for p in tmp_path.iterdir())
    assert files == [".css", ".html", ".pdf"]
    pdf = next(tmp_path.glob("*.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Fig. 13" in next(tmp_path.glob("*.html")).read_text()


def test_period_last_month():
    import datetime as dt

    assert period_dates("last-month", dt.date(2026, 3, 15)) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 28),
    )
    assert period_dates("2025-01-01:2025-06-30", dt.date(2026, 3, 15)) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 6, 30),
    )


def test_demo_build_is_idempotent(world, coordinator):
    first = build(world.region)
    assert first["budgets"] == 12 and first["bottlenecks"] == 5
    assert first["referrals_funded"] == 4  # every referral that was sent
    assert build(world.region) == {"referrals_funded": 0, "budgets": 0, "bottlenecks": 0}
    assert Budget.objects.filter(region=world.region).count() == 12
    assert Bottleneck.objects.filter(region=world.region).count() == 5
