"""Building the engine's inputs from the database, and the per-process cache."""

from __future__ import annotations

from overstap.employers.constants import VacancyStatus
from overstap.matching import engine_inputs
from overstap.passport.models import PassportSkill
from overstap.taxonomy.models import Occupation, OccupationSkill, Skill

from .conftest import make_vacancy, occupation, skill


def test_taxonomy_index_from_demo_tables(demo_taxonomy):
    data = engine_inputs.get_taxonomy()
    tax = data.taxonomy
    assert tax is not None
    assert tax.n_occupations == Occupation.objects.filter(replaced_by__isnull=True).count()
    assert tax.space.n_skills == Skill.objects.count()
    kok = occupation("kok")
    row = tax.occupation_index[kok.pk]
    essential = set(
        OccupationSkill.objects.filter(occupation=kok, relation="essential").values_list(
            "skill_id", flat=True
        )
    )
    cols = tax.essential.indices[tax.essential.indptr[row] : tax.essential.indptr[row + 1]]
    assert {tax.space.skill_ids[c] for c in cols} == essential
    assert data.isco[kok.pk] == "5120"


def test_no_taxonomy_is_reported_not_raised(db):
    data = engine_inputs.get_taxonomy()
    assert data.taxonomy is None and not data.available


def test_vacancies_and_people_of_a_region(cook_case, vacancies, region):
    v = engine_inputs.get_region_vacancies(region.pk)
    assert v.index is not None and set(v.facts) == {vacancies["food"].pk, vacancies["chef"].pk}
    facts = v.facts[vacancies["food"].pk]
    assert facts.title == "Productiemedewerker vleeswaren" and facts.hours_max == 38
    people = engine_inputs.get_region_people(region.pk)
    person = people.person(cook_case.person_id)
    assert person is not None
    assert person.skills[skill("food-hygiene").pk] == "certified"
    assert person.min_hours == 32 and person.max_distance_km == 40
    assert people.occupations[cook_case.person_id] == (occupation("kok").pk,)


def test_closed_vacancies_and_vacancies_without_skills_are_left_out(
    demo_taxonomy, region, receiving_employer
):
    make_vacancy(region, receiving_employer, "Gesloten", must=["teamwork"], status="closed")
    make_vacancy(region, receiving_employer, "Zonder vaardigheden")
    v = engine_inputs.get_region_vacancies(region.pk)
    assert v.index is None and v.without_skills == 1 and v.open_count == 1


def test_cache_is_reused_until_something_changes(
    cook_case, vacancies, region, django_assert_max_num_queries
):
    first = engine_inputs.get_region_vacancies(region.pk)
    people = engine_inputs.get_region_people(region.pk)
    # A second call only runs the fingerprint queries and returns the same objects.
    with django_assert_max_num_queries(8):
        assert engine_inputs.get_region_vacancies(region.pk) is first
    assert engine_inputs.get_region_people(region.pk) is people

    # A new vacancy skill invalidates the vacancy index ...
    make_vacancy(region, vacancies["food"].employer, "Nieuw", must=["teamwork"])
    second = engine_inputs.get_region_vacancies(region.pk)
    assert second is not first and len(second.facts) == 3

    # ... a status change too ...
    vacancies["chef"].status = VacancyStatus.CLOSED
    vacancies["chef"].save()
    third = engine_inputs.get_region_vacancies(region.pk)
    assert vacancies["chef"].pk not in third.facts

    # ... and a changed passport skill invalidates the people.
    ps = PassportSkill.objects.get(passport__person=cook_case.person, skill=skill("teamwork"))
    ps.status = "removed"
    ps.save()
    rebuilt = engine_inputs.get_region_people(region.pk)
    assert rebuilt is not people
    assert skill("teamwork").pk not in rebuilt.person(cook_case.person_id).skills


def test_taxonomy_change_rebuilds(demo_taxonomy):
    first = engine_inputs.get_taxonomy()
    assert engine_inputs.get_taxonomy() is first
    kok, extra = occupation("kok"), skill("bhv")
    OccupationSkill.objects.create(occupation=kok, skill=extra, relation="essential")
    second = engine_inputs.get_taxonomy()
    assert second is not first
    row = second.taxonomy.occupation_index[kok.pk]
    assert second.taxonomy.essential[row, second.taxonomy.space.index[extra.pk]] == 1
