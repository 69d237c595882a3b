"""Fixtures for the employer network tests: a small hand-built taxonomy, employers and users.

The taxonomy is tiny so the expected ranking is known: a receptionist covers the security
receptionist's skills well, a cleaner's a little and a welder's not at all.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from overstap.accounts.constants import OrganisationKind, Role
from overstap.matching import engine_inputs
from overstap.network import services
from overstap.network.models import EmployerLocation
from overstap.taxonomy.constants import RelationType
from overstap.taxonomy.models import Occupation, OccupationSkill, Skill

from ..factories import OrganisationFactory, UserFactory

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _fresh_caches():
    engine_inputs.clear_caches()
    yield
    engine_inputs.clear_caches()


@pytest.fixture(autouse=True)
def _english(client):
    """Services and pages in English: the tests assert English message ids."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


def _occupation(key: str, label: str) -> Occupation:
    return Occupation.objects.create(
        uri=f"urn:test:occupation:{key}", label_en=label, label_nl=label
    )


def _skill(key: str) -> Skill:
    return Skill.objects.create(uri=f"urn:test:skill:{key}", label_en=key, label_nl=key)


@pytest.fixture
def tax(db):
    """receptionist: greet, phone, desk; security receptionist: greet, phone, desk, patrol;
    cleaner: clean, greet; welder: weld. Scores from receptionist: security receptionist 3/4,
    cleaner 1/2 of greet, welder 0."""
    skills = {k: _skill(k) for k in ("greet", "phone", "desk", "patrol", "clean", "weld")}
    occ = {
        "receptionist": _occupation("receptionist", "receptionist"),
        "security_receptionist": _occupation("security-receptionist", "security receptionist"),
        "cleaner": _occupation("cleaner", "cleaner"),
        "welder": _occupation("welder", "welder"),
    }
    needs = {
        "receptionist": ("greet", "phone", "desk"),
        "security_receptionist": ("greet", "phone", "desk", "patrol"),
        "cleaner": ("clean", "greet"),
        "welder": ("weld",),
    }
    for key, wanted in needs.items():
        for name in wanted:
            OccupationSkill.objects.create(
                occupation=occ[key], skill=skills[name], relation=RelationType.ESSENTIAL
            )
    return {"occ": occ, "skills": skills}


@pytest.fixture
def account_manager(region):
    wsp = OrganisationFactory(
        region=region, name="WSP", kind=OrganisationKind.EMPLOYER_SERVICE_POINT
    )
    return UserFactory(
        username="am", organisation=wsp, role=Role.ACCOUNT_MANAGER, first_name="Sandra"
    )


def _employer(region, name: str, sector: str, postcode: str) -> object:
    org = OrganisationFactory(
        region=region, name=name, kind=OrganisationKind.EMPLOYER, sector=sector
    )
    EmployerLocation.objects.create(employer=org, name="Main", postcode=postcode)
    return org


@pytest.fixture
def hotel(region):
    return _employer(region, "Hotel", "Horeca", "5211 AB")  # 's-Hertogenbosch


@pytest.fixture
def security(region):
    return _employer(region, "Security", "Beveiliging", "5241 AA")  # Rosmalen, ~5 km


@pytest.fixture
def far_security(region):
    return _employer(region, "Security Far", "Beveiliging", "6511 AA")  # Nijmegen, ~40 km


@pytest.fixture
def cleaning(region):
    return _employer(region, "Cleaning", "Schoonmaak", "5211 CD")


def surplus(actor, employer, lines, *, lending=True, expected=None):
    return services.register_surplus(
        actor=actor,
        employer=employer,
        data=services.SurplusData(
            reason="Hotel closes",
            expected_date=expected or TODAY + dt.timedelta(days=30),
            lending_possible=lending,
            lines=[services.LineData(occupation=o, headcount=n) for o, n in lines],
        ),
    )


def shortage(actor, employer, lines, *, start=None, days=180, open_to_other_sectors=True):
    start = start or TODAY + dt.timedelta(days=20)
    return services.register_shortage(
        actor=actor,
        employer=employer,
        data=services.ShortageData(
            period_start=start,
            period_end=start + dt.timedelta(days=days),
            open_to_other_sectors=open_to_other_sectors,
            lines=[services.LineData(occupation=o, headcount=n) for o, n in lines],
        ),
    )
