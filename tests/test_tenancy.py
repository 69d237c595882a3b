"""Regions as tenants (issue #9): a user of one region sees nothing of another.

Two regions are built with the same kinds of data (cases, referrals, offerings, routes,
vacancies, employer profiles, surplus and shortage registrations, signals and tasks,
bottlenecks, desk requests, audit log). Every text of region B carries the marker
``Bravoxray``. For every role of region A:

* every list page and API list (data-driven over URL names) never shows the marker;
* every detail page and API detail of a region-B object is 403 or 404 and shows nothing.

A sanity check proves the lists are not empty by accident: region A's own marker
``Alfazulu`` appears on each list for at least one of region A's roles.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from overstap.accounts.constants import OrganisationKind, Role
from overstap.cases import services
from overstap.cases.constants import OutcomeKind, SignalSource
from overstap.cases.services import RegistrationData
from overstap.employers.models import Vacancy
from overstap.frontdoor.models import DeskRequest
from overstap.insights.models import Bottleneck
from overstap.network.models import EmployerProfile, ShortageRegistration, SurplusRegistration
from overstap.rapidresponse.models import PlaybookStep, Signal, SignalTask

from .factories import (
    OfferingFactory,
    OrganisationFactory,
    RegionFactory,
    RouteFactory,
    UserFactory,
)

MARK_A = "Alfazulu"
MARK_B = "Bravoxray"

ROLES = {
    "case_manager": ("uwv", Role.CASE_MANAGER),
    "account_manager": ("wsp", Role.ACCOUNT_MANAGER),
    "coordinator": ("rmt", Role.COORDINATOR),
    "provider": ("provider", Role.PROVIDER_STAFF),
    "employer": ("employer", Role.EMPLOYER_USER),
    "privacy_officer": ("rmt", Role.PRIVACY_OFFICER),
    "administrator": ("rmt", Role.ADMINISTRATOR),
}


def _tenant(code: str, mark: str) -> dict:
    region = RegionFactory(code=code, name=f"Regio {code}")
    kinds = {
        "uwv": OrganisationKind.UWV,
        "wsp": OrganisationKind.EMPLOYER_SERVICE_POINT,
        "rmt": OrganisationKind.MOBILITY_TEAM,
        "provider": OrganisationKind.SERVICE_PROVIDER,
        "employer": OrganisationKind.EMPLOYER,
    }
    orgs = {
        key: OrganisationFactory(
            region=region, name=f"{mark} {key}", kind=kind, sector=f"{mark}sector"
        )
        for key, kind in kinds.items()
    }
    users = {
        role: UserFactory(
            username=f"{mark.lower()}-{role}",
            first_name=mark,
            last_name=role,
            organisation=orgs[org],
            role=role_value,
        )
        for role, (org, role_value) in ROLES.items()
    }
    cm = users["case_manager"]
    route = RouteFactory(region=region, number=1, name=f"{mark} route")
    case = services.register_person(
        actor=cm,
        data=RegistrationData(
            first_name=mark,
            last_name=f"{mark}persoon",
            signal_source=SignalSource.RELEASING_EMPLOYER,
            birth_date=dt.date(1970, 1, 1),
            releasing_employer_id=orgs["employer"].pk,
        ),
        take_case=True,
    )
    services.add_case_member(actor=cm, case=case, user=users["account_manager"])
    services.triage_case(actor=cm, case=case, route=route, rationale=mark)
    offering = OfferingFactory(region=region, provider=orgs["provider"], name=f"{mark} dienst")
    referral = services.create_referral(
        actor=cm, case=case, offering=offering, sharing_channel="in_person"
    )
    queued = services.register_person(
        actor=users["provider"],
        data=RegistrationData(
            first_name=mark, last_name=f"{mark}wachtend", signal_source=SignalSource.SELF
        ),
    )
    closed = services.register_person(
        actor=cm,
        data=RegistrationData(
            first_name=mark, last_name=f"{mark}geplaatst", signal_source=SignalSource.UWV
        ),
        take_case=True,
    )
    services.record_outcome(
        actor=cm,
        case=closed,
        data={
            "kind": OutcomeKind.NEW_JOB,
            "date": dt.date.today(),
            "employer_name": f"{mark} nieuwe werkgever",
            "job_title": "Beveiliger",
            "sector": f"{mark}sector",
        },
    )
    employer = orgs["employer"]
    profile = EmployerProfile.objects.create(organisation=employer)
    vacancy = Vacancy.objects.create(
        employer=employer, region=region, title=f"{mark} vacature", status="open"
    )
    surplus = SurplusRegistration.objects.create(
        employer=employer,
        reason=f"{mark} reden",
        expected_date=dt.date.today(),
        created_by=users["account_manager"],
    )
    shortage = ShortageRegistration.objects.create(
        employer=employer,
        period_start=dt.date.today(),
        period_end=dt.date.today() + dt.timedelta(days=90),
        created_by=users["account_manager"],
    )
    step = PlaybookStep.objects.create(
        region=region,
        title=f"{mark} stap",
        partner_kind="wsp",
        deadline_days=3,
        signal_kinds=["sector"],
    )
    signal = Signal.objects.create(
        region=region,
        kind="sector",
        sector=f"{mark}sector",
        description=f"{mark} signaal",
        people_affected=10,
        received_on=dt.date.today(),
        employer=employer,
    )
    task = SignalTask.objects.create(
        signal=signal,
        title=f"{mark} taak",
        owner_organisation=orgs["provider"],
        due_date=dt.date.today(),
    )
    bottleneck = Bottleneck.objects.create(
        region=region,
        category="process",
        title=f"{mark} knelpunt",
        description=mark,
        created_by=cm,
    )
    desk = DeskRequest.objects.create(
        region=region,
        kind="surplus",
        organisation_name=f"{mark} bv",
        contact_name=mark,
        phone="0612345678",
    )
    return {
        "region": region,
        "orgs": orgs,
        "users": users,
        "ids": {
            "case": case.pk,
            "queued": queued.pk,
            "closed": closed.pk,
            "person": case.person_id,
            "referral": referral.pk,
            "offering": offering.pk,
            "route": route.pk,
            "employer": employer.pk,
            "profile": profile.pk,
            "vacancy": vacancy.pk,
            "surplus": surplus.pk,
            "shortage": shortage.pk,
            "step": step.pk,
            "signal": signal.pk,
            "task": task.pk,
            "bottleneck": bottleneck.pk,
            "desk": desk.pk,
        },
    }


@pytest.fixture
def tenants(db):
    return {"a": _tenant("alfa", MARK_A), "b": _tenant("bravo", MARK_B)}


#: Every list page and API list of the application (URL names without arguments).
LISTS = [
    "cases:my_day",
    "cases:caseload",
    "cases:intake_queue",
    "cases:provider_referrals",
    "cases:route_list",
    "catalogue:offering_list",
    "employers:vacancy_list",
    "network:employer_list",
    "network:registrations",
    "rapidresponse:signal_list",
    "rapidresponse:my_tasks",
    "rapidresponse:playbook_list",
    "insights:dashboard",
    "insights:dashboard_mine",
    "insights:bottleneck_list",
    "insights:budgets",
    "insights:cost_benefit",
    "privacy:audit_log",
    "apiclients:client_list",
    "frontdoor:request_list",
    "frontdoor:scheme_admin_list",
    "consent:employer_progress",
    "matching:cohort_index",
    "api:case_list",
    "api:referral_list",
    "api:vacancy_list",
    "api:network:employer_list",
    "api:network:surplus_list",
    "api:network:shortage_list",
    "api:network:proposal_list",
    "api:rapidresponse:signal_list",
    "api:rapidresponse:task_list",
]

#: Lists where region A's own data must show for at least one role of region A.
SHOWS_OWN_DATA = set(LISTS) - {
    "frontdoor:scheme_admin_list",  # schemes are not regional in this world
    "apiclients:client_list",  # no API clients in this world
    "api:network:proposal_list",  # no proposals in this world
    "insights:budgets",  # no budgets in this world
    "matching:cohort_index",  # no taxonomy in this world
}

#: Detail pages and API details of one object: (URL name, kwargs from region B's ids).
DETAILS = [
    ("cases:case_detail", {"pk": "case"}),
    ("cases:case_intake", {"pk": "case"}),
    ("cases:case_plan", {"pk": "case"}),
    ("cases:case_contacts", {"pk": "case"}),
    ("cases:case_referrals", {"pk": "case"}),
    ("cases:case_outcome", {"pk": "closed"}),
    ("cases:case_transfer", {"pk": "case"}),
    ("cases:register_done", {"pk": "queued"}),
    ("cases:provider_referral", {"referral_pk": "referral"}),
    ("cases:route_edit", {"route_pk": "route"}),
    ("passport:case_passport", {"pk": "case"}),
    ("passport:json", {"pk": "case"}),
    ("consent:case_consent", {"pk": "case"}),
    ("consent:person_data", {"pk": "case"}),
    ("matching:case", {"pk": "case"}),
    ("frontdoor:case_schemes", {"pk": "case"}),
    ("frontdoor:request_detail", {"pk": "desk"}),
    ("privacy:legal_hold", {"pk": "case"}),
    ("privacy:person_access", {"person_ref": "person"}),
    ("catalogue:offering_detail", {"pk": "offering"}),
    ("catalogue:offering_edit", {"pk": "offering"}),
    ("employers:vacancy_detail", {"pk": "vacancy"}),
    ("employers:vacancy_edit", {"pk": "vacancy"}),
    ("network:employer_detail", {"pk": "employer"}),
    ("network:profile_edit", {"pk": "employer"}),
    ("network:surplus_create", {"pk": "employer"}),
    ("network:surplus_detail", {"pk": "surplus"}),
    ("network:shortage_detail", {"pk": "shortage"}),
    ("network:surplus_proposals", {"pk": "surplus"}),
    ("rapidresponse:signal_detail", {"pk": "signal"}),
    ("rapidresponse:signal_edit", {"pk": "signal"}),
    ("rapidresponse:playbook_edit", {"pk": "step"}),
    ("insights:bottleneck_edit", {"pk": "bottleneck"}),
    ("api:case_detail", {"pk": "case"}),
    ("api:referral_detail", {"pk": "referral"}),
    ("api:vacancy_detail", {"pk": "vacancy"}),
    ("api:network:employer_detail", {"pk": "employer"}),
    ("api:network:surplus_detail", {"pk": "surplus"}),
    ("api:network:shortage_detail", {"pk": "shortage"}),
    ("api:rapidresponse:signal_detail", {"pk": "signal"}),
    ("api:rapidresponse:task_detail", {"pk": "task"}),
]


def _text(response) -> str:
    body = b"".join(response) if response.streaming else response.content
    return body.decode("utf-8", "replace")


@pytest.mark.parametrize("name", LISTS)
def test_lists_show_nothing_of_another_region(client, tenants, name):
    url = reverse(name)
    own_data_seen = False
    for role, user in tenants["a"]["users"].items():
        client.force_login(user)
        response = client.get(url)
        text = _text(response)
        assert MARK_B not in text, f"{role} sees region B on {name}"
        # the page header names the user and their organisation: not data of the list
        data = text.replace(str(user), "").replace(str(user.organisation), "")
        own_data_seen |= response.status_code == 200 and MARK_A in data
    if name in SHOWS_OWN_DATA:
        assert own_data_seen, f"no role of region A sees its own data on {name}: vacuous test"


@pytest.mark.parametrize(("name", "kwargs"), DETAILS, ids=[d[0] for d in DETAILS])
def test_details_of_another_region_are_refused(client, tenants, name, kwargs):
    ids = tenants["b"]["ids"]
    url = reverse(name, kwargs={key: ids[ref] for key, ref in kwargs.items()})
    for role, user in tenants["a"]["users"].items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code in (403, 404), f"{role} GET {name}: {response.status_code}"
        assert MARK_B not in _text(response), f"{role} sees region B on {name}"


@pytest.mark.parametrize(("name", "kwargs"), DETAILS, ids=[d[0] for d in DETAILS])
def test_own_region_detail_is_reachable_for_someone(client, tenants, name, kwargs):
    """The same URLs with region A's own ids answer 200 for at least one role of A: the
    refusals above are about the region, not a broken URL."""
    ids = tenants["a"]["ids"]
    url = reverse(name, kwargs={key: ids[ref] for key, ref in kwargs.items()})
    statuses = {}
    for role, user in tenants["a"]["users"].items():
        client.force_login(user)
        statuses[role] = client.get(url).status_code
    assert 200 in statuses.values(), f"{name}: {statuses}"
