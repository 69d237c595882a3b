"""Search quality and behaviour on the demo taxonomy (full ESCO: see test_esco_full.py)."""

from __future__ import annotations

import pytest

from overstap.taxonomy import search
from overstap.taxonomy.models import Occupation
from overstap.taxonomy.selectors import search_occupations, search_skills
from overstap.taxonomy.services import import_esco
from overstap.taxonomy.text import normalise, stem, stems

pytestmark = pytest.mark.django_db
DEMO = "urn:overstap:demo:"


def keys(results) -> list[str]:
    return [r.uri.rsplit(":", 1)[1] for r in results]


OCCUPATION_CASES = [
    ("kok", "kok", 1),
    ("koks", "kok", 1),
    ("Kok", "kok", 1),
    ("zelfstandig werkend kok", "zelfstandig-werkend-kok", 1),
    ("werkend kok zelfstandig", "zelfstandig-werkend-kok", 1),
    ("zelfstandig kok", "zelfstandig-werkend-kok", 1),
    ("beveiliger", "beveiliger", 1),
    ("beveiligers", "beveiliger", 1),
    ("beveiligr", "beveiliger", 3),
    ("bevei", "beveiliger", 3),
    ("heftruck", "heftruckchauffeur", 3),
    ("heftruckchauffeur", "heftruckchauffeur", 1),
    ("heftruckchaufeur", "heftruckchauffeur", 1),
    ("vorkheftruckbestuurder", "heftruckchauffeur", 1),
    ("cook", "kok", 1),
    ("forklift", "heftruckchauffeur", 1),
    ("forklift driver", "heftruckchauffeur", 1),
    ("security guard", "beveiliger", 1),
    ("waiter", "medewerker-bediening", 1),
    ("serveerster", "medewerker-bediening", 1),
    ("orderpickers", "orderpicker", 1),
    ("gastvrouw", "gastvrouw", 1),
    ("gastheer", "gastvrouw", 1),
    ("verzorgende", "verzorgende-ig", 3),
    ("schoonmaakster", "schoonmaker", 1),
    ("receptionist hotel", "receptionist-hotel", 1),
    ("hotel receptionist", "receptionist-hotel", 1),
    ("afwasser", "afwasser", 1),
    ("locatiemanager", "locatiemanager-catering", 1),
    ("magazijn", "magazijnmedewerker", 3),
    ("helpende", "helpende-zorg", 1),
    ("programmeur", "softwareontwikkelaar", 1),
]

SKILL_CASES = [
    ("hygiëne", "food-hygiene", 3),
    ("hygiene", "food-hygiene", 3),
    ("HACCP", "food-hygiene", 3),
    ("klantvriendelijk", "customer-service", 1),
    ("customer service", "customer-service", 1),
    ("heftruck", "forklift", 3),
    ("forklift", "forklift", 2),
    ("samenwerken", "teamwork", 1),
    ("team", "teamwork", 3),
    ("work in a team", "teamwork", 1),
    ("tijdsdruk", "work-under-pressure", 1),
    ("work under pressure", "work-under-pressure", 1),
    ("kassa", "pos-system", 3),
    ("eerste hulp", "first-aid", 1),
    ("rijbewijs", "driving-licence-b", 3),
]


def check(search_function, cases) -> list[str]:
    """All failing cases at once (one database setup for the whole table)."""
    failures = []
    for query, expected, top in cases:
        found = keys(search_function(query, limit=10))
        if expected not in found[:top]:
            failures.append(f"{query!r}: expected {expected!r} in the top {top}, got {found[:5]}")
    return failures


def test_occupation_search_quality(demo_taxonomy):
    assert check(search_occupations, OCCUPATION_CASES) == []


def test_skill_search_quality(demo_taxonomy):
    assert check(search_skills, SKILL_CASES) == []


def test_exact_preferred_label_ranks_first(demo_taxonomy):
    results = search_occupations("kok")
    assert keys(results)[0] == "kok"
    assert results[0].score > results[1].score
    # Shorter labels before longer ones that merely contain the word.
    assert keys(results).index("chef-kok") > 0


def test_display_label_follows_language(demo_taxonomy):
    dutch = search_occupations("cook", lang="nl")[0]
    english = search_occupations("cook", lang="en")[0]
    assert (dutch.label, dutch.language) == ("kok", "nl")
    assert (english.label, english.language) == ("cook", "en")
    assert dutch.matched_label == "cook" and dutch.matched_language == "en"
    assert dutch.matched_other_label


@pytest.mark.parametrize("query", ["", " ", "k", "?", "zzzzqqq"])
def test_empty_or_nonsense_queries(demo_taxonomy, query):
    assert search_occupations(query) == []


def test_limit(demo_taxonomy):
    assert len(search_skills("werken", limit=3)) == 3
    assert len(search_skills("werken", limit=500)) <= 50


def test_index_is_rebuilt_after_an_import(demo_taxonomy, v12_bundle):
    picker = "http://data.europa.eu/esco/occupation/v12-picker"
    assert picker not in [r.uri for r in search_occupations("orderpicker")]
    import_esco(v12_bundle, ["nl", "en"])
    assert picker in [r.uri for r in search_occupations("orderpicker")]


def test_replaced_concepts_are_not_found(demo_taxonomy, v12_bundle):
    import_esco(v12_bundle, ["nl", "en"])
    twin = Occupation.objects.get(uri="http://data.europa.eu/esco/occupation/v12-forklift")
    Occupation.objects.filter(uri=f"{DEMO}occupation:heftruckchauffeur").update(replaced_by=twin)
    search.clear_cache()
    results = search_occupations("heftruckchauffeur")
    assert results[0].uri == twin.uri
    assert f"{DEMO}occupation:heftruckchauffeur" not in [r.uri for r in results]


def test_text_normalisation():
    assert normalise("Zelfstandig  werkende KOK!") == "zelfstandig werkende kok"
    assert normalise("hygiëne") == "hygiene"
    assert normalise("heftruck\u00adchauffeur") == "heftruckchauffeur"
    assert stems("koks") == stems("kok") == stems("koken")
    assert stem("beveiligers") == stem("beveiliger")
    assert stem("cooks") == stem("cook")
    assert stem("services") == stem("service")
