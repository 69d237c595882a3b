"""The matching API: happy paths, scope, roles, problem documents, audit, schema."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse

from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.models import AuditLogEntry

from .conftest import occupation

pytestmark = pytest.mark.django_db


def _url(name: str, *args: object) -> str:
    return reverse(f"api:matching:{name}", args=args)


def test_case_vacancies(client, cook_case, vacancies, case_manager):
    client.force_login(case_manager)
    response = client.get(_url("case_vacancies", cook_case.pk), {"top": 5, "lang": "en"})
    assert response.status_code == 200
    data = response.json()
    assert data["case_id"] == cook_case.pk and data["notice"] is None
    first = data["results"][0]
    assert first["vacancy"]["id"] == vacancies["food"].pk and first["other_sector"] is True
    exp = first["explanation"]
    assert exp["complete"] is True
    assert {c["name"] for c in exp["constraints"]} == {
        "hours",
        "wage",
        "distance",
        "contract",
        "shifts",
    }
    assert abs(sum(p["value"] for p in exp["breakdown"]) - first["score"]) < 1e-6
    assert data["transitions"] and "gap" in data["transitions"][0]
    entry = AuditLogEntry.objects.filter(case_ref=cook_case.pk).latest("pk")
    assert entry.purpose == Purpose.MATCHING


def test_case_of_another_organisation_is_404_problem(client, cook_case, other_case_manager):
    client.force_login(other_case_manager)
    response = client.get(_url("case_vacancies", cook_case.pk))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("top", ["abc", "0", "101"])
def test_bad_top_is_400_problem(client, cook_case, case_manager, top):
    client.force_login(case_manager)
    response = client.get(_url("case_vacancies", cook_case.pk), {"top": top})
    assert response.status_code == 400
    body = response.json()
    assert response["Content-Type"].startswith("application/problem+json")
    assert body["status"] == 400 and "top" in body["errors"]


def test_candidates(client, cook_case, vacancies, case_manager):
    client.force_login(case_manager)
    before = AuditLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(_url("vacancy_candidates", vacancies["food"].pk))
    assert response.status_code == 200
    data = response.json()
    assert [r["case_id"] for r in data["results"]] == [cook_case.pk]
    assert data["results"][0]["explanation"]["complete"] is True
    listed = AuditLogEntry.objects.filter(pk__gt=before, action=AuditAction.LIST)
    assert list(listed.values_list("person_ref", "purpose")) == [
        (cook_case.person_id, Purpose.MATCHING)
    ]


def test_candidates_forbidden_for_employer_user(client, vacancies, employer_user):
    client.force_login(employer_user)
    response = client.get(_url("vacancy_candidates", vacancies["food"].pk))
    assert response.status_code == 403
    assert response.json()["status"] == 403


def test_candidates_for_vacancy_of_another_region_is_404(
    client, vacancies, case_manager, other_region
):
    from ..factories import OrganisationFactory
    from .conftest import make_vacancy

    employer = OrganisationFactory(region=other_region, kind="employer")
    far = make_vacancy(other_region, employer, "Elders", must=["teamwork"])
    client.force_login(case_manager)
    assert client.get(_url("vacancy_candidates", far.pk)).status_code == 404


def test_transitions_by_pk_and_uri(client, cook_case, vacancies, case_manager):
    client.force_login(case_manager)
    kok = occupation("kok")
    by_pk = client.get(_url("occupation_transitions", kok.pk), {"top": 10})
    assert by_pk.status_code == 200
    data = by_pk.json()
    assert data["occupation_uri"] == kok.uri and len(data["results"]) == 10
    assert data["results"][0]["rank"] == 1
    by_uri = client.get(f"/api/v1/matching/occupations/{quote(kok.uri, safe='')}/transitions/")
    assert by_uri.status_code == 200
    assert (
        by_uri.json()["results"]
        == client.get(_url("occupation_transitions", kok.pk)).json()["results"]
    )


def test_transitions_unknown_and_bad_params(client, demo_taxonomy, case_manager):
    client.force_login(case_manager)
    assert client.get(_url("occupation_transitions", "urn:nope")).status_code == 404
    bad = client.get(_url("occupation_transitions", occupation("kok").pk), {"keeps_wage": "x"})
    assert bad.status_code == 400 and "keeps_wage" in bad.json()["errors"]


def test_anonymous_is_refused(client, cook_case):
    assert client.get(_url("case_vacancies", cook_case.pk)).status_code in (401, 403)


def test_schema_documents_the_endpoints(client, case_manager):
    client.force_login(case_manager)
    response = client.get(reverse("api-schema"))
    assert response.status_code == 200
    text = response.content.decode()
    for path in (
        "/api/v1/matching/cases/{id}/vacancies/",
        "/api/v1/matching/vacancies/{id}/candidates/",
        "/api/v1/matching/occupations/{ref}/transitions/",
    ):
        assert path in text
    assert "PersonVacancies" in text and "VacancyCandidates" in text


def test_unknown_language_is_400(client, cook_case, case_manager):
    client.force_login(case_manager)
    response = client.get(_url("case_vacancies", cook_case.pk), {"lang": "fr"})
    assert response.status_code == 400 and "lang" in response.json()["errors"]
