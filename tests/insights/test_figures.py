from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from overstap.insights import readmodel
from overstap.insights.figures import Filters, apply_filters, compute, region_facts, scoped_cases

from ..factories import (
    CaseFactory,
    IntakeFactory,
    OutcomeFactory,
    PersonFactory,
    ReferralFactory,
    WorkHistoryEntryFactory,
)


def rows(dash, key):
    return {str(r[0]): r[1:] if len(r) > 2 else r[1] for r in dash.table(key).rows}


def test_figures_on_hand_made_data(world):
    dash = compute(region_facts(world.region.pk))
    t = dash.totals
    assert (t["registered"], t["intake_done"], t["routed"], t["with_outcome"]) == (4, 3, 3, 2)
    assert (t["age_55plus"], t["age_25_34"], t["age_45_54"], t["age_unknown"]) == (1, 1, 1, 1)
    assert t["age_lt25"] == t["age_35_44"] == 0
    education = rows(dash, "education")
    assert education["MBO level 2-4"] == 1
    assert education["VMBO or MBO level 1"] == 1
    assert education["HBO"] == 1
    assert education["Unknown"] == 1
    tenure = rows(dash, "tenure")
    assert tenure == {
        "Less than 2 years": 1,
        "2–5 years": 1,
        "5–10 years": 0,
        "More than 10 years": 1,
        "Unknown": 1,
    }
    # Anna's earlier staff job elsewhere does not count: only the releasing employer's job.
    assert rows(dash, "function") == {"Staff": 1, "Operational": 2, "Unknown": 1}
    assert rows(dash, "route") == {"No route yet": 1, "1. Zelfredzaam": 1, "2. Kort": 2}
    outflow = rows(dash, "outflow")
    assert outflow["New job"] == 1 and outflow["Stayed with employer"] == 1
    assert outflow["Stopped"] == 0
    assert rows(dash, "outflow_sector") == {"Beveiliging": [1, 1]}
    assert (t["changed_sector"], t["with_sector"]) == (1, 1)
    services = rows(dash, "services_category")
    assert services["CV and application training"] == [2, 1]  # completed + cancelled
    assert services["Career coaching"] == [2, 0]
    provider = dash.table("services_provider").rows[0]
    assert provider[1:] == [4, 1, 450 + 300 + 300]  # cancelled referral's cost not counted
    assert t["median_days"] == 15
    assert t["median_n"] == 2
    caseload = {r[0]: r[1:] for r in dash.table("caseload").rows}
    assert sorted(caseload.values()) == [[1, 0], [1, 0], [1, 1]]
    assert t["overdue"] == 1
    inflow = rows(dash, "inflow_employer")
    assert inflow == {"Cateraar": 2, "Hotel": 1, "No releasing employer": 1}
    assert rows(dash, "inflow_sector") == {"Contractcatering": 2, "Horeca": 1, "Unknown": 1}
    month = timezone.localdate().strftime("%Y-%m")
    assert rows(dash, "inflow_month") == {month: 4}


def test_filters(world, uwv):
    base = region_facts(world.region.pk)
    assert (
        compute(apply_filters(base, Filters(releasing_employer_ids=(world.hotel.pk,)))).totals[
            "registered"
        ]
        == 1
    )
    assert compute(apply_filters(base, Filters(route_id=world.route2.pk))).totals["registered"] == 2
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert compute(apply_filters(base, Filters(date_from=tomorrow))).totals["registered"] == 0
    assert compute(apply_filters(base, Filters(date_to=tomorrow))).totals["registered"] == 4
    assert compute(apply_filters(base, Filters(organisation_id=uwv.pk))).totals["registered"] == 3


def test_filters_through_the_view(client, world, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("insights:dashboard"), {"employer": world.hotel.pk})
    assert response.status_code == 200
    assert response.context["totals"]["registered"] == 1
    response = client.get(
        reverse("insights:dashboard"), {"date_from": "2030-01-02", "date_to": "2030-01-01"}
    )
    assert response.context["form"].errors["date_to"]


