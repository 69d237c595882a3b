"""Cohort allocation: assign people to vacancy positions maximising total fit.

Given fit scores ``f[i, j]`` (``-inf`` or ``nan`` = not allowed, e.g. a
constraint is violated) and ``positions[j]`` open positions per vacancy, find an
assignment (each person at most once, each vacancy at most ``positions[j]``
times) that maximises the total fit ``sum f[i, j]`` over assigned pairs.

Method
------
1. *Prune*: keep each person's best ``candidates`` allowed vacancies (score
   above ``min_score``).  This bounds the problem size; it is exact whenever no
   person in an optimal solution is placed outside their top ``candidates``.
2. *Expand*: vacancy ``j`` becomes ``min(positions[j], number of candidates)``
   identical slot columns, so a position is a column of an assignment problem.
3. *Solve* a min-cost full matching with
   :func:`scipy.sparse.csgraph.min_weight_full_bipartite_matching` (sparse
   Jonker-Volgenant, the sparse counterpart of
   :func:`scipy.optimize.linear_sum_assignment`): edge cost ``2 - f`` and one
   private "unassigned" column per person with cost 2.  Every person is matched
   exactly once, so the total cost is ``2 n - total fit`` and minimising it
   maximises the total fit; not-allowed pairs have no edge at all.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from ._topk import top_k
from .exceptions import EmptyInputError, InvalidInputError

__all__ = ["Allocation", "Assignment", "Unassigned", "allocate", "greedy_allocate"]

NO_FEASIBLE = "no_feasible_vacancy"
POSITIONS_TAKEN = "positions_taken"
REASONS = {
    NO_FEASIBLE: "no vacancy fits this person's skills and constraints; "
    "look at other occupations or relax a constraint",
    POSITIONS_TAKEN: "every suitable position went to someone with a better fit; "
    "look for more vacancies or training",
}


@dataclass(frozen=True)
class Assignment:
    """A person placed on a vacancy."""

    person: Hashable
    vacancy: Hashable
    score: float


@dataclass(frozen=True)
class Unassigned:
    """A person left without a vacancy; `code` is ``"no_feasible_vacancy"`` or
    ``"positions_taken"`` and `reason` says what to do next."""

    person: Hashable
    code: str
    reason: str


@dataclass(frozen=True)
class Allocation:
    """Result of :func:`allocate` / :func:`greedy_allocate`."""

    assignments: list[Assignment]
    unassigned: list[Unassigned]

    @property
    def total_score(self) -> float:
        """Sum of the scores of all assignments."""
        return float(sum(a.score for a in self.assignments))


def _validate(
    scores: np.ndarray,
    positions: Sequence[int] | np.ndarray,
    min_score: float,
    person_ids: Sequence[Hashable] | None,
    vacancy_ids: Sequence[Hashable] | None,
) -> tuple[np.ndarray, np.ndarray, list[Hashable], list[Hashable], np.ndarray]:
    f = np.array(scores, dtype=float, copy=True)
    if f.ndim != 2:
        raise InvalidInputError("scores must be a 2-D array (people x vacancies)")
    n, m = f.shape
    if n == 0:
        raise EmptyInputError("no people to allocate; select a group with at least one person")
    if m == 0:
        raise EmptyInputError("no vacancies to allocate to; add vacancies for the region first")
    pos = np.asarray(positions, dtype=np.int64)
    if pos.shape != (m,) or (pos < 0).any():
        raise InvalidInputError("positions must be one non-negative integer per vacancy")
    pids: list[Hashable] = list(range(n)) if person_ids is None else list(person_ids)
    vids: list[Hashable] = list(range(m)) if vacancy_ids is None else list(vacancy_ids)
    if len(pids) != n or len(vids) != m:
        raise InvalidInputError("person_ids / vacancy_ids do not match the scores' shape")
    allowed: np.ndarray = np.isfinite(f) & (f > min_score) & (pos > 0)[None, :]
    f[~allowed] = -np.inf
    return f, pos, pids, vids, allowed


def allocate(
    scores: np.ndarray,
    positions: Sequence[int] | np.ndarray,
    *,
    candidates: int = 20,
    min_score: float = 0.0,
    person_ids: Sequence[Hashable] | None = None,
    vacancy_ids: Sequence[Hashable] | None = None,
) -> Allocation:
    """Maximum-total-fit assignment respecting positions (module docstring).

    Parameters
    ----------
    scores : ndarray, shape (n_people, n_vacancies)
        Fit scores; ``-inf``/``nan`` (or ``<= min_score``) = not allowed.
    positions : sequence of int, shape (n_vacancies,)
    candidates : int
        Vacancies kept per person before solving.
    min_score : float
    person_ids, vacancy_ids : sequence, optional
        Labels for the result (default: positions).

    Returns
    -------
    Allocation
        Assignments ordered by person; the unassigned with a reason.

    Raises
    ------
    EmptyInputError
        If there are no people or no vacancies.
    InvalidInputError
        On inconsistent shapes or negative positions.

    Examples
    --------
    Greedy would give vacancy 0 to person 0 (0.9) and leave person 1 without
    work; the optimum moves person 0 to vacancy 1:

    >>> f = np.array([[0.9, 0.8], [0.85, -np.inf]])
    >>> res = allocate(f, [1, 1])
    >>> [(a.person, a.vacancy) for a in res.assignments], round(res.total_score, 2)
    ([(0, 1), (1, 0)], 1.65)
    >>> greedy_allocate(f, [1, 1]).total_score
    0.9
    """
    f, pos, pids, vids, allowed = _validate(scores, positions, min_score, person_ids, vacancy_ids)
    n, m = f.shape
    cand, vals = top_k(f, max(1, candidates))
    keep = cand >= 0
    rows = np.repeat(np.arange(n), keep.sum(axis=1))
    cols = cand[keep]
    fit = vals[keep]
    demand = np.bincount(cols, minlength=m)
    cap = np.minimum(pos, demand)
    base = np.concatenate(([0], np.cumsum(cap)))
    n_slots = int(base[-1])
    reps = cap[cols]
    e_rows = np.repeat(rows, reps)
    offs = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    e_cols = np.repeat(base[cols], reps) + offs
    e_cost = np.repeat(2.0 - fit, reps)
    all_rows = np.concatenate([e_rows, np.arange(n)])
    all_cols = np.concatenate([e_cols, n_slots + np.arange(n)])
    all_cost = np.concatenate([e_cost, np.full(n, 2.0)])
    graph = sp.csr_array((all_cost, (all_rows, all_cols)), shape=(n, n_slots + n))
    r, c = min_weight_full_bipartite_matching(graph)
    slot_vac = np.repeat(np.arange(m), cap)
    assignments: list[Assignment] = []
    unassigned: list[Unassigned] = []
    has_option: np.ndarray = np.asarray(allowed.any(axis=1))
    for i, col in zip(r.tolist(), c.tolist(), strict=True):
        if col < n_slots:
            j = int(slot_vac[col])
            assignments.append(Assignment(pids[i], vids[j], float(f[i, j])))
        else:
            code = POSITIONS_TAKEN if has_option[i] else NO_FEASIBLE
            unassigned.append(Unassigned(pids[i], code, REASONS[code]))
    return Allocation(assignments, unassigned)


def greedy_allocate(
    scores: np.ndarray,
    positions: Sequence[int] | np.ndarray,
    *,
    min_score: float = 0.0,
    person_ids: Sequence[Hashable] | None = None,
    vacancy_ids: Sequence[Hashable] | None = None,
) -> Allocation:
    """Greedy reference: take pairs by descending score while capacity lasts.

    Ties go to the lower person, then the lower vacancy position.  Used in tests
    and benchmarks to show what the optimal :func:`allocate` gains.
    """
    f, pos, pids, vids, allowed = _validate(scores, positions, min_score, person_ids, vacancy_ids)
    i_idx, j_idx = np.nonzero(allowed)
    order = np.lexsort((j_idx, i_idx, -f[i_idx, j_idx]))
    left = pos.copy()
    done = np.zeros(f.shape[0], dtype=bool)
    out: dict[int, Assignment] = {}
    for i, j in zip(i_idx[order].tolist(), j_idx[order].tolist(), strict=True):
        if not done[i] and left[j] > 0:
            done[i] = True
            left[j] -= 1
            out[i] = Assignment(pids[i], vids[j], float(f[i, j]))
    has_option: np.ndarray = np.asarray(allowed.any(axis=1))
    unassigned = []
    for i in range(f.shape[0]):
        if not done[i]:
            code = POSITIONS_TAKEN if has_option[i] else NO_FEASIBLE
            unassigned.append(Unassigned(pids[i], code, REASONS[code]))
    return Allocation([out[i] for i in sorted(out)], unassigned)
