"""Registrations, cases, vacancies, taxonomy and rate limits through partner tokens."""

from __future__ import annotations

import datetime as dt

from overstap.accounts.constants import OrganisationKind
from overstap.api.constants import Scope
from overstap.cases import services
from overstap.cases.constants import CaseStatus
from overstap.cases.models import Case
from overstap.employers.models import Vacancy
from overstap.privacy.models import AuditLogEntry

from ..factories import OrganisationFactory
from .conftest import bearer, make_client, make_token

# --- registrations ---------------------------------------------------------------------------


def test_registration_lands_in_the_intake_queue(api, coordinator, municipality):
    client = make_client(coordinator, municipality, [Scope.REGISTRATIONS_WRITE])
    response = api.post(
        "/api/v1/registrations/",
        {
            "first_name": "Kees",
            "last_name": "Jansen",
            "signal_source": "municipality",
            "phone": "06 8765 4321",
            "birth_date": "1970-05-01",
        },
        format="json",
        **bearer(make_token(coordinator, client)),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["in_intake_queue"] is True
    assert body["status"] == CaseStatus.REGISTERED
    case = Case.objects.select_related("person").get(pk=body["id"])
    assert case.number == body["number"]
    assert case.registering_organisation == municipality
    assert case.registered_by == client.service_user
    assert case.person.phone == "0687654321"
    entry = AuditLogEntry.objects.get(action="create", case_ref=case.pk)
    assert entry.organisation_name == municipality.name
    assert entry.actor_username == client.service_user.username


def test_registration_field_errors_are_a_400_problem(api, coordinator, municipality):
    client = make_client(coordinator, municipality, [Scope.REGISTRATIONS_WRITE])
    response = api.post(
        "/api/v1/registrations/",
        {"first_name": "", "signal_source": "pigeon", "birth_date": "gisteren"},
        format="json",
        **bearer(make_token(coordinator, client)),
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    errors = response.json()["errors"]
    assert {"first_name", "last_name", "signal_source", "birth_date"} <= set(errors)
    assert not Case.objects.exists()


def test_registration_model_errors_map_to_fields(api, coordinator, municipality):
    client = make_client(coordinator, municipality, [Scope.REGISTRATIONS_WRITE])
    response = api.post(
        "/api/v1/registrations/",
        {
            "first_name": "Kees",
            "last_name": "Jansen",
            "signal_source": "self",
            "bsn": "123456789",  # fails the eleven test
            "bsn_legal_basis": "suwi",
        },
        format="json",
        **bearer(make_token(coordinator, client)),
    )
    assert response.status_code == 400, response.content
    assert "bsn" in response.json()["errors"]


def test_employers_cannot_register(api, coordinator, employer_user):
    client = make_client(coordinator, employer_user.organisation, [Scope.REGISTRATIONS_WRITE])
    response = api.post(
        "/api/v1/registrations/",
        {"first_name": "Kees", "last_name": "Jansen", "signal_source": "self"},
        format="json",
        **bearer(make_token(coordinator, client)),
    )
    assert response.status_code == 403
    assert not Case.objects.exists()


# --- cases -----------------------------------------------------------------------------------


def test_a_client_sees_the_cases_its_service_user_works_on(
    api, coordinator, case_manager, uwv, referral_world
):
    client = make_client(coordinator, uwv, [Scope.CASES_READ])
    token = make_token(coordinator, client)
    case = referral_world["case"]
    # A colleague of the same organisation is not enough: the client is not on the team.
    assert api.get(f"/api/v1/cases/{case.pk}/", **bearer(token)).status_code == 404
    services.add_case_member(actor=case_manager, case=case, user=client.service_user)
    detail = api.get(f"/api/v1/cases/{case.pk}/", **bearer(token))
    assert detail.status_code == 200
    assert detail.json()["number"] == case.number
    listed = api.get("/api/v1/cases/?status=intake", **bearer(token))
    assert listed.status_code == 200, listed.content
    listed = listed.json()
    assert [c["id"] for c in listed["results"]] == [case.pk]
    assert api.get("/api/v1/cases/?status=active", **bearer(token)).json()["count"] == 0
    assert api.get("/api/v1/cases/?status=nonsense", **bearer(token)).status_code == 400
    assert AuditLogEntry.objects.filter(
        action="list", case_ref=case.pk, actor_username=client.service_user.username
    ).exists()


# --- vacancies -------------------------------------------------------------------------------


def _vacancy_payload(**extra):
    payload = {
        "title": "Medewerker bediening",
        "hours_min": 24,
        "hours_max": 32,
        "positions": 2,
        "place": "Oss",
        "shifts": ["day", "evening"],
    }
    payload.update(extra)
    return payload


def test_employer_client_manages_only_its_own_vacancies(api, coordinator, employer_user, region):
    employer = employer_user.organisation
    other = OrganisationFactory(region=region, name="Bakkerij", kind=OrganisationKind.EMPLOYER)
    client = make_client(coordinator, employer, [Scope.VACANCIES_READ, Scope.VACANCIES_WRITE])
    token = make_token(coordinator, client)
    created = api.post("/api/v1/vacancies/", _vacancy_payload(), format="json", **bearer(token))
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["employer"] == employer.pk
    assert body["status"] == "draft"
    assert body["shifts"] == ["day", "evening"]
    vacancy = Vacancy.objects.get(pk=body["id"])
    assert vacancy.created_by == client.service_user

    foreign = Vacancy.objects.create(employer=other, region=region, title="Bakker")
    assert api.get(f"/api/v1/vacancies/{foreign.pk}/", **bearer(token)).status_code == 404
    assert api.get("/api/v1/vacancies/", **bearer(token)).json()["count"] == 1
    refused = api.post(
        "/api/v1/vacancies/", _vacancy_payload(employer=other.pk), format="json", **bearer(token)
    )
    assert refused.status_code == 400
    assert "employer" in refused.json()["errors"]

    updated = api.put(
        f"/api/v1/vacancies/{vacancy.pk}/",
        _vacancy_payload(title="Gastvrouw", expected_version=vacancy.version),
        format="json",
        **bearer(token),
    )
    assert updated.status_code == 200, updated.content
    assert updated.json()["title"] == "Gastvrouw"
    stale = api.put(
        f"/api/v1/vacancies/{vacancy.pk}/",
        _vacancy_payload(title="Te laat", expected_version=vacancy.version),
        format="json",
        **bearer(token),
    )
    assert stale.status_code == 409
    assert Vacancy.objects.get(pk=vacancy.pk).title == "Gastvrouw"


def test_vacancy_rule_errors_are_field_errors(api, coordinator, employer_user):
    client = make_client(
        coordinator, employer_user.organisation, [Scope.VACANCIES_READ, Scope.VACANCIES_WRITE]
    )
    token = make_token(coordinator, client)
    past = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    response = api.post(
        "/api/v1/vacancies/",
        _vacancy_payload(
            hours_min=40, hours_max=20, start_date=past, status="open", occupation=999999
        ),
        format="json",
        **bearer(token),
    )
    assert response.status_code == 400
    assert "occupation" in response.json()["errors"]
    response = api.post(
        "/api/v1/vacancies/",
        _vacancy_payload(hours_min=40, hours_max=20, start_date=past, status="open"),
        format="json",
        **bearer(token),
    )
    assert response.status_code == 400
    assert {"hours_max", "start_date", "status"} <= set(response.json()["errors"])
    assert not Vacancy.objects.exists()


def test_vacancy_read_scope_does_not_write(api, coordinator, employer_user):
    client = make_client(coordinator, employer_user.organisation, [Scope.VACANCIES_READ])
    token = make_token(coordinator, client)
    assert api.get("/api/v1/vacancies/", **bearer(token)).status_code == 200
    response = api.post("/api/v1/vacancies/", _vacancy_payload(), format="json", **bearer(token))
    assert response.status_code == 403


# --- taxonomy --------------------------------------------------------------------------------


def test_taxonomy_search(api, coordinator, provider_org, demo_taxonomy):
    client = make_client(coordinator, provider_org, [Scope.TAXONOMY_READ])
    token = make_token(coordinator, client)
    response = api.get("/api/v1/taxonomy/occupations/?q=kok&limit=3", **bearer(token))
    assert response.status_code == 200
    results = response.json()
    assert 1 <= len(results) <= 3
    assert any("kok" in r["label"].lower() for r in results)
    skills = api.get("/api/v1/taxonomy/skills/?q=koken&lang=en", **bearer(token))
    assert skills.status_code == 200
    assert skills.json()
    assert api.get("/api/v1/taxonomy/skills/", **bearer(token)).status_code == 400
    assert api.get("/api/v1/taxonomy/skills/?q=x&limit=500", **bearer(token)).status_code == 400


# --- rate limits -----------------------------------------------------------------------------


def test_rate_limit_is_a_429_problem(api, coordinator, provider_org, demo_taxonomy):
    client = make_client(coordinator, provider_org, [Scope.TAXONOMY_READ], rate_per_minute=3)
    token = make_token(coordinator, client)
    url = "/api/v1/taxonomy/occupations/?q=kok"
    statuses = [api.get(url, **bearer(token)).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    limited = api.get(url, **bearer(token))
    assert limited.status_code == 429
    assert limited["Content-Type"].startswith("application/problem+json")
    assert limited.json()["status"] == 429
    assert int(limited["Retry-After"]) > 0
    # Another client has its own allowance.
    other = make_client(coordinator, provider_org, [Scope.TAXONOMY_READ], name="Ander")
    assert api.get(url, **bearer(make_token(coordinator, other))).status_code == 200
