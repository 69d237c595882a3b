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
