"""Person -> vacancies and vacancy -> people, with an explanation for every result.

Score
-----
A person holds skills at a level set by the evidence (``self_declared`` 0.6,
``confirmed`` 0.85, ``certified`` 1.0 by default); the credit ``e_k`` for each
skill follows :mod:`skillmatch.skills` (partial credit through the hierarchy).
A vacancy lists *must* skills and *nice* skills; each list weighs its skills
equally.  The skill score is

.. math:: \\mathrm{skill} = w_m \\cdot \\frac{1}{|must|} \\sum_{k \\in must} e_k
                        + w_n \\cdot \\frac{1}{|nice|} \\sum_{k \\in nice} e_k

with ``w_m = 0.8`` and ``w_n = 0.2`` (when a vacancy has only one of the lists,
that list gets weight 1).  Constraints (:mod:`skillmatch.constraints`) are either
*filters* (a violated pair is left out) or *penalties* (a fixed number of points
per violated constraint is subtracted); the final score is

.. math:: \\mathrm{score} = \\max(0,\\ \\mathrm{skill} - \\sum \\mathrm{penalties})

and in the explanation the penalties are applied in the order of
:data:`~skillmatch.constraints.CONSTRAINTS`, each capped at what is left, so the
breakdown parts add up to the score exactly.  Pairs with a skill score of 0 (no
skill in common, not even a related one) are never returned.

Top-k search
------------
Since ``score <= skill``, the index takes the ``C`` best skill scores, applies
the constraints to those only, and accepts the top ``k`` when the ``k``-th final
score beats the ``(C+1)``-th skill score; otherwise it retries with ``8 C``
candidates.  The result is exact, and ties are broken by the lower position.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from .constraints import (
    CONSTRAINTS,
    EARTH_RADIUS_KM,
    Vocabulary,
    evaluate,
    haversine_km,
    lifted,
    unit_vectors,
)
from .exceptions import EmptyInputError, InvalidInputError, UnknownIdError, UnknownSkillError
from .explain import EXACT, RELATED, ConstraintCheck, Explanation, ScorePart, SkillCredit
from .skills import SkillSpace

__all__ = [
    "DEFAULT_EVIDENCE",
    "BatchMatches",
    "Match",
    "MatchConfig",
    "MatchResult",
    "Person",
    "PersonIndex",
    "Vacancy",
    "VacancyIndex",
]

ROUND = 12  # decimals kept in scores, so every code path ranks ties identically
DEFAULT_EVIDENCE: dict[str, float] = {"self_declared": 0.6, "confirmed": 0.85, "certified": 1.0}
FILTER = "filter"
PENALTY = "penalty"


@dataclass(frozen=True)
class Person:
    """A person looking for work.

    Attributes
    ----------
    id : hashable
    skills : mapping skill -> evidence
        Evidence is a name in ``MatchConfig.evidence_weights`` or a level in ``(0, 1]``.
    min_hours : float, optional
        Minimum hours per week.
    max_distance_km : float, optional
        Maximum travel distance (needs `location` or a known `postcode`).
    location : (lat, lon), optional
    postcode : str, optional
        Looked up in the index's ``postcodes`` table when `location` is missing.
    min_wage_band : int, optional
        Lowest acceptable wage band index.
    contract_types : frozenset of str, optional
        Accepted contract types (None: any).
    shifts : frozenset of str, optional
        Acceptable shifts (None: any).
    """

    id: Hashable
    skills: Mapping[Hashable, str | float]
    min_hours: float | None = None
    max_distance_km: float | None = None
    location: tuple[float, float] | None = None
    postcode: str | None = None
    min_wage_band: int | None = None
    contract_types: frozenset[str] | None = None
    shifts: frozenset[str] | None = None


@dataclass(frozen=True)
class Vacancy:
    """A vacancy.

    Attributes
    ----------
    id : hashable
    must : sequence of skill ids
        Required skills (dominant in the score).
    nice : sequence of skill ids
        Wanted skills; a skill in both lists counts as must.
    hours : float, optional
        Hours per week.
    wage_band : int, optional
    contract_type : str, optional
    location : (lat, lon), optional
    postcode : str, optional
    shifts : frozenset of str
        Shifts the job involves (empty: not stated).
    positions : int
        Open positions (used by cohort allocation).
    """

    id: Hashable
    must: Sequence[Hashable]
    nice: Sequence[Hashable] = ()
    hours: float | None = None
    wage_band: int | None = None
    contract_type: str | None = None
    location: tuple[float, float] | None = None
    postcode: str | None = None
    shifts: frozenset[str] = frozenset()
    positions: int = 1


def _default_modes() -> dict[str, str]:
    return {
        "hours": PENALTY,
        "wage": PENALTY,
        "distance": FILTER,
        "contract": PENALTY,
        "shifts": PENALTY,
    }


def _default_penalties() -> dict[str, float]:
    return {"hours": 0.10, "wage": 0.10, "distance": 0.20, "contract": 0.10, "shifts": 0.15}


@dataclass(frozen=True)
class MatchConfig:
    """Weights and constraint handling.

    Attributes
    ----------
    must_weight, nice_weight : float
        ``w_m`` and ``w_n`` (module docstring); must sum to 1, must >= nice.
    evidence_weights : dict
        Evidence name -> possession level in ``(0, 1]``.
    constraint_modes : dict
        Constraint name -> ``"filter"`` or ``"penalty"``.
    penalties : dict
        Constraint name -> points subtracted when violated in penalty mode.
    """

    must_weight: float = 0.8
    nice_weight: float = 0.2
    evidence_weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_EVIDENCE))
    constraint_modes: Mapping[str, str] = field(default_factory=_default_modes)
    penalties: Mapping[str, float] = field(default_factory=_default_penalties)

    def __post_init__(self) -> None:
        if (
            abs(self.must_weight + self.nice_weight - 1) > 1e-9
            or self.nice_weight > self.must_weight
        ):
            raise InvalidInputError("must_weight + nice_weight must be 1 with must >= nice")
        for name in CONSTRAINTS:
            if self.constraint_modes.get(name) not in (FILTER, PENALTY):
                raise InvalidInputError(
                    f"constraint mode for {name!r} must be 'filter' or 'penalty'"
                )
            if not 0 <= self.penalties.get(name, -1) <= 1:
                raise InvalidInputError(f"penalty for {name!r} must be in [0, 1]")
        for name, level in self.evidence_weights.items():
            if not 0 < level <= 1:
                raise InvalidInputError(f"evidence level {name!r} must be in (0, 1]")

    def level(self, evidence: str | float) -> float:
        """Possession level for one piece of evidence."""
        if isinstance(evidence, str):
            try:
                return float(self.evidence_weights[evidence])
            except KeyError:
                known = sorted(self.evidence_weights)
                raise InvalidInputError(
                    f"unknown evidence level {evidence!r}; use one of {known}"
                ) from None
        level = float(evidence)
        if not 0 < level <= 1:
            raise InvalidInputError("a numeric evidence level must be in (0, 1]")
        return level


@dataclass(frozen=True)
class Match:
    """One ranked result: the other side's id and position, score and explanation."""

    id: Hashable
    position: int
    rank: int
    score: float
    explanation: Explanation


