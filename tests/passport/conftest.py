from __future__ import annotations

import pytest
from django.utils import translation

from overstap.cases.models import WorkHistoryEntry
from overstap.taxonomy.constants import RelationType, Source
from overstap.taxonomy.models import Occupation, OccupationSkill, Skill

from ..factories import CaseFactory, PersonFactory


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages are asserted on their English message ids."""
    with translation.override("en"):
        yield


def _skill(code: str, nl: str, en: str) -> Skill:
    return Skill.objects.create(
        uri=f"urn:overstap:demo:skill:{code}",
        label_nl=nl,
        label_en=en,
        source=Source.DEMO,
        same_as_uri=f"http://data.europa.eu/esco/skill/{code}",
    )


@pytest.fixture
def taxonomy(db):
    """Two kitchen occupations sharing skills, and a hostess; demo concepts with ESCO twins
    named in ``same_as_uri``."""
    skills = {
        code: _skill(code, nl, en)
        for code, nl, en in [
            ("cook", "koken", "cook meals"),
            ("hygiene", "hygiënisch werken met voedsel", "food hygiene"),
            ("pressure", "onder tijdsdruk werken", "work under pressure"),
            ("menu", "menu samenstellen", "plan menus"),
            ("lead", "keukenteam aansturen", "lead a kitchen team"),
            ("guests", "gasten ontvangen", "welcome guests"),
            ("till", "kassa bedienen", "operate a till"),
        ]
    }
    occupations = {}
    for code, nl, en in [
        ("kok", "kok", "cook"),
        ("souschef", "souschef", "sous chef"),
        ("gastvrouw", "gastvrouw", "host"),
    ]:
        occupations[code] = Occupation.objects.create(
            uri=f"urn:overstap:demo:occupation:{code}",
            label_nl=nl,
            label_en=en,
            source=Source.DEMO,
            same_as_uri=f"http://data.europa.eu/esco/occupation/{code}",
        )
    relations = [
        ("kok", "cook", RelationType.ESSENTIAL),
        ("kok", "hygiene", RelationType.ESSENTIAL),
        ("kok", "pressure", RelationType.ESSENTIAL),
        ("kok", "menu", RelationType.OPTIONAL),
        ("kok", "lead", RelationType.OPTIONAL),
        ("souschef", "cook", RelationType.ESSENTIAL),
        ("souschef", "hygiene", RelationType.ESSENTIAL),
        ("souschef", "lead", RelationType.ESSENTIAL),
        ("souschef", "menu", RelationType.OPTIONAL),
        ("gastvrouw", "guests", RelationType.ESSENTIAL),
        ("gastvrouw", "till", RelationType.OPTIONAL),
    ]
    for occ, skill, relation in relations:
        OccupationSkill.objects.create(
            occupation=occupations[occ], skill=skills[skill], relation=relation
        )
    return {"occupations": occupations, "skills": skills}


@pytest.fixture
def case(region, case_manager):
    person = PersonFactory(region=region, first_name="Fatima", last_name="El Amrani")
    return CaseFactory(person=person, registered_by=case_manager, case_manager=case_manager)


@pytest.fixture
def coded_history(case, taxonomy):
    """Kok for 10 years at two employers (6 + 4) and souschef for 3 years."""
    occ = taxonomy["occupations"]
    person = case.person
    return [
        WorkHistoryEntry.objects.create(
            person=person,
            employer_name="Smaakmakers",
            job_title="kok",
            start_year=2010,
            end_year=2016,
            occupation=occ["kok"],
        ),
        WorkHistoryEntry.objects.create(
            person=person,
            employer_name="Het Veerhuis",
            job_title="kok",
            start_year=2016,
            end_year=2020,
            occupation=occ["kok"],
        ),
        WorkHistoryEntry.objects.create(
            person=person,
            employer_name="Hotel De Zwanenburg",
            job_title="souschef",
            start_year=2020,
            end_year=2023,
            occupation=occ["souschef"],
        ),
        WorkHistoryEntry.objects.create(
            person=person, employer_name="Bakkerij", job_title="bakker", start_year=2005
        ),
    ]


@pytest.fixture
def client():
    """A test client that asks for English pages (messages are asserted in English)."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
