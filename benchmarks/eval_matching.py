"""Quality evaluation of the matching engine on full ESCO.

``python -m benchmarks.eval_matching`` (``make eval-matching``) writes
``docs/matching-eval.json`` with:

(a) ``isco_peer_share``: for each occupation with same-4-digit-ISCO peers, the
    share of its peers found in its top-20 transitions, capped by what fits
    (``hits / min(20, n_peers)``), averaged over occupations; for the engine
    and for the plain skill-overlap cosine baseline.  Two stricter variants are
    reported too (all ordered peer pairs; mutual top-20).
(b) ``catering_leave_sector_share``: the share of top-10 transitions from
    catering and hospitality occupations (ISCO groups in ``CATERING``) whose
    target is outside those groups.
(c) ``complete_explanation_share``: the share of results whose explanation is
    complete (breakdown adds up to the score, every credit explained, every
    constraint reported) over all top-10 transitions and a sample of person ->
    vacancy results.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from skillmatch import (
    CONSTRAINTS,
    VacancyIndex,
    cosine_top_k,
    explain_transition,
    top_transitions,
)
from skillmatch.esco import EscoBundle, load_bundle

from .engine_bench import esco_path, synthetic_people, synthetic_vacancies

ROOT = Path(__file__).resolve().parent.parent
# 3434 chefs, 5120 cooks, 5131 waiters, 5132 bartenders, 9411 fast food preparers,
# 9412 kitchen helpers, 5151 cleaning and housekeeping supervisors, 4224 hotel
# receptionists, 1411 hotel managers, 1412 restaurant managers
CATERING = ("3434", "5120", "5131", "5132", "9411", "9412", "5151", "4224", "1411", "1412")


def isco_metrics(isco: np.ndarray, top20: np.ndarray) -> dict[str, float]:
    capped = []
    hits = total = 0
    mutual = pairs = 0
    sets = [set(row[row >= 0].tolist()) for row in top20]
    for i in range(len(isco)):
        peers = np.flatnonzero(isco == isco[i])
        peers = peers[peers != i]
        if peers.size == 0:
            continue
        h = np.fromiter((p in sets[i] for p in peers), dtype=bool, count=peers.size)
        capped.append(h.sum() / min(20, peers.size))
        hits += int(h.sum())
        total += peers.size
        for j in peers[peers > i]:
            pairs += 1
            mutual += (j in sets[i]) and (i in sets[j])
    return {
        "capped_share": float(np.mean(capped)),
        "ordered_pair_share": float(hits / total),
        "mutual_pair_share": float(mutual / pairs),
    }


def catering_share(isco: np.ndarray, top10: np.ndarray) -> dict[str, Any]:
    sources = np.flatnonzero(np.isin(isco, CATERING))
    targets = top10[sources]
    valid = targets >= 0
    leave = ~np.isin(isco[np.where(valid, targets, 0)], CATERING) & valid
    return {
        "sources": int(sources.size),
        "transitions": int(valid.sum()),
        "share": float(leave.sum() / valid.sum()),
    }


def run(bundle: EscoBundle | None = None, *, people: int = 200, vacancies: int = 20_000) -> dict:
    bundle = bundle or load_bundle(esco_path())
    tax = bundle.taxonomy()
    isco = np.array([bundle.occupations[u].isco_group for u in tax.occupation_ids])
    t = time.perf_counter()
    ours = top_transitions(tax, top=20)
    secs = time.perf_counter() - t
    X = (tax.essential + tax.optional).toarray()
    base_pos, _ = cosine_top_k(X, top=20)
    groups = {g: bundle.isco_groups.get(g, "?") for g in CATERING}

    # (c) explanations: every top-10 transition, and a person -> vacancy sample
    ids = tax.occupation_ids
    complete = checked = 0
    for i, src in enumerate(ours.sources):
        for t_, score in zip(ours.targets[i, :10], ours.scores[i, :10], strict=True):
            if t_ < 0:
                break
            exp = explain_transition(tax, ids[src], ids[t_])
            checked += 1
            complete += int(exp.is_complete() and abs(exp.score - score) < 1e-9)
    trans_checked, trans_complete = checked, complete
    index = VacancyIndex(synthetic_vacancies(tax, vacancies), tax.space)
    for p in synthetic_people(tax, people):
        for m in index.match_person(p, top=20).matches:
            checked += 1
            complete += int(
                m.explanation.is_complete(constraint_names=CONSTRAINTS)
                and abs(m.explanation.score - m.score) < 1e-9
            )
    return {
        "date": dt.date.today().isoformat(),
        "esco_occupations": tax.n_occupations,
        "transition_seconds": secs,
        "isco_peer_share": {
            "definition": "per occupation: same-ISCO-4 peers in its top 20 / min(20, peers), "
            "mean over occupations with peers",
            "engine": isco_metrics(isco, ours.targets),
            "cosine_baseline": isco_metrics(isco, base_pos),
        },
        "catering_leave_sector_share": {
            "isco_groups": groups,
            "engine": catering_share(isco, ours.targets[:, :10]),
            "cosine_baseline": catering_share(isco, base_pos[:, :10]),
        },
        "complete_explanation_share": {
            "share": complete / checked,
            "results_checked": checked,
            "transitions_checked": trans_checked,
            "transitions_complete": trans_complete,
            "person_vacancy_checked": checked - trans_checked,
            "person_vacancy_complete": complete - trans_complete,
        },
    }


def main() -> None:
    result = run()
    out = ROOT / "docs" / "matching-eval.json"
    text = json.dumps(result, indent=2, default=_plain)
    out.write_text(text + "\n", encoding="utf-8")
    print(text)


def _plain(o: Any) -> Any:
    """JSON for numpy scalars."""
    return o.item() if isinstance(o, np.generic) else str(o)


if __name__ == "__main__":
    main()
