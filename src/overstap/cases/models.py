"""People and their job-to-job trajectories (cases).

No business logic lives here: writes go through ``overstap.cases.services``, reads of
personal data through the access-checked ``overstap.cases.selectors``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Organisation, Region
from overstap.cases.constants import (
    CaseEventKind,
    CaseStatus,
    ContactKind,
    ContractType,
    DigitalSkills,
    EducationLevel,
    OutcomeKind,
    ReferralStatus,
    RouteIntensity,
    SignalSource,
    WageBand,
    WageComparison,
)
from overstap.catalogue.models import FundingSource, Offering
from overstap.core.models import TimeStampedModel, VersionedModel
from overstap.core.validators import validate_bsn, validate_phone, validate_postcode
from overstap.privacy.constants import BsnLegalBasis
from overstap.privacy.crypto import bsn_digest
from overstap.privacy.fields import EncryptedCharField

USER = settings.AUTH_USER_MODEL


class Person(TimeStampedModel, VersionedModel):
    """A worker or resident. Personal data: read only through the selectors."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    # Encrypted at rest (ADR 0007); ``bsn_digest`` is the keyed blind index for lookups.
    # Recorded only with a legal basis (``bsn_legal_basis``).
    bsn = EncryptedCharField(
        _("BSN"), blank=True, default="", plaintext_max_length=9, validators=[validate_bsn]
    )
    bsn_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    bsn_legal_basis = models.CharField(
        _("legal basis for the BSN"), max_length=20, choices=BsnLegalBasis.choices, blank=True
    )
    email = models.EmailField(_("e-mail address"), blank=True, db_index=True)
    phone = models.CharField(
        _("phone number"), max_length=20, blank=True, db_index=True, validators=[validate_phone]
    )
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_records",
        verbose_name=_("merged into"),
    )
    # Set by the retention run (overstap.privacy.retention): the record keeps only what the
    # figures need (birth year, PC4 postcode, municipality); names and contact data are gone.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["last_name", "first_name", "birth_date"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The blind index always follows the BSN, whoever writes it.
        self.bsn_digest = bsn_digest(self.bsn or "")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "bsn" in update_fields:
            kwargs["update_fields"] = {*update_fields, "bsn_digest"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        if self.anonymised_at is not None:
            return str(_("Anonymised person"))
        return f"{self.first_name} {self.last_name}".strip()


class Route(models.Model):
    """A triage route. Names, numbers and descriptions are regional configuration."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="routes", verbose_name=_("region")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    intensity = models.CharField(_("intensity"), max_length=20, choices=RouteIntensity.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        ordering = ["region", "number"]
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="unique_route_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Case(TimeStampedModel, VersionedModel):
    """One job-to-job trajectory of one person, shared by the people working on it."""

    number = models.CharField(_("case number"), max_length=20, unique=True)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="cases", verbose_name=_("person")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region"))
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.REGISTERED
    )
    signal_source = models.CharField(
        _("signal source"), max_length=20, choices=SignalSource.choices
    )
    releasing_employer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="released_cases",
        verbose_name=_("releasing employer"),
    )
    registered_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    registering_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="registered_cases",
        verbose_name=_("registered at"),
    )
    registration_note = models.TextField(_("note at registration"), blank=True)
    case_manager = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_cases",
        verbose_name=_("case manager"),
    )
    route = models.ForeignKey(
        Route, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("route")
    )
    triage_rationale = models.TextField(_("triage rationale"), blank=True)
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    contact_rhythm_days = models.PositiveSmallIntegerField(_("contact rhythm (days)"), default=14)
    next_contact_due = models.DateField(_("next contact due"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    close_reason = models.TextField(_("reason for closing"), blank=True)
    prior_provisions = models.JSONField(
        _("prior provisions that apply"),
        default=list,
        blank=True,
        help_text=_("Values of PriorProvision: these pay before the regional pooled budget."),
    )
    # The person's longest job at the releasing employer, copied from the work history by
    # ``cases.services.derived.refresh_releasing_jobs`` whenever the history or the case
    # changes: the dashboard's tenure and function figures read these three columns instead
    # of joining the work history of every case (a sort that spilled to disk at 100,000).
    releasing_job_start_year = models.PositiveSmallIntegerField(
        _("start year at the releasing employer"), null=True, blank=True, editable=False
    )
    releasing_job_end_year = models.PositiveSmallIntegerField(
        _("end year at the releasing employer"), null=True, blank=True, editable=False
    )
    releasing_job_title = models.CharField(
        _("job title at the releasing employer"),
        max_length=200,
        blank=True,
        default="",
        editable=False,
        help_text=_("Empty when the work history has no job at the releasing employer."),
    )
    # Legal hold (issue #7): the retention run skips the case (and its person) while set.
    legal_hold = models.BooleanField(_("legal hold"), default=False)
    legal_hold_reason = models.TextField(_("reason for the legal hold"), blank=True)
    legal_hold_since = models.DateTimeField(_("legal hold since"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["region", "status"]),
            models.Index(fields=["case_manager", "status"]),
            models.Index(fields=["next_contact_due"]),
            models.Index(fields=["region", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class CaseMember(models.Model):
    """A colleague (of any partner organisation) added to a case; may see and work on it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="case_memberships")
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case member")
        verbose_name_plural = _("case members")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="unique_case_member")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.case}"


