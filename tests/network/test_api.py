"""The network API: lists and details per role, creating with validation, proposal updates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from overstap.network import services
from overstap.network.constants import Arrangement
from overstap.network.models import ShortageRegistration, SurplusRegistration

from .conftest import TODAY, shortage, surplus

pytestmark = pytest.mark.django_db


def _url(name: str, *args: object) -> str:
    return reverse(f"api:network:{name}", args=args)


@pytest.fixture
def world(tax, account_manager, hotel, security):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)])
    short = shortage(account_manager, security, [(occ["security_receptionist"], 3)])
    proposal = services.create_proposal(
        actor=account_manager,
        surplus_line=reg.lines.get(),
        shortage_line=short.lines.get(),
        arrangement=Arrangement.LENDING,
        headcount=2,
    )
    return {"surplus": reg, "shortage": short, "proposal": proposal}


def test_employers(client, account_manager, world, hotel):
    client.force_login(account_manager)
    data = client.get(_url("employer_list")).json()
    names = {row["name"]: row for row in data["results"]}
    assert names["Hotel"]["has_open_surplus"] is True
    assert names["Hotel"]["locations"][0]["postcode"] == "5211 AB"
    assert "contacts" not in names["Hotel"]
    assert client.get(_url("employer_detail", hotel.pk)).json()["name"] == "Hotel"


def test_roles(client, world, provider_user, employer_user, case_manager, hotel):
    client.force_login(provider_user)
    assert client.get(_url("employer_list")).status_code == 403
    assert client.get(_url("surplus_list")).status_code == 403
    client.force_login(employer_user)
    assert client.get(_url("employer_list")).status_code == 403
    assert client.get(_url("surplus_list")).json()["results"] == []
    assert client.get(_url("surplus_detail", world["surplus"].pk)).status_code == 404
    assert client.get(_url("proposal_list")).status_code == 403
    client.force_login(case_manager)
    assert client.get(_url("proposal_detail", world["proposal"].pk)).status_code == 200
    response = client.patch(
        _url("proposal_detail", world["proposal"].pk),
        {"status": "introduced"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_create_surplus(client, account_manager, hotel, tax):
    client.force_login(account_manager)
    body = {
        "employer": hotel.pk,
        "reason": "Renovation",
        "expected_date": (TODAY + dt.timedelta(days=20)).isoformat(),
        "lending_possible": True,
        "lines": [{"occupation": tax["occ"]["cleaner"].uri, "headcount": 3}],
    }
    response = client.post(_url("surplus_list"), body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["lines"][0]["headcount"] == 3 and data["lending_possible"] is True


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"lines": []}, "lines"),
        ({"lines": [{"occupation": "urn:nope", "headcount": 1}]}, "lines[1].occupation"),
        ({"expected_date": "2000-01-01"}, "expected_date"),
        ({"lines": [{"occupation": "OCC", "headcount": 0}]}, "lines"),
    ],
)
def test_create_surplus_bad_input(client, account_manager, hotel, tax, change, field):
    client.force_login(account_manager)
    body = {
        "employer": hotel.pk,
        "reason": "Renovation",
        "expected_date": (TODAY + dt.timedelta(days=20)).isoformat(),
        "lines": [{"occupation": str(tax["occ"]["cleaner"].pk), "headcount": 3}],
    }
    body.update(change)
    for line in body["lines"]:
        if line["occupation"] == "OCC":
            line["occupation"] = str(tax["occ"]["cleaner"].pk)
    response = client.post(_url("surplus_list"), body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in response.json()["errors"]
    assert not SurplusRegistration.objects.exists()


def test_employer_user_creates_shortage_for_own_only(client, employer_user, hotel, tax):
    client.force_login(employer_user)
    body = {
        "employer": employer_user.organisation_id,
        "period_start": TODAY.isoformat(),
        "period_end": (TODAY + dt.timedelta(days=90)).isoformat(),
        "lines": [
            {
                "occupation": str(tax["occ"]["cleaner"].pk),
                "headcount": 2,
                "skills": ["urn:test:skill:clean"],
            }
        ],
    }
    response = client.post(_url("shortage_list"), body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["lines"][0]["skills"] == ["urn:test:skill:clean"]
    body["employer"] = hotel.pk
    response = client.post(_url("shortage_list"), body, content_type="application/json")
    assert response.status_code == 404
    assert ShortageRegistration.objects.count() == 1


def test_proposal_update(client, account_manager, world):
    client.force_login(account_manager)
    proposal = world["proposal"]
    url = _url("proposal_detail", proposal.pk)
    response = client.patch(
        url, {"status": "agreed", "version": proposal.version}, content_type="application/json"
    )
    assert response.status_code == 400  # proposed → agreed skips "introduced"
    response = client.patch(
        url, {"status": "introduced", "version": proposal.version}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "introduced"
    response = client.patch(
        url, {"status": "agreed", "version": proposal.version}, content_type="application/json"
    )
    assert response.status_code == 409
    version = proposal.version + 1
    response = client.patch(
        url,
        {"status": "agreed", "people_moved": 2, "result_note": "ok", "version": version},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "agreed" and data["people_moved"] == 2
    listing = client.get(_url("proposal_list")).json()["results"]
    assert listing[0]["score"]["components"]["skills"]["value"] > 0
