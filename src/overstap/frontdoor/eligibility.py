"""Which schemes fit a person: structured conditions tested against known facts.

Pure functions on plain values (no database access), so every rule is easy to test. A
condition the facts cannot answer is *unknown*, never silently met: the case manager sees
what to check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _


class Verdict(StrEnum):
    MEETS = "meets"
    UNKNOWN = "unknown"
    FAILS = "fails"


@dataclass(frozen=True)
class Facts:
    """What we know of a person; ``None`` means unknown."""

    age: int | None = None
    situation: str | None = None
    education_level: str | None = None
    sector: str | None = None
    region_id: int | None = None


@dataclass(frozen=True)
class Rules:
    """A scheme's structured conditions; empty means "no condition"."""

    age_min: int | None = None
    age_max: int | None = None
    situations: Sequence[str] = ()
    education_levels: Sequence[str] = ()
    sectors: Sequence[str] = ()
    region_id: int | None = None


@dataclass(frozen=True)
class Check:
    verdict: Verdict
    text: str


@dataclass
class Result:
    checks: list[Check] = field(default_factory=list)

    @property
    def verdict(self) -> Verdict:
        verdicts = {c.verdict for c in self.checks}
        if Verdict.FAILS in verdicts:
            return Verdict.FAILS
        if Verdict.UNKNOWN in verdicts:
            return Verdict.UNKNOWN
        return Verdict.MEETS

    @property
    def reasons(self) -> list[str]:
        return [c.text for c in self.checks if c.verdict == Verdict.MEETS]

    @property
    def to_check(self) -> list[str]:
        return [c.text for c in self.checks if c.verdict == Verdict.UNKNOWN]

    @property
    def failures(self) -> list[str]:
        return [c.text for c in self.checks if c.verdict == Verdict.FAILS]


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def sector_matches(sector: str, wanted: Sequence[str]) -> bool:
    """A sector matches when one of the names is part of the other (case-insensitive).

    >>> sector_matches("Horeca en catering", ["horeca"])
    True
    >>> sector_matches("Metaal", ["Techniek", "Zorg"])
    False
    """
    own = _normalise(sector)
    return any(w and (_normalise(w) in own or own in _normalise(w)) for w in wanted if own)


def evaluate(
    rules: Rules,
    facts: Facts,
    *,
    labels: dict[str, dict[str, str]] | None = None,
) -> Result:
    """Test every condition of ``rules`` against ``facts``.

    ``labels`` maps ``"situation"`` / ``"education"`` values to display texts for the
    explanation; unknown values are shown as they are.
    """
    labels = labels or {}
    situation_label = labels.get("situation", {})
    education_label = labels.get("education", {})
    result = Result()
    add = result.checks.append

    if rules.region_id is not None:
        if facts.region_id is None:
            add(Check(Verdict.UNKNOWN, _("Region unknown: this scheme is regional.")))
        elif facts.region_id == rules.region_id:
            add(Check(Verdict.MEETS, _("Lives or works in the scheme's region.")))
        else:
            add(Check(Verdict.FAILS, _("The scheme is for another region.")))

    if rules.age_min is not None or rules.age_max is not None:
        band = _age_band(rules.age_min, rules.age_max)
        if facts.age is None:
            add(
                Check(
                    Verdict.UNKNOWN,
                    _("Age unknown; the scheme asks for %(band)s.") % {"band": band},
                )
            )
        elif (rules.age_min is None or facts.age >= rules.age_min) and (
            rules.age_max is None or facts.age <= rules.age_max
        ):
            add(
                Check(
                    Verdict.MEETS,
                    _("Age %(age)s fits %(band)s.") % {"age": facts.age, "band": band},
                )
            )
        else:
            add(
                Check(
                    Verdict.FAILS,
                    _("Age %(age)s is outside %(band)s.") % {"age": facts.age, "band": band},
                )
            )

    if rules.situations:
        wanted = ", ".join(situation_label.get(s, s) for s in rules.situations)
        if not facts.situation:
            add(
                Check(
                    Verdict.UNKNOWN,
                    _("Work situation unknown; the scheme asks for: %(wanted)s.")
                    % {"wanted": wanted},
                )
            )
        elif facts.situation in rules.situations:
            add(
                Check(
                    Verdict.MEETS,
                    _("Work situation fits: %(situation)s.")
                    % {"situation": situation_label.get(facts.situation, facts.situation)},
                )
            )
        else:
            add(
                Check(
                    Verdict.FAILS,
                    _("Work situation does not fit; the scheme asks for: %(wanted)s.")
                    % {"wanted": wanted},
                )
            )

    if rules.education_levels:
        wanted = ", ".join(education_label.get(e, e) for e in rules.education_levels)
        if not facts.education_level or facts.education_level == "unknown":
            add(
                Check(
                    Verdict.UNKNOWN,
                    _("Education level unknown; the scheme asks for: %(wanted)s.")
                    % {"wanted": wanted},
                )
            )
        elif facts.education_level in rules.education_levels:
            add(
                Check(
                    Verdict.MEETS,
                    _("Education level fits: %(level)s.")
                    % {"level": education_label.get(facts.education_level, facts.education_level)},
                )
            )
        else:
            add(
                Check(
                    Verdict.FAILS,
                    _("Education level does not fit; the scheme asks for: %(wanted)s.")
                    % {"wanted": wanted},
                )
            )

    if rules.sectors:
        wanted = ", ".join(rules.sectors)
        if not facts.sector:
            add(
                Check(
                    Verdict.UNKNOWN,
                    _("Sector of the employer unknown; the scheme is for: %(wanted)s.")
                    % {"wanted": wanted},
                )
            )
        elif sector_matches(facts.sector, rules.sectors):
            add(
                Check(
                    Verdict.MEETS,
                    _("Sector of the employer fits: %(sector)s.") % {"sector": facts.sector},
                )
            )
        else:
            add(
                Check(
                    Verdict.FAILS,
                    _("Sector %(sector)s is not one of: %(wanted)s.")
                    % {"sector": facts.sector, "wanted": wanted},
                )
            )

    if not result.checks:
        add(Check(Verdict.MEETS, _("This scheme has no conditions we can test.")))
    return result


def _age_band(age_min: int | None, age_max: int | None) -> str:
    if age_min is not None and age_max is not None:
        return _("age %(min)s to %(max)s") % {"min": age_min, "max": age_max}
    if age_min is not None:
        return _("age %(min)s or older") % {"min": age_min}
    return _("age %(max)s or younger") % {"max": age_max}
