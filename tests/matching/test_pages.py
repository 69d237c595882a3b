"""The matching pages: suitable work on a case, candidates, transitions, cohort."""

from __future__ import annotations

import pytest
from django.urls import reverse

from overstap.cases.constants import CaseStatus, WageBand
from overstap.matching import selectors
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.models import AuditLogEntry

from ..factories import CaseFactory, OfferingFactory, PersonFactory
from .conftest import COOK_SKILLS, make_passport, make_vacancy, occupation, skill

pytestmark = pytest.mark.django_db


# --- person -> vacancies ------------------------------------------------------------------


def test_cross_sector_vacancy_ranks_above_weaker_same_sector_one(
    cook_case, vacancies, case_manager
):
    result = selectors.person_vacancies(user=case_manager, case_id=cook_case.pk)
    assert result.notice is None
    titles = [m.vacancy.title for m in result.matches]
    assert titles == ["Productiemedewerker vleeswaren", "Chef-kok"]
    food, chef = result.matches
    assert food.other_sector is True and chef.other_sector is False
    assert food.score > chef.score


def test_explanation_is_complete_and_in_words(cook_case, vacancies, case_manager):
    result = selectors.person_vacancies(user=case_manager, case_id=cook_case.pk)
    food, chef = result.matches
    exp = food.explanation
    assert exp.complete
    assert {s.label for s in exp.matched_primary} == {
        skill(k).label("nl") for k in ("food-hygiene", "work-under-pressure", "follow-recipes")
    }
    assert [s.label for s in exp.missing_secondary] == [skill("hygiene-production").label("nl")]
    assert abs(sum(p.value for p in exp.breakdown) - food.score) < 1e-5
    assert {c.name for c in exp.constraints} == {"hours", "wage", "distance", "contract", "shifts"}
    hours = {c.name: c for c in exp.constraints}["hours"]
    assert hours.status == "met" and "38" in hours.text and "32" in hours.text
    # The chef vacancy offers only 24 hours: reported in words, with the penalty.
    chef_hours = {c.name: c for c in chef.explanation.constraints}["hours"]
    assert chef_hours.status == "violated"
    assert chef_hours.text == "Only up to 24 hours a week; at least 32 wanted."
    assert chef_hours.penalty > 0
    assert {c.name: c for c in exp.constraints}["wage"].status == "not_set"
    assert [s.label for s in chef.explanation.missing_primary]


def test_tab_shows_vacancies_transitions_and_training(
    client, cook_case, vacancies, case_manager, region, django_assert_max_num_queries
):
    offering = OfferingFactory(region=region, name="Cursus leidinggeven in de keuken")
    offering.skills.add(skill("supervise-kitchen"), skill("lead-team"))
    client.force_login(case_manager)
    url = reverse("matching:case", args=[cook_case.pk])
    client.get(url)  # build the caches
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Productiemedewerker vleeswaren" in html and "other sector" in html
    assert "Why this vacancy" in html and "How the score adds up" in html
    assert "Hours not met" in html
    assert "Other occupations within reach" in html
    assert 'aria-current="page">Suitable work' in html
    result = selectors.person_vacancies(user=case_manager, case_id=cook_case.pk)
    labels = {t.label: t for t in result.transitions}
    assert "souschef" in labels
    souschef = labels["souschef"]
    gap = {g.label: g for g in souschef.gap}
    assert skill("supervise-kitchen").label("nl") in gap
    assert [o.name for o in gap[skill("supervise-kitchen").label("nl")].offerings] == [
        offering.name
    ]
    # Skills the person holds are never listed as skills to learn.
    assert skill("food-hygiene").label("nl") not in gap
    assert f"?offering={offering.pk}" in html  # the "refer" link


def test_tab_is_audited_with_purpose_matching(client, cook_case, vacancies, case_manager):
    client.force_login(case_manager)
    client.get(reverse("matching:case", args=[cook_case.pk]))
    entry = AuditLogEntry.objects.filter(case_ref=cook_case.pk).latest("pk")
    assert entry.action == AuditAction.READ and entry.purpose == Purpose.MATCHING


def test_case_of_another_organisation_is_404(client, cook_case, other_case_manager):
    client.force_login(other_case_manager)
    assert client.get(reverse("matching:case", args=[cook_case.pk])).status_code == 404


