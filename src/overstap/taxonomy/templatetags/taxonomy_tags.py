"""Template filters for taxonomy concepts: ``{{ skill|label_in:lang }}``."""

from __future__ import annotations

from django import template

from overstap.taxonomy.constants import DEFAULT_LANGUAGE

register = template.Library()


@register.filter
def label_in(concept: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """The concept's label in ``lang`` (falls back to another language)."""
    method = getattr(concept, "label", None)
    return str(method(lang or DEFAULT_LANGUAGE)) if callable(method) else str(concept)


@register.filter
def label_lang(concept: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """The language of ``label_in`` (for a ``lang`` attribute)."""
    method = getattr(concept, "label_language", None)
    return str(method(lang or DEFAULT_LANGUAGE)) if callable(method) else lang
