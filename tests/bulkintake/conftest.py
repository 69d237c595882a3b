from __future__ import annotations

import pytest
from django.utils import translation

from overstap.accounts.constants import OrganisationKind, Role
from overstap.taxonomy import search
from overstap.taxonomy.constants import ConceptKind, LabelKind, RelationType, Source
from overstap.taxonomy.models import ConceptLabel, Occupation, OccupationSkill, Skill
from overstap.taxonomy.text import normalise

from ..factories import OrganisationFactory, UserFactory

HEADER = "personeelsnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;e-mail;functie;in dienst sinds"


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_search_cache():
    search.clear_cache()
    yield
    search.clear_cache()


@pytest.fixture
def employer(region):
    return OrganisationFactory(
        region=region, name="Distributiecentrum Oss", kind=OrganisationKind.EMPLOYER
    )


@pytest.fixture
def account_manager(region):
    wsp = OrganisationFactory(
        region=region, name="WSP", kind=OrganisationKind.EMPLOYER_SERVICE_POINT
    )
    return UserFactory(username="am", organisation=wsp, role=Role.ACCOUNT_MANAGER)


@pytest.fixture
def other_coordinator(other_region):
    rmt = OrganisationFactory(
        region=other_region, name="RMT R", kind=OrganisationKind.MOBILITY_TEAM
    )
    return UserFactory(username="coord2", organisation=rmt, role=Role.COORDINATOR)


@pytest.fixture
def occupations(db):
    """ "orderpicker" (with two skills) and "heftruckchauffeur", with their labels."""
    result = {}
    for code, nl, en in [
        ("orderpicker", "orderpicker", "order picker"),
        ("heftruck", "heftruckchauffeur", "forklift driver"),
    ]:
        occupation = Occupation.objects.create(
            uri=f"urn:overstap:demo:occupation:{code}", label_nl=nl, label_en=en, source=Source.DEMO
        )
        for language, text in (("nl", nl), ("en", en)):
            ConceptLabel.objects.create(
                kind=ConceptKind.OCCUPATION,
                occupation=occupation,
                language=language,
                text=text,
                label_kind=LabelKind.PREFERRED,
                normalised=normalise(text),
            )
        result[code] = occupation
    for code, nl in [("pick", "orders verzamelen"), ("scan", "scanner bedienen")]:
        skill = Skill.objects.create(
            uri=f"urn:overstap:demo:skill:{code}", label_nl=nl, label_en=nl, source=Source.DEMO
        )
        OccupationSkill.objects.create(
            occupation=result["orderpicker"], skill=skill, relation=RelationType.ESSENTIAL
        )
    return result


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode(encoding)
