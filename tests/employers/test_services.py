"""Vacancy rules and writes: validation, permissions in services, versions, status, relink."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from overstap.core.exceptions import ConflictError, DomainError, PermissionDenied
from overstap.employers import selectors, services
from overstap.employers.constants import SkillImportance, VacancyStatus
from overstap.employers.models import Vacancy, VacancySkill
from overstap.taxonomy.services import registered_references

from .conftest import occupation, skill, vacancy_data

pytestmark = pytest.mark.django_db


def _errors(data, status=VacancyStatus.DRAFT, is_new=True):
    return services.validate_vacancy(data, status=status, is_new=is_new)


def test_valid_vacancy_has_no_errors(taxonomy):
    assert _errors(vacancy_data(occupation=occupation("beveiliger"))) == {}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"positions": 0}, "positions", "at least 1 position"),
        ({"hours_min": 0}, "hours_min", "between 1 and 60"),
        ({"hours_max": 61}, "hours_max", "between 1 and 60"),
        ({"hours_min": 40, "hours_max": 32}, "hours_max", "cannot be less than the minimum"),
        ({"start_date": dt.date(2020, 1, 1)}, "start_date", "cannot be in the past"),
        ({"postcode": "52111"}, "postcode", "Dutch postcode"),
        ({"title": "  "}, "title", "job title"),
        ({"shifts": ["siesta"]}, "shifts", "shifts"),
    ],
)
def test_validation_messages(overrides, field, message):
    errors = _errors(vacancy_data(**overrides))
    assert field in errors
    assert message in " ".join(errors[field])


def test_past_start_date_allowed_when_unchanged_on_edit():
    past = dt.date(2020, 1, 1)
    data = vacancy_data(start_date=past)
    assert services.validate_vacancy(data, status=None, is_new=False, previous_start=past) == {}


def test_opening_needs_occupation_or_must_skill(taxonomy):
    bare = vacancy_data()
    assert "status" in _errors(bare, status=VacancyStatus.OPEN)
    assert "status" not in _errors(bare, status=VacancyStatus.DRAFT)
    only_nice = vacancy_data(skills=[(skill("surveillance"), SkillImportance.NICE)])
    assert "status" in _errors(only_nice, status=VacancyStatus.OPEN)
    must = vacancy_data(skills=[(skill("surveillance"), SkillImportance.MUST)])
    assert _errors(must, status=VacancyStatus.OPEN) == {}
    assert _errors(vacancy_data(occupation=occupation("kok")), status=VacancyStatus.OPEN) == {}


def test_create_normalises_and_saves_skills(taxonomy, employer_user, employer_org):
    data = vacancy_data(
        occupation=occupation("beveiliger"),
        skills=[
            (skill("surveillance"), SkillImportance.NICE),
            (skill("surveillance"), SkillImportance.MUST),
            (skill("first-aid"), SkillImportance.NICE),
        ],
    )
    vacancy = services.create_vacancy(
        actor=employer_user, employer=employer_org, data=data, status=VacancyStatus.OPEN
    )
    assert vacancy.postcode == "5211 AB"
    assert vacancy.shifts == ["day", "night"]
    assert vacancy.region_id == employer_org.region_id
    assert vacancy.created_by == employer_user
    links = dict(
        VacancySkill.objects.filter(vacancy=vacancy).values_list("skill__uri", "importance")
    )
    assert links == {
        skill("surveillance").uri: SkillImportance.MUST,
        skill("first-aid").uri: SkillImportance.NICE,
    }


def test_service_refuses_invalid_data(taxonomy, employer_user, employer_org):
    with pytest.raises(ValidationError) as exc:
        services.create_vacancy(
            actor=employer_user,
            employer=employer_org,
            data=vacancy_data(positions=0),
            status=VacancyStatus.OPEN,
        )
    assert set(exc.value.message_dict) == {"positions", "status"}
    assert not Vacancy.objects.exists()


def test_employer_user_cannot_write_for_another_employer(
    taxonomy, employer_user, other_employer_user, case_manager
):
    other = other_employer_user.organisation
    with pytest.raises(PermissionDenied):
        services.create_vacancy(actor=employer_user, employer=other, data=vacancy_data())
    with pytest.raises(PermissionDenied):
        services.create_vacancy(actor=case_manager, employer=other, data=vacancy_data())


def test_account_manager_and_coordinator_write_for_region_employers(
    make_vacancy, account_manager, coordinator, security, other_region_coordinator
):
    assert make_vacancy(account_manager, security).employer == security
    assert make_vacancy(coordinator, security).employer == security
    with pytest.raises(PermissionDenied):
        make_vacancy(other_region_coordinator, security)


def test_update_checks_version(make_vacancy, employer_user, employer_org):
    vacancy = make_vacancy(employer_user, employer_org)
    updated = services.update_vacancy(
        actor=employer_user,
        vacancy=vacancy,
        data=vacancy_data(title="Senior beveiliger", occupation=vacancy.occupation),
        expected_version=1,
    )
    assert updated.version == 2
    assert updated.title == "Senior beveiliger"
    assert updated.status == VacancyStatus.OPEN
    with pytest.raises(ConflictError):
        services.update_vacancy(
            actor=employer_user, vacancy=vacancy, data=vacancy_data(), expected_version=1
        )


def test_update_replaces_skills(make_vacancy, employer_user, employer_org):
    vacancy = make_vacancy(employer_user, employer_org)
    services.update_vacancy(
        actor=employer_user,
        vacancy=vacancy,
        data=vacancy_data(
            occupation=vacancy.occupation, skills=[(skill("first-aid"), SkillImportance.MUST)]
        ),
        expected_version=vacancy.version,
    )
    assert list(vacancy.skill_links.values_list("skill__uri", "importance")) == [
        (skill("first-aid").uri, SkillImportance.MUST)
    ]


def test_set_status(make_vacancy, employer_user, employer_org):
    draft = make_vacancy(
        employer_user, employer_org, status=VacancyStatus.DRAFT, occupation=None, skills=[]
    )
    with pytest.raises(DomainError):
        services.set_vacancy_status(actor=employer_user, vacancy=draft, status=VacancyStatus.OPEN)
    filled = services.set_vacancy_status(
        actor=employer_user, vacancy=draft, status=VacancyStatus.FILLED
    )
    assert filled.status == VacancyStatus.FILLED
    assert filled.version == 2


def test_taxonomy_references_are_registered():
    refs = {(r.model, r.field, r.kind) for r in registered_references()}
    assert ("employers.Vacancy", "occupation", "occupation") in refs
    assert ("employers.VacancySkill", "skill", "skill") in refs


def test_scope_rules(
    make_vacancy,
    employer_user,
    employer_org,
    account_manager,
    security,
    case_manager,
    other_employer_user,
    other_region_coordinator,
    provider_user,
):
    mine = make_vacancy(employer_user, employer_org)
    draft = make_vacancy(account_manager, security, status=VacancyStatus.DRAFT)
    other = make_vacancy(account_manager, security)
    assert set(selectors.visible_vacancies(employer_user)) == {mine}
    assert set(selectors.visible_vacancies(account_manager)) == {mine, draft, other}
    assert set(selectors.visible_vacancies(case_manager)) == {mine, other}
    assert set(selectors.visible_vacancies(other_employer_user)) == set()
    assert set(selectors.visible_vacancies(other_region_coordinator)) == set()
    assert not selectors.can_use_vacancies(provider_user)
    assert selectors.can_edit_vacancy(account_manager, mine)
    assert not selectors.can_edit_vacancy(case_manager, mine)


@pytest.mark.parametrize(
    "title",
    [
        "Zelfstandig werkend kok (m/v)",
        "Ervaren zelfstandig werkend kok 32-40 uur",
        "zelfstandig kok",
    ],
)
def test_suggest_occupation_from_title(taxonomy, title):
    results = selectors.suggest_occupations(title)
    assert results
    assert results[0].uri == occupation("zelfstandig-werkend-kok").uri
    assert len(results) <= 3
    kitchen = {
        occupation(k).uri
        for k in (
            "kok",
            "zelfstandig-werkend-kok",
            "souschef",
            "chef-kok",
            "grootkeukenmedewerker",
            "pizzabakker",
        )
    }
    assert {r.uri for r in results} <= kitchen | {r.uri for r in results[:1]}


def test_suggest_occupation_other_titles(taxonomy):
    assert (
        selectors.suggest_occupations("Beveiligers gezocht!")[0].uri == occupation("beveiliger").uri
    )
    assert (
        selectors.suggest_occupations("Heftruckchauffeur nachtdienst")[0].uri
        == occupation("heftruckchauffeur").uri
    )
    assert selectors.suggest_occupations("(m/v)") == []


def test_clean_title():
    assert selectors.clean_title("Zelfstandig werkend kok (m/v)") == "Zelfstandig werkend kok"
    assert selectors.clean_title("Ervaren kok 32-40 uur (m/v/x)") == "kok"
