"""The ESCO importer on small hand-written bundles in both layouts."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from overstap.taxonomy.constants import RelationType, Source
from overstap.taxonomy.models import (
    ConceptLabel,
    IscoGroup,
    Occupation,
    OccupationSkill,
    Skill,
    SkillGroup,
    SkillRelation,
    TaxonomyState,
)
from overstap.taxonomy.progress import ProgressBar
from overstap.taxonomy.services import BundleError, import_esco, read_bundle
from overstap.taxonomy.services import importer as importer_module

E = "http://data.europa.eu/esco"
pytestmark = pytest.mark.django_db


def skipped(report) -> dict[tuple[str, str], int]:
    return {(s.file, s.reason): s.count for s in report.skipped}


def test_v11_counts_and_layout(v11_bundle):
    report = import_esco(v11_bundle, ["nl", "en"])
    assert report.layout == "v1.1"
    assert Occupation.objects.count() == 3
    assert Skill.objects.count() == 6
    assert OccupationSkill.objects.count() == 8
    assert IscoGroup.objects.count() == 5
    assert report.counts["occupations"].created == 3
    assert report.counts["occupation_skills"].created == 8
    assert set(Occupation.objects.values_list("source", flat=True)) == {Source.ESCO}


def test_v11_labels_per_language_with_fallback(v11_bundle):
    import_esco(v11_bundle, ["nl", "en"])
    cook = Occupation.objects.get(uri=f"{E}/occupation/t-cook")
    assert cook.label("nl") == "kok"
    assert cook.label("en") == "cook"
    assert cook.alt_labels("nl") == ["koks", "keukenkok"]
    assert cook.alt_labels("en") == ["line cook", "kitchen cook"]
    assert cook.description("nl").startswith("Koks bereiden")
    assert cook.code == "5120.1"
    # Dutch skill labels come from the collection file; others fall back to English.
    teamwork = Skill.objects.get(uri=f"{E}/skill/t-teamwork")
    assert teamwork.label("nl") == "samenwerken"
    assert teamwork.collections == "transversal"
    hygiene = Skill.objects.get(uri=f"{E}/skill/t-hygiene")
    assert hygiene.label_nl == ""
    assert hygiene.label("nl") == "apply food hygiene"
    assert hygiene.label_language("nl") == "en"
    # Labels for search: preferred, alternative and hidden labels in both languages.
    labels = set(
        ConceptLabel.objects.filter(
            occupation=Occupation.objects.get(uri=f"{E}/occupation/t-guard")
        ).values_list("language", "text", "label_kind")
    )
    assert ("nl", "beveiliger", "preferred") in labels
    assert ("nl", "bewaker", "alternative") in labels
    assert ("en", "secuirty guard", "hidden") in labels


def test_v11_english_only_leaves_dutch_alone(v11_bundle):
    import_esco(v11_bundle, ["nl", "en"])
    report = import_esco(v11_bundle, ["en"])
    assert report.created == 0 and report.updated == 0
    assert Occupation.objects.get(uri=f"{E}/occupation/t-cook").label_nl == "kok"


def test_v11_structure(v11_bundle):
    import_esco(v11_bundle, ["nl", "en"])
    cook = Occupation.objects.get(uri=f"{E}/occupation/t-cook")
    assert cook.isco_group.code == "5120"
    assert cook.isco_group.label("nl") == "Koks"
    assert cook.isco_group.parent.code == "51"
    hygiene = Skill.objects.get(uri=f"{E}/skill/t-hygiene")
    assert list(hygiene.groups.values_list("code", flat=True)) == ["S6.1"]
    teamwork = Skill.objects.get(uri=f"{E}/skill/t-teamwork")
    assert list(teamwork.broader_skills.values_list("label_en", flat=True)) == ["customer service"]
    top = SkillGroup.objects.get(uri=f"{E}/skill/g-top")
    assert top.level == 0 and top.code == "S"
    assert set(top.children.values_list("code", flat=True)) == {"S6.1", "S1.1"}
    assert SkillRelation.objects.get().related_skill.label_en == "recipes"
    assert Skill.objects.get(uri=f"{E}/skill/t-cloud").skill_type == ""
    assert Skill.objects.get(uri=f"{E}/skill/t-recipes").skill_type == "knowledge"


def test_v11_skipped_report(v11_bundle):
    report = import_esco(v11_bundle, ["nl", "en"])
    found = skipped(report)
    relations = "occupationSkillRelations.csv"
    assert found[(relations, "occupation URI not in the occupations file")] == 2
    assert found[(relations, "skill URI not in the skills file")] == 1
    assert found[(relations, "duplicate row")] == 1
    assert found[(relations, "conflicting duplicate (kept as essential)")] == 1
    assert found[(relations, "unknown relation type")] == 1
    assert found[("transversalSkillsCollection_nl.csv", "skill URI not in the skills file")] == 1
    assert (
        found[("broaderRelationsOccPillar.csv", "occupation URI not in the occupations file")] == 1
    )
    gone = next(
        s for s in report.skipped if s.reason.startswith("occupation URI") and s.file == relations
    )
    assert gone.examples == [f"{E}/occupation/t-gone"]
    waiter_customer = OccupationSkill.objects.get(
        occupation__uri=f"{E}/occupation/t-waiter", skill__uri=f"{E}/skill/t-customer"
    )
    assert waiter_customer.relation == RelationType.ESSENTIAL


def test_v12_layout(v12_bundle):
    report = import_esco(v12_bundle, ["nl", "en"])
    assert report.layout == "v1.2"
    assert Occupation.objects.count() == 2
    assert OccupationSkill.objects.count() == 5
    forklift = Occupation.objects.get(uri=f"{E}/occupation/v12-forklift")
    assert forklift.label("nl") == "heftruckchauffeur"
    assert forklift.alt_labels("nl") == ["vorkheftruckbestuurder", "heftrucker"]
    safety = Skill.objects.get(uri=f"{E}/skill/v12-safety")
    assert safety.label("nl") == "warehouse safety"  # no Dutch label: English fallback
    essential = forklift.skill_links.filter(relation="essential").values_list(
        "skill__label_en", flat=True
    )
    assert sorted(essential) == ["operate forklift", "warehouse safety"]


@pytest.mark.parametrize("name", ["v11", "v12"])
def test_reimport_changes_nothing(name, bundle_copy):
    path = bundle_copy(name)
    first = import_esco(path, ["nl", "en"])
    version = TaxonomyState.objects.get().version
    labels = ConceptLabel.objects.count()
    second = import_esco(path, ["nl", "en"])
    assert first.created > 0
    assert second.created == 0
    assert second.updated == 0
    assert not second.changed
    assert all(c.unchanged > 0 or c.created == 0 for c in second.counts.values())
    assert TaxonomyState.objects.get().version == version
    assert ConceptLabel.objects.count() == labels


def test_reimport_applies_changes(bundle_copy):
    path = bundle_copy("v12")
    import_esco(path, ["nl", "en"])
    occupations = path / "occupations_nl.csv"
    occupations.write_text(
        occupations.read_text(encoding="utf-8").replace("orderverzamelaar", "orderpicker magazijn"),
        encoding="utf-8",
    )
    relations = path / "occupationSkillRelations_en.csv"
    lines = relations.read_text(encoding="utf-8").splitlines()
    relations.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # drop one relation
    report = import_esco(path, ["nl", "en"])
    assert report.counts["occupations"].updated == 1
    assert report.counts["occupation_skills"].deleted == 1
    assert report.counts["labels"].created == 1 and report.counts["labels"].deleted == 1
    picker = Occupation.objects.get(uri=f"{E}/occupation/v12-picker")
    assert picker.alt_labels("nl") == ["orderpicker magazijn"]
    assert OccupationSkill.objects.count() == 4


def test_broken_file_imports_nothing(bundle_copy):
    path = bundle_copy("v11")
    skills = path / "skills_en.csv"
    skills.write_text(
        skills.read_text(encoding="utf-8")
        + "Skill,uri,knowledge,transversal,x,y,z,released,a,b,c,d,e,EXTRA\n",
        encoding="utf-8",
    )
    with pytest.raises(BundleError) as error:
        import_esco(path, ["nl", "en"])
    assert any(
        "skills_en.csv" in problem and "fields" in problem for problem in error.value.problems
    )
    assert Occupation.objects.count() == 0
    assert Skill.objects.count() == 0


def test_failure_during_write_keeps_old_taxonomy(v11_bundle, bundle_copy, monkeypatch):
    import_esco(v11_bundle, ["nl", "en"])
    path = bundle_copy("v11")
    occupations = path / "occupations_nl.csv"
    occupations.write_text(
        occupations.read_text(encoding="utf-8").replace(",kok,", ",kok (nieuw),"), encoding="utf-8"
    )

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer_module._Writer, "sync_labels", fail)
    with pytest.raises(RuntimeError):
        import_esco(path, ["nl", "en"])
    assert Occupation.objects.get(uri=f"{E}/occupation/t-cook").label_nl == "kok"
    assert TaxonomyState.objects.get().version == 1


def test_missing_columns(bundle_copy):
    path = bundle_copy("v11")
    relations = path / "occupationSkillRelations.csv"
    text = relations.read_text(encoding="utf-8")
    relations.write_text(
        text.replace("occupationUri,relationType", "occupation,relation", 1), encoding="utf-8"
    )
    with pytest.raises(BundleError) as error:
        read_bundle(path, ["nl", "en"])
    assert error.value.problems == [
        "occupationSkillRelations.csv: missing columns: occupationUri, relationType."
    ]


def test_wrong_delimiter(bundle_copy):
    path = bundle_copy("v12")
    occupations = path / "occupations_en.csv"
    occupations.write_text(
        occupations.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8"
    )
    with pytest.raises(BundleError) as error:
        read_bundle(path, ["nl", "en"])
    assert len(error.value.problems) == 1
    assert "occupations_en.csv" in error.value.problems[0]
    assert "semicolons" in error.value.problems[0]


def test_not_utf8(bundle_copy):
    path = bundle_copy("v12")
    occupations = path / "occupations_nl.csv"
    occupations.write_bytes(
        occupations.read_text(encoding="utf-8")
        .replace("heftrucker", "heftrücker")
        .encode("latin-1")
    )
    with pytest.raises(BundleError) as error:
        read_bundle(path, ["nl", "en"])
    assert len(error.value.problems) == 1
    assert "occupations_nl.csv: not valid UTF-8 (byte 0xfc on line 3)" in error.value.problems[0]


def test_missing_files_are_all_listed(tmp_path):
    (tmp_path / "skills_en.csv").write_text("conceptUri\n", encoding="utf-8")
    with pytest.raises(BundleError) as error:
        read_bundle(tmp_path, ["nl", "en"])
    problems = "\n".join(error.value.problems)
    assert "Missing file: occupations_nl.csv." in problems
    assert "Missing file: occupations_en.csv." in problems
    assert "occupationSkillRelations.csv" in problems
    assert "skills_en.csv: missing columns" in problems


def test_not_a_folder(tmp_path):
    with pytest.raises(BundleError):
        read_bundle(tmp_path / "nope", ["en"])


def test_command_output_and_idempotency(v11_bundle):
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command(
            "import_esco", str(v11_bundle), "--lang", "nl", "--lang", "en", stdout=out, stderr=err
        )
        assert "Done: 19" not in out.getvalue()  # sanity: numbers are formatted per type
        assert "Skipped 8 rows" in out.getvalue()
        assert "t-gone" in out.getvalue()
        assert "Relations" in err.getvalue()  # progress on stderr
        out = io.StringIO()
        call_command("import_esco", str(v11_bundle), stdout=out, stderr=io.StringIO())
        assert "Done: 0 created, 0 updated" in out.getvalue()


def test_command_reports_bad_bundle(bundle_copy):
    path = bundle_copy("v12")
    (path / "skills_en.csv").unlink()
    (path / "skills_nl.csv").unlink()
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("import_esco", str(path), "--no-progress", stdout=io.StringIO())
    assert "nothing was changed" in str(error.value)
    assert "skills_<language>.csv" in str(error.value)


def test_progress_bar_plain_text():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar("Skills", 0, 10)
    bar("Skills", 10, 10)
    bar("Labels", 5, 5)
    bar.close()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Skills …"
    assert lines[1].startswith("Skills") and "100%" in lines[1] and "(10/10)" in lines[1]
    assert lines[2] == "Labels …"
