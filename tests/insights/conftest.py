"""A small hand-made region whose figures are known (see each test for the expectations)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from overstap.accounts.constants import OrganisationKind
from overstap.cases.constants import CaseStatus, OutcomeKind, ReferralStatus
from overstap.catalogue.constants import OfferingCategory

from ..factories import (
    CaseFactory,
    IntakeFactory,
    OfferingFactory,
    OrganisationFactory,
    OutcomeFactory,
    PersonFactory,
    ReferralFactory,
    RouteFactory,
    WorkHistoryEntryFactory,
)


def years_ago(years: int, days: int = 10) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


@dataclass
class World:
    region: Any
    caterer: Any
    hotel: Any
    route1: Any
    route2: Any
    offering: Any
    coaching: Any
    cases: dict[str, Any]


@pytest.fixture
def world(region, uwv, municipality, case_manager, other_case_manager, coordinator, provider_org):
    year = timezone.localdate().year
    today = timezone.localdate()
    caterer = OrganisationFactory(
        region=region, name="Cateraar", kind=OrganisationKind.EMPLOYER, sector="Contractcatering"
    )
    hotel = OrganisationFactory(
        region=region, name="Hotel", kind=OrganisationKind.EMPLOYER, sector="Horeca"
    )
    route1 = RouteFactory(region=region, number=1, name="Zelfredzaam")
    route2 = RouteFactory(region=region, number=2, name="Kort")
    offering = OfferingFactory(region=region, provider=provider_org, price=450)
    coaching = OfferingFactory(
        region=region, provider=provider_org, price=300, category=OfferingCategory.COACHING
    )

    def case(key, manager, **kw):
        person = PersonFactory(region=region, birth_date=kw.pop("birth", None), first_name=key)
        return CaseFactory(
            person=person,
            registered_by=manager or case_manager,
            case_manager=manager,
            registering_organisation=(manager or case_manager).organisation,
            **kw,
        )

    a = case(
        "Anna",
        case_manager,
        releasing_employer=caterer,
        birth=years_ago(66),
        route=route2,
        status=CaseStatus.CLOSED,
    )
    IntakeFactory(case=a, education_level="mbo")
    WorkHistoryEntryFactory(
        person=a.person, employer_name="Cateraar", job_title="kok", start_year=year - 15
    )
    WorkHistoryEntryFactory(
        person=a.person,
        employer_name="Elders",
        job_title="locatiemanager",
        start_year=year - 30,
        end_year=year - 15,
    )
    OutcomeFactory(
        case=a,
        kind=OutcomeKind.NEW_JOB,
        sector="Beveiliging",
        changed_sector=True,
        date=today + dt.timedelta(days=10),
    )
    ReferralFactory(case=a, offering=offering, status=ReferralStatus.COMPLETED)
    ReferralFactory(case=a, offering=coaching, status=ReferralStatus.SENT)

    b = case(
        "Bert",
        case_manager,
        releasing_employer=caterer,
        birth=years_ago(30),
        route=route2,
        status=CaseStatus.ACTIVE,
        next_contact_due=today + dt.timedelta(days=3),
    )
    IntakeFactory(case=b, education_level="vmbo_mbo1")
    WorkHistoryEntryFactory(
        person=b.person, employer_name="cateraar", job_title="Locatiemanager", start_year=year - 3
    )
    OutcomeFactory(case=b, kind=OutcomeKind.STAYED, date=today + dt.timedelta(days=20))
    ReferralFactory(case=b, offering=offering, status=ReferralStatus.CANCELLED, cost=999)

    c = case(
        "Carla",
        other_case_manager,
        releasing_employer=hotel,
        birth=years_ago(50),
        route=route1,
        status=CaseStatus.ACTIVE,
        next_contact_due=today - dt.timedelta(days=2),
    )
    IntakeFactory(case=c, education_level="hbo")
    WorkHistoryEntryFactory(
        person=c.person, employer_name="Hotel", job_title="receptionist", start_year=year - 1
    )
    ReferralFactory(case=c, offering=coaching, status=ReferralStatus.STARTED)

    d = case("Dirk", None, status=CaseStatus.REGISTERED)
    return World(
        region, caterer, hotel, route1, route2, offering, coaching, {"a": a, "b": b, "c": c, "d": d}
    )


@pytest.fixture(autouse=True)
def english(settings):
    """Assert on English texts: in-process and in requests (LocaleMiddleware's fallback)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
