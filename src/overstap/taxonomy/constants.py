"""Choices of the taxonomy app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Languages whose labels the taxonomy stores. Dutch first: it is the platform language.
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

DEMO_URI_PREFIX = "urn:overstap:demo:"


class Source(models.TextChoices):
    """Where a concept comes from."""

    ESCO = "esco", _("ESCO")
    DEMO = "demo", _("Demo taxonomy")


class SkillType(models.TextChoices):
    KNOWLEDGE = "knowledge", _("Knowledge")
    SKILL = "skill/competence", _("Skill or competence")
    UNKNOWN = "", _("Unspecified")


class ReuseLevel(models.TextChoices):
    TRANSVERSAL = "transversal", _("Transversal")
    CROSS_SECTOR = "cross-sector", _("Cross-sector")
    SECTOR_SPECIFIC = "sector-specific", _("Sector-specific")
    OCCUPATION_SPECIFIC = "occupation-specific", _("Occupation-specific")
    UNKNOWN = "", _("Unspecified")


class RelationType(models.TextChoices):
    """How much an occupation needs a skill."""

    ESSENTIAL = "essential", _("Essential")
    OPTIONAL = "optional", _("Optional")


class ConceptKind(models.TextChoices):
    OCCUPATION = "occupation", _("Occupation")
    SKILL = "skill", _("Skill")


class LabelKind(models.TextChoices):
    PREFERRED = "preferred", _("Preferred label")
    ALTERNATIVE = "alternative", _("Alternative label")
    HIDDEN = "hidden", _("Hidden label (search only)")
