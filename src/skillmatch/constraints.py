"""Vectorised constraint checks between people and vacancies.

Five constraints, each checked only when the person sets it *and* the vacancy
states the value (otherwise the status is ``"not_set"`` or ``"unknown"`` and it
never counts against the pair):

=========  ==================================  =====================================
name       person sets                         violated when
=========  ==================================  =====================================
hours      ``min_hours``                       vacancy hours < min_hours
wage       ``min_wage_band`` (band index)      vacancy wage band < min_wage_band
distance   ``max_distance_km`` and a location  great-circle km > max_distance_km
contract   accepted ``contract_types``         vacancy contract type not accepted
shifts     acceptable ``shifts``               a vacancy shift is not acceptable
=========  ==================================  =====================================
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import numpy as np

from .exceptions import InvalidInputError

__all__ = [
    "CONSTRAINTS",
    "Vocabulary",
    "evaluate",
    "haversine_km",
    "lifted",
    "surely_too_far",
    "unit_vectors",
]

CONSTRAINTS: tuple[str, ...] = ("hours", "wage", "distance", "contract", "shifts")
EARTH_RADIUS_KM = 6371.0088


def haversine_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Great-circle distance in km (mean Earth radius 6371.0088 km); broadcasts.

    Examples
    --------
    Utrecht to 's-Hertogenbosch, about 45 km:

    >>> round(float(haversine_km(52.0907, 5.1214, 51.6978, 5.3037)), 1)
    45.4
    """
    la1, lo1, la2, lo2 = (np.radians(np.asarray(x, dtype=float)) for x in (lat1, lon1, lat2, lon2))
    a = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


class Vocabulary:
    """Maps category labels (contract types, shifts) to bits of an int64 mask.

    Examples
    --------
    >>> v = Vocabulary()
    >>> v.mask(["day", "night"]), v.mask(["night"]), v.bit("evening")
    (3, 2, 4)
    """

    def __init__(self) -> None:
        self.bits: dict[Hashable, int] = {}

    def bit(self, label: Hashable) -> int:
        """The bit of `label`, adding it when new."""
        b = self.bits.get(label)
        if b is None:
            if len(self.bits) >= 62:
                raise InvalidInputError(
                    "at most 62 distinct contract types or shifts are supported"
                )
            b = self.bits[label] = len(self.bits)
        return 1 << b

    def mask(self, labels: Iterable[Hashable]) -> int:
        """OR of the bits of `labels`."""
        m = 0
        for label in labels:
            m |= self.bit(label)
        return m


def unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points on the unit sphere, shape (n, 3); nan rows for unknown locations."""
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)


def lifted(xyz: np.ndarray) -> np.ndarray:
    """Vacancy points as a (4, n) array for :func:`surely_too_far`: unknown
    locations get (0, 0, 0, 3), which is never "too far"."""
    known = ~np.isnan(xyz[:, 0])
    return np.ascontiguousarray(
        np.vstack([np.where(known[:, None], xyz, 0.0).T, np.where(known, 0.0, 3.0)])
    )


def surely_too_far(person_xyz: np.ndarray, max_km: np.ndarray, vacancy_4: np.ndarray) -> np.ndarray:
    """Conservative distance filter (people x vacancies) with one matrix product.

    True only where the great-circle distance exceeds ``max_km`` by a safety
    margin (0.1 % + 10 m), so it never excludes a pair :func:`evaluate` accepts;
    unknown locations or limits give False.

    Examples
    --------
    >>> p = unit_vectors(np.array([52.09]), np.array([5.12]))
    >>> v = unit_vectors(np.array([51.70, 52.10, np.nan]), np.array([5.30, 5.12, np.nan]))
    >>> surely_too_far(p, np.array([10.0]), lifted(v)).tolist()
    [[True, False, False]]
    """
    known_p = ~np.isnan(person_xyz[:, 0]) & ~np.isnan(max_km)
    px = np.hstack([np.where(known_p[:, None], person_xyz, 0.0), np.ones((len(known_p), 1))])
    angle = np.minimum((np.where(known_p, max_km, 0.0) * 1.001 + 0.01) / EARTH_RADIUS_KM, np.pi)
    threshold = np.where(known_p, np.cos(angle), -5.0)
    # four broadcast multiply-adds: much faster than a matmul with inner size 4
    dot = np.multiply.outer(px[:, 0], vacancy_4[0])
    for d in (1, 2, 3):
        dot += np.multiply.outer(px[:, d], vacancy_4[d])
    return np.less(dot, threshold[:, None])


def evaluate(
    person: Mapping[str, np.ndarray], vacancy: Mapping[str, np.ndarray]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Check all constraints for broadcast arrays of people and vacancies.

    Parameters
    ----------
    person : mapping of arrays
        ``min_hours`` (nan = not set), ``min_wage`` (-1 = not set), ``max_km``
        (nan = not set), ``lat``, ``lon`` (nan = unknown), ``contract`` and
        ``shifts`` (int64 masks) with ``contract_set``/``shifts_set`` (bool).
    vacancy : mapping of arrays
        ``hours`` (nan = unknown), ``wage`` (-1 = unknown), ``lat``, ``lon``,
        ``contract`` (one bit, 0 = unknown), ``shifts`` (mask, 0 = unknown).

    Returns
    -------
    dict name -> (checked, violated)
        Boolean arrays of the broadcast shape: ``checked`` when both sides have
        a value, ``violated`` when checked and not met.  ``distance`` also
        needs the ``km`` of :func:`haversine_km`, computed here.
    """
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    chk = ~np.isnan(person["min_hours"]) & ~np.isnan(vacancy["hours"])
    with np.errstate(invalid="ignore"):
        out["hours"] = (chk, chk & (vacancy["hours"] < person["min_hours"]))
    chk = (person["min_wage"] >= 0) & (vacancy["wage"] >= 0)
    out["wage"] = (chk, chk & (vacancy["wage"] < person["min_wage"]))
    chk = ~np.isnan(person["max_km"]) & ~np.isnan(person["lat"]) & ~np.isnan(vacancy["lat"])
    if np.any(chk):
        km = haversine_km(person["lat"], person["lon"], vacancy["lat"], vacancy["lon"])
        with np.errstate(invalid="ignore"):
            out["distance"] = (chk, chk & (km > person["max_km"]))
    else:
        out["distance"] = (chk, chk)
    chk = person["contract_set"] & (vacancy["contract"] != 0)
    out["contract"] = (chk, chk & ((vacancy["contract"] & person["contract"]) == 0))
    chk = person["shifts_set"] & (vacancy["shifts"] != 0)
    out["shifts"] = (chk, chk & ((vacancy["shifts"] & ~person["shifts"]) != 0))
    return out
