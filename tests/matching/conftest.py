"""Fixtures for the matching tests: the demo taxonomy, passports and vacancies.

Passports and vacancies are written as plain rows (the passport and vacancy services are
tested in their own suites); what matters here is what the matching layer reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pytest
from django.utils import translation

from overstap.accounts.constants import OrganisationKind
from overstap.employers.constants import SkillImportance, VacancyStatus
from overstap.employers.models import Vacancy, VacancySkill
from overstap.matching import engine_inputs
from overstap.passport.constants import EvidenceLevel, SkillSource, SkillStatus
from overstap.passport.models import (
    Passport,
    PassportConstraints,
    PassportOccupation,
    PassportSkill,
)
from overstap.taxonomy.constants import DEMO_URI_PREFIX
from overstap.taxonomy.models import Occupation, Skill

from ..factories import CaseFactory, OrganisationFactory, PersonFactory


@pytest.fixture(autouse=True)
def _fresh_caches():
    engine_inputs.clear_caches()
    yield
    engine_inputs.clear_caches()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def demo_taxonomy(db):
    from overstap.taxonomy.services import load_demo_taxonomy

    return load_demo_taxonomy()


def skill(key: str) -> Skill:
    return Skill.objects.get(uri=f"{DEMO_URI_PREFIX}skill:{key}")


def occupation(key: str) -> Occupation:
    return Occupation.objects.get(uri=f"{DEMO_URI_PREFIX}occupation:{key}")


def make_passport(
    person: Any,
    *,
    occupations: Iterable[str] = (),
    skills: Mapping[str, str] | Iterable[str] = (),
    pending: Iterable[str] = (),
    constraints: Mapping[str, Any] | None = None,
) -> Passport:
    passport = Passport.objects.create(person=person)
    for key in occupations:
        PassportOccupation.objects.create(passport=passport, occupation=occupation(key))
    items = skills.items() if isinstance(skills, Mapping) else ((k, "") for k in skills)
    for key, evidence in items:
        PassportSkill.objects.create(
            passport=passport,
            skill=skill(key),
            source=SkillSource.ADDED,
            status=SkillStatus.CONFIRMED,
            evidence=evidence or EvidenceLevel.CONFIRMED_BY_CASE_MANAGER,
        )
    for key in pending:
        PassportSkill.objects.create(
            passport=passport,
            skill=skill(key),
            source=SkillSource.DERIVED_ESSENTIAL,
            status=SkillStatus.PENDING,
        )
    if constraints:
        PassportConstraints.objects.create(passport=passport, **constraints)
    return passport


def make_vacancy(
    region: Any,
    employer: Any,
    title: str,
    *,
    occupation_key: str | None = None,
    must: Iterable[str] = (),
    nice: Iterable[str] = (),
    **fields: Any,
) -> Vacancy:
    fields.setdefault("status", VacancyStatus.OPEN)
    vacancy = Vacancy.objects.create(
        region=region,
        employer=employer,
        title=title,
        occupation=occupation(occupation_key) if occupation_key else None,
        **fields,
    )
    for key in must:
        VacancySkill.objects.create(
            vacancy=vacancy, skill=skill(key), importance=SkillImportance.MUST
        )
    for key in nice:
        VacancySkill.objects.create(
            vacancy=vacancy, skill=skill(key), importance=SkillImportance.NICE
        )
    return vacancy


COOK_SKILLS = {
    "food-hygiene": EvidenceLevel.CERTIFIED,
    "cooking-techniques": EvidenceLevel.CONFIRMED_BY_CASE_MANAGER,
    "prepare-hot-dishes": EvidenceLevel.CONFIRMED_BY_CASE_MANAGER,
    "follow-recipes": EvidenceLevel.CONFIRMED_BY_CASE_MANAGER,
    "work-under-pressure": EvidenceLevel.SELF_DECLARED,
    "teamwork": EvidenceLevel.SELF_DECLARED,
    "plan-own-work": EvidenceLevel.SELF_DECLARED,
}


@pytest.fixture
def releasing_employer(region):
    return OrganisationFactory(
        region=region, name="Cateringgroep Test", kind=OrganisationKind.EMPLOYER
    )


@pytest.fixture
def receiving_employer(region):
    return OrganisationFactory(region=region, name="Vleeswaren Oss", kind=OrganisationKind.EMPLOYER)


@pytest.fixture
def cook_case(demo_taxonomy, region, case_manager, releasing_employer):
    """A cook (case of ``case_manager``) with a passport: kitchen skills, wants 32+ hours."""
    person = PersonFactory(region=region, first_name="Fatima", last_name="Kok", postcode="5211 AB")
    case = CaseFactory(
        person=person,
        registered_by=case_manager,
        case_manager=case_manager,
        releasing_employer=releasing_employer,
    )
    make_passport(
        person,
        occupations=["kok"],
        skills=COOK_SKILLS,
        constraints={"min_hours_per_week": 32, "max_travel_km": 40},
    )
    return case


@pytest.fixture
def vacancies(demo_taxonomy, region, receiving_employer, releasing_employer):
    """A cross-sector vacancy the cook fits well, and a weaker one in the cook's sector."""
    food = make_vacancy(
        region,
        receiving_employer,
        "Productiemedewerker vleeswaren",
        occupation_key="slager",
        must=["food-hygiene", "work-under-pressure", "follow-recipes"],
        nice=["teamwork", "hygiene-production"],
        hours_min=32,
        hours_max=38,
        postcode="5341 AA",
        positions=1,
    )
    chef = make_vacancy(
        region,
        releasing_employer,
        "Chef-kok",
        occupation_key="chef-kok",
        must=["supervise-kitchen", "develop-menus", "budget-control", "lead-team"],
        nice=["food-hygiene"],
        hours_max=24,
        postcode="5211 AB",
    )
    return {"food": food, "chef": chef}


@pytest.fixture
def client():
    """A test client that asks for English pages (messages are asserted in English)."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
