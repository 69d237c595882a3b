"""Occupation -> occupation transitions scored on what carries over.

Score
-----
The transition score from source ``s`` to target ``t`` is the share of the
target's requirements that a worker in the source covers:

.. math:: \\mathrm{score}(s \\to t) = \\frac{\\sum_k r_{tk}\\, e_{sk}}{\\sum_k r_{tk}}

with ``r`` the requirement weights of :mod:`skillmatch.taxonomy` and ``e_s`` the
credit (:mod:`skillmatch.skills`) of the source's holdings.  It is in ``[0, 1]``,
asymmetric (a broad source covering a narrow target scores higher than the
reverse) and uses neither job titles nor the ISCO group.

For all sources at once the numerator is two sparse products,
``(1 - lambda) * H @ R.T + lambda * Q @ (R @ M).T`` with ``H`` the holdings,
``Q`` their node levels and ``M`` the row-normalised skill x node membership.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ._topk import top_k
from .exceptions import EmptyInputError, InvalidInputError
from .explain import EXACT, RELATED, Explanation, ScorePart, SkillCredit
from .taxonomy import Taxonomy

__all__ = [
    "Transition",
    "TransitionResult",
    "explain_transition",
    "top_transitions",
    "transition_scores",
    "transition_table",
    "transitions_from",
]


@dataclass(frozen=True)
class Transition:
    """One ranked target occupation for a source, with its explanation."""

    source: Hashable
    target: Hashable
    rank: int
    score: float
    explanation: Explanation


@dataclass(frozen=True)
class TransitionResult:
    """Top-k targets for many sources (positions into ``taxonomy.occupation_ids``).

    Attributes
    ----------
    sources : ndarray of int64, shape (m,)
    targets : ndarray of int64, shape (m, k)
        ``-1`` where a source has fewer than k targets with a positive score.
    scores : ndarray of float64, shape (m, k)
    """

    sources: np.ndarray
    targets: np.ndarray
    scores: np.ndarray


def _numerator(tax: Taxonomy, rows: np.ndarray) -> np.ndarray:
    space = tax.space
    lam = space.hierarchy_credit
    R = tax.requirements
    H = tax.holdings[rows]
    num = (1.0 - lam) * (H @ R.T)
    if lam > 0:
        Q = space.node_levels_matrix(H)
        RM = sp.csr_array(R @ space.membership_mean)
        num = num + lam * (Q @ RM.T)
    return np.asarray(sp.csr_array(num).toarray())


def transition_scores(tax: Taxonomy, sources: Iterable[Hashable] | None = None) -> np.ndarray:
    """Dense matrix of transition scores (module docstring).

    Parameters
    ----------
    tax : Taxonomy
    sources : iterable of occupation ids, optional
        Rows of the result; all occupations by default.

    Returns
    -------
    ndarray of float64, shape (n_sources, n_occupations)
        Entry ``[i, j]`` is the score from ``sources[i]`` to occupation ``j``
        The diagonal of the full matrix is below 1 when an occupation has
        optional skills, since its workers hold those at level ``source_optional``.

    Examples
    --------
    The cook covers half of the cleaner's single requirement (the cook holds
    "clean" only as an optional skill, level 0.5); the cleaner covers
    ``0.5 / 1.5`` of the cook's requirements.

    >>> from skillmatch import build_taxonomy
    >>> tax = build_taxonomy([("cook", "fry", "essential"), ("cook", "clean", "optional"),
    ...                       ("cleaner", "clean", "essential")],
    ...                      idf=False, hierarchy_credit=0.0)
    >>> transition_scores(tax).round(4).tolist()
    [[0.8333, 0.5], [0.3333, 1.0]]
    """
    rows = np.arange(tax.n_occupations) if sources is None else tax.positions(sources)
    den = np.asarray(tax.requirements.sum(axis=1)).ravel()
    num = _numerator(tax, rows)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)
    return np.minimum(out, 1.0)


def top_transitions(
    tax: Taxonomy,
    sources: Iterable[Hashable] | None = None,
    *,
    top: int = 50,
    min_score: float = 0.0,
    chunk_size: int = 1024,
) -> TransitionResult:
    """Top `top` targets per source, best first, excluding the source itself.

    Ties are broken by the target's position in the taxonomy, so the result is
    deterministic.  Targets scoring ``<= min_score`` are left out (``-1``).

    Raises
    ------
    InvalidInputError
        If `top` < 1.
    UnknownOccupationError
        If a source is not in the taxonomy.

    Examples
    --------
    >>> from skillmatch import build_taxonomy
    >>> tax = build_taxonomy([("a", "x", "essential"), ("b", "x", "essential"),
    ...                       ("b", "y", "essential"), ("c", "y", "essential")], idf=False,
    ...                      hierarchy_credit=0.0)
    >>> res = top_transitions(tax, ["b"], top=2)
    >>> [tax.occupation_ids[t] for t in res.targets[0]], res.scores[0].tolist()
    (['a', 'c'], [1.0, 1.0])
    """
    if top < 1:
        raise InvalidInputError("top must be at least 1")
    rows = np.arange(tax.n_occupations) if sources is None else tax.positions(sources)
    den = np.asarray(tax.requirements.sum(axis=1)).ravel()
    safe = np.where(den > 0, den, 1.0)
    targets: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    for start in range(0, len(rows), chunk_size):
        part = rows[start : start + chunk_size]
        s = np.minimum(_numerator(tax, part) / safe, 1.0)
        s[:, den <= 0] = -np.inf
        s[s <= min_score] = -np.inf
        s[np.arange(len(part)), part] = -np.inf
        t, v = top_k(s, top)
        targets.append(t)
        scores.append(v)
    k = min(top, tax.n_occupations)
    return TransitionResult(
        sources=rows,
        targets=np.vstack(targets) if targets else np.empty((0, k), dtype=np.int64),
        scores=np.vstack(scores) if scores else np.empty((0, k)),
    )


def transition_table(
    tax: Taxonomy, *, top: int = 50, min_score: float = 0.0
) -> Iterator[tuple[Hashable, Hashable, int, float]]:
    """Rows ``(source_uri, target_uri, rank, score)`` for every occupation.

    Suitable for a CSV with header ``source_uri,target_uri,rank,score``; ranks
    start at 1; scores are rounded to 6 decimals.

    Examples
    --------
    >>> from skillmatch import build_taxonomy
    >>> tax = build_taxonomy([("a", "x", "essential"), ("b", "x", "essential"),
    ...                       ("b", "y", "essential")], idf=False, hierarchy_credit=0.0)
    >>> list(transition_table(tax, top=5))
    [('a', 'b', 1, 0.5), ('b', 'a', 1, 1.0)]
    """
    res = top_transitions(tax, top=top, min_score=min_score)
    ids = tax.occupation_ids
    for i, src in enumerate(res.sources):
        for rank, (t, v) in enumerate(zip(res.targets[i], res.scores[i], strict=True), 1):
            if t < 0:
                break
            yield ids[src], ids[t], rank, round(float(v), 6)


def explain_transition(tax: Taxonomy, source: Hashable, target: Hashable) -> Explanation:
    """Explain the score of ``source -> target``.

    ``matched_primary`` / ``missing_primary`` refer to the target's essential
    skills, ``*_secondary`` to its optional skills.  The breakdown has four
    parts, ``essential_exact``, ``essential_related``, ``optional_exact`` and
    ``optional_related``, that add up to the score; credits are ordered by
    weight (largest first) then skill position.

    Examples
    --------
    >>> from skillmatch import build_taxonomy
    >>> tax = build_taxonomy([("cook", "fry", "essential"), ("cook", "clean", "optional"),
    ...                       ("cleaner", "clean", "essential")],
    ...                      idf=False, hierarchy_credit=0.0)
    >>> e = explain_transition(tax, "cleaner", "cook")
    >>> e.missing_primary, [c.skill for c in e.matched_secondary], round(e.score, 4)
    (('fry',), ['clean'], 0.3333)
    """
    s, t = (int(i) for i in tax.positions([source, target]))
    space = tax.space
    h = np.asarray(tax.holdings[[s]].toarray()).ravel()
    e = space.credit_vector(h)
    req = tax.requirements
    den = float(req[[t]].sum())
    if den <= 0:
        raise EmptyInputError(f"occupation {target!r} has no skill requirements to compare with")
    ids = space.skill_ids
    parts = {
        "essential_exact": 0.0,
        "essential_related": 0.0,
        "optional_exact": 0.0,
        "optional_related": 0.0,
    }
    out: dict[str, list[SkillCredit]] = {"essential": [], "optional": []}
    missing: dict[str, list[Hashable]] = {"essential": [], "optional": []}
    for label, rel in (("essential", tax.essential), ("optional", tax.optional)):
        cols = rel.indices[rel.indptr[t] : rel.indptr[t + 1]]
        w = np.asarray(req[[t]][:, cols].toarray()).ravel() / den if cols.size else np.empty(0)
        for k in cols[np.lexsort((cols, -w))] if cols.size else cols:
            wk = float(req[t, k]) / den
            ek = float(min(e[k], 1.0))
            if ek <= 0:
                missing[label].append(ids[k])
                continue
            if h[k] > 0:
                kind, via = EXACT, None
            else:
                j = space.related_holder_skill(h, int(k))
                kind, via = RELATED, (ids[j] if j is not None else None)
            out[label].append(SkillCredit(ids[k], ek, kind, via, wk))
            parts[f"{label}_{kind}"] += wk * ek
    score = float(sum(parts.values()))
    return Explanation(
        score=score,
        matched_primary=tuple(out["essential"]),
        matched_secondary=tuple(out["optional"]),
        missing_primary=tuple(missing["essential"]),
        missing_secondary=tuple(missing["optional"]),
        constraints=(),
        breakdown=tuple(ScorePart(n, v) for n, v in parts.items()),
    )


def transitions_from(
    tax: Taxonomy, source: Hashable, *, top: int = 10, min_score: float = 0.0
) -> list[Transition]:
    """Ranked, explained transitions for one source occupation.

    Examples
    --------
    >>> from skillmatch import build_taxonomy
    >>> tax = build_taxonomy([("a", "x", "essential"), ("b", "x", "essential"),
    ...                       ("b", "y", "essential")], idf=False, hierarchy_credit=0.0)
    >>> [(t.target, t.rank, t.score) for t in transitions_from(tax, "a")]
    [('b', 1, 0.5)]
    """
    res = top_transitions(tax, [source], top=top, min_score=min_score)
    out = []
    for rank, (t, v) in enumerate(zip(res.targets[0], res.scores[0], strict=True), 1):
        if t < 0:
            break
        target = tax.occupation_ids[t]
        exp = explain_transition(tax, source, target)
        out.append(Transition(source, target, rank, float(v), exp))
    return out
