"""Choices of the skills passport."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OccupationSource(models.TextChoices):
    """How an occupation came into the passport."""

    WORK_HISTORY = "work_history", _("From the work history")
    ADDED = "added", _("Added")


class SkillSource(models.TextChoices):
    """How a skill came into the passport."""

    DERIVED_ESSENTIAL = "derived_essential", _("Derived: essential for an occupation held")
    DERIVED_OPTIONAL = "derived_optional", _("Derived: optional for an occupation held")
    ADDED = "added", _("Added")


DERIVED_SOURCES = frozenset({SkillSource.DERIVED_ESSENTIAL, SkillSource.DERIVED_OPTIONAL})


class SkillStatus(models.TextChoices):
    PENDING = "pending", _("To review")
    CONFIRMED = "confirmed", _("Confirmed")
    REMOVED = "removed", _("Removed")


class EvidenceLevel(models.TextChoices):
    """How well a skill is shown, weakest first."""

    SELF_DECLARED = "self_declared", _("Self-declared")
    CONFIRMED_BY_CASE_MANAGER = "confirmed_by_case_manager", _("Confirmed by case manager")
    CERTIFIED = "certified", _("Certified")


#: Evidence levels ranked: a higher number is stronger evidence.
EVIDENCE_RANK = {level.value: rank for rank, level in enumerate(EvidenceLevel)}


def stronger_evidence(current: str, new: str) -> str:
    """The stronger of two evidence levels (evidence is never lowered by accident)."""
    return new if EVIDENCE_RANK.get(new, 0) > EVIDENCE_RANK.get(current, 0) else current


class AmbitionKind(models.TextChoices):
    DREAM_JOB = "dream_job", _("Dream job")
    BREAD_JOB = "bread_job", _("Bread job (work to earn a living now)")


class Shift(models.TextChoices):
    DAY = "day", _("Day")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")
    WEEKEND = "weekend", _("Weekend")


class SkillAction(models.TextChoices):
    """Bulk actions on selected skills."""

    CONFIRM = "confirm", _("Confirm selected")
    REMOVE = "remove", _("Remove selected")
    RESTORE = "restore", _("Put back for review")
    EVIDENCE = "evidence", _("Set evidence level")


#: Evidence in plain words for the person (printable view and PDF).
EVIDENCE_PLAIN = {
    EvidenceLevel.SELF_DECLARED: _("my own assessment"),
    EvidenceLevel.CONFIRMED_BY_CASE_MANAGER: _("confirmed by my coach"),
    EvidenceLevel.CERTIFIED: _("proven with a certificate"),
}