class Intake(TimeStampedModel, VersionedModel):
    """The structured intake form of a case; saved as draft until completed."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="intake")
    education_level = models.CharField(
        _("education level"), max_length=12, choices=EducationLevel.choices, blank=True
    )
    education_field = models.CharField(_("field of education"), max_length=200, blank=True)
    digital_skills = models.CharField(
        _("digital skills"), max_length=10, choices=DigitalSkills.choices, blank=True
    )
    network = models.TextField(_("network"), blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    wishes = models.TextField(_("wishes"), blank=True)
    constraints = models.TextField(_("constraints"), blank=True)
    min_hours_per_week = models.PositiveSmallIntegerField(
        _("minimum hours per week"), null=True, blank=True
    )
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("maximum travel time (minutes)"), null=True, blank=True
    )
    min_wage_band = models.CharField(
        _("minimum wage band"), max_length=10, choices=WageBand.choices, blank=True
    )
    private_circumstances = models.TextField(
        _("private circumstances"),
        blank=True,
        help_text=_("Sensitive: visible only to the people working on this case."),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    @property
    def is_draft(self) -> bool:
        return self.completed_at is None


class WorkHistoryEntry(TimeStampedModel):
    """A job the person held. Coded to an ESCO occupation once the taxonomy is in place."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="work_history")
    employer_name = models.CharField(_("employer"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("from (year)"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("until (year)"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    wage_band = models.CharField(
        _("wage band"), max_length=10, choices=WageBand.choices, blank=True
    )
    contract_type = models.CharField(
        _("contract type"), max_length=15, choices=ContractType.choices, blank=True
    )
    occupation = models.ForeignKey(
        "taxonomy.Occupation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (ESCO)"),
    )

    class Meta:
        verbose_name = _("work history entry")
        verbose_name_plural = _("work history")
        ordering = ["-start_year", "-id"]

    def __str__(self) -> str:
        return f"{self.job_title} ({self.employer_name})"

    @property
    def years(self) -> int | None:
        if self.start_year is None:
            return None
        from django.utils import timezone

        end = self.end_year or timezone.localdate().year
        return max(end - self.start_year, 0)


class PlanGoal(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("goal"), max_length=300)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    achieved_at = models.DateField(_("achieved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class PlanAction(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        PlanGoal, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("owner"),
    )
    owner_is_participant = models.BooleanField(_("the participant does this"), default=False)
    due_date = models.DateField(_("due date"))
    done_at = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["owner", "done_at", "due_date"])]

    def __str__(self) -> str:
        return self.description


class Contact(TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=15, choices=ContactKind.choices)
    summary = models.TextField(_("summary"))
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-date", "-id"]


class Referral(TimeStampedModel, VersionedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    offering = models.ForeignKey(
        Offering, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("offering")
    )
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("provider"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    motivation = models.TextField(_("why this service"), blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    cost = models.DecimalField(_("cost (euro)"), max_digits=9, decimal_places=2, default=0)
    funding_source = models.ForeignKey(
        FundingSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("funding source"),
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["provider", "status"])]

    def __str__(self) -> str:
        return f"{self.offering} ({self.get_status_display()})"


class ReferralUpdate(models.Model):
    """Status change or progress note on a referral, by either side (insert-only)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="updates")
    from_status = models.CharField(max_length=12, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ReferralStatus.choices)
    note = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class Outcome(TimeStampedModel):
    """The result of a trajectory. A case can only close with an outcome."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="outcome")
    kind = models.CharField(_("outcome"), max_length=20, choices=OutcomeKind.choices)
    date = models.DateField(_("date"))
    employer_name = models.CharField(_("new employer"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    changed_sector = models.BooleanField(_("moved to another sector"), null=True, blank=True)
    contract_type = models.CharField(
        _("contract type"), max_length=15, choices=ContractType.choices, blank=True
    )
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    wage_band = models.CharField(
        _("wage band"), max_length=10, choices=WageBand.choices, blank=True
    )
    wage_compared = models.CharField(
        _("wage compared with before"), max_length=10, choices=WageComparison.choices, blank=True
    )
    training_name = models.CharField(_("training"), max_length=200, blank=True)
    stop_reason = models.TextField(_("reason for stopping"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")


class FollowUp(TimeStampedModel):
    """Follow-up (nazorg) after a placement, at 3, 6 and 12 months."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after placement"))
    due_date = models.DateField(_("due date"))
    answered_at = models.DateField(_("answered on"), null=True, blank=True)
    still_in_work = models.BooleanField(_("still in work"), null=True, blank=True)
    same_employer = models.BooleanField(_("same employer"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    answered_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_date"]
        constraints = [
            models.UniqueConstraint(fields=["case", "months"], name="unique_follow_up_moment")
        ]


class CaseEvent(models.Model):
    """One entry on a person's timeline (insert-only). ``data`` holds display values."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=CaseEventKind.choices)
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(db_index=True)
    summary = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.kind}"


class CaseTransfer(models.Model):
    """A case (and its person) moved to another region (issue #9; insert-only).

    Kept so both regions can see the move: the old region loses access to the case itself
    but still sees that, when and where it went; the new region sees where it came from.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="transfers")
    from_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("from region")
    )
    to_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("to region")
    )
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    cancelled_referrals = models.PositiveSmallIntegerField(default=0)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("move to another region")
        verbose_name_plural = _("moves to another region")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.case} {self.from_region} → {self.to_region}"
