"""Person <-> vacancy matching on hand-checkable data."""

from __future__ import annotations

import numpy as np
import pytest

from skillmatch import (
    CONSTRAINTS,
    EmptyInputError,
    InvalidInputError,
    MatchConfig,
    Person,
    PersonIndex,
    SkillSpace,
    UnknownIdError,
    UnknownSkillError,
    Vacancy,
    VacancyIndex,
)

SPACE = SkillSpace(
    ["cook", "bake", "serve", "clean", "drive", "weld"],
    broader=[("cook", "kitchen"), ("bake", "kitchen")],
    hierarchy_credit=0.5,
)
DEN_BOSCH = (51.6978, 5.3037)
UTRECHT = (52.0907, 5.1214)  # about 45 km from Den Bosch


def vacancies():
    return [
        Vacancy(
            "kitchen",
            must=["cook", "bake"],
            nice=["clean"],
            hours=32,
            wage_band=3,
            contract_type="permanent",
            location=DEN_BOSCH,
            shifts=frozenset({"day"}),
        ),
        Vacancy(
            "bakery",
            must=["bake"],
            hours=20,
            wage_band=2,
            contract_type="temporary",
            location=UTRECHT,
            shifts=frozenset({"night"}),
        ),
        Vacancy("cleaning", must=["clean"], nice=["drive"], location=DEN_BOSCH),
        Vacancy("welding", must=["weld"], location=DEN_BOSCH),
    ]


COOK = Person("ann", {"cook": "certified", "clean": "self_declared"})


def test_hand_computed_score_and_breakdown():
    idx = VacancyIndex(vacancies(), SPACE)
    res = idx.match_person(COOK)
    by_id = {m.id: m for m in res.matches}
    # kitchen: cook e=1; bake e=0.5*0 + 0.5*q_kitchen(1) = 0.5 -> must 0.75
    # nice clean e=0.6 -> 0.8*0.75 + 0.2*0.6 = 0.72
    assert by_id["kitchen"].score == pytest.approx(0.72)
    parts = {p.name: p.value for p in by_id["kitchen"].explanation.breakdown}
    assert parts["must_exact"] == pytest.approx(0.8 * 0.5 * 1.0)
    assert parts["must_related"] == pytest.approx(0.8 * 0.5 * 0.5)
    assert parts["nice_exact"] == pytest.approx(0.2 * 0.6)
    # bakery: only bake (related) -> 0.5
    assert by_id["bakery"].score == pytest.approx(0.5)
    # cleaning: must clean 0.6 -> 0.8*0.6; nice drive missing
    assert by_id["cleaning"].score == pytest.approx(0.48)
    assert by_id["cleaning"].explanation.missing_secondary == ("drive",)
    # welding shares nothing: not returned
    assert "welding" not in by_id
    assert [m.id for m in res.matches] == ["kitchen", "bakery", "cleaning"]


def test_every_explanation_complete_and_sums():
    idx = VacancyIndex(vacancies(), SPACE)
    person = Person(
        "p",
        {"cook": "confirmed", "serve": 0.9},
        min_hours=36,
        min_wage_band=4,
        contract_types=frozenset({"permanent"}),
        shifts=frozenset({"day"}),
        max_distance_km=100,
        location=DEN_BOSCH,
    )
    res = idx.match_person(person)
    assert res.matches
    for m in res.matches:
        exp = m.explanation
        assert exp.is_complete(constraint_names=CONSTRAINTS)
        assert exp.breakdown_total() == pytest.approx(m.score)
        assert {c.name for c in exp.constraints} == set(CONSTRAINTS)


def test_constraint_violations_reported_and_penalised():
    idx = VacancyIndex(vacancies(), SPACE)
    person = Person(
        "p",
        {"bake": "certified"},
        min_hours=24,
        min_wage_band=3,
        contract_types=frozenset({"permanent"}),
        shifts=frozenset({"day"}),
    )
    exp = idx.explain(person, "bakery")
    checks = {c.name: c for c in exp.constraints}
    assert checks["hours"].status == "violated" and checks["hours"].offered == 20
    assert checks["wage"].status == "violated"
    assert checks["contract"].status == "violated"
    assert checks["shifts"].status == "violated"
    assert checks["distance"].status == "not_set"
    # skill 1.0 - 0.10 - 0.10 - 0.10 - 0.15
    assert exp.score == pytest.approx(0.55)
    assert sum(c.penalty for c in exp.constraints) == pytest.approx(0.45)
    ok = idx.explain(person, "kitchen")
    assert {c.name: c.status for c in ok.constraints}["hours"] == "met"


def test_distance_filter_excludes_and_explains():
    idx = VacancyIndex(vacancies(), SPACE)
    near = Person("p", {"bake": "certified"}, max_distance_km=30, location=DEN_BOSCH)
    ids = [m.id for m in idx.match_person(near).matches]
    assert "bakery" not in ids and "kitchen" in ids
    exp = idx.explain(near, "bakery")
    dist = next(c for c in exp.constraints if c.name == "distance")
    assert dist.status == "violated" and dist.offered == pytest.approx(45.4, abs=0.1)
    assert exp.feasible is False
    far = Person("p", {"bake": "certified"}, max_distance_km=50, location=DEN_BOSCH)
    assert "bakery" in [m.id for m in idx.match_person(far).matches]


