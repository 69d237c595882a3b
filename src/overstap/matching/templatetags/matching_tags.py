"""Template filters of the matching pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """A score in [0, 1] as a whole percentage ("73 %" is written "73%")."""
    if value is None:
        return "—"
    return f"{round(float(value) * 100)}%"


@register.filter
def points(value: float | None) -> str:
    """A score part in points of 100, signed when negative ("-10", "42.5")."""
    if value is None:
        return "—"
    number = round(float(value) * 100, 1)
    return f"{number:g}"


@register.filter
def wage_label(value: str) -> str:
    """A ``WageBand`` value as its label ("2000_2500" -> "€ 2,000 – 2,500")."""
    from overstap.cases.constants import WageBand

    try:
        return str(WageBand(value).label)
    except ValueError:
        return value or "—"