def test_without_passport_says_build_it_first(client, demo_taxonomy, case_manager, region):
    case = CaseFactory(person=PersonFactory(region=region), registered_by=case_manager)
    client.force_login(case_manager)
    response = client.get(reverse("matching:case", args=[case.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "has no skills passport yet" in html
    assert reverse("passport:case_passport", args=[case.pk]) in html


def test_only_pending_skills_says_review_them(demo_taxonomy, case_manager, region):
    case = CaseFactory(person=PersonFactory(region=region), registered_by=case_manager)
    make_passport(case.person, occupations=["kok"], pending=["food-hygiene", "teamwork"])
    result = selectors.person_vacancies(user=case_manager, case_id=case.pk)
    assert result.notice.code == "no_skills" and "2 skills still to review" in result.notice.message
    assert result.transitions  # other occupations still work from the occupation


def test_no_vacancies_in_region_is_explained(client, cook_case, case_manager):
    client.force_login(case_manager)
    response = client.get(reverse("matching:case", args=[cook_case.pk]))
    assert response.status_code == 200
    assert "There are no open vacancies in this region yet" in response.content.decode()


def test_without_taxonomy_is_explained(client, case_manager, region):
    case = CaseFactory(person=PersonFactory(region=region), registered_by=case_manager)
    client.force_login(case_manager)
    response = client.get(reverse("matching:case", args=[case.pk]))
    assert response.status_code == 200
    assert "No taxonomy has been imported yet" in response.content.decode()


def test_distance_filter_excludes_far_vacancy(cook_case, region, receiving_employer, case_manager):
    make_vacancy(
        region,
        receiving_employer,
        "Kok in Nijmegen",
        occupation_key="kok",
        must=["food-hygiene", "cooking-techniques"],
        postcode="6511 AA",
    )
    result = selectors.person_vacancies(user=case_manager, case_id=cook_case.pk)
    assert result.matches == []
    assert result.notice.code == "no_match"


# --- vacancy -> people --------------------------------------------------------------------


def test_candidates_ranked_and_audited_per_person(
    client, cook_case, vacancies, case_manager, region
):
    other = CaseFactory(person=PersonFactory(region=region), registered_by=case_manager)
    make_passport(other.person, skills={"teamwork": "self_declared"})
    stranger = CaseFactory(person=PersonFactory(region=region))  # not the case manager's
    make_passport(stranger.person, skills=COOK_SKILLS)
    client.force_login(case_manager)
    before = AuditLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(reverse("matching:vacancy_candidates", args=[vacancies["food"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert cook_case.person.full_name in html and other.person.full_name in html
    assert stranger.person.full_name not in html
    listed = AuditLogEntry.objects.filter(pk__gt=before, action=AuditAction.LIST)
    assert sorted(listed.values_list("person_ref", flat=True)) == sorted(
        [cook_case.person_id, other.person_id]
    )
    assert set(listed.values_list("purpose", flat=True)) == {Purpose.MATCHING}
    result = selectors.vacancy_candidates(user=case_manager, vacancy_id=vacancies["food"].pk)
    assert [c.case.pk for c in result.candidates] == [cook_case.pk, other.pk]
    assert all(c.explanation.complete for c in result.candidates)


def test_coordinator_sees_candidates_of_the_region(cook_case, vacancies, coordinator, region):
    stranger = CaseFactory(person=PersonFactory(region=region))
    make_passport(stranger.person, skills=COOK_SKILLS)
    result = selectors.vacancy_candidates(user=coordinator, vacancy_id=vacancies["food"].pk)
    assert {c.case.pk for c in result.candidates} == {cook_case.pk, stranger.pk}


def test_candidates_forbidden_for_employer_users(client, vacancies, employer_user):
    client.force_login(employer_user)
    url = reverse("matching:vacancy_candidates", args=[vacancies["food"].pk])
    assert client.get(url).status_code == 403


def test_vacancy_without_skills_says_add_skills(
    client, demo_taxonomy, region, case_manager, receiving_employer
):
    vacancy = make_vacancy(region, receiving_employer, "Zonder vaardigheden")
    client.force_login(case_manager)
    response = client.get(reverse("matching:vacancy_candidates", args=[vacancy.pk]))
    assert response.status_code == 200
    assert "lists no skills" in response.content.decode()


# --- transitions --------------------------------------------------------------------------


def test_transitions_page_with_gap_and_open_positions(
    client, cook_case, vacancies, case_manager, region, receiving_employer
):
    make_vacancy(
        region,
        receiving_employer,
        "Souschef",
        occupation_key="souschef",
        must=["lead-team"],
        positions=3,
    )
    client.force_login(case_manager)
    response = client.get(reverse("matching:occupation_transitions", args=[occupation("kok").pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "From cook to other occupations" in html  # English page, English ESCO label
    result = selectors.occupation_transitions(user=case_manager, occupation=occupation("kok"))
    rows = {r.label: r for r in result.rows}
    assert rows["souschef"].open_positions == 3
    assert rows["souschef"].other_sector is False
    assert skill("supervise-kitchen").pk in [g.id for g in rows["souschef"].gap]
    assert all(r.gap is not None for r in rows.values())
    assert [r.rank for r in result.rows] == sorted(r.rank for r in result.rows)
    assert not result.wage_data
    assert "There is no wage data for this occupation" in html


def test_keeps_the_wage_filter(cook_case, region, receiving_employer, case_manager):
    for key, band in (
        ("kok", WageBand.FROM_2500),
        ("souschef", WageBand.FROM_3000),
        ("keukenhulp", WageBand.FROM_2000),
    ):
        make_vacancy(
            region, receiving_employer, key, occupation_key=key, must=["teamwork"], wage_band=band
        )
    all_rows = selectors.occupation_transitions(user=case_manager, occupation=occupation("kok"))
    assert all_rows.wage_data
    by_label = {r.label: r for r in all_rows.rows}
    assert by_label["souschef"].keeps_wage is True
    assert by_label["keukenhulp"].keeps_wage is False
    filtered = selectors.occupation_transitions(
        user=case_manager, occupation=occupation("kok"), keeps_wage=True
    )
    assert [r.label for r in filtered.rows] == ["souschef"]
    assert filtered.hidden_without_wage == len(all_rows.rows) - 2


def test_transitions_for_employer_user_forbidden(client, demo_taxonomy, employer_user):
    client.force_login(employer_user)
    url = reverse("matching:occupation_transitions", args=[occupation("kok").pk])
    assert client.get(url).status_code == 403


def test_unknown_occupation_is_404(client, demo_taxonomy, case_manager):
    client.force_login(case_manager)
    assert client.get(reverse("matching:occupation_transitions", args=[999999])).status_code == 404


# --- cohort -------------------------------------------------------------------------------


def test_cohort_respects_positions(
    client, demo_taxonomy, region, coordinator, releasing_employer, receiving_employer
):
    cases = []
    for i, evidence in enumerate(("certified", "confirmed_by_case_manager", "self_declared")):
        case = CaseFactory(
            person=PersonFactory(region=region, last_name=f"Persoon{i}"),
            releasing_employer=releasing_employer,
        )
        make_passport(case.person, skills={"food-hygiene": evidence, "teamwork": evidence})
        cases.append(case)
    make_vacancy(
        region, receiving_employer, "Eén plek", must=["food-hygiene", "teamwork"], positions=1
    )
    result = selectors.cohort_allocation(user=coordinator, organisation_id=releasing_employer.pk)
    assert len(result.assignments) == 1 and result.assignments[0].case == cases[0]
    assert len(result.unassigned) == 2
    assert {u.code for u in result.unassigned} == {"positions_taken"}
    assert all("better fit" in u.reason for u in result.unassigned)
    client.force_login(coordinator)
    before = AuditLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(reverse("matching:cohort", args=[releasing_employer.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Who goes where" in html and "Not allocated" in html
    listed = AuditLogEntry.objects.filter(pk__gt=before, action=AuditAction.LIST)
    assert sorted(listed.values_list("person_ref", flat=True)) == sorted(c.person_id for c in cases)


def test_cohort_without_passport_or_vacancies_explains(
    demo_taxonomy, region, coordinator, releasing_employer
):
    case = CaseFactory(person=PersonFactory(region=region), releasing_employer=releasing_employer)
    result = selectors.cohort_allocation(user=coordinator, organisation_id=releasing_employer.pk)
    assert result.notice.code == "no_vacancies"
    assert [(u.case, u.code) for u in result.unassigned] == [(case, "no_passport")]


def test_cohort_scope(
    client, demo_taxonomy, region, releasing_employer, other_case_manager, employer_user
):
    CaseFactory(person=PersonFactory(region=region), releasing_employer=releasing_employer)
    client.force_login(other_case_manager)  # none of these cases is theirs
    assert client.get(reverse("matching:cohort", args=[releasing_employer.pk])).status_code == 404
    client.force_login(employer_user)
    assert client.get(reverse("matching:cohort", args=[releasing_employer.pk])).status_code == 403


def test_cohort_index_lists_releasing_employers(
    client, cook_case, case_manager, releasing_employer
):
    client.force_login(case_manager)
    response = client.get(reverse("matching:cohort_index"))
    assert response.status_code == 200
    assert reverse("matching:cohort", args=[releasing_employer.pk]) in response.content.decode()


def test_closed_cases_are_not_in_the_cohort(demo_taxonomy, region, coordinator, releasing_employer):
    CaseFactory(
        person=PersonFactory(region=region),
        releasing_employer=releasing_employer,
        status=CaseStatus.CLOSED,
    )
    with pytest.raises(Exception) as exc:
        selectors.cohort_allocation(user=coordinator, organisation_id=releasing_employer.pk)
    assert exc.typename == "Http404"


def test_caseload_filtered_by_releasing_employer_links_the_cohort(
    client, cook_case, case_manager, releasing_employer
):
    client.force_login(case_manager)
    url = reverse("cases:caseload") + f"?releasing_employer={releasing_employer.pk}"
    html = client.get(url).content.decode()
    assert reverse("matching:cohort", args=[releasing_employer.pk]) in html
    assert (
        reverse("matching:cohort", args=[releasing_employer.pk])
        not in client.get(reverse("cases:caseload")).content.decode()
    )


def test_cohort_never_proposes_a_poor_fit(
    demo_taxonomy, region, coordinator, releasing_employer, receiving_employer
):
    case = CaseFactory(person=PersonFactory(region=region), releasing_employer=releasing_employer)
    make_passport(case.person, skills={"teamwork": "self_declared"})
    make_vacancy(
        region,
        receiving_employer,
        "Veel gevraagd",
        must=["food-hygiene", "cooking-techniques", "prepare-hot-dishes", "teamwork"],
    )
    result = selectors.cohort_allocation(user=coordinator, organisation_id=releasing_employer.pk)
    assert result.assignments == []
    assert [u.code for u in result.unassigned] == ["no_feasible_vacancy"]
