"""Network services: timeline events, audit of contact persons, proposals and locking."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from overstap.core.exceptions import ConflictError, DomainError
from overstap.network import services
from overstap.network.constants import Arrangement, EventKind, ProposalStatus, RegistrationStatus
from overstap.network.models import EmployerEvent, Proposal
from overstap.privacy.models import AuditLogEntry

from .conftest import shortage, surplus

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(tax, account_manager, hotel, security):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)])
    short = shortage(account_manager, security, [(occ["security_receptionist"], 3)])
    return reg.lines.get(), short.lines.get()


def test_profile_saves_kvk_sbi_and_account_manager(account_manager, hotel):
    profile = services.save_profile(
        actor=account_manager,
        employer=hotel,
        data=services.ProfileData(
            kvk_number="17098761",
            sector="Horeca",
            sbi_code="55.10",
            size_class="medium",
            account_manager=account_manager,
        ),
    )
    hotel.refresh_from_db()
    assert hotel.kvk_number == "17098761"
    assert profile.sbi_code == "5510"
    assert profile.sbi_section is not None and profile.sbi_section[0] == "I"
    assert profile.account_manager == account_manager
    assert EmployerEvent.objects.filter(employer=hotel, kind=EventKind.PROFILE).count() == 1
    services.save_profile(
        actor=account_manager,
        employer=hotel,
        data=services.ProfileData(size_class="large"),
        expected_version=profile.version,
    )
    with pytest.raises(ConflictError):
        services.save_profile(
            actor=account_manager,
            employer=hotel,
            data=services.ProfileData(size_class="small"),
            expected_version=profile.version,
        )


def test_case_manager_may_not_change(case_manager, hotel):
    with pytest.raises(DomainError):
        services.add_note(actor=case_manager, employer=hotel, text="x")


def test_contact_person_is_audited(account_manager, hotel):
    before = AuditLogEntry.objects.count()
    contact = services.add_contact(
        actor=account_manager,
        employer=hotel,
        name="Anja de Wit",
        role="HR",
        email="anja@example.nl",
        phone="06 12345678",
    )
    assert contact.phone == "0612345678"
    entry = AuditLogEntry.objects.order_by("-pk").first()
    assert AuditLogEntry.objects.count() == before + 1
    assert entry.object_type == "network.EmployerContact" and entry.action == "create"
    services.remove_contact(actor=account_manager, contact=contact)
    assert AuditLogEntry.objects.order_by("-pk").first().action == "delete"
    kinds = list(EmployerEvent.objects.filter(employer=hotel).values_list("kind", flat=True))
    assert kinds.count(EventKind.CONTACT) == 2


def test_employer_user_registers_for_own_organisation_only(tax, employer_user, hotel):
    occ = tax["occ"]
    reg = surplus(employer_user, employer_user.organisation, [(occ["cleaner"], 2)])
    assert reg.employer == employer_user.organisation
    with pytest.raises(DomainError):
        surplus(employer_user, hotel, [(occ["cleaner"], 2)])


def test_proposal_life_cycle_writes_both_timelines(account_manager, pair, hotel, security):
    s_line, d_line = pair
    proposal = services.create_proposal(
        actor=account_manager,
        surplus_line=s_line,
        shortage_line=d_line,
        arrangement=Arrangement.LENDING,
        headcount=3,
    )
    assert proposal.status == ProposalStatus.PROPOSED
    assert set(proposal.score["components"]) == {"skills", "distance", "timing", "arrangement"}
    for employer in (hotel, security):
        assert EmployerEvent.objects.filter(employer=employer, kind=EventKind.PROPOSAL).exists()
    with pytest.raises(DomainError):  # not yet agreed
        services.record_proposal_result(actor=account_manager, proposal=proposal, people_moved=2)
    with pytest.raises(DomainError):  # skipping "introduced"
        services.change_proposal_status(
            actor=account_manager, proposal=proposal, status=ProposalStatus.AGREED
        )
    proposal = services.change_proposal_status(
        actor=account_manager,
        proposal=proposal,
        status=ProposalStatus.INTRODUCED,
        expected_version=proposal.version,
    )
    stale = proposal.version
    proposal = services.change_proposal_status(
        actor=account_manager, proposal=proposal, status=ProposalStatus.AGREED
    )
    with pytest.raises(ConflictError):
        services.record_proposal_result(
            actor=account_manager, proposal=proposal, people_moved=2, expected_version=stale
        )
    with pytest.raises(ValidationError):
        services.record_proposal_result(actor=account_manager, proposal=proposal, people_moved=4)
    proposal = services.record_proposal_result(
        actor=account_manager,
        proposal=proposal,
        people_moved=2,
        note="Two started",
        expected_version=proposal.version,
    )
    proposal.refresh_from_db()
    assert proposal.people_moved == 2 and proposal.result_note == "Two started"
    assert EmployerEvent.objects.filter(employer=security, kind=EventKind.PROPOSAL).count() == 4


def test_proposal_rules(account_manager, pair, case_manager):
    s_line, d_line = pair
    with pytest.raises(ValidationError) as exc:
        services.create_proposal(
            actor=account_manager,
            surplus_line=s_line,
            shortage_line=d_line,
            arrangement=Arrangement.PERMANENT,
            headcount=4,  # the shortage line asks for 3
        )
    assert "headcount" in exc.value.message_dict
    with pytest.raises(DomainError):
        services.create_proposal(
            actor=case_manager,
            surplus_line=s_line,
            shortage_line=d_line,
            arrangement=Arrangement.PERMANENT,
            headcount=1,
        )
    services.set_registration_status(
        actor=account_manager, registration=d_line.registration, status=RegistrationStatus.CLOSED
    )
    d_line.registration.refresh_from_db()
    with pytest.raises(DomainError):
        services.create_proposal(
            actor=account_manager,
            surplus_line=s_line,
            shortage_line=d_line,
            arrangement=Arrangement.PERMANENT,
            headcount=1,
        )
    assert Proposal.objects.count() == 0


def test_lending_needs_lending_possible(tax, account_manager, hotel, security):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)], lending=False)
    short = shortage(account_manager, security, [(occ["security_receptionist"], 3)])
    with pytest.raises(ValidationError) as exc:
        services.create_proposal(
            actor=account_manager,
            surplus_line=reg.lines.get(),
            shortage_line=short.lines.get(),
            arrangement=Arrangement.LENDING,
            headcount=1,
        )
    assert "arrangement" in exc.value.message_dict
