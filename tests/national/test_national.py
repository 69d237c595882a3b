"""The national view (issue #9): anonymised aggregates per region, small cells suppressed."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from overstap.accounts.constants import OrganisationKind, Role
from overstap.cases.constants import CaseStatus, OutcomeKind, ReferralStatus
from overstap.cases.models import Case
from overstap.catalogue.constants import FundingSourceCode
from overstap.catalogue.models import FundingSource
from overstap.insights.models import Bottleneck
from overstap.national.figures import SMALL, NationalFilters, compute, suppress
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.models import AuditLogEntry
from overstap.rapidresponse.models import Signal

from ..factories import (
    CaseFactory,
    IntakeFactory,
    OrganisationFactory,
    OutcomeFactory,
    PersonFactory,
    ReferralFactory,
    RegionFactory,
    UserFactory,
)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _cases(region, n, *, employer=None, outcome=None, prefix="Anna", **kwargs):
    made = []
    for i in range(n):
        person = PersonFactory(region=region, first_name=f"{prefix}{i}", last_name="Zwaluwstaart")
        case = CaseFactory(person=person, releasing_employer=employer, **kwargs)
        if outcome:
            OutcomeFactory(case=case, kind=outcome)
            Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
        made.append(case)
    return made


@pytest.fixture
def analyst(db):
    seat = RegionFactory(code="haaglanden", name="Haaglanden")
    ministry = OrganisationFactory(
        region=seat, name="Ministerie van SZW", kind=OrganisationKind.NATIONAL
    )
    return UserFactory(username="analyst", organisation=ministry, role=Role.NATIONAL_ANALYST)


@pytest.fixture
def country(db, analyst):
    """Two regions: one big (shown), one with three people (suppressed)."""
    big = RegionFactory(code="nob", name="Noordoost-Brabant")
    small = RegionFactory(code="zeeland", name="Zeeland")
    caterer = OrganisationFactory(
        region=big, name="Cateraar", kind=OrganisationKind.EMPLOYER, sector="Horeca"
    )
    hauler = OrganisationFactory(
        region=big, name="Vervoerder", kind=OrganisationKind.EMPLOYER, sector="Logistiek"
    )
    work = _cases(big, 6, employer=caterer, outcome=OutcomeKind.NEW_JOB)
    _cases(big, 5, employer=caterer, outcome=OutcomeKind.JOB_WITH_TRAINING, prefix="Bert")
    _cases(big, 5, employer=hauler, outcome=OutcomeKind.STOPPED, prefix="Carla")
    _cases(big, 9, employer=hauler, prefix="Dirk")
    for case in work:
        IntakeFactory(case=case)
    social_plan, _created = FundingSource.objects.get_or_create(code=FundingSourceCode.SOCIAL_PLAN)
    for case in work:
        ReferralFactory(case=case, funding_source=social_plan, cost=Decimal("400"))
    _cases(small, 3, prefix="Eva")
    middle = RegionFactory(code="twente", name="Twente")
    _cases(middle, 8, prefix="Frank")
    Bottleneck.objects.create(
        region=big, category="process", title="x", description="x", created_by=analyst
    )
    for _i in range(6):
        Signal.objects.create(
            region=big,
            kind="sector",
            sector="Horeca",
            people_affected=10,
            received_on=timezone.localdate(),
        )
    return {"big": big, "small": small, "middle": middle}


def _row(grid, name):
    return next(row for row in grid.rows if row[0] == name)


def _cell(grid, row, key):
    index = 1 + [c.key for c in grid.columns].index(key)
    return row[index]


def test_figures_per_region_and_total(country):
    figures = compute()
    grid = figures.regions
    big = _row(grid, "Noordoost-Brabant")
    assert _cell(grid, big, "registered") == 25
    assert _cell(grid, big, "open") == 9
    assert _cell(grid, big, "intake_done") == 6
    assert _cell(grid, big, "out_work") == 6
    assert _cell(grid, big, "out_work_training") == 5
    assert _cell(grid, big, "out_other") == 5
    assert _cell(grid, big, "share_work") == round(100 * 11 / 16, 1)
    assert _cell(grid, big, "median_days") == 0.0
    assert _cell(grid, big, "referrals") == 6
    assert _cell(grid, big, "cost") == Decimal("2400")
    assert _cell(grid, big, "bottlenecks") == SMALL  # one bottleneck: "< 5"
    assert _cell(grid, big, "signals") == 6
    small = _row(grid, "Zeeland")
    assert _cell(grid, small, "registered") == SMALL
    assert _cell(grid, small, "open") == SMALL
    # the national total is the sum of the raw counts
    assert _cell(grid, grid.total, "registered") == 36


def test_secondary_suppression_hides_a_second_cell():
    # one small cell in a column with a total: the smallest other non-zero cell goes too
    result = suppress([[3, 0], [40, 7], [12, 9]])
    assert [row[0] for row in result.cells] == [True, False, True]
    assert not any(row[1] for row in result.cells)
    assert result.column_totals == [False, False]
    # rows with totals: a lone small cell in a row hides another one in that row, and the
    # column of that second cell gets a second hidden cell as well
    result = suppress([[2, 30, 8], [50, 40, 20], [60, 50, 30]], row_totals=True)
    assert result.cells[0][0] and result.cells[0][2]
    assert result.cells[1][2] or result.cells[2][2]
    assert sum(row[0] for row in result.cells) >= 2


def test_a_hidden_cell_alone_in_its_column_hides_the_total():
    # the second cell of a row is hidden; nothing else in its column but the total
    result = suppress([[3, 40, 9], [20, 0, 30]], row_totals=True)
    assert result.cells[0][0]  # primary
    assert result.cells[0][2] or result.cells[0][1]
    for column in range(3):
        hidden = [row[column] for row in result.cells] + [result.column_totals[column]]
        values = [[3, 40, 9], [20, 0, 30]]
        nonzero_hidden = (
            sum(1 for r, flag in enumerate(hidden[:2]) if flag and values[r][column]) + hidden[2]
        )
        assert nonzero_hidden != 1, f"column {column} has one lone hidden cell"


def test_small_region_hides_a_second_region_in_the_column(country):
    # Zeeland's 3 registrations would otherwise be the total minus the other regions: the
    # smallest other region (Twente, 8) is hidden too
    grid = compute().regions
    assert _cell(grid, _row(grid, "Zeeland"), "registered") == SMALL
    assert str(_cell(grid, _row(grid, "Twente"), "registered")) == "hidden"
    assert _cell(grid, _row(grid, "Haaglanden"), "registered") == 0
    assert _cell(grid, _row(grid, "Noordoost-Brabant"), "registered") == 25


def test_derived_figures_are_hidden_for_small_groups(db, analyst):
    region = RegionFactory(code="drenthe", name="Drenthe")
    _cases(region, 3, outcome=OutcomeKind.NEW_JOB)
    _cases(region, 10, prefix="Open")
    grid = compute().regions
    row = _row(grid, "Drenthe")
    assert _cell(grid, row, "out_work") == SMALL
    assert str(_cell(grid, row, "share_work")) == "hidden"
    assert str(_cell(grid, row, "median_days")) == "hidden"


def test_filters_by_month_and_sector(country):
    figures = compute(NationalFilters(sector="Horeca"))
    big = _row(figures.regions, "Noordoost-Brabant")
    assert _cell(figures.regions, big, "registered") == 11
    assert _cell(figures.regions, big, "signals") == 6
    next_month = (timezone.localdate().replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    figures = compute(NationalFilters(month_from=next_month))
    assert _cell(figures.regions, figures.regions.total, "registered") == 0
    this_month = timezone.localdate().replace(day=1)
    figures = compute(NationalFilters(month_from=this_month, month_to=this_month))
    assert _cell(figures.regions, figures.regions.total, "registered") == 36


def test_funding_table(country):
    grid = compute().funding
    big = _row(grid, "Noordoost-Brabant")
    keys = [c.key for c in grid.columns]
    assert big[1 + keys.index("social_plan_n")] == 6
    assert big[1 + keys.index("social_plan_cost")] == Decimal("2400")


def test_page_for_the_analyst_without_names(client, country, analyst):
    client.force_login(analyst)
    response = client.get(reverse("national:overview"), **EN)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Noordoost-Brabant" in body and "Zeeland" in body
    assert "&lt; 5" in body
    numbers = list(Case.objects.values_list("number", flat=True))
    for forbidden in ["Zwaluwstaart", "Anna0", "Eva1", *numbers]:
        assert forbidden not in body
    response = client.get(reverse("national:overview"), {"sector": "Horeca"}, **EN)
    assert response.status_code == 200


def test_invalid_filter_shows_errors(client, country, analyst):
    client.force_login(analyst)
    response = client.get(
        reverse("national:overview"), {"month_from": "2026-05", "month_to": "2026-01"}, **EN
    )
    assert response.status_code == 200
    assert "cannot be before the first month" in response.content.decode()
    response = client.get(reverse("national:overview"), {"month_from": "mei"}, **EN)
    assert "for example 2026-03" in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_download_is_audited_and_anonymous(client, country, analyst, fmt):
    client.force_login(analyst)
    before = AuditLogEntry.objects.count()
    url = reverse("national:download", kwargs={"key": "regions", "fmt": fmt})
    response = client.get(url, {"sector": "Horeca"}, **EN)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows[0][0] == "Region"
        assert any(row[0] == "Noordoost-Brabant" for row in rows)
    else:
        workbook = load_workbook(io.BytesIO(response.content))
        assert len(workbook.sheetnames) == 2
        text = "\n".join(
            str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
        )
    assert "Zwaluwstaart" not in text
    entry = AuditLogEntry.objects.order_by("-id").first()
    assert AuditLogEntry.objects.count() == before + 1
    assert entry.action == AuditAction.EXPORT
    assert entry.purpose == Purpose.NATIONAL_STATISTICS
    assert entry.person_ref is None and entry.case_ref is None
    assert entry.details["filters"] == {"sector": "Horeca"}


def test_other_roles_get_no_national_view(client, country, coordinator, case_manager):
    for user in (coordinator, case_manager):
        client.force_login(user)
        assert client.get(reverse("national:overview")).status_code == 403
        url = reverse("national:download", kwargs={"key": "regions", "fmt": "csv"})
        assert client.get(url).status_code == 403


def test_unknown_download_is_404(client, analyst):
    client.force_login(analyst)
    assert (
        client.get(reverse("national:download", kwargs={"key": "x", "fmt": "csv"})).status_code
        == 404
    )
    url = reverse("national:download", kwargs={"key": "regions", "fmt": "pdf"})
    assert client.get(url).status_code == 404


def test_queries_do_not_grow_with_regions(db, analyst, django_assert_max_num_queries):
    for index in range(4):
        region = RegionFactory(code=f"r{index}", name=f"Regio {index}")
        _cases(region, 6, outcome=OutcomeKind.NEW_JOB, prefix=f"P{index}")
        ReferralFactory(
            case=Case.objects.filter(region=region).first(), status=ReferralStatus.COMPLETED
        )
    with django_assert_max_num_queries(8):
        compute()
    for index in range(4, 12):
        region = RegionFactory(code=f"r{index}", name=f"Regio {index}")
        _cases(region, 6, outcome=OutcomeKind.NEW_JOB, prefix=f"Q{index}")
    with django_assert_max_num_queries(8):
        figures = compute()
    assert figures.region_count == 13


def test_page_query_count_is_bounded(client, country, analyst, django_assert_max_num_queries):
    client.force_login(analyst)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("national:overview")).status_code == 200


def test_no_line_ever_has_a_single_hidden_cell():
    """Randomised: after suppression no row or column (with its total) has exactly one
    hidden non-zero cell, so no hidden number is the total minus the visible ones."""
    import random

    rng = random.Random(9)
    for _round in range(200):
        rows, cols = rng.randint(1, 6), rng.randint(1, 5)
        grid = [
            [rng.choice([0, 0, 1, 2, 3, 5, 8, 20, 60]) for _c in range(cols)] for _r in range(rows)
        ]
        result = suppress(grid, row_totals=True)
        matrix = [[*row, sum(row)] for row in grid]
        matrix.append([sum(row[c] for row in matrix) for c in range(cols + 1)])
        hidden = [
            [*cells, total] for cells, total in zip(result.cells, result.row_totals, strict=False)
        ]
        hidden.append([*result.column_totals, result.grand_total])
        for r in range(rows + 1):
            assert sum(1 for c in range(cols + 1) if hidden[r][c] and matrix[r][c]) != 1, grid
        for c in range(cols + 1):
            assert sum(1 for r in range(rows + 1) if hidden[r][c] and matrix[r][c]) != 1, grid
