"""A person moving to another region keeps one record (issue #9): ``transfer_case``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from overstap.accounts.constants import OrganisationKind, Role
from overstap.cases import access, selectors, services
from overstap.cases.constants import CaseEventKind, CaseStatus, ReferralStatus, SignalSource
from overstap.cases.models import CaseTransfer, Person, Referral
from overstap.cases.services import RegistrationData
from overstap.consent.models import ConsentRecord
from overstap.core.exceptions import ConflictError, DomainError, PermissionDenied
from overstap.privacy.constants import AuditAction
from overstap.privacy.models import AuditLogEntry

from ..factories import (
    OfferingFactory,
    OrganisationFactory,
    RegionFactory,
    RouteFactory,
    UserFactory,
)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
BSN = "111222333"


@pytest.fixture
def world(db, region, case_manager, coordinator, provider_org, other_case_manager):
    rijnmond = RegionFactory(code="rijnmond", name="Rijnmond")
    rmt_r = OrganisationFactory(
        region=rijnmond, name="RMT Rijnmond", kind=OrganisationKind.MOBILITY_TEAM
    )
    uwv_r = OrganisationFactory(region=rijnmond, name="UWV Rijnmond", kind=OrganisationKind.UWV)
    coordinator_r = UserFactory(username="coord-r", organisation=rmt_r, role=Role.COORDINATOR)
    cm_r = UserFactory(username="cm-r", organisation=uwv_r, role=Role.CASE_MANAGER)
    case = services.register_person(
        actor=case_manager,
        data=RegistrationData(
            first_name="Sanne",
            last_name="Verhuisd",
            signal_source=SignalSource.UWV,
            birth_date=dt.date(1975, 3, 1),
            bsn=BSN,
            bsn_legal_basis="suwi",
        ),
        take_case=True,
    )
    services.add_case_member(actor=case_manager, case=case, user=other_case_manager)
    services.triage_case(
        actor=case_manager, case=case, route=RouteFactory(region=region), rationale="x"
    )
    offering = OfferingFactory(region=region, provider=provider_org)
    open_referral = services.create_referral(
        actor=case_manager, case=case, offering=offering, sharing_channel="in_person"
    )
    done = services.create_referral(
        actor=case_manager,
        case=case,
        offering=OfferingFactory(region=region, provider=provider_org),
        sharing_channel="in_person",
    )
    Referral.objects.filter(pk=done.pk).update(status=ReferralStatus.COMPLETED)
    case.refresh_from_db()
    return {
        "case": case,
        "to": rijnmond,
        "coordinator_r": coordinator_r,
        "cm_r": cm_r,
        "open_referral": open_referral,
        "done_referral": done,
    }


def test_transfer_moves_case_and_person_and_keeps_one_record(
    world, coordinator, case_manager, other_case_manager
):
    case = world["case"]
    person_id = case.person_id
    consents = ConsentRecord.objects.filter(person_id=person_id).count()
    events_before = case.events.count()
    transfer = services.transfer_case(
        actor=coordinator, case=case, to_region=world["to"], reason="Verhuisd naar Rotterdam"
    )
    case.refresh_from_db()
    assert case.region == world["to"]
    assert case.case_manager is None and case.route is None
    assert case.status == CaseStatus.REGISTERED
    assert not case.members.exists()
    person = Person.objects.get(pk=person_id)
    assert person.region == world["to"]
    assert Person.objects.filter(bsn_digest=person.bsn_digest).count() == 1
    assert ConsentRecord.objects.filter(person_id=person_id).count() == consents
    # history stays: events, referrals (the open one cancelled with the reason)
    assert case.events.count() == events_before + 1
    event = case.events.first()
    assert event.kind == CaseEventKind.TRANSFERRED
    assert "Verhuisd naar Rotterdam" in event.summary
    world["open_referral"].refresh_from_db()
    world["done_referral"].refresh_from_db()
    assert world["open_referral"].status == ReferralStatus.CANCELLED
    assert world["open_referral"].updates.last().note.endswith("Verhuisd naar Rotterdam")
    assert world["done_referral"].status == ReferralStatus.COMPLETED
    assert transfer.cancelled_referrals == 1
    entry = AuditLogEntry.objects.filter(action=AuditAction.TRANSFER).get()
    assert entry.case_ref == case.pk and entry.details["to_region"] == "rijnmond"
    # access: the old region loses it, the new one gains it (in its intake queue)
    for user in (coordinator, case_manager, other_case_manager):
        assert not access.can_view_case(user, case)
    assert access.can_view_case(world["coordinator_r"], case)
    assert case in selectors.intake_queue(user=world["coordinator_r"])
    assert not access.can_view_case(world["cm_r"], case)
    services.assign_case_manager(
        actor=world["coordinator_r"], case=case, case_manager=world["cm_r"]
    )
    assert access.can_view_case(world["cm_r"], case)
    # both regions see the move
    assert selectors.region_transfers(user=coordinator) == [transfer]
    assert selectors.region_transfers(user=world["coordinator_r"]) == [transfer]


def test_only_a_coordinator_of_the_case_region_may_transfer(world, case_manager):
    case = world["case"]
    for user in (case_manager, world["coordinator_r"], world["cm_r"]):
        with pytest.raises(PermissionDenied):
            services.transfer_case(actor=user, case=case, to_region=world["to"], reason="x")
    case.refresh_from_db()
    assert case.region_id != world["to"].pk
    assert not CaseTransfer.objects.exists()


def test_refusals(world, coordinator, region):
    case = world["case"]
    with pytest.raises(DomainError):
        services.transfer_case(actor=coordinator, case=case, to_region=region, reason="x")
    with pytest.raises(DomainError):
        services.transfer_case(actor=coordinator, case=case, to_region=world["to"], reason="  ")
    with pytest.raises(ConflictError):
        services.transfer_case(
            actor=coordinator,
            case=case,
            to_region=world["to"],
            reason="x",
            expected_version=case.version - 1,
        )
    assert not CaseTransfer.objects.exists()


def test_duplicate_check_finds_the_person_in_another_region_by_bsn_only(world, coordinator):
    services.transfer_case(
        actor=coordinator, case=world["case"], to_region=world["to"], reason="Verhuisd"
    )
    # back in the old region: a registration with the same BSN finds the record elsewhere,
    # and shows the region's name only
    data = RegistrationData(first_name="S", last_name="V", signal_source=SignalSource.UWV, bsn=BSN)
    found = services.find_possible_duplicates(user=coordinator, data=data)
    assert len(found) == 1
    assert found[0].other_region == "Rijnmond"
    assert found[0].case_numbers == [] and found[0].visible_case_ids == []
    assert "Verhuisd" not in found[0].contact and "Sanne" not in found[0].contact
    # name and birth date alone never match across regions
    data = RegistrationData(
        first_name="Sanne",
        last_name="Verhuisd",
        signal_source=SignalSource.UWV,
        birth_date=dt.date(1975, 3, 1),
    )
    assert services.find_possible_duplicates(user=coordinator, data=data) == []
    # in the new region, the usual regional check finds the person with their case
    found = services.find_possible_duplicates(user=world["coordinator_r"], data=data)
    assert len(found) == 1 and found[0].other_region == ""
    assert found[0].case_numbers == [world["case"].number]


def test_transfer_page_for_the_coordinator(client, world, coordinator):
    case = world["case"]
    client.force_login(coordinator)
    detail = client.get(reverse("cases:case_detail", args=[case.pk]), **EN)
    assert reverse("cases:case_transfer", args=[case.pk]) in detail.content.decode()
    url = reverse("cases:case_transfer", args=[case.pk])
    page = client.get(url, **EN)
    assert page.status_code == 200
    assert "Rijnmond" in page.content.decode()
    # without confirmation or reason: errors, the input stays
    response = client.post(
        url,
        {"to_region": world["to"].pk, "reason": "Verhuisd", "expected_version": case.version},
        **EN,
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Confirm that you want to move the case." in body
    assert "Verhuisd" in body
    response = client.post(
        url,
        {
            "to_region": world["to"].pk,
            "reason": "Verhuisd",
            "confirm": "on",
            "expected_version": case.version,
        },
        **EN,
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:intake_queue")
    queue = client.get(response["Location"], **EN).content.decode()
    assert "moved to Rijnmond" in queue
    assert "out, to Rijnmond" in queue
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    client.force_login(world["coordinator_r"])
    queue = client.get(reverse("cases:intake_queue"), **EN).content.decode()
    assert "Sanne Verhuisd" in queue and "in, from Noordoost-Brabant" in queue


def test_stale_version_keeps_the_input(client, world, coordinator):
    case = world["case"]
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:case_transfer", args=[case.pk]),
        {
            "to_region": world["to"].pk,
            "reason": "Mijn reden",
            "confirm": "on",
            "expected_version": case.version - 1,
        },
        **EN,
    )
    assert response.status_code == 409
    assert "Mijn reden" in response.content.decode()
    assert "Someone else changed this" in response.content.decode()


def test_wrong_users_get_nothing(client, world, case_manager, provider_user, employer_user):
    case = world["case"]
    url = reverse("cases:case_transfer", args=[case.pk])
    data = {"to_region": world["to"].pk, "reason": "x", "confirm": "on", "expected_version": 1}
    client.force_login(case_manager)  # on the case, but not a coordinator
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    for user in (world["coordinator_r"], world["cm_r"], provider_user, employer_user):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
    case.refresh_from_db()
    assert case.region_id != world["to"].pk
