"""The employer network: employer profiles, surplus and shortage registrations and proposals.

Employers are :class:`~overstap.accounts.models.Organisation` rows of kind ``employer``; this app
adds what account managers need to bring releasing and receiving employers together (issue #5).
Contact persons are personal data (staff-only, audited). All writes go through
:mod:`overstap.network.services`; reads through :mod:`overstap.network.selectors`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import OrganisationKind, Role
from overstap.core.models import TimeStampedModel, VersionedModel
from overstap.core.validators import validate_phone, validate_postcode
from overstap.network.constants import (
    SBI_SECTIONS,
    Arrangement,
    EventKind,
    ProposalStatus,
    RegistrationStatus,
    SizeClass,
)

EMPLOYER = {"kind": OrganisationKind.EMPLOYER}


def sbi_section(code: str) -> tuple[str, str] | None:
    """The SBI section (letter, label) of an SBI code, or ``None``."""
    digits = (code or "").replace(".", "").strip()
    if len(digits) < 2 or not digits[:2].isdigit():
        return None
    division = int(digits[:2])
    for letter, divisions, label in SBI_SECTIONS:
        if division in divisions:
            return letter, str(label)
    return None


def validate_sbi_code(value: str) -> None:
    """An SBI code: 2 to 5 digits (a dot after the first two or four is allowed)."""
    digits = (value or "").replace(".", "").strip()
    if not (digits.isdigit() and 2 <= len(digits) <= 5) or sbi_section(digits) is None:
        raise ValidationError(
            _("Enter an SBI code of 2 to 5 digits, for example 5510 for hotels."), code="sbi"
        )


class EmployerProfile(TimeStampedModel, VersionedModel):
    """What the network knows about an employer beyond the organisation row."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="network_profile",
        limit_choices_to=EMPLOYER,
        verbose_name=_("employer"),
    )
    sbi_code = models.CharField(
        _("SBI code"), max_length=6, blank=True, validators=[validate_sbi_code]
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True
    )
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_employers",
        limit_choices_to={"role": Role.ACCOUNT_MANAGER},
        verbose_name=_("account manager"),
    )
    exclude_same_sector = models.BooleanField(
        _("exclude employers of the same sector"),
        default=False,
        help_text=_("Never propose moves to or from competitors in the same sector."),
    )
    excluded_employers = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="excluded_by_profiles",
        limit_choices_to=EMPLOYER,
        verbose_name=_("excluded employers"),
    )

    class Meta:
        verbose_name = _("employer profile")
        verbose_name_plural = _("employer profiles")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def sbi_section(self) -> tuple[str, str] | None:
        return sbi_section(self.sbi_code)


