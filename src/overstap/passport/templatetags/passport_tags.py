"""Template filters for the skills passport (plain-language labels for the person)."""

from __future__ import annotations

from django import template

from overstap.cases.constants import ContractType
from overstap.passport.constants import EVIDENCE_PLAIN, EvidenceLevel, Shift

register = template.Library()


@register.filter
def evidence_plain(value: str) -> str:
    """An evidence level in plain words for the person ("confirmed by my coach")."""
    if value in EvidenceLevel.values:
        return str(EVIDENCE_PLAIN[EvidenceLevel(value)])
    return ""


@register.filter
def shift_labels(values: list[str]) -> str:
    return ", ".join(str(Shift(v).label).lower() for v in values or [] if v in Shift.values)


@register.filter
def contract_labels(values: list[str]) -> str:
    return ", ".join(
        str(ContractType(v).label).lower() for v in values or [] if v in ContractType.values
    )
