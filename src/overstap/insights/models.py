"""Budgets per funding source and the bottleneck register (knelpunten)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Region
from overstap.catalogue.models import FundingSource
from overstap.core.models import TimeStampedModel
from overstap.insights.constants import BottleneckCategory, BottleneckStatus


class Budget(TimeStampedModel):
    """The amount a funding source makes available to a region in one calendar year."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("region")
    )
    funding_source = models.ForeignKey(
        FundingSource,
        on_delete=models.PROTECT,
        related_name="budgets",
        verbose_name=_("funding source"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (euro)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["region", "year", "funding_source__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "funding_source", "year"], name="unique_budget_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.funding_source} {self.year}"


class Bottleneck(TimeStampedModel):
    """A problem in regulation, finance, process, privacy or systems that blocks the work."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="bottlenecks", verbose_name=_("region")
    )
    category = models.CharField(_("category"), max_length=12, choices=BottleneckCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    affected_count = models.PositiveIntegerField(_("number of affected cases"), default=0)
    cases = models.ManyToManyField(
        "cases.Case", blank=True, related_name="bottlenecks", verbose_name=_("affected cases")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BottleneckStatus.choices, default=BottleneckStatus.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("bottleneck")
        verbose_name_plural = _("bottlenecks")
        ordering = ["status", "-updated_at"]

    def __str__(self) -> str:
        return self.title


class CaseFact(models.Model):
    """The dashboard's read model: one narrow row per case, without names or contact details.

    Derived from the case, its person, intake and outcome (``insights.readmodel``). The
    dashboard groups these rows instead of joining four tables for every figure. Everything
    that depends on today's date (age band, overdue, tenure of a current job) is computed at
    read time from the stored dates, so a row never goes stale by the calendar alone.

    Foreign keys carry no database constraint: the row is a copy that is rebuilt, and the
    case's own row protects the references."""

    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="fact",
    )
    region = models.ForeignKey(Region, on_delete=models.DO_NOTHING, db_constraint=False)
    registered_on = models.DateField()
    registered_month = models.DateField()
    signal_source = models.CharField(max_length=20, blank=True)
    releasing_employer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    registering_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    route = models.ForeignKey(
        "cases.Route", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    is_open = models.BooleanField()
    next_contact_due = models.DateField(null=True)
    intake_done = models.BooleanField()
    education_level = models.CharField(max_length=20, blank=True)
    birth_date = models.DateField(null=True)
    job_start_year = models.PositiveSmallIntegerField(null=True)
    job_end_year = models.PositiveSmallIntegerField(null=True)
    function_group = models.CharField(max_length=12)
    outcome_kind = models.CharField(max_length=20, blank=True)
    outcome_sector = models.CharField(max_length=120, blank=True)
    outcome_changed_sector = models.BooleanField(null=True)
    days_to_outcome = models.IntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["region", "registered_on"])]

    def __str__(self) -> str:
        return f"fact of case {self.case_id}"


class StaleCaseFact(models.Model):
    """A case whose fact row must be rebuilt (an outbox, written in the same transaction as
    the change). The dashboard's selectors rebuild these before they read."""

    case_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return f"stale fact of case {self.case_id}"
