import datetime as dt

import pytest
from django.http import Http404

from overstap.cases import selectors, services
from overstap.cases.constants import CaseStatus, SignalSource
from overstap.cases.services import RegistrationData
from overstap.privacy.audit import verify_chain
from overstap.privacy.models import AuditLogEntry


def _data(**kw):
    base = dict(
        first_name="Anja",
        last_name="de Vries",
        signal_source=SignalSource.UNION,
        birth_date=dt.date(1968, 3, 1),
        email="anja@example.nl",
        phone="06 12345678",
    )
    base.update(kw)
    return RegistrationData(**base)


def test_registration_without_case_manager_lands_in_queue(db, provider_user, coordinator):
    case = services.register_person(actor=provider_user, data=_data())
    assert case.status == CaseStatus.REGISTERED
    assert case.case_manager is None
    assert list(selectors.intake_queue(user=coordinator)) == [case]
    # the registering provider cannot open the case afterwards
    with pytest.raises(Http404):
        selectors.get_case(user=provider_user, case_id=case.pk)


def test_case_visible_to_manager_not_to_other_organisation(db, case_manager, other_case_manager):
    case = services.register_person(actor=case_manager, data=_data(), take_case=True)
    assert selectors.get_case(user=case_manager, case_id=case.pk) == case
    with pytest.raises(Http404):
        selectors.get_case(user=other_case_manager, case_id=case.pk)
    services.add_case_member(actor=case_manager, case=case, user=other_case_manager)
    assert selectors.get_case(user=other_case_manager, case_id=case.pk) == case


def test_reads_and_writes_are_audited_and_chain_verifies(db, case_manager):
    case = services.register_person(actor=case_manager, data=_data(), take_case=True)
    selectors.get_case(user=case_manager, case_id=case.pk)
    actions = list(AuditLogEntry.objects.filter(case_ref=case.pk).values_list("action", flat=True))
    assert "create" in actions and "read" in actions
    assert verify_chain().ok


def test_duplicates_found_by_phone_email_and_name(db, case_manager, other_case_manager):
    services.register_person(actor=case_manager, data=_data(), take_case=True)
    dups = services.find_possible_duplicates(
        user=other_case_manager, data=_data(email="", phone="0612345678")
    )
    assert len(dups) == 1
    assert dups[0].visible_case_ids == []  # not visible to the other organisation
