"""The demo taxonomy: size, Dutch labels, sensible relations, and re-linking to ESCO."""

from __future__ import annotations

import csv

import pytest
from django.db.models import Count, Q

from overstap.taxonomy import demo_source
from overstap.taxonomy.constants import Source
from overstap.taxonomy.models import Occupation, OccupationSkill, Skill
from overstap.taxonomy.services import DEMO_DATA_DIR, import_bundle, load_demo_taxonomy, read_bundle
from overstap.taxonomy.services.relink import (
    register_reference,
    relink_demo_concepts,
    unregister_reference,
)

pytestmark = pytest.mark.django_db
DEMO = "urn:overstap:demo:"


def occupation(key: str) -> Occupation:
    return Occupation.objects.get(uri=f"{DEMO}occupation:{key}")


def skill(key: str) -> Skill:
    return Skill.objects.get(uri=f"{DEMO}skill:{key}")


def skill_keys(key: str, relation: str | None = None) -> set[str]:
    links = OccupationSkill.objects.filter(occupation=occupation(key))
    if relation:
        links = links.filter(relation=relation)
    return {uri.rsplit(":", 1)[1] for uri in links.values_list("skill__uri", flat=True)}


def test_demo_taxonomy_size_and_labels(demo_taxonomy):
    assert demo_taxonomy.layout == "v1.2"
    assert not demo_taxonomy.skipped
    assert 75 <= Occupation.objects.count() <= 100
    assert 380 <= Skill.objects.count() <= 420
    assert not Occupation.objects.filter(Q(label_nl="") | Q(label_en="")).exists()
    assert not Skill.objects.filter(Q(label_nl="") | Q(label_en="")).exists()
    assert set(Occupation.objects.values_list("source", flat=True)) == {Source.DEMO}
    too_few = Occupation.objects.annotate(
        essential=Count("skill_links", filter=Q(skill_links__relation="essential"))
    ).filter(essential__lt=5)
    assert list(too_few) == []
    assert not Skill.objects.filter(skill_type="").exists()
    # Only a handful of skills may be unused.
    assert Skill.objects.filter(occupation_links__isnull=True).count() < 120


def test_demo_alt_labels(demo_taxonomy):
    forklift = occupation("heftruckchauffeur")
    assert forklift.label("nl") == "heftruckchauffeur"
    assert "vorkheftruckbestuurder" in forklift.alt_labels("nl")
    assert occupation("gastvrouw").alt_labels("nl")[:2] == ["gastvrouw", "gastheer"]


def test_demo_has_real_transitions(demo_taxonomy):
    cook = skill_keys("kok")
    for other in ("zelfstandig-werkend-kok", "cateringmedewerker", "afwasser", "souschef"):
        assert {"food-hygiene", "work-under-pressure"} <= cook & skill_keys(other), other
    assert {"food-hygiene", "work-under-pressure", "plan-own-work", "teamwork"} <= cook
    hostess = skill_keys("gastvrouw")
    for other in ("receptionist-hotel", "verkoopmedewerker", "beveiliger", "receptiebeveiliger"):
        assert "customer-service" in hostess & skill_keys(other), other
    assert "forklift" in skill_keys("heftruckchauffeur", "essential")
    assert "forklift" in skill_keys("magazijnmedewerker", "optional")


def test_demo_csv_files_match_the_source():
    skills, occupations = demo_source.parse()
    with (DEMO_DATA_DIR / "occupations_nl.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["preferredLabel"] for row in rows] == [o["nl"] for o in occupations]
    with (DEMO_DATA_DIR / "skills_en.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["preferredLabel"] for row in rows] == [s["en"] for s in skills]
    with (DEMO_DATA_DIR / "occupationSkillRelations_nl.csv").open(encoding="utf-8") as handle:
        relations = list(csv.DictReader(handle))
    assert len(relations) == sum(len(o["essential"]) + len(o["optional"]) for o in occupations)


def test_loading_demo_twice_changes_nothing(demo_taxonomy):
    report = load_demo_taxonomy()
    assert report.created == 0 and report.updated == 0


def test_relink_demo_concepts_to_esco_twins(demo_taxonomy, bundle_copy):
    """After an ESCO import, registered references move to the twin; demo concepts are replaced."""
    cook = occupation("kok")
    hygiene = skill("food-hygiene")
    # Make the v11 fixture's cook and hygiene the ESCO twins of the demo concepts.
    Occupation.objects.filter(pk=cook.pk).update(
        same_as_uri="http://data.europa.eu/esco/occupation/t-cook"
    )
    Skill.objects.filter(pk=hygiene.pk).update(
        same_as_uri="http://data.europa.eu/esco/skill/t-hygiene"
    )
    # Stand-ins for other apps' foreign keys: another occupation pointing at the demo cook,
    # and the demo relations pointing at the demo hygiene skill (unique per occupation).
    souschef = occupation("souschef")
    Occupation.objects.filter(pk=souschef.pk).update(broader=cook)
    register_reference("taxonomy.Occupation", "broader", kind="occupation")
    register_reference(
        "taxonomy.OccupationSkill", "skill", kind="skill", unique_with=("occupation",)
    )
    try:
        path = bundle_copy("v11")
        bundle = read_bundle(path, ["nl", "en"])
        # Give one demo occupation the ESCO hygiene skill already: that link must not be lost.
        report = import_bundle(bundle, relink=False)
        esco_hygiene = Skill.objects.get(uri="http://data.europa.eu/esco/skill/t-hygiene")
        OccupationSkill.objects.create(
            occupation=occupation("afwasser"), skill=esco_hygiene, relation="optional"
        )
        relink = relink_demo_concepts()
    finally:
        unregister_reference("taxonomy.Occupation", "broader")
        unregister_reference("taxonomy.OccupationSkill", "skill")
    assert report.created > 0
    esco_cook = Occupation.objects.get(uri="http://data.europa.eu/esco/occupation/t-cook")
    assert occupation("souschef").broader == esco_cook
    assert occupation("kok").replaced_by == esco_cook
    assert skill("food-hygiene").replaced_by == esco_hygiene
    assert relink.replaced == {"occupation": 1, "skill": 1}
    assert relink.moved["taxonomy.Occupation.broader"] == 1
    assert relink.conflicts == {"taxonomy.OccupationSkill.skill": 1}
    # The kitchen porter keeps both links (the demo one could not move: it would be a duplicate).
    assert (
        OccupationSkill.objects.filter(
            occupation=occupation("afwasser"), skill=esco_hygiene
        ).count()
        == 1
    )
    assert (
        OccupationSkill.objects.filter(occupation=occupation("afwasser"), skill=hygiene).count()
        == 1
    )
    # Re-running changes nothing.
    again = relink_demo_concepts()
    assert not again.changed


def test_import_esco_relinks_at_the_end(demo_taxonomy, v11_bundle):
    from overstap.taxonomy.services import import_esco

    Occupation.objects.filter(uri=f"{DEMO}occupation:beveiliger").update(
        same_as_uri="http://data.europa.eu/esco/occupation/t-guard"
    )
    report = import_esco(v11_bundle, ["nl", "en"])
    assert report.relink is not None
    assert report.relink.replaced["occupation"] == 1
    assert (
        occupation("beveiliger").replaced_by.uri == "http://data.europa.eu/esco/occupation/t-guard"
    )
