"""The network pages: access per role, forms with bad input, the proposal journey."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from overstap.accounts.constants import OrganisationKind, Role
from overstap.network import services
from overstap.network.constants import ProposalStatus
from overstap.network.models import (
    EmployerContact,
    Proposal,
    SurplusLine,
    SurplusRegistration,
)
from overstap.privacy.models import AuditLogEntry

from ..factories import OrganisationFactory, UserFactory
from .conftest import TODAY, shortage, surplus

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tax, account_manager, hotel, security):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)])
    short = shortage(account_manager, security, [(occ["security_receptionist"], 3)])
    return {"surplus": reg, "shortage": short}


def test_employer_list_and_filters(client, account_manager, world, hotel, security):
    client.force_login(account_manager)
    url = reverse("network:employer_list")
    response = client.get(url)
    assert response.status_code == 200
    assert "Hotel" in response.text and "Security" in response.text
    response = client.get(url, {"has_surplus": "on"})
    assert "Hotel" in response.text and ">Security<" not in response.text
    response = client.get(
        url, {"sector": "Beveiliging"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="employer-results"
    )
    assert (
        "<html" not in response.text
        and ">Security<" in response.text
        and ">Hotel<" not in response.text
    )


def test_detail_shows_sections_and_audits_contacts(client, account_manager, world, hotel):
    services.add_contact(actor=account_manager, employer=hotel, name="Anja de Wit")
    client.force_login(account_manager)
    before = AuditLogEntry.objects.count()
    response = client.get(reverse("network:employer_detail", args=[hotel.pk]))
    assert response.status_code == 200
    for text in ("Profile", "Locations", "Contact persons", "Anja de Wit", "Timeline"):
        assert text in response.text
    assert AuditLogEntry.objects.count() == before + 1


def test_case_manager_reads_but_does_not_change(client, case_manager, world, hotel):
    client.force_login(case_manager)
    assert client.get(reverse("network:employer_detail", args=[hotel.pk])).status_code == 200
    assert client.get(reverse("network:profile_edit", args=[hotel.pk])).status_code == 403
    assert (
        client.post(reverse("network:note_add", args=[hotel.pk]), {"text": "x"}).status_code == 403
    )
    reg = world["surplus"]
    assert client.get(reverse("network:surplus_proposals", args=[reg.pk])).status_code == 200
    response = client.post(reverse("network:surplus_proposals", args=[reg.pk]), {})
    assert response.status_code == 403


def test_other_roles_and_regions(client, provider_user, world, hotel, other_region):
    client.force_login(provider_user)
    assert client.get(reverse("network:employer_list")).status_code == 403
    assert (
        client.get(reverse("network:surplus_detail", args=[world["surplus"].pk])).status_code == 403
    )
    wsp = OrganisationFactory(
        region=other_region, name="WSP R", kind=OrganisationKind.EMPLOYER_SERVICE_POINT
    )
    stranger = UserFactory(username="am2", organisation=wsp, role=Role.ACCOUNT_MANAGER)
    client.force_login(stranger)
    assert client.get(reverse("network:employer_detail", args=[hotel.pk])).status_code == 404
    assert (
        client.get(reverse("network:surplus_detail", args=[world["surplus"].pk])).status_code == 404
    )


def test_employer_user_sees_own_registrations_only(client, employer_user, world, tax):
    client.force_login(employer_user)
    own = employer_user.organisation
    assert client.get(reverse("network:employer_list")).status_code == 403
    assert (
        client.get(reverse("network:surplus_detail", args=[world["surplus"].pk])).status_code == 404
    )
    assert (
        client.get(
            reverse("network:surplus_create", args=[world["surplus"].employer_id])
        ).status_code
        == 404
    )
    response = client.post(
        reverse("network:surplus_create", args=[own.pk]),
        {
            "reason": "Contract lost",
            "expected_date": (TODAY + dt.timedelta(days=40)).isoformat(),
            "q": ["cleaner"],
            "line-0-occupation": str(tax["occ"]["cleaner"].pk),
            "line-0-headcount": "4",
        },
    )
    registration = SurplusRegistration.objects.get(employer=own)
    assert response.status_code == 302
    assert registration.lines.get().occupation == tax["occ"]["cleaner"]
    response = client.get(reverse("network:registrations"))
    assert response.status_code == 200 and "Hotel" not in response.text
    assert client.get(reverse("network:surplus_detail", args=[registration.pk])).status_code == 200
    assert (
        client.get(reverse("network:surplus_proposals", args=[registration.pk])).status_code == 403
    )


def test_surplus_form_bad_input_keeps_input(client, account_manager, hotel, tax):
    client.force_login(account_manager)
    url = reverse("network:surplus_create", args=[hotel.pk])
    response = client.post(
        url,
        {
            "reason": "Closing",
            "expected_date": (TODAY - dt.timedelta(days=3)).isoformat(),
            "q": ["receptionist", "cleaner"],
            "line-0-occupation": str(tax["occ"]["receptionist"].pk),
            "line-0-headcount": "0",
            "line-1-headcount": "2",
        },
    )
    assert response.status_code == 200
    assert "The expected date cannot be in the past." in response.text
    assert "Line 1: The number of people must be 1 or more." in response.text
    assert "Line 2: “cleaner” was not found" in response.text
    assert 'value="Closing"' in response.text or "Closing</textarea>" in response.text
    assert SurplusRegistration.objects.count() == 0 and SurplusLine.objects.count() == 0
    response = client.post(url, {"reason": "Closing", "expected_date": TODAY.isoformat()})
    assert "Add at least one occupation with the number of people." in response.text
    response = client.post(
        url,
        {
            "reason": "Closing",
            "expected_date": TODAY.isoformat(),
            "q": ["zzzz"],
            "line-0-headcount": "2",
        },
    )
    assert "was not found" in response.text
    assert SurplusRegistration.objects.count() == 0


def test_profile_form_invalid_kvk(client, account_manager, hotel):
    client.force_login(account_manager)
    response = client.post(
        reverse("network:profile_edit", args=[hotel.pk]), {"kvk_number": "1234", "sbi_code": ""}
    )
    assert response.status_code == 200
    assert "A KvK number has exactly 8 digits." in response.text


def test_contact_and_location_forms(client, account_manager, hotel):
    client.force_login(account_manager)
    response = client.post(
        reverse("network:contact_add", args=[hotel.pk]), {"name": "Piet", "phone": "12"}
    )
    assert response.status_code == 200 and not EmployerContact.objects.exists()
    response = client.post(
        reverse("network:contact_add", args=[hotel.pk]), {"name": "Piet", "phone": "0612345678"}
    )
    assert response.status_code == 302 and EmployerContact.objects.count() == 1
    response = client.post(
        reverse("network:location_add", args=[hotel.pk]), {"name": "Depot", "postcode": "5341 AB"}
    )
    assert response.status_code == 302


def test_proposal_journey(client, account_manager, world):
    client.force_login(account_manager)
    reg = world["surplus"]
    url = reverse("network:surplus_proposals", args=[reg.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "security receptionist" in response.text and "Create proposal" in response.text
    s_line, d_line = reg.lines.get(), world["shortage"].lines.get()
    response = client.post(
        url,
        {
            "surplus_line": s_line.pk,
            "shortage_line": d_line.pk,
            "arrangement": "lending",
            "headcount": 9,
        },
    )
    assert response.status_code == 200
    assert "at most 3" in response.text and not Proposal.objects.exists()
    response = client.post(
        url,
        {
            "surplus_line": s_line.pk,
            "shortage_line": d_line.pk,
            "arrangement": "lending",
            "headcount": 3,
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    detail = reverse("network:proposal_detail", args=[proposal.pk])
    assert client.get(detail).status_code == 200
    client.post(detail, {"action": "status", "status": "introduced", "version": proposal.version})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.INTRODUCED
    stale = proposal.version - 1
    response = client.post(detail, {"action": "status", "status": "agreed", "version": stale})
    assert response.status_code == 200 and "Someone else changed this" in response.text
    client.post(detail, {"action": "status", "status": "agreed", "version": proposal.version})
    proposal.refresh_from_db()
    response = client.post(
        detail,
        {
            "action": "result",
            "people_moved": "2",
            "result_note": "Started",
            "version": proposal.version,
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.people_moved == 2