class EmployerLocation(TimeStampedModel):
    employer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="network_locations",
        limit_choices_to=EMPLOYER,
        verbose_name=_("employer"),
    )
    name = models.CharField(_("name"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    city = models.CharField(_("city"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.postcode})"


class EmployerContact(TimeStampedModel):
    """A contact person at an employer (personal data: staff-only, reads and writes audited)."""

    employer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="network_contacts",
        limit_choices_to=EMPLOYER,
        verbose_name=_("employer"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=120, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(
        _("phone number"), max_length=20, blank=True, validators=[validate_phone]
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class EmployerNote(TimeStampedModel):
    employer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="network_notes",
        limit_choices_to=EMPLOYER,
        verbose_name=_("employer"),
    )
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class EmployerEvent(models.Model):
    """One line on an employer's timeline; written by every network service."""

    employer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="network_events",
        verbose_name=_("employer"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    summary = models.CharField(_("summary"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    occurred_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("employer event")
        verbose_name_plural = _("employer events")
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return self.summary


class SurplusRegistration(TimeStampedModel, VersionedModel):
    """A releasing employer expects to let people go (surplus, "boventalligheid")."""

    employer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="surplus_registrations",
        limit_choices_to=EMPLOYER,
        verbose_name=_("employer"),
    )
    reason = models.TextField(_("reason"))
    expected_date = models.DateField(_("expected date"))
    social_plan = models.BooleanField(_("social plan"), default=False)
    lending_possible = models.BooleanField(_("temporary lending possible"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.OPEN,
        db_index=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        verbose_name = _("surplus registration")
        verbose_name_plural = _("surplus registrations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.employer} – {self.expected_date:%d-%m-%Y}"

    @property
    def total_headcount(self) -> int:
        return sum(line.headcount for line in self.lines.all())


class SurplusLine(models.Model):
    registration = models.ForeignKey(
        SurplusRegistration,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("surplus registration"),
    )
    occupation = models.ForeignKey(
        "taxonomy.Occupation",
        on_delete=models.PROTECT,
        related_name="surplus_lines",
        verbose_name=_("occupation"),
    )
    headcount = models.PositiveIntegerField(_("number of people"))

    class Meta:
        verbose_name = _("surplus line")
        verbose_name_plural = _("surplus lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(headcount__gte=1), name="network_surplusline_headcount_min"
            )
        ]

    def __str__(self) -> str:
        return f"{self.headcount} × {self.occupation}"


class ShortageRegistration(TimeStampedModel, VersionedModel):
    """A receiving employer needs people in a period."""

    employer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="shortage_registrations",
        limit_choices_to=EMPLOYER,
        verbose_name=_("employer"),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    open_to_other_sectors = models.BooleanField(
        _("open to people from other sectors"), default=True
    )
    willing_to_train = models.BooleanField(_("willing to train"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.OPEN,
        db_index=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        verbose_name = _("shortage registration")
        verbose_name_plural = _("shortage registrations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="network_shortage_period_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.employer} – {self.period_start:%d-%m-%Y}"

    @property
    def total_headcount(self) -> int:
        return sum(line.headcount for line in self.lines.all())


class ShortageLine(models.Model):
    registration = models.ForeignKey(
        ShortageRegistration,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("shortage registration"),
    )
    occupation = models.ForeignKey(
        "taxonomy.Occupation",
        on_delete=models.PROTECT,
        related_name="shortage_lines",
        verbose_name=_("occupation"),
    )
    headcount = models.PositiveIntegerField(_("number of people"))
    skills = models.ManyToManyField(  # type: ignore[var-annotated]
        "taxonomy.Skill",
        through="ShortageLineSkill",
        blank=True,
        related_name="shortage_lines",
        verbose_name=_("skills asked for"),
    )

    class Meta:
        verbose_name = _("shortage line")
        verbose_name_plural = _("shortage lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(headcount__gte=1), name="network_shortageline_headcount_min"
            )
        ]

    def __str__(self) -> str:
        return f"{self.headcount} × {self.occupation}"


class ShortageLineSkill(models.Model):
    line = models.ForeignKey(
        ShortageLine, on_delete=models.CASCADE, related_name="skill_links", verbose_name=_("line")
    )
    skill = models.ForeignKey(
        "taxonomy.Skill", on_delete=models.PROTECT, related_name="+", verbose_name=_("skill")
    )

    class Meta:
        verbose_name = _("shortage line skill")
        verbose_name_plural = _("shortage line skills")
        constraints = [
            models.UniqueConstraint(
                fields=["line", "skill"], name="network_shortageline_skill_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.skill)


class Proposal(TimeStampedModel, VersionedModel):
    """An account manager's proposal to move people from a surplus line to a shortage line."""

    surplus_line = models.ForeignKey(
        SurplusLine,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("surplus line"),
    )
    shortage_line = models.ForeignKey(
        ShortageLine,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("shortage line"),
    )
    arrangement = models.CharField(_("arrangement"), max_length=12, choices=Arrangement.choices)
    headcount = models.PositiveIntegerField(_("number of people"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
        db_index=True,
    )
    score = models.JSONField(_("score when proposed"), default=dict, blank=True)
    people_moved = models.PositiveIntegerField(_("people moved"), null=True, blank=True)
    result_note = models.TextField(_("result"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(headcount__gte=1), name="network_proposal_headcount_min"
            )
        ]

    def __str__(self) -> str:
        return f"{self.surplus_line} → {self.shortage_line}"
