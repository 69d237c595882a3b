"""Explanation objects returned with every match.

Every score the engine returns can be explained: which required skills were
matched exactly, which earned partial credit through a related skill, which are
missing, how each constraint came out, and a breakdown whose parts add up to the
score (``sum(part.value for part in breakdown) == score`` up to rounding).
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass

__all__ = ["ConstraintCheck", "Explanation", "ScorePart", "SkillCredit"]

EXACT = "exact"
RELATED = "related"


@dataclass(frozen=True)
class SkillCredit:
    """Credit earned for one required skill.

    Attributes
    ----------
    skill : hashable
        The required skill.
    credit : float
        ``e_k`` in ``[0, 1]`` (see :mod:`skillmatch.skills`).
    kind : {"exact", "related"}
        ``"exact"`` when the holder has the skill itself, ``"related"`` when the
        credit comes only through the hierarchy.
    via : hashable or None
        For ``"related"``: the held skill that gives the credit.
    weight : float
        Share of the requirement this skill carries (weights of one list sum to 1).
    """

    skill: Hashable
    credit: float
    kind: str
    via: Hashable | None
    weight: float


@dataclass(frozen=True)
class ConstraintCheck:
    """Outcome of one constraint for one pair.

    Attributes
    ----------
    name : str
        ``"hours"``, ``"wage"``, ``"distance"``, ``"contract"`` or ``"shifts"``.
    status : {"met", "violated", "unknown", "not_set"}
        ``"unknown"`` when the vacancy does not state the value (never penalised),
        ``"not_set"`` when the person has no such constraint.
    required : object
        The person's limit (e.g. minimum hours, maximum km, accepted contracts).
    offered : object
        The vacancy's value (e.g. hours, distance in km, contract type).
    mode : {"filter", "penalty"}
        How a violation is handled.
    penalty : float
        Score points subtracted (0 unless violated in penalty mode).
    """

    name: str
    status: str
    required: object
    offered: object
    mode: str
    penalty: float


@dataclass(frozen=True)
class ScorePart:
    """One additive part of a score (negative for penalties)."""

    name: str
    value: float


@dataclass(frozen=True)
class Explanation:
    """Why a pair got its score.

    Attributes
    ----------
    score : float
        The final score.
    matched_primary, matched_secondary : tuple of SkillCredit
        Required skills with credit > 0: must/essential and nice/optional.
    missing_primary, missing_secondary : tuple of hashable
        Required skills without any credit.
    constraints : tuple of ConstraintCheck
        One entry per constraint (empty for occupation transitions).
    breakdown : tuple of ScorePart
        Parts that add up to `score`.
    feasible : bool
        False when a constraint in filter mode is violated.
    """

    score: float
    matched_primary: tuple[SkillCredit, ...]
    matched_secondary: tuple[SkillCredit, ...]
    missing_primary: tuple[Hashable, ...]
    missing_secondary: tuple[Hashable, ...]
    constraints: tuple[ConstraintCheck, ...]
    breakdown: tuple[ScorePart, ...]
    feasible: bool = True

    @property
    def gap(self) -> tuple[Hashable, ...]:
        """Skills to learn: missing primary, then partially credited primary, then
        missing secondary skills."""
        related = tuple(c.skill for c in self.matched_primary if c.kind == RELATED)
        return self.missing_primary + related + self.missing_secondary

    def breakdown_total(self) -> float:
        """Sum of the breakdown parts."""
        return math.fsum(p.value for p in self.breakdown)

    def is_complete(self, *, constraint_names: tuple[str, ...] = (), tol: float = 1e-9) -> bool:
        """Whether the explanation accounts for the whole score.

        True when the breakdown adds up to the score within `tol`, every credit is
        in ``[0, 1]``, every related credit names the skill it comes through, and
        every name in `constraint_names` has a check.
        """
        if abs(self.breakdown_total() - self.score) > tol:
            return False
        for c in self.matched_primary + self.matched_secondary:
            if not 0 < c.credit <= 1 + tol or (c.kind == RELATED and c.via is None):
                return False
        names = {c.name for c in self.constraints}
        return all(n in names for n in constraint_names)
