"""Cohort allocation and training recommendations."""

from __future__ import annotations

import numpy as np
import pytest

from skillmatch import (
    EmptyInputError,
    InvalidInputError,
    allocate,
    greedy_allocate,
    rank_offerings,
    training_bundle,
)

NO = -np.inf


def test_respects_positions():
    # 30 people all prefer vacancy 0 (1 position); vacancy 1 has 29 positions
    f = np.column_stack([np.full(30, 0.9), np.linspace(0.5, 0.8, 30)])
    res = allocate(f, [1, 29])
    counts = {}
    for a in res.assignments:
        counts[a.vacancy] = counts.get(a.vacancy, 0) + 1
    assert counts == {0: 1, 1: 29}
    assert not res.unassigned


def test_infeasible_pairs_never_assigned():
    f = np.array([[NO, 0.4], [0.9, NO], [np.nan, NO]])
    res = allocate(f, [1, 1])
    assert {(a.person, a.vacancy) for a in res.assignments} == {(0, 1), (1, 0)}
    assert [(u.person, u.code) for u in res.unassigned] == [(2, "no_feasible_vacancy")]
    assert "relax" in res.unassigned[0].reason


def test_beats_greedy_on_crafted_case():
    # greedy takes (0, 0) = 0.9 first and strands person 1 (only fits vacancy 0)
    f = np.array([[0.9, 0.7, NO], [0.8, NO, NO], [NO, 0.6, 0.5]])
    opt = allocate(f, [1, 1, 1])
    greedy = greedy_allocate(f, [1, 1, 1])
    assert opt.total_score == pytest.approx(0.7 + 0.8 + 0.5)
    assert greedy.total_score == pytest.approx(0.9 + 0.6)
    assert opt.total_score > greedy.total_score
    assert len(opt.assignments) == 3


def test_optimal_against_brute_force():
    rng = np.random.default_rng(3)
    from itertools import permutations

    for _ in range(20):
        f = rng.random((4, 3))
        f[rng.random((4, 3)) < 0.3] = NO
        pos = rng.integers(0, 3, 3)
        slots = [j for j in range(3) for _ in range(pos[j])] + [None] * 4
        best = 0.0
        for perm in set(permutations(slots, 4)):
            tot = sum(f[i, j] for i, j in enumerate(perm) if j is not None)
            if np.isfinite(tot):
                best = max(best, tot)
        assert allocate(f, pos).total_score == pytest.approx(best)


def test_positions_taken_reason_and_ids():
    f = np.array([[0.9], [0.8]])
    res = allocate(f, [1], person_ids=["ann", "bob"], vacancy_ids=["v"])
    assert [(a.person, a.vacancy) for a in res.assignments] == [("ann", "v")]
    assert res.unassigned[0].person == "bob" and res.unassigned[0].code == "positions_taken"


def test_allocation_bad_inputs():
    with pytest.raises(EmptyInputError):
        allocate(np.empty((0, 3)), [1, 1, 1])
    with pytest.raises(EmptyInputError):
        allocate(np.empty((3, 0)), [])
    with pytest.raises(InvalidInputError):
        allocate(np.ones((2, 2)), [1, -1])


def test_rank_offerings_by_gap_closed():
    gap = ["haccp", "forklift", "first aid"]
    offers = {
        "hygiene": ["haccp"],
        "logistics": ["forklift", "first aid", "excel"],
        "excel": ["excel"],
    }
    ranked = rank_offerings(gap, offers, weights={"haccp": 2.0})
    assert [r.offering for r in ranked] == ["hygiene", "logistics"]
    assert ranked[0].closed == pytest.approx(0.5)
    assert ranked[1].covered == ("forklift", "first aid")


def test_training_bundle_greedy_cover():
    b = training_bundle(
        ["a", "b", "c", "d", "e"],
        {"x": ["a", "b"], "y": ["c", "d"], "z": ["a", "c", "e"]},
        max_offerings=2,
    )
    assert [i.offering for i in b.items] == ["z", "x"]
    assert b.uncovered == ("d",)
    assert b.closed == pytest.approx(4 / 5)
    assert training_bundle([], {"x": ["a"]}).items == ()
