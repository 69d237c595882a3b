"""The skills passport of a person: occupations held, skills with evidence, certificates,
informal learning, ambitions and constraints.

The passport belongs to the person, not to a case: every case manager who may see one of
the person's cases works on the same passport. No business logic lives here: writes go
through ``overstap.passport.services``, reads through the access-checked, audited
``overstap.passport.selectors``.

Every foreign key to a taxonomy concept is registered with the taxonomy's re-link registry
(see ``apps.py``), so importing ESCO moves passports from demo concepts to their ESCO twins.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.cases.constants import WageBand
from overstap.cases.models import Person
from overstap.core.models import TimeStampedModel, VersionedModel
from overstap.passport.constants import (
    AmbitionKind,
    EvidenceLevel,
    OccupationSource,
    SkillSource,
    SkillStatus,
)
from overstap.taxonomy.models import Occupation, Skill


class Passport(TimeStampedModel, VersionedModel):
    """One skills passport per person; ``version`` guards the big form posts."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="passport", verbose_name=_("person")
    )

    class Meta:
        verbose_name = _("skills passport")
        verbose_name_plural = _("skills passports")

    def __str__(self) -> str:
        return f"passport {self.pk} (person {self.person_id})"


class PassportOccupation(TimeStampedModel):
    """An occupation the person held (from the coded work history) or that was added."""

    passport = models.ForeignKey(
        Passport, on_delete=models.CASCADE, related_name="occupations", verbose_name=_("passport")
    )
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, related_name="+", verbose_name=_("occupation")
    )
    years = models.PositiveSmallIntegerField(_("years of experience"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=OccupationSource.choices, default=OccupationSource.ADDED
    )

    class Meta:
        verbose_name = _("occupation held")
        verbose_name_plural = _("occupations held")
        ordering = ["-years", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["passport", "occupation"], name="passport_occupation_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.occupation)


class PassportSkill(TimeStampedModel):
    """A skill in the passport: derived from an occupation (to review) or added."""

    passport = models.ForeignKey(
        Passport, on_delete=models.CASCADE, related_name="skills", verbose_name=_("passport")
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="+", verbose_name=_("skill")
    )
    source = models.CharField(_("source"), max_length=20, choices=SkillSource.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=SkillStatus.choices, default=SkillStatus.PENDING
    )
    evidence = models.CharField(
        _("evidence"),
        max_length=30,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.SELF_DECLARED,
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("passport skill")
        verbose_name_plural = _("passport skills")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["passport", "skill"], name="passport_skill_unique")
        ]
        indexes = [models.Index(fields=["passport", "status"], name="passport_skill_status_idx")]

    def __str__(self) -> str:
        return f"{self.skill} ({self.status})"


class Certificate(TimeStampedModel):
    """A certificate or diploma, optionally linked to the skills it proves."""

    passport = models.ForeignKey(
        Passport, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("passport")
    )
    name = models.CharField(_("name"), max_length=200)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    obtained_on = models.DateField(_("date obtained"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    skills = models.ManyToManyField(  # type: ignore[var-annotated]
        Skill, through="CertificateSkill", related_name="+", blank=True, verbose_name=_("skills")
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-obtained_on", "id"]

    def __str__(self) -> str:
        return self.name


class CertificateSkill(models.Model):
    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="links")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "skill"], name="passport_certificate_skill_unique"
            )
        ]

    def __str__(self) -> str:
        return f"certificate {self.certificate_id} proves skill {self.skill_id}"


class LearningExperience(TimeStampedModel):
    """Informal or on-the-job learning: what the person learned, when, and which skills."""

    passport = models.ForeignKey(
        Passport, on_delete=models.CASCADE, related_name="learning", verbose_name=_("passport")
    )
    description = models.CharField(_("what was learned"), max_length=300)
    period = models.CharField(_("period"), max_length=100, blank=True)
    skills = models.ManyToManyField(  # type: ignore[var-annotated]
        Skill, through="LearningSkill", related_name="+", blank=True, verbose_name=_("skills")
    )

    class Meta:
        verbose_name = _("learning experience")
        verbose_name_plural = _("learning experiences")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class LearningSkill(models.Model):
    learning = models.ForeignKey(LearningExperience, on_delete=models.CASCADE, related_name="links")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learning", "skill"], name="passport_learning_skill_unique"
            )
        ]

    def __str__(self) -> str:
        return f"learning {self.learning_id} gave skill {self.skill_id}"


class Ambition(TimeStampedModel):
    """A target occupation or sector: a dream job or a bread job."""

    passport = models.ForeignKey(
        Passport, on_delete=models.CASCADE, related_name="ambitions", verbose_name=_("passport")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=AmbitionKind.choices)
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target occupation"),
    )
    sector = models.CharField(_("occupation or sector (text)"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ambition")
        verbose_name_plural = _("ambitions")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return str(self.occupation) if self.occupation_id else self.sector


class PassportConstraints(TimeStampedModel):
    """What work has to fit: hours, travel, wage floor, shifts and contracts."""

    passport = models.OneToOneField(
        Passport, on_delete=models.CASCADE, related_name="constraints", verbose_name=_("passport")
    )
    min_hours_per_week = models.PositiveSmallIntegerField(
        _("minimum hours per week"), null=True, blank=True
    )
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("maximum travel time (minutes)"), null=True, blank=True
    )
    max_travel_km = models.PositiveSmallIntegerField(
        _("maximum travel distance (km)"), null=True, blank=True
    )
    min_wage_band = models.CharField(
        _("minimum wage band"), max_length=10, choices=WageBand.choices, blank=True
    )
    shifts = models.JSONField(_("acceptable shifts"), default=list, blank=True)
    contract_types = models.JSONField(_("acceptable contract types"), default=list, blank=True)

    class Meta:
        verbose_name = _("constraints")
        verbose_name_plural = _("constraints")

    def __str__(self) -> str:
        return f"constraints of passport {self.passport_id}"
