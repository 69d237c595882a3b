"""The scenario planner's counting on a small hand-made taxonomy (no database)."""

from __future__ import annotations

import pytest

from overstap.rapidresponse import planner as p
from skillmatch import build_taxonomy, transitions_from

COOK, KITCHEN_HELP, CLEANER, CANTEEN, GUARD, WAITER = 1, 2, 3, 4, 5, 6
FRY, CLEAN, MENU, CHEMICALS, CASHIER, PATROL, SERVE = 11, 12, 13, 14, 15, 16, 17
NAMES = {
    COOK: "cook",
    KITCHEN_HELP: "kitchen help",
    CLEANER: "cleaner",
    CANTEEN: "canteen",
    GUARD: "guard",
    WAITER: "waiter",
}


def _options(source):
    """Target options of ``source`` from the matching engine, as the selectors build them."""
    tax = build_taxonomy(
        [
            (COOK, FRY, "essential"),
            (COOK, CLEAN, "essential"),
            (COOK, MENU, "essential"),
            (KITCHEN_HELP, FRY, "essential"),
            (KITCHEN_HELP, CLEAN, "essential"),
            (CLEANER, CLEAN, "essential"),
            (CLEANER, CHEMICALS, "essential"),
            (CANTEEN, FRY, "essential"),
            (CANTEEN, CLEAN, "essential"),
            (CANTEEN, CASHIER, "essential"),
            (GUARD, PATROL, "essential"),
            (WAITER, SERVE, "essential"),
            (WAITER, CLEAN, "essential"),
        ],
        idf=False,
        hierarchy_credit=0.0,
    )
    options = [p.TargetOption(source, NAMES[source], 1.0)]
    for t in transitions_from(tax, source, top=10):
        missing = set(t.explanation.missing_primary)
        options.append(
            p.TargetOption(
                int(t.target),
                NAMES[int(t.target)],
                t.score,
                tuple(p.GapSkill(int(k), str(k), k in missing) for k in t.explanation.gap),
            )
        )
    return options


CHEMICALS_COURSE = p.Offering(1, "Schoonmaak basis", "ROC", frozenset({CHEMICALS}))
SERVICE_COURSE = p.Offering(2, "Gastvrijheid", "ROC", frozenset({SERVE}))


def test_the_engine_scores_are_what_the_test_assumes():
    fits = {o.occupation_id: round(o.fit, 3) for o in _options(COOK)}
    assert fits == {COOK: 1.0, KITCHEN_HELP: 1.0, CANTEEN: 0.667, CLEANER: 0.5, WAITER: 0.5}
    assert GUARD not in fits  # no skill in common: not within reach at all


def test_known_direct_training_not_yet_split():
    places = [
        p.Place(KITCHEN_HELP, "Canteen BV", 3, "Keukenhulp"),
        p.Place(CLEANER, "Schoonmaak BV", 4, "Schoonmaker", kind="vacancy"),
        p.Place(CANTEEN, "Kantine BV", 5, "Kantinemedewerker"),  # cashier: no course
        p.Place(GUARD, "Beveiliging BV", 9, "Beveiliger"),  # out of reach
    ]
    result = p.plan(
        [p.SourceLine(COOK, "cook", 10)],
        {COOK: _options(COOK)},
        places,
        [CHEMICALS_COURSE],
    )
    assert (result.people, result.direct, result.training, result.not_yet) == (10, 3, 4, 3)
    by_target = {t.option.occupation_id: t for t in result.sources[0].targets}
    assert by_target[KITCHEN_HELP].category == p.DIRECT and by_target[KITCHEN_HELP].moved == 3
    assert by_target[CLEANER].category == p.TRAINING and by_target[CLEANER].moved == 4
    assert by_target[CANTEEN].category == p.NOT_YET and by_target[CANTEEN].moved == 0
    assert [(s.skill_id, s.people) for s in result.skills] == [(CHEMICALS, 4)]
    assert result.skills[0].offerings == (CHEMICALS_COURSE,)
    assert [(e.employer, e.people) for e in result.employers] == [
        ("Schoonmaak BV", 4),
        ("Canteen BV", 3),
    ]


def test_places_are_shared_between_sources_and_direct_moves_go_first():
    options = {
        COOK: _options(COOK),
        KITCHEN_HELP: [p.TargetOption(KITCHEN_HELP, "kitchen help", 1.0)],
    }
    result = p.plan(
        [p.SourceLine(COOK, "cook", 2), p.SourceLine(KITCHEN_HELP, "kitchen help", 2)],
        options,
        [p.Place(KITCHEN_HELP, "Canteen BV", 3)],
        [],
    )
    assert result.direct == 3 and result.not_yet == 1  # 3 places for 4 people, never more
    assert [e.people for e in result.employers] == [3]


def test_short_training_needs_a_course_for_every_missing_must_have_skill():
    cleaner = next(o for o in _options(COOK) if o.occupation_id == CLEANER)
    assert p.classify(cleaner, []) == p.NOT_YET
    assert p.classify(cleaner, [SERVICE_COURSE]) == p.NOT_YET
    assert p.classify(cleaner, [CHEMICALS_COURSE]) == p.TRAINING
    assert p.classify(cleaner, [CHEMICALS_COURSE], training_fit=0.6) == p.NOT_YET


def test_wage_effect():
    result = p.plan(
        [p.SourceLine(COOK, "cook", 1)],
        {COOK: _options(COOK)},
        [p.Place(KITCHEN_HELP, "A", 1)],
        [],
        wage_bands={COOK: 2, KITCHEN_HELP: 1, CLEANER: 2, WAITER: 3},
    )
    effects = {t.option.occupation_id: t.wage_effect for t in result.sources[0].targets}
    assert effects[KITCHEN_HELP] == p.LOWER
    assert effects[CLEANER] == p.SAME
    assert effects[WAITER] == p.HIGHER
    assert effects[CANTEEN] == p.UNKNOWN


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [p.SourceLine(COOK, "cook", 0)],
        [p.SourceLine(COOK, "cook", -3)],
        [p.SourceLine(COOK, "cook", 1), p.SourceLine(COOK, "cook", 2)],
    ],
)
def test_bad_input(lines):
    with pytest.raises(p.PlannerInputError):
        p.plan(lines, {}, [], [])
