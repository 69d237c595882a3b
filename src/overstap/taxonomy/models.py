"""The ESCO taxonomy: occupations, skills, their relations and a label table for search.

Concepts are identified by their URI. ESCO concepts keep their official URI; concepts of the
demo taxonomy use ``urn:overstap:demo:...`` and may name their ESCO twin in ``same_as_uri``.
After an ESCO import :func:`overstap.taxonomy.services.relink.relink_demo_concepts` points every
registered reference at the twin and sets ``replaced_by`` on the demo concept.

Labels are stored per language in explicit columns (the platform needs Dutch and English);
``label(lang)`` falls back to the other language when a concept has no label in ``lang``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.taxonomy.constants import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    ConceptKind,
    LabelKind,
    RelationType,
    ReuseLevel,
    SkillType,
    Source,
)

LABEL_MAX_LENGTH = 500
URI_MAX_LENGTH = 255


def _fallback_order(lang: str) -> tuple[str, ...]:
    return (lang, *[other for other in (DEFAULT_LANGUAGE, *LANGUAGES) if other != lang])


class Concept(models.Model):
    """Fields shared by every taxonomy concept (abstract)."""

    uri = models.CharField(_("URI"), max_length=URI_MAX_LENGTH, unique=True)
    code = models.CharField(_("code"), max_length=40, blank=True)
    label_nl = models.CharField(_("Dutch label"), max_length=LABEL_MAX_LENGTH, blank=True)
    label_en = models.CharField(_("English label"), max_length=LABEL_MAX_LENGTH, blank=True)
    alt_labels_nl = models.TextField(
        _("Dutch alternative labels"), blank=True, help_text=_("One label per line.")
    )
    alt_labels_en = models.TextField(
        _("English alternative labels"), blank=True, help_text=_("One label per line.")
    )
    description_nl = models.TextField(_("Dutch description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label()

    def label(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The preferred label in ``lang``; another language's label when there is none."""
        for code in _fallback_order(lang):
            value = getattr(self, f"label_{code}", "")
            if value:
                return str(value)
        return self.uri

    def label_language(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The language :meth:`label` actually returns (for ``lang`` attributes in HTML)."""
        for code in _fallback_order(lang):
            if getattr(self, f"label_{code}", ""):
                return code
        return lang

    def alt_labels(self, lang: str = DEFAULT_LANGUAGE) -> list[str]:
        value = getattr(self, f"alt_labels_{lang}", "") or ""
        return [line for line in value.splitlines() if line.strip()]

    def description(self, lang: str = DEFAULT_LANGUAGE) -> str:
        for code in _fallback_order(lang):
            value = getattr(self, f"description_{code}", "")
            if value:
                return str(value)
        return ""


class IscoGroup(Concept):
    """A group of the International Standard Classification of Occupations (ISCO-08)."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader group"),
    )

    class Meta:
        verbose_name = _("ISCO group")
        verbose_name_plural = _("ISCO groups")
        ordering = ["code"]


class SkillGroup(Concept):
    """A group in the ESCO skills pillar (including the top of the skills hierarchy)."""

    level = models.PositiveSmallIntegerField(_("hierarchy level"), null=True, blank=True)
    parents = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="children", verbose_name=_("broader")
    )

    class Meta:
        verbose_name = _("skill group")
        verbose_name_plural = _("skill groups")
        ordering = ["code", "label_en"]


class SourcedConcept(Concept):
    """An occupation or skill: it has a source and can be replaced by its ESCO twin."""

    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ESCO, db_index=True
    )
    same_as_uri = models.CharField(
        _("same as (URI)"),
        max_length=URI_MAX_LENGTH,
        blank=True,
        help_text=_("The ESCO concept this demo concept stands for, if any."),
    )

    class Meta:
        abstract = True

    @property
    def is_replaced(self) -> bool:
        return getattr(self, "replaced_by_id", None) is not None


class Occupation(SourcedConcept):
    isco_group = models.ForeignKey(
        IscoGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occupations",
        verbose_name=_("ISCO group"),
    )
    broader = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="narrower",
        verbose_name=_("broader occupation"),
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    skills = models.ManyToManyField(  # type: ignore[var-annotated]
        "Skill", through="OccupationSkill", related_name="occupations", verbose_name=_("skills")
    )

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["label_nl", "label_en"]