@dataclass(frozen=True)
class MatchResult:
    """Ranked matches; when empty, `reason` says why and what to do next."""

    matches: list[Match]
    reason: str | None = None


@dataclass(frozen=True)
class BatchMatches:
    """Top-k vacancies for many people (no explanations; see :meth:`VacancyIndex.explain`).

    Attributes
    ----------
    person_ids : list
    positions : ndarray of int64, shape (n_people, k)
        Vacancy positions, ``-1`` padded.
    scores : ndarray of float64, shape (n_people, k)
    """

    person_ids: list[Hashable]
    positions: np.ndarray
    scores: np.ndarray


def _normalise_postcode(pc: str) -> str:
    return "".join(pc.split()).upper()


def _locate(
    location: tuple[float, float] | None,
    postcode: str | None,
    postcodes: Mapping[str, tuple[float, float]] | None,
) -> tuple[float, float]:
    if location is not None:
        return float(location[0]), float(location[1])
    if postcode and postcodes:
        pc = _normalise_postcode(postcode)
        for key in (pc, pc[:4]):
            if key in postcodes:
                lat, lon = postcodes[key]
                return float(lat), float(lon)
    return float("nan"), float("nan")


class _Side:
    """Shared encoding of people and vacancies (skills and constraint attributes)."""

    def __init__(
        self,
        space: SkillSpace,
        config: MatchConfig,
        postcodes: Mapping[str, tuple[float, float]] | None,
    ) -> None:
        self.space = space
        self.config = config
        self.contracts = Vocabulary()
        self.shifts = Vocabulary()
        self.postcodes = {_normalise_postcode(k): v for k, v in (postcodes or {}).items()}

    # -- people ---------------------------------------------------------
    def person_levels(self, person: Person) -> dict[Hashable, float]:
        if not person.skills:
            raise EmptyInputError(
                f"person {person.id!r} has no skills; add skills to the passport before matching"
            )
        return {s: self.config.level(ev) for s, ev in person.skills.items()}

    def person_attrs(self, people: Sequence[Person]) -> dict[str, np.ndarray]:
        n = len(people)
        a = {
            "min_hours": np.full(n, np.nan),
            "min_wage": np.full(n, -1, dtype=np.int64),
            "max_km": np.full(n, np.nan),
            "lat": np.full(n, np.nan),
            "lon": np.full(n, np.nan),
            "contract": np.zeros(n, dtype=np.int64),
            "contract_set": np.zeros(n, dtype=bool),
            "shifts": np.zeros(n, dtype=np.int64),
            "shifts_set": np.zeros(n, dtype=bool),
        }
        for i, p in enumerate(people):
            if p.min_hours is not None:
                a["min_hours"][i] = p.min_hours
            if p.min_wage_band is not None:
                a["min_wage"][i] = p.min_wage_band
            if p.max_distance_km is not None:
                a["max_km"][i] = p.max_distance_km
            a["lat"][i], a["lon"][i] = _locate(p.location, p.postcode, self.postcodes)
            if p.contract_types is not None:
                a["contract"][i] = self.contracts.mask(sorted(p.contract_types))
                a["contract_set"][i] = True
            if p.shifts is not None:
                a["shifts"][i] = self.shifts.mask(sorted(p.shifts))
                a["shifts_set"][i] = True
        return a

    def people_matrix(self, people: Sequence[Person]) -> sp.csr_array:
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for i, p in enumerate(people):
            levels = self.person_levels(p)
            pos = self.space.positions(levels)
            rows.extend([i] * len(pos))
            cols.extend(pos.tolist())
            vals.extend(levels.values())
        m = sp.csr_array(
            sp.coo_array((vals, (rows, cols)), shape=(len(people), self.space.n_skills))
        )
        m.sort_indices()
        return m

    # -- vacancies ------------------------------------------------------
    def vacancy_weights(self, v: Vacancy) -> tuple[np.ndarray, np.ndarray, float, float]:
        index = self.space.index
        unknown = [s for s in (*v.must, *v.nice) if s not in index]
        if unknown:
            raise UnknownSkillError(unknown)
        must_set = {index[s] for s in v.must}
        must = np.fromiter(sorted(must_set), dtype=np.int64, count=len(must_set))
        nice_l = sorted({index[s] for s in v.nice} - must_set)
        nice = np.asarray(nice_l, dtype=np.int64)
        if must.size and nice.size:
            wm, wn = self.config.must_weight, self.config.nice_weight
        else:
            wm, wn = float(must.size > 0), float(nice.size > 0)
        return must, nice, wm, wn

    def vacancy_attrs(self, vacancies: Sequence[Vacancy]) -> dict[str, np.ndarray]:
        n = len(vacancies)
        a = {
            "hours": np.full(n, np.nan),
            "wage": np.full(n, -1, dtype=np.int64),
            "lat": np.full(n, np.nan),
            "lon": np.full(n, np.nan),
            "contract": np.zeros(n, dtype=np.int64),
            "shifts": np.zeros(n, dtype=np.int64),
        }
        for i, v in enumerate(vacancies):
            if v.hours is not None:
                a["hours"][i] = v.hours
            if v.wage_band is not None:
                a["wage"][i] = v.wage_band
            a["lat"][i], a["lon"][i] = _locate(v.location, v.postcode, self.postcodes)
            if v.contract_type is not None:
                a["contract"][i] = self.contracts.bit(v.contract_type)
            if v.shifts:
                a["shifts"][i] = self.shifts.mask(sorted(v.shifts))
        return a

    # -- scoring --------------------------------------------------------
    def final(
        self, pa: Mapping[str, np.ndarray], va: Mapping[str, np.ndarray], skill: np.ndarray
    ) -> np.ndarray:
        """Final scores (``-inf`` = excluded) for broadcast attribute arrays."""
        cfg = self.config
        checks = evaluate(pa, va)
        pen = np.zeros(skill.shape)
        ok = skill > 0
        for name in CONSTRAINTS:
            violated = np.broadcast_to(checks[name][1], skill.shape)
            if cfg.constraint_modes[name] == FILTER:
                ok = ok & ~violated
            else:
                pen = pen + violated * cfg.penalties[name]
        skill = np.round(skill, ROUND)
        return np.where(ok, np.round(np.maximum(skill - pen, 0.0), ROUND), -np.inf)

    def explain(
        self,
        person: Person,
        pa: Mapping[str, np.ndarray],
        vacancy: Vacancy,
        va: Mapping[str, np.ndarray],
    ) -> Explanation:
        """Explanation of one pair; `pa`/`va` are length-1 attribute arrays."""
        return self.explain_many([person], pa, [vacancy], va)[0]

    def explain_many(
        self,
        people: Sequence[Person],
        pa: Mapping[str, np.ndarray],
        vacancies: Sequence[Vacancy],
        va: Mapping[str, np.ndarray],
    ) -> list[Explanation]:
        """Explanations for pairs; one side may have length 1 (it broadcasts)."""
        space = self.space
        checks = evaluate(pa, va)
        km = haversine_km(pa["lat"], pa["lon"], va["lat"], va["lon"])
        n = max(len(people), len(vacancies))
        cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        out = []
        for i in range(n):
            person = people[i if len(people) > 1 else 0]
            vacancy = vacancies[i if len(vacancies) > 1 else 0]
            key = id(person)
            if key not in cache:
                p = space.dense(self.person_levels(person), on_unknown="raise")
                cache[key] = (p, space.credit_vector(p))
            p, e = cache[key]
            out.append(self._explain_pair(person, p, e, vacancy, checks, float(km[i]), i))
        return out

    def _explain_pair(
        self,
        person: Person,
        p: np.ndarray,
        e: np.ndarray,
        vacancy: Vacancy,
        checks: Mapping[str, tuple[np.ndarray, np.ndarray]],
        km: float,
        i: int,
    ) -> Explanation:
        space = self.space
        cfg = self.config
        must, nice, wm, wn = self.vacancy_weights(vacancy)
        ids = space.skill_ids
        parts: dict[str, float] = {
            "must_exact": 0.0,
            "must_related": 0.0,
            "nice_exact": 0.0,
            "nice_related": 0.0,
        }
        lists: dict[str, list[SkillCredit]] = {"must": [], "nice": []}
        missing: dict[str, list[Hashable]] = {"must": [], "nice": []}
        for label, cols, w in (("must", must, wm), ("nice", nice, wn)):
            for k in cols:
                ek = float(min(e[k], 1.0))
                if ek <= 0:
                    missing[label].append(ids[k])
                    continue
                if p[k] > 0:
                    kind, via = EXACT, None
                else:
                    j = space.related_holder_skill(p, int(k))
                    kind, via = RELATED, (ids[j] if j is not None else None)
                share = 1.0 / len(cols)
                lists[label].append(SkillCredit(ids[k], ek, kind, via, share))
                parts[f"{label}_{kind}"] += w * share * ek
        skill = sum(parts.values())
        remaining = skill
        feasible = skill > 0
        constraint_rows = []
        penalties: list[ScorePart] = []
        for name in CONSTRAINTS:
            checked = bool(np.broadcast_to(checks[name][0], km_shape(checks)).ravel()[i])
            violated = bool(np.broadcast_to(checks[name][1], km_shape(checks)).ravel()[i])
            required, offered = _constraint_values(name, person, vacancy, km)
            if required is None:
                status = "not_set"
            elif not checked:
                status = "unknown"
            else:
                status = "violated" if violated else "met"
            mode = cfg.constraint_modes[name]
            applied = 0.0
            if violated and mode == FILTER:
                feasible = False
            elif violated:
                applied = min(cfg.penalties[name], remaining)
                remaining -= applied
                penalties.append(ScorePart(f"penalty_{name}", -applied))
            constraint_rows.append(ConstraintCheck(name, status, required, offered, mode, applied))
        breakdown = tuple(ScorePart(n, v) for n, v in parts.items()) + tuple(penalties)
        return Explanation(
            score=float(sum(x.value for x in breakdown)),
            matched_primary=tuple(lists["must"]),
            matched_secondary=tuple(lists["nice"]),
            missing_primary=tuple(missing["must"]),
            missing_secondary=tuple(missing["nice"]),
            constraints=tuple(constraint_rows),
            breakdown=breakdown,
            feasible=feasible,
        )


