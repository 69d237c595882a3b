from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from overstap.accounts.constants import Role
from overstap.cases import services
from overstap.cases.constants import ContactKind, OutcomeKind, SignalSource
from overstap.cases.models import Case
from overstap.cases.services import RegistrationData

from ..factories import OfferingFactory, UserFactory

FIRST = "Zyxwortha"
LAST = "Quibblestone"
EMAIL = "zyx.quibble@voorbeeld.nl"
PHONE = "0687770001"
BSN = "987650002"


@pytest.fixture
def privacy_officer(municipality):
    return UserFactory(username="po", organisation=municipality, role=Role.PRIVACY_OFFICER)


def build_case(
    actor,
    *,
    first: str = FIRST,
    last: str = LAST,
    email: str = EMAIL,
    phone: str = PHONE,
    bsn: str = BSN,
    close: bool = True,
    mention_bsn: bool = True,
) -> Case:
    """A full trajectory through the services; every free text mentions the person."""
    name = f"{first} {last}"
    case = services.register_person(
        actor=actor,
        data=RegistrationData(
            first_name=first,
            last_name=last,
            signal_source=SignalSource.RELEASING_EMPLOYER,
            birth_date=dt.date(1971, 6, 15),
            email=email,
            phone=phone,
            bsn=bsn,
            bsn_legal_basis="suwi" if bsn else "",
            postcode="5211 AB",
            note=f"{name} belde, mail {email}, tel {phone}"
            + (f", BSN {bsn}" if mention_bsn else ""),
        ),
        take_case=True,
    )
    services.add_contact(
        actor=actor,
        case=case,
        date=dt.date.today(),
        kind=ContactKind.PHONE,
        summary=f"Gesprek met {name} ({phone})",
    )
    services.add_goal(actor=actor, case=case, description=f"Werk voor {first}")
    offering = OfferingFactory(region=case.region)
    services.create_referral(
        actor=actor, case=case, offering=offering, motivation=f"{name} wil dit graag"
    )
    case.refresh_from_db()
    services.record_outcome(
        actor=actor,
        case=case,
        data={
            "kind": OutcomeKind.NEW_JOB,
            "date": dt.date.today(),
            "employer_name": "Beveiliging BV",
            "job_title": "Beveiliger",
            "sector": "Beveiliging",
            "notes": f"{last} is blij",
        },
    )
    if close:
        case.refresh_from_db()
        services.close_case(actor=actor, case=case, reason=f"{first} heeft werk")
    case.refresh_from_db()
    return case


@pytest.fixture(autouse=True)
def _english(client):
    """Pages and services in English: these tests assert English message ids."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