class Skill(SourcedConcept):
    skill_type = models.CharField(
        _("skill type"), max_length=20, choices=SkillType.choices, blank=True
    )
    reuse_level = models.CharField(
        _("reuse level"), max_length=20, choices=ReuseLevel.choices, blank=True
    )
    collections = models.CharField(
        _("collections"),
        max_length=200,
        blank=True,
        help_text=_("ESCO collections the skill belongs to, comma-separated (digital, green, …)."),
    )
    broader_skills = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="narrower_skills",
        verbose_name=_("broader skills"),
    )
    groups = models.ManyToManyField(
        SkillGroup, blank=True, related_name="skills", verbose_name=_("skill groups")
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["label_nl", "label_en"]


class OccupationSkill(models.Model):
    """An occupation needs a skill, essentially or optionally."""

    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.CASCADE,
        related_name="skill_links",
        verbose_name=_("occupation"),
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="occupation_links", verbose_name=_("skill")
    )
    relation = models.CharField(_("relation"), max_length=10, choices=RelationType.choices)

    class Meta:
        verbose_name = _("occupation skill")
        verbose_name_plural = _("occupation skills")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "skill"], name="taxonomy_occupation_skill_unique"
            )
        ]
        indexes = [models.Index(fields=["skill", "relation"], name="taxonomy_occskill_skill_idx")]

    def __str__(self) -> str:
        return f"{self.occupation} – {self.skill} ({self.relation})"


class SkillRelation(models.Model):
    """ESCO's skill–skill relations (a skill that is essential or optional for another)."""

    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="related_links", verbose_name=_("skill")
    )
    related_skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="+", verbose_name=_("related skill")
    )
    relation = models.CharField(_("relation"), max_length=10, choices=RelationType.choices)

    class Meta:
        verbose_name = _("skill relation")
        verbose_name_plural = _("skill relations")
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "related_skill"], name="taxonomy_skill_rel_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.skill} → {self.related_skill} ({self.relation})"


class ConceptLabel(models.Model):
    """One label of an occupation or skill in one language: the table search is built from."""

    kind = models.CharField(_("concept kind"), max_length=12, choices=ConceptKind.choices)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, null=True, blank=True, related_name="label_rows"
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, null=True, blank=True, related_name="label_rows"
    )
    language = models.CharField(_("language"), max_length=5)
    text = models.CharField(_("label"), max_length=LABEL_MAX_LENGTH)
    label_kind = models.CharField(_("label kind"), max_length=12, choices=LabelKind.choices)
    normalised = models.CharField(_("normalised label"), max_length=LABEL_MAX_LENGTH, db_index=True)

    class Meta:
        verbose_name = _("concept label")
        verbose_name_plural = _("concept labels")
        indexes = [models.Index(fields=["kind", "normalised"], name="taxonomy_label_kind_norm_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=ConceptKind.OCCUPATION, occupation__isnull=False, skill__isnull=True
                    )
                    | models.Q(kind=ConceptKind.SKILL, skill__isnull=False, occupation__isnull=True)
                ),
                name="taxonomy_label_one_concept",
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.language}]"

    @property
    def is_preferred(self) -> bool:
        return self.label_kind == LabelKind.PREFERRED

    @property
    def concept_id(self) -> int:
        return int(self.occupation_id if self.kind == ConceptKind.OCCUPATION else self.skill_id)  # type: ignore[arg-type]


class TaxonomyState(models.Model):
    """A single row, bumped on every import that changes something.

    Search caches compare ``token`` (random per change), so a rolled-back transaction that
    reused a version number cannot serve a stale index.
    """

    version = models.PositiveIntegerField(_("version"), default=0)
    token = models.CharField(_("change token"), max_length=32, blank=True)
    imported_at = models.DateTimeField(_("last import"), null=True, blank=True)
    summary = models.JSONField(_("summary of the last import"), default=dict, blank=True)

    class Meta:
        verbose_name = _("taxonomy state")
        verbose_name_plural = _("taxonomy state")

    def __str__(self) -> str:
        return f"taxonomy v{self.version}"
