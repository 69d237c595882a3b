"""Engine on the full ESCO bundle (marked ``esco``).

Skipped when the bundle is absent locally; fails instead when ``CI == "true"``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from skillmatch import explain_transition, top_transitions, transition_table
from skillmatch.esco import load_bundle

pytestmark = pytest.mark.esco

ESCO = Path(os.environ.get("ESCO_PATH", Path(__file__).resolve().parents[3] / "shared/data/esco"))
COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"


@pytest.fixture(scope="module")
def bundle():
    if not (ESCO / "occupationSkillRelations.csv").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"ESCO bundle missing at {ESCO} in CI")
        pytest.skip(f"ESCO bundle not found at {ESCO}")
    return load_bundle(ESCO)


@pytest.fixture(scope="module")
def tax(bundle):
    return bundle.taxonomy()


def test_bundle_counts(bundle):
    assert len(bundle.occupations) == 3007
    assert len(bundle.skills) == 13896
    assert len(bundle.relations) == 123788 and bundle.skipped == 67
    assert bundle.occupations[COOK].label == "cook"
    assert bundle.occupations[COOK].label_nl


def test_cook_transitions_cross_sectors(bundle, tax):
    res = top_transitions(tax, [COOK], top=10)
    targets = [tax.occupation_ids[t] for t in res.targets[0]]
    groups = {bundle.occupations[t].isco_group for t in targets}
    assert COOK not in targets
    assert np.all(np.diff(res.scores[0]) <= 0)
    assert len(groups) > 1
    for t, s in zip(targets, res.scores[0], strict=True):
        e = explain_transition(tax, COOK, t)
        assert e.is_complete() and e.score == pytest.approx(s)


def test_transition_table_covers_all(tax):
    rows = list(transition_table(tax, top=5))
    assert len({r[0] for r in rows}) >= 3000
    assert all(1 <= r[2] <= 5 and 0 < r[3] <= 1 for r in rows)
