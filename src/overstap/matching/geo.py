"""Approximate locations of 4-digit postcode areas, for the distance constraint.

The engine checks a person's maximum travel distance against a vacancy's location. Overstap
stores only postcodes, so this module maps 4-digit postcode areas to the (rounded) centre of
the town they belong to. The table covers the demo region Noordoost-Brabant and its
neighbours; a postcode outside it has no location, and the distance constraint is then
reported as "unknown" (never counted against a vacancy). Regions that need exact distances
can pass a complete PC4 table (for example CBS "postcode4" centroids) to
:func:`postcode_table`.
"""

from __future__ import annotations

from functools import cache

#: (first PC4, last PC4, latitude, longitude, place): rounded town centres.
AREAS: tuple[tuple[int, int, float, float, str], ...] = (
    (5211, 5237, 51.690, 5.303, "'s-Hertogenbosch"),
    (5240, 5249, 51.716, 5.357, "Rosmalen"),
    (5251, 5253, 51.701, 5.155, "Vlijmen"),
    (5254, 5259, 51.708, 5.183, "Heusden"),
    (5261, 5264, 51.660, 5.291, "Vught"),
    (5268, 5268, 51.643, 5.247, "Helvoirt"),
    (5271, 5275, 51.638, 5.355, "Sint-Michielsgestel"),
    (5281, 5283, 51.589, 5.327, "Boxtel"),
    (5291, 5296, 51.557, 5.326, "Gemonde / Esch"),
    (5301, 5309, 51.809, 5.248, "Zaltbommel"),
    (5321, 5328, 51.764, 5.214, "Hedel / Ammerzoden"),
    (5331, 5335, 51.754, 5.306, "Kerkdriel"),
    (5341, 5353, 51.765, 5.518, "Oss"),
    (5361, 5363, 51.759, 5.738, "Grave"),
    (5371, 5374, 51.797, 5.552, "Ravenstein"),
    (5381, 5384, 51.735, 5.529, "Heesch"),
    (5391, 5397, 51.789, 5.435, "Nuland / Lith"),
    (5401, 5406, 51.660, 5.619, "Uden"),
    (5411, 5416, 51.692, 5.690, "Zeeland / Odiliapeel"),
    (5421, 5428, 51.614, 5.735, "Gemert"),
    (5431, 5437, 51.731, 5.879, "Cuijk"),
    (5441, 5446, 51.672, 5.843, "Oeffelt / Haps"),
    (5451, 5454, 51.689, 5.780, "Mill"),
    (5461, 5469, 51.617, 5.549, "Veghel"),
    (5471, 5476, 51.650, 5.488, "Loosbroek / Heeswijk"),
    (5481, 5482, 51.613, 5.436, "Schijndel"),
    (5491, 5492, 51.566, 5.457, "Sint-Oedenrode"),
    (5501, 5509, 51.417, 5.417, "Veldhoven"),
    (5521, 5529, 51.447, 5.286, "Eersel / Hapert"),
    (5611, 5658, 51.441, 5.478, "Eindhoven"),
    (5671, 5674, 51.468, 5.555, "Nuenen"),
    (5681, 5688, 51.503, 5.398, "Best"),
    (5691, 5694, 51.511, 5.491, "Son en Breugel"),
    (5701, 5709, 51.481, 5.657, "Helmond"),
    (5831, 5835, 51.651, 5.948, "Boxmeer"),
    (5000, 5049, 51.560, 5.091, "Tilburg"),
    (6511, 6546, 51.842, 5.853, "Nijmegen"),
)


@cache
def postcode_table() -> dict[str, tuple[float, float]]:
    """``{"5211": (lat, lon), ...}`` for every PC4 in :data:`AREAS` (the engine's format)."""
    table: dict[str, tuple[float, float]] = {}
    for first, last, lat, lon, _place in AREAS:
        for pc4 in range(first, last + 1):
            table.setdefault(str(pc4), (lat, lon))
    return table
