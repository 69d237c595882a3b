"""Vacancies of receiving employers, with the skills they need.

Employers are :class:`~overstap.accounts.models.Organisation` rows of kind ``employer``.
Vacancies hold no personal data. All writes go through :mod:`overstap.employers.services`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import OrganisationKind
from overstap.cases.constants import ContractType, WageBand
from overstap.core.models import TimeStampedModel, VersionedModel
from overstap.core.validators import validate_postcode
from overstap.employers.constants import (
    ImportFormat,
    ImportStatus,
    SkillImportance,
    VacancySource,
    VacancyStatus,
)


class Vacancy(TimeStampedModel, VersionedModel):
    """A job a receiving employer wants to fill, described by an occupation and skills."""

    employer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="vacancies",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
        verbose_name=_("employer"),
    )
    region = models.ForeignKey(
        "accounts.Region",
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("region"),
    )
    title = models.CharField(_("job title"), max_length=200)
    occupation = models.ForeignKey(
        "taxonomy.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("occupation (ESCO)"),
    )
    description = models.TextField(_("description"), blank=True)
    hours_min = models.PositiveSmallIntegerField(_("minimum hours per week"), null=True, blank=True)
    hours_max = models.PositiveSmallIntegerField(_("maximum hours per week"), null=True, blank=True)
    wage_band = models.CharField(
        _("wage band"), max_length=20, choices=WageBand.choices, blank=True
    )
    contract_type = models.CharField(
        _("contract type"), max_length=20, choices=ContractType.choices, blank=True
    )
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    shifts = models.JSONField(_("shifts"), default=list, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    positions = models.PositiveSmallIntegerField(_("number of positions"), default=1)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VacancyStatus.choices,
        default=VacancyStatus.DRAFT,
        db_index=True,
    )
    open_to_other_sectors = models.BooleanField(
        _("open to people from other sectors"), default=True
    )
    source = models.CharField(
        _("source"), max_length=10, choices=VacancySource.choices, default=VacancySource.UI
    )
    external_id = models.CharField(_("external id"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "source", "external_id"],
                condition=~Q(external_id=""),
                name="employers_vacancy_external_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(positions__gte=1), name="employers_vacancy_positions_min"
            ),
            models.CheckConstraint(
                condition=Q(hours_min__isnull=True)
                | Q(hours_max__isnull=True)
                | Q(hours_min__lte=F("hours_max")),
                name="employers_vacancy_hours_order",
            ),
        ]
        indexes = [models.Index(fields=["region", "status"], name="employers_vac_region_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == VacancyStatus.OPEN

    def shift_labels(self) -> list[str]:
        from overstap.employers.constants import Shift

        labels = dict(Shift.choices)
        return [str(labels[s]) for s in self.shifts if s in labels]


class VacancySkill(models.Model):
    """A skill a vacancy asks for: a must-have or a nice-to-have."""

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="skill_links", verbose_name=_("vacancy")
    )
    skill = models.ForeignKey(
        "taxonomy.Skill",
        on_delete=models.PROTECT,
        related_name="vacancy_links",
        verbose_name=_("skill"),
    )
    importance = models.CharField(_("importance"), max_length=10, choices=SkillImportance.choices)

    class Meta:
        verbose_name = _("vacancy skill")
        verbose_name_plural = _("vacancy skills")
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "skill"], name="employers_vacancy_skill_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vacancy} – {self.skill} ({self.importance})"


class VacancyImport(TimeStampedModel):
    """An uploaded vacancy file between preview and confirmation (and its result afterwards).

    The content is kept here, not in the session, so nothing is lost between the two steps.
    """

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    employer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="vacancy_imports",
        verbose_name=_("employer"),
    )
    format = models.CharField(_("format"), max_length=10, choices=ImportFormat.choices)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content = models.TextField(_("content"))
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("vacancy import")
        verbose_name_plural = _("vacancy imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename or str(self.token)