def test_postcode_lookup_for_distance():
    idx = VacancyIndex(vacancies(), SPACE, postcodes={"5211": DEN_BOSCH})
    p = Person("p", {"bake": "certified"}, max_distance_km=30, postcode="5211 AB")
    assert "bakery" not in [m.id for m in idx.match_person(p).matches]


def test_filter_vs_penalty_configurable():
    modes = dict.fromkeys(CONSTRAINTS, "filter")
    cfg = MatchConfig(constraint_modes=modes)
    idx = VacancyIndex(vacancies(), SPACE, cfg)
    person = Person("p", {"bake": "certified"}, min_hours=24)
    assert "bakery" not in [m.id for m in idx.match_person(person).matches]


def test_unknown_vacancy_values_are_not_penalised():
    idx = VacancyIndex(vacancies(), SPACE)
    person = Person("p", {"clean": "certified"}, min_hours=40, min_wage_band=9)
    m = idx.match_person(person).matches[0]
    assert m.id == "cleaning"
    statuses = {c.name: c.status for c in m.explanation.constraints}
    assert statuses["hours"] == "unknown" and statuses["wage"] == "unknown"
    assert m.score == pytest.approx(0.8)


def test_ties_are_deterministic():
    vs = [Vacancy(f"v{i}", must=["clean"]) for i in range(30)]
    idx = VacancyIndex(vs, SPACE)
    res = idx.match_person(Person("p", {"clean": 1.0}), top=5)
    assert [m.id for m in res.matches] == ["v0", "v1", "v2", "v3", "v4"]


def test_batch_equals_single_queries():
    rng = np.random.default_rng(0)
    skills = list(SPACE.skill_ids)
    vs = [
        Vacancy(
            i,
            must=list(rng.choice(skills, 2, replace=False)),
            nice=list(rng.choice(skills, 1)),
            hours=float(rng.choice([16, 32, 40])),
            location=(51.5 + rng.random(), 5 + rng.random()),
        )
        for i in range(300)
    ]
    people = [
        Person(
            i,
            dict.fromkeys(rng.choice(skills, 2, replace=False), "confirmed"),
            min_hours=24,
            max_distance_km=40,
            location=(51.5 + rng.random(), 5.5),
        )
        for i in range(40)
    ]
    idx = VacancyIndex(vs, SPACE)
    batch = idx.match_people(people, top=10, chunk_size=7, workers=2)
    for i, p in enumerate(people):
        single = idx.match_person(p, top=10).matches
        assert [m.position for m in single] == [j for j in batch.positions[i] if j >= 0]
        assert np.allclose([m.score for m in single], batch.scores[i][: len(single)])


def test_person_index_vacancy_to_people():
    people = [
        Person("ann", {"cook": "certified", "bake": "confirmed"}),
        Person("bob", {"clean": "certified"}),
        Person("eve", {"weld": "certified"}, max_distance_km=10, location=UTRECHT),
    ]
    idx = PersonIndex(people, SPACE)
    res = idx.match_vacancy(vacancies()[0])
    assert [m.id for m in res.matches] == ["ann", "bob"]
    # ann: must cook 1, bake e = 0.5*0.85 + 0.5*1 = 0.925 -> 0.8 * 0.9625
    assert res.matches[0].score == pytest.approx(0.8 * (1 + 0.925) / 2)
    assert all(m.explanation.is_complete(constraint_names=CONSTRAINTS) for m in res.matches)
    res = idx.match_vacancy(vacancies()[3])  # welding in Den Bosch, eve max 10 km from Utrecht
    assert res.matches == [] and "constraints" in (res.reason or "")


def test_empty_and_unknown_inputs():
    with pytest.raises(EmptyInputError):
        VacancyIndex([], SPACE)
    idx = VacancyIndex(vacancies(), SPACE)
    with pytest.raises(EmptyInputError, match="no skills"):
        idx.match_person(Person("p", {}))
    with pytest.raises(UnknownSkillError, match="juggle"):
        idx.match_person(Person("p", {"juggle": "certified"}))
    with pytest.raises(UnknownSkillError):
        VacancyIndex([Vacancy("v", must=["juggle"])], SPACE)
    with pytest.raises(UnknownIdError):
        idx.explain(COOK, "nope")
    with pytest.raises(InvalidInputError):
        idx.match_person(Person("p", {"cook": "rumour"}))
    with pytest.raises(EmptyInputError):
        PersonIndex([Person("p", {"cook": 1.0})], SPACE).match_vacancy(Vacancy("v", must=[]))
    res = idx.match_person(Person("p", {"serve": "certified"}))
    assert res.matches == [] and "no vacancy shares" in (res.reason or "")


def test_config_validation():
    with pytest.raises(InvalidInputError):
        MatchConfig(must_weight=0.3, nice_weight=0.7)
    with pytest.raises(InvalidInputError):
        MatchConfig(constraint_modes={"hours": "ignore"})