def test_personal_dashboard_counts_only_visible_cases(
    client, world, case_manager, other_case_manager
):
    assert scoped_cases(case_manager, mine=True).count() == 2
    client.force_login(other_case_manager)
    response = client.get(reverse("insights:dashboard_mine"))
    assert response.status_code == 200
    assert response.context["totals"]["registered"] == 1


def test_charts_are_accessible_svg_with_tables(client, world, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("insights:dashboard")).content.decode()
    assert html.count('role="img"') >= 10
    assert html.count("<caption>") >= 10
    assert 'aria-label="Years at the releasing employer: Less than 2 years 1;' in html or (
        "aria-label=" in html
    )
    assert "<script" not in html.split("<main", 1)[1]


def _many(world, n):
    region = world.region
    manager = world.cases["a"].case_manager
    for i in range(n):
        person = PersonFactory(region=region)
        case = CaseFactory(
            person=person,
            registered_by=manager,
            case_manager=manager,
            releasing_employer=world.caterer if i % 2 else world.hotel,
            route=world.route1,
        )
        IntakeFactory(case=case)
        WorkHistoryEntryFactory(person=person, employer_name=case.releasing_employer.name)
        ReferralFactory(case=case, offering=world.offering)
        if i % 3 == 0:
            OutcomeFactory(case=case, sector="Zorg", changed_sector=True)


def _dashboard_queries(client, coordinator, django_assert_max_num_queries, bound=30):
    """The figures' queries, after the read model caught up with the factory-made cases
    (rebuilding stale rows is a bulk insert whose statement count depends on the
    database's parameter limit; tests/insights/test_readmodel.py covers it)."""
    readmodel.refresh_stale()
    client.force_login(coordinator)
    with django_assert_max_num_queries(bound):
        assert client.get(reverse("insights:dashboard")).status_code == 200
    with django_assert_max_num_queries(bound):
        assert client.get(reverse("insights:report")).status_code == 200


def test_query_count_bounded_at_10_cases(client, world, coordinator, django_assert_max_num_queries):
    _many(world, 10)
    _dashboard_queries(client, coordinator, django_assert_max_num_queries)


def test_query_count_bounded_at_200_cases(
    client, world, coordinator, django_assert_max_num_queries
):
    _many(world, 200)
    _dashboard_queries(client, coordinator, django_assert_max_num_queries)


def test_two_jobs_at_the_releasing_employer_count_once_with_the_longest(world):
    year = timezone.localdate().year
    person = PersonFactory()
    case = CaseFactory(person=person, region=world.region, releasing_employer=world.hotel)
    name = world.hotel.name
    # a short staff job and a longer operational job at the same employer (case differs)
    WorkHistoryEntryFactory(
        person=person, employer_name=name, job_title="office manager", start_year=year - 1
    )
    WorkHistoryEntryFactory(
        person=person, employer_name=name.upper(), job_title="kok", start_year=year - 12
    )
    # an entry without a start year does not beat a dated one
    WorkHistoryEntryFactory(person=person, employer_name=name, job_title="planner", start_year=None)
    dash = compute(region_facts(world.region.pk).filter(case_id=case.pk))
    assert rows(dash, "tenure") == {
        "Less than 2 years": 0,
        "2–5 years": 0,
        "5–10 years": 0,
        "More than 10 years": 1,
        "Unknown": 0,
    }
    assert rows(dash, "function") == {"Staff": 0, "Operational": 1, "Unknown": 0}
    # equally long jobs: still one case (the earliest entered entry)
    WorkHistoryEntryFactory(
        person=person, employer_name=name, job_title="office manager", start_year=year - 12
    )
    dash = compute(region_facts(world.region.pk).filter(case_id=case.pk))
    assert rows(dash, "function") == {"Staff": 0, "Operational": 1, "Unknown": 0}
    assert sum(r[1] for r in dash.table("tenure").rows) == 1


def test_figures_for_no_cases(world):
    dash = compute(region_facts(world.region.pk).none())
    assert dash.totals["registered"] == 0
    assert sum(r[1] for r in dash.table("tenure").rows) == 0
    assert dash.table("inflow_month").rows == []
