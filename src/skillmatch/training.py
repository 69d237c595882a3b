"""Skill gap -> training offerings.

An offering teaches a set of skills.  For a gap (the skills a person lacks, most
important first) with weights ``w_k`` (1 by default; e.g. essential 1 and
optional 0.5), the share of the gap an offering ``o`` closes is

.. math::
   \\mathrm{closed}(o) =
   \\frac{\\sum_{k \\in gap \\cap teaches(o)} w_k}{\\sum_{k \\in gap} w_k}

:func:`training_bundle` picks a small bundle greedily (weighted set cover): at
each step the offering with the largest weight of still-uncovered gap skills.
Greedy set cover is within a factor ``ln(|gap|) + 1`` of the smallest cover.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .exceptions import InvalidInputError

__all__ = ["OfferingScore", "TrainingBundle", "rank_offerings", "training_bundle"]


@dataclass(frozen=True)
class OfferingScore:
    """An offering and the part of the gap it closes.

    Attributes
    ----------
    offering : hashable
    covered : tuple
        Gap skills it teaches, in gap order.
    closed : float
        Weighted share of the whole gap it closes, in ``(0, 1]``.
    """

    offering: Hashable
    covered: tuple[Hashable, ...]
    closed: float


@dataclass(frozen=True)
class TrainingBundle:
    """Offerings picked by :func:`training_bundle`, in order of picking.

    ``items[i].covered`` are the skills *newly* covered by the i-th pick and
    ``items[i].closed`` its marginal share; the shares add up to `closed`.
    """

    items: tuple[OfferingScore, ...]
    closed: float
    uncovered: tuple[Hashable, ...]


def _prepare(
    gap: Sequence[Hashable],
    offerings: Mapping[Hashable, Iterable[Hashable]],
    weights: Mapping[Hashable, float] | None,
) -> tuple[list[Hashable], dict[Hashable, float], float, list[tuple[Hashable, set[Hashable]]]]:
    order = list(dict.fromkeys(gap))
    w = {k: float(weights.get(k, 1.0)) if weights else 1.0 for k in order}
    if any(v <= 0 for v in w.values()):
        raise InvalidInputError("gap skill weights must be positive")
    total = sum(w.values())
    teach = [(o, set(skills) & set(order)) for o, skills in offerings.items()]
    return order, w, total, teach


def rank_offerings(
    gap: Sequence[Hashable],
    offerings: Mapping[Hashable, Iterable[Hashable]],
    *,
    weights: Mapping[Hashable, float] | None = None,
    top: int | None = None,
) -> list[OfferingScore]:
    """Offerings ranked by the share of the gap they close.

    Offerings that teach none of the gap are left out; an empty gap or no
    offerings gives an empty list.  Ties keep the order of `offerings`.

    Examples
    --------
    >>> rank_offerings(["haccp", "first aid", "forklift"],
    ...                {"hygiene course": ["haccp"], "bhv": ["first aid", "fire safety"],
    ...                 "warehouse": ["forklift", "first aid"]})
    ... # doctest: +NORMALIZE_WHITESPACE
    [OfferingScore(offering='warehouse', covered=('first aid', 'forklift'), closed=0.666...),
     OfferingScore(offering='hygiene course', covered=('haccp',), closed=0.333...),
     OfferingScore(offering='bhv', covered=('first aid',), closed=0.333...)]
    """
    order, w, total, teach = _prepare(gap, offerings, weights)
    out = []
    for o, skills in teach:
        if skills:
            covered = tuple(k for k in order if k in skills)
            out.append(OfferingScore(o, covered, sum(w[k] for k in covered) / total))
    out.sort(key=lambda s: -s.closed)  # stable: ties keep input order
    return out[:top] if top is not None else out


def training_bundle(
    gap: Sequence[Hashable],
    offerings: Mapping[Hashable, Iterable[Hashable]],
    *,
    weights: Mapping[Hashable, float] | None = None,
    max_offerings: int = 3,
) -> TrainingBundle:
    """A small bundle of offerings closing as much of the gap as possible (greedy).

    Examples
    --------
    >>> b = training_bundle(["a", "b", "c", "d"], {"x": ["a", "b", "c"], "y": ["a", "d"],
    ...                                            "z": ["d"]})
    >>> [(i.offering, i.covered) for i in b.items], b.closed, b.uncovered
    ([('x', ('a', 'b', 'c')), ('y', ('d',))], 1.0, ())
    """
    if max_offerings < 1:
        raise InvalidInputError("max_offerings must be at least 1")
    order, w, total, teach = _prepare(gap, offerings, weights)
    left = set(order)
    items: list[OfferingScore] = []
    used: set[int] = set()
    while left and len(items) < max_offerings:
        best, best_gain = -1, 0.0
        for i, (_, skills) in enumerate(teach):
            if i in used:
                continue
            gain = sum(w[k] for k in skills & left)
            if gain > best_gain:
                best, best_gain = i, gain
        if best < 0:
            break
        used.add(best)
        o, skills = teach[best]
        new = tuple(k for k in order if k in skills and k in left)
        left -= skills
        items.append(OfferingScore(o, new, best_gain / total))
    closed = sum(i.closed for i in items)
    return TrainingBundle(tuple(items), closed, tuple(k for k in order if k in left))
