"""Taxonomy matrix and occupation transitions on hand-checkable data."""

from __future__ import annotations

import numpy as np
import pytest

from skillmatch import (
    EmptyInputError,
    InvalidInputError,
    SkillSpace,
    UnknownOccupationError,
    UnknownSkillError,
    build_taxonomy,
    explain_transition,
    top_transitions,
    transition_scores,
    transition_table,
    transitions_from,
)

# cook: fry (E), bake (E), clean (O); baker: bake (E), knead (E); cleaner: clean (E)
# hierarchy: fry, bake, knead are in group "cooking"
RELATIONS = [
    ("cook", "fry", "essential"),
    ("cook", "bake", "essential"),
    ("cook", "clean", "optional"),
    ("baker", "bake", "essential"),
    ("baker", "knead", "essential"),
    ("cleaner", "clean", "essential"),
]
BROADER = [("fry", "cooking"), ("bake", "cooking"), ("knead", "cooking")]


def tax(**kw):
    kw.setdefault("idf", False)
    kw.setdefault("hierarchy_credit", 0.0)
    return build_taxonomy(RELATIONS, broader=BROADER, **kw)


def test_requirement_weights_essential_above_optional():
    t = tax()
    cook = t.occupation_index["cook"]
    row = t.requirements[[cook]].toarray().ravel()
    ids = t.space.skill_ids
    assert row[ids.index("fry")] == 1.0
    assert row[ids.index("clean")] == 0.5


def test_idf_downweights_common_skills():
    t = tax(idf=True)
    ids = t.space.skill_ids
    # n = 3; "bake" in 2 occupations, "fry" in 1: idf = 1 + ln(4/3) vs 1 + ln(4/2)
    assert t.idf[ids.index("bake")] == pytest.approx(1 + np.log(4 / 3))
    assert t.idf[ids.index("fry")] == pytest.approx(1 + np.log(2))


def test_transversal_weight():
    t = tax(transversal=["clean"], transversal_weight=0.5)
    assert t.idf[t.space.skill_ids.index("clean")] == 0.5


def test_hand_computed_scores_without_hierarchy():
    t = tax()
    s = transition_scores(t, ["baker", "cook"])
    j = t.occupation_index
    # baker -> cook: covers bake (1) of fry, bake, clean (1 + 1 + 0.5)
    assert s[0, j["cook"]] == pytest.approx(1 / 2.5)
    # cook -> baker: covers bake of bake, knead
    assert s[1, j["baker"]] == pytest.approx(0.5)
    # cook -> cleaner: cook holds "clean" only optionally (0.5)
    assert s[1, j["cleaner"]] == pytest.approx(0.5)


def test_asymmetry():
    t = tax()
    s = transition_scores(t)
    j = t.occupation_index
    assert s[j["baker"], j["cook"]] != s[j["cook"], j["baker"]]


def test_hierarchy_partial_credit():
    # lambda = 0.5: cook -> baker; knead is not held but shares "cooking" with fry/bake
    t = tax(hierarchy_credit=0.5)
    j = t.occupation_index
    s = transition_scores(t, ["cook"])[0]
    # bake: e = 0.5*1 + 0.5*mean(q_cooking=1) = 1; knead: e = 0 + 0.5*1 = 0.5
    assert s[j["baker"]] == pytest.approx((1 + 0.5) / 2)
    e = explain_transition(t, "cook", "baker")
    knead = next(c for c in e.matched_primary if c.skill == "knead")
    assert knead.kind == "related" and knead.via in ("bake", "fry")
    assert knead.credit == pytest.approx(0.5)
    assert "knead" in e.gap


def test_no_hierarchy_no_partial_credit():
    t = tax(hierarchy_credit=0.0)
    e = explain_transition(t, "cook", "baker")
    assert e.missing_primary == ("knead",)


def test_explanation_breakdown_sums_to_score():
    t = tax(hierarchy_credit=0.3, idf=True)
    s = transition_scores(t)
    for a in t.occupation_ids:
        for b in t.occupation_ids:
            e = explain_transition(t, a, b)
            assert e.is_complete()
            assert e.score == pytest.approx(s[t.occupation_index[a], t.occupation_index[b]])


def test_gap_lists_missing_essential_first():
    t = tax()
    e = explain_transition(t, "cleaner", "cook")
    assert e.gap[:2] == ("fry", "bake") or set(e.gap[:2]) == {"fry", "bake"}
    assert e.missing_primary and not e.missing_secondary


def test_top_k_order_and_deterministic_ties():
    # b and c are equally reachable from a; tie broken by position (b first)
    rel = [
        ("a", "x", "essential"),
        ("b", "x", "essential"),
        ("c", "x", "essential"),
        ("d", "y", "essential"),
    ]
    t = build_taxonomy(rel, idf=False, hierarchy_credit=0.0)
    res = top_transitions(t, ["a"], top=3)
    assert [t.occupation_ids[i] for i in res.targets[0] if i >= 0] == ["b", "c"]
    assert res.targets[0, 2] == -1  # d has no overlap: left out
    for _ in range(3):
        again = top_transitions(t, ["a"], top=3)
        assert np.array_equal(again.targets, res.targets)


def test_self_excluded_and_scores_descending():
    t = tax(hierarchy_credit=0.5)
    res = top_transitions(t, top=10)
    for i, row in enumerate(res.targets):
        assert res.sources[i] not in row
        vals = res.scores[i][row >= 0]
        assert np.all(np.diff(vals) <= 0)


def test_transition_table_rows():
    rows = list(transition_table(tax(), top=1))
    assert {r[0] for r in rows} == {"cook", "baker", "cleaner"}
    assert all(r[2] == 1 and 0 < r[3] <= 1 for r in rows)


def test_transitions_from_has_explanations():
    out = transitions_from(tax(hierarchy_credit=0.5), "cook", top=2)
    assert [t.rank for t in out] == [1, 2]
    for t in out:
        assert t.explanation.score == pytest.approx(t.score)


def test_unknown_occupation_raises():
    with pytest.raises(UnknownOccupationError, match="nurse"):
        top_transitions(tax(), ["nurse"])


def test_bad_inputs():
    with pytest.raises(EmptyInputError):
        build_taxonomy([])
    with pytest.raises(InvalidInputError):
        build_taxonomy([("a", "x", "required")])
    with pytest.raises(UnknownSkillError):
        build_taxonomy([("a", "x", "essential")], skill_ids=["y"])
    with pytest.raises(EmptyInputError):
        SkillSpace([])


def test_max_node_size_drops_broad_groups():
    s = SkillSpace(
        ["a", "b", "c"], [("a", "G"), ("b", "G"), ("c", "G")], max_node_size=2, hierarchy_credit=0.5
    )
    assert s.credit_vector({"a": 1.0}).tolist() == [1.0, 0.0, 0.0]


def test_node_levels_matrix_matches_dense():
    s = SkillSpace(["a", "b", "c", "d"], [("a", "G"), ("b", "G"), ("c", "a")], hierarchy_credit=0.4)
    P = np.array([[0.6, 1.0, 0.0, 0.0], [0.0, 0.0, 0.85, 0.3]])
    import scipy.sparse as sp

    Q = s.node_levels_matrix(sp.csr_array(P)).toarray()
    for i in range(2):
        assert Q[i].tolist() == s.node_levels(P[i]).tolist()