def km_shape(checks: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> tuple[int, ...]:
    """Common broadcast shape of all constraint checks."""
    return np.broadcast_shapes(*(np.shape(c) for pair in checks.values() for c in pair))


def _constraint_values(
    name: str, person: Person, vacancy: Vacancy, km: float
) -> tuple[object, object]:
    if name == "hours":
        return person.min_hours, vacancy.hours
    if name == "wage":
        return person.min_wage_band, vacancy.wage_band
    if name == "distance":
        return person.max_distance_km, (None if np.isnan(km) else round(km, 1))
    if name == "contract":
        req = None if person.contract_types is None else tuple(sorted(person.contract_types))
        return req, vacancy.contract_type
    req = None if person.shifts is None else tuple(sorted(person.shifts))
    return req, (tuple(sorted(vacancy.shifts)) or None)


def _take(attrs: Mapping[str, np.ndarray], idx: np.ndarray) -> dict[str, np.ndarray]:
    return {k: v[idx] for k, v in attrs.items()}


def _select(
    skill: np.ndarray | sp.csr_array,
    final_fn: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
    top: int,
    row_filter: Callable[[int, np.ndarray], np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-k of ``final_fn`` given the upper bound ``skill`` (module docstring).

    ``row_filter(row, positions)``, if given, returns False for positions that
    are surely excluded (it must never drop a pair ``final_fn`` would keep).
    ``final_fn(rows, cand, skill_at_cand)`` returns final scores for the
    candidate positions ``cand`` (shape rows x C) of the rows ``rows``.
    """
    m, n = skill.shape
    k = min(top, n)
    sparse = sp.issparse(skill)
    data: Any = getattr(skill, "data", None)
    indices: Any = getattr(skill, "indices", None)
    indptr: Any = getattr(skill, "indptr", None)
    out_pos = np.full((m, k), -1, dtype=np.int64)
    out_val = np.full((m, k), -np.inf)
    todo = np.arange(m)
    c = min(n, max(32 * k, 256))
    while todo.size:
        cand = np.zeros((todo.size, c), dtype=np.int64)
        sk = np.full((todo.size, c), -np.inf)
        bound = np.full(todo.size, -np.inf)
        for r, row in enumerate(todo):
            if sparse:
                lo, hi = indptr[row], indptr[row + 1]
                vals = data[lo:hi]
                valid = indices[lo:hi][vals > 0].astype(np.int64)
                vals = vals[vals > 0]
            else:
                dense_row: np.ndarray = np.asarray(skill[row])
                valid = np.flatnonzero(dense_row > 0)  # skill <= 0 is never returned
                vals = dense_row[valid]
            if row_filter is not None:
                keep = row_filter(int(row), valid)
                valid, vals = valid[keep], vals[keep]
            if valid.size > c:
                part = np.argpartition(vals, valid.size - c - 1)[valid.size - c - 1 :]
                bound[r] = round(float(vals[part[0]]), ROUND)
                valid, vals = valid[part[1:]], vals[part[1:]]
            cand[r, : valid.size] = valid
            sk[r, : valid.size] = vals
        fin = final_fn(todo, cand, sk)
        # best first; ties broken by the lower position (not the candidate order)
        order = np.lexsort((cand, -fin), axis=1)[:, :k]
        vals2 = np.take_along_axis(fin, order, axis=1)
        pos = np.where(np.isfinite(vals2), np.take_along_axis(cand, order, axis=1), -1)
        kth = vals2[:, -1] if vals2.shape[1] == k else np.full(todo.size, -np.inf)
        done = (kth > bound) | (bound <= 0)
        out_pos[todo[done], : pos.shape[1]] = pos[done]
        out_val[todo[done], : vals2.shape[1]] = vals2[done]
        todo = todo[~done]
        c = min(n, c * 8)
    return out_pos, out_val


class VacancyIndex:
    """Vacancies prepared for fast matching from the person's side.

    Parameters
    ----------
    vacancies : sequence of Vacancy
    space : SkillSpace
    config : MatchConfig, optional
    postcodes : mapping postcode -> (lat, lon), optional
        Used for people and vacancies given a postcode but no location; full
        postcodes ("5211AB") and 4-digit ones ("5211") are tried in that order.

    Raises
    ------
    EmptyInputError
        If there are no vacancies, or none of them lists a skill.
    UnknownSkillError
        If a vacancy names a skill that is not in `space`.

    Examples
    --------
    >>> space = SkillSpace(["cook", "serve", "clean"])
    >>> index = VacancyIndex([Vacancy("v1", must=["cook"], nice=["clean"]),
    ...                       Vacancy("v2", must=["serve", "clean"])], space)
    >>> res = index.match_person(Person("p", {"cook": "certified", "clean": "self_declared"}))
    >>> [(m.id, round(m.score, 2)) for m in res.matches]
    [('v1', 0.92), ('v2', 0.3)]
    >>> [p.name for p in res.matches[1].explanation.breakdown if p.value]
    ['must_exact']
    """

    def __init__(
        self,
        vacancies: Sequence[Vacancy],
        space: SkillSpace,
        config: MatchConfig | None = None,
        *,
        postcodes: Mapping[str, tuple[float, float]] | None = None,
    ) -> None:
        self.vacancies = list(vacancies)
        if not self.vacancies:
            raise EmptyInputError(
                "there are no vacancies to match against; add vacancies for the region first"
            )
        self.side = _Side(space, config or MatchConfig(), postcodes)
        self.space = space
        self.config = self.side.config
        self.ids = [v.id for v in self.vacancies]
        self.position = {v: i for i, v in enumerate(self.ids)}
        if len(self.position) != len(self.ids):
            raise InvalidInputError("vacancy ids must be unique")
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        for i, v in enumerate(self.vacancies):
            must, nice, wm, wn = self.side.vacancy_weights(v)
            for c_, w in ((must, wm), (nice, wn)):
                if c_.size:
                    rows.append(np.full(c_.size, i))
                    cols.append(c_)
                    vals.append(np.full(c_.size, w / c_.size))
        if not rows:
            raise EmptyInputError("none of the vacancies lists a skill; add required skills first")
        shape = (len(self.vacancies), space.n_skills)
        W = sp.csr_array(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=shape
        )
        #: vacancies x skills: skill weights (each row sums to 1 or 0)
        self.weights = W
        self.node_weights = sp.csr_array(W @ space.membership_mean)
        lam = space.hierarchy_credit
        # [P, Q] @ K = (1 - lam) P @ W.T + lam Q @ N.T in one sparse product
        self._k = sp.csr_array(
            sp.vstack([(1 - lam) * sp.csr_array(W.T), lam * sp.csr_array(self.node_weights.T)])
        )
        self.attrs = self.side.vacancy_attrs(self.vacancies)
        self._v4 = [
            np.ascontiguousarray(c)
            for c in lifted(unit_vectors(self.attrs["lat"], self.attrs["lon"]))
        ]
        self.positions = np.asarray([v.positions for v in self.vacancies], dtype=np.int64)
        self.without_skills = [
            v.id for v, s in zip(self.vacancies, np.diff(W.indptr), strict=True) if s == 0
        ]

    def __len__(self) -> int:
        return len(self.vacancies)

    # -- skill scores ---------------------------------------------------
    def skill_scores(self, people: Sequence[Person]) -> np.ndarray:
        """Dense skill scores (people x vacancies), before constraints."""
        return np.asarray(self._skill_sparse(people).toarray())

    def _skill_sparse(self, people: Sequence[Person]) -> sp.csr_array:
        P = self.side.people_matrix(people)
        PQ = sp.csr_array(sp.hstack([P, self.space.node_levels_matrix(P)], format="csr"))
        return sp.csr_array(PQ @ self._k)

    def _skill_one(self, person: Person) -> np.ndarray:
        p = self.space.dense(self.side.person_levels(person))
        lam = self.space.hierarchy_credit
        s = (1 - lam) * (self.weights @ p)
        if lam > 0:
            s = s + lam * (self.node_weights @ self.space.node_levels(p))
        return np.asarray(s)

    def _row_filter(
        self, pa: Mapping[str, np.ndarray]
    ) -> Callable[[int, np.ndarray], np.ndarray] | None:
        """Conservative distance pre-filter per person row (filter mode only)."""
        if self.config.constraint_modes["distance"] != FILTER or np.all(np.isnan(pa["max_km"])):
            return None
        xyz = unit_vectors(pa["lat"], pa["lon"])
        known = ~np.isnan(xyz[:, 0]) & ~np.isnan(pa["max_km"])
        p4 = np.hstack([np.where(known[:, None], xyz, 0.0), np.ones((len(known), 1))])
        angle = np.minimum(
            (np.where(known, pa["max_km"], 0.0) * 1.001 + 0.01) / EARTH_RADIUS_KM, np.pi
        )
        threshold = np.where(known, np.cos(angle), -5.0)

        def keep(row: int, positions: np.ndarray) -> np.ndarray:
            # same test as constraints.surely_too_far, on this row's positions only
            v, q = self._v4, p4[row]
            dot = v[0].take(positions) * q[0]
            for d in (1, 2, 3):
                dot += v[d].take(positions) * q[d]
            return np.asarray(dot >= threshold[row])

        return keep

    def _final_fn(self, pa: Mapping[str, np.ndarray]) -> Callable[..., np.ndarray]:
        def fn(rows: np.ndarray, cand: np.ndarray, sk: np.ndarray) -> np.ndarray:
            p = {k: v[rows][:, None] for k, v in pa.items()}
            return self.side.final(p, _take(self.attrs, cand), sk)

        return fn

    def score_matrix(self, people: Sequence[Person]) -> np.ndarray:
        """Final scores for every person x vacancy (``-inf`` = excluded).

        Meant for cohort allocation on a region's vacancies; memory is
        ``8 * len(people) * len(self)`` bytes.
        """
        if not people:
            raise EmptyInputError("no people given; select a group with at least one person")
        pa = self.side.person_attrs(people)
        S = self.skill_scores(people)
        p = {k: v[:, None] for k, v in pa.items()}
        va = {k: v[None, :] for k, v in self.attrs.items()}
        return self.side.final(p, va, S)

    # -- queries --------------------------------------------------------
    def match_person(self, person: Person, *, top: int = 20, explain: bool = True) -> MatchResult:
        """Top `top` vacancies for one person, best first, with explanations.

        Raises
        ------
        EmptyInputError
            If the person has no skills.
        UnknownSkillError
            If the person names a skill outside the skill space.
        """
        if top < 1:
            raise InvalidInputError("top must be at least 1")
        skill = self._skill_one(person)[None, :]
        pa = self.side.person_attrs([person])
        pos, val = _select(skill, self._final_fn(pa), top, self._row_filter(pa))
        found = pos[0][pos[0] >= 0]
        exps = (
            self.side.explain_many(
                [person], pa, [self.vacancies[j] for j in found], _take(self.attrs, found)
            )
            if explain and found.size
            else [_NO_EXPLANATION] * found.size
        )
        matches = [
            Match(self.ids[j], int(j), rank, float(v), x)
            for rank, (j, v, x) in enumerate(zip(found, val[0], exps, strict=False), 1)
        ]
        reason = None
        if not matches:
            reason = _empty_reason(skill[0], "vacancy", "vacancies")
        return MatchResult(matches, reason)

    def match_people(
        self, people: Sequence[Person], *, top: int = 20, chunk_size: int = 128, workers: int = 1
    ) -> BatchMatches:
        """Top `top` vacancies for each of many people (chunked sparse products).

        Memory is about ``40 * chunk_size * len(self)`` bytes per worker on top
        of the index.  Results equal :meth:`match_person` (without explanations).
        `workers` > 1 runs chunks in threads.
        """
        if not people:
            raise EmptyInputError("no people given; select at least one person")
        if top < 1:
            raise InvalidInputError("top must be at least 1")
        k = min(top, len(self))
        positions = np.full((len(people), k), -1, dtype=np.int64)
        scores = np.full((len(people), k), -np.inf)

        def work(start: int) -> None:
            chunk = people[start : start + chunk_size]
            pa = self.side.person_attrs(chunk)
            S = self._skill_sparse(chunk)
            pos, val = _select(S, self._final_fn(pa), top, self._row_filter(pa))
            positions[start : start + len(chunk)] = pos
            scores[start : start + len(chunk)] = val

        starts = range(0, len(people), chunk_size)
        if workers > 1:
            # scipy's sparse products and numpy's partitioning release the GIL
            with ThreadPoolExecutor(workers) as pool:
                list(pool.map(work, starts))
        else:
            for start in starts:
                work(start)
        return BatchMatches([p.id for p in people], positions, scores)

    def explain(self, person: Person, vacancy_id: Hashable) -> Explanation:
        """Explanation for one pair (also for pairs excluded by a filter).

        Raises
        ------
        UnknownIdError
            If the vacancy is not in the index.
        """
        if vacancy_id not in self.position:
            raise UnknownIdError("vacancy", [vacancy_id])
        return self._explain(person, self.side.person_attrs([person]), self.position[vacancy_id])

    def _explain(self, person: Person, pa: Mapping[str, np.ndarray], j: int) -> Explanation:
        return self.side.explain(person, pa, self.vacancies[j], _take(self.attrs, np.array([j])))


class PersonIndex:
    """People prepared for matching from the vacancy's side ("who fits this job?").

    Parameters are as for :class:`VacancyIndex`; `people` replaces `vacancies`.

    Examples
    --------
    >>> space = SkillSpace(["cook", "serve"])
    >>> index = PersonIndex([Person("ann", {"cook": "certified"}),
    ...                      Person("bob", {"cook": "self_declared", "serve": "confirmed"})],
    ...                     space)
    >>> [(m.id, round(m.score, 2)) for m in index.match_vacancy(
    ...     Vacancy("v", must=["cook"], nice=["serve"])).matches]
    [('ann', 0.8), ('bob', 0.65)]
    """

    def __init__(
        self,
        people: Sequence[Person],
        space: SkillSpace,
        config: MatchConfig | None = None,
        *,
        postcodes: Mapping[str, tuple[float, float]] | None = None,
    ) -> None:
        self.people = list(people)
        if not self.people:
            raise EmptyInputError("there are no people to match; register people first")
        self.side = _Side(space, config or MatchConfig(), postcodes)
        self.space = space
        self.ids = [p.id for p in self.people]
        self.position = {p: i for i, p in enumerate(self.ids)}
        if len(self.position) != len(self.ids):
            raise InvalidInputError("person ids must be unique")
        self.holdings = self.side.people_matrix(self.people)
        self.node_levels = space.node_levels_matrix(self.holdings)
        self.attrs = self.side.person_attrs(self.people)

    def __len__(self) -> int:
        return len(self.people)

    def match_vacancy(
        self, vacancy: Vacancy, *, top: int = 20, explain: bool = True
    ) -> MatchResult:
        """Top `top` people for one vacancy, best first, with explanations.

        Raises
        ------
        EmptyInputError
            If the vacancy lists no skills.
        UnknownSkillError
            If the vacancy names a skill outside the skill space.
        """
        if top < 1:
            raise InvalidInputError("top must be at least 1")
        must, nice, wm, wn = self.side.vacancy_weights(vacancy)
        if not must.size and not nice.size:
            raise EmptyInputError(
                f"vacancy {vacancy.id!r} lists no skills; add the required skills before matching"
            )
        w = np.zeros(self.space.n_skills)
        if must.size:
            w[must] = wm / must.size
        if nice.size:
            w[nice] = wn / nice.size
        lam = self.space.hierarchy_credit
        skill = (1 - lam) * (self.holdings @ w)
        if lam > 0:
            skill = skill + lam * (self.node_levels @ (self.space.membership_mean.T @ w))
        skill = np.round(skill, ROUND)
        va = self.side.vacancy_attrs([vacancy])

        def fn(rows: np.ndarray, cand: np.ndarray, sk: np.ndarray) -> np.ndarray:
            return self.side.final(_take(self.attrs, cand), va, sk)

        pos, val = _select(np.asarray(skill)[None, :], fn, top)
        found = pos[0][pos[0] >= 0]
        exps = (
            self.side.explain_many(
                [self.people[i] for i in found], _take(self.attrs, found), [vacancy], va
            )
            if explain and found.size
            else [_NO_EXPLANATION] * found.size
        )
        matches = [
            Match(self.ids[i], int(i), rank, float(v), x)
            for rank, (i, v, x) in enumerate(zip(found, val[0], exps, strict=False), 1)
        ]
        reason = None if matches else _empty_reason(np.asarray(skill), "person", "people")
        return MatchResult(matches, reason)


_NO_EXPLANATION = Explanation(0.0, (), (), (), (), (), ())


def _empty_reason(skill: np.ndarray, one: str, many: str) -> str:
    n = int((skill > 0).sum())
    if n == 0:
        return (
            f"no {one} shares a skill (or a related skill) with this profile; "
            f"add skills or widen the search to other {many}"
        )
    return (
        f"{n} {many} share skills, but all are excluded by constraints "
        f"(for example the maximum distance); relax a constraint to see them"
    )


def iter_explanations(
    index: VacancyIndex, person: Person, vacancy_ids: Iterable[Hashable]
) -> list[Explanation]:
    """Explanations for several vacancies of one person (helper for batch results)."""
    pa = index.side.person_attrs([person])
    return [index._explain(person, pa, index.position[v]) for v in vacancy_ids]
