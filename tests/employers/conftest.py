from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from overstap.accounts.constants import OrganisationKind, Role
from overstap.employers import services
from overstap.employers.constants import SkillImportance, VacancyStatus
from overstap.taxonomy import search
from overstap.taxonomy.models import Occupation, Skill

from ..factories import OrganisationFactory, UserFactory

DEMO_OCC = "urn:overstap:demo:occupation:"
DEMO_SKILL = "urn:overstap:demo:skill:"


@pytest.fixture(autouse=True)
def _fresh_search_cache():
    search.clear_cache()
    yield
    search.clear_cache()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def taxonomy(db):
    call_command("load_demo_taxonomy", stdout=StringIO(), stderr=StringIO())


def occupation(key: str) -> Occupation:
    return Occupation.objects.get(uri=DEMO_OCC + key)


def skill(key: str) -> Skill:
    return Skill.objects.get(uri=DEMO_SKILL + key)


@pytest.fixture
def security(region):
    return OrganisationFactory(
        region=region, name="Beveiliging Zuid", kind=OrganisationKind.EMPLOYER, sector="Beveiliging"
    )


@pytest.fixture
def employer_org(employer_user):
    return employer_user.organisation


@pytest.fixture
def account_manager(region):
    wsp = OrganisationFactory(
        region=region, name="WSP", kind=OrganisationKind.EMPLOYER_SERVICE_POINT
    )
    return UserFactory(username="am", organisation=wsp, role=Role.ACCOUNT_MANAGER)


@pytest.fixture
def other_region_coordinator(other_region):
    rmt = OrganisationFactory(
        region=other_region, name="RMT Rijnmond", kind=OrganisationKind.MOBILITY_TEAM
    )
    return UserFactory(username="coord2", organisation=rmt, role=Role.COORDINATOR)


@pytest.fixture
def other_employer_user(region):
    org = OrganisationFactory(region=region, name="Zorg BV", kind=OrganisationKind.EMPLOYER)
    return UserFactory(username="emp2", organisation=org, role=Role.EMPLOYER_USER)


def future(days: int = 30) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def vacancy_data(**overrides):
    values = {
        "title": "Beveiliger objectbeveiliging",
        "hours_min": 32,
        "hours_max": 40,
        "postcode": "5211ab",
        "place": "'s-Hertogenbosch",
        "start_date": future(),
        "positions": 2,
        "shifts": ["night", "day"],
    }
    values.update(overrides)
    return services.VacancyData(**values)


@pytest.fixture
def make_vacancy(taxonomy):
    def make(actor, employer, status=VacancyStatus.OPEN, **overrides):
        overrides.setdefault("occupation", occupation("beveiliger"))
        overrides.setdefault("skills", [(skill("surveillance"), SkillImportance.MUST)])
        return services.create_vacancy(
            actor=actor, employer=employer, data=vacancy_data(**overrides), status=status
        )

    return make
