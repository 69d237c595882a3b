from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Organisation, Region
from overstap.catalogue.constants import FundingSourceCode, OfferingCategory, OfferingKind
from overstap.core.models import TimeStampedModel


class FundingSource(models.Model):
    code = models.CharField(
        _("code"), max_length=30, unique=True, choices=FundingSourceCode.choices
    )

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class Offering(TimeStampedModel):
    """A service a provider offers in the region's catalogue."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region"))
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="offerings", verbose_name=_("provider")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=12, choices=OfferingKind.choices, default=OfferingKind.SINGLE
    )
    category = models.CharField(_("category"), max_length=30, choices=OfferingCategory.choices)
    description = models.TextField(_("description"), blank=True)
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    duration = models.CharField(_("duration"), max_length=100, blank=True)
    price = models.DecimalField(_("price (euro)"), max_digits=9, decimal_places=2, default=0)
    funding_sources = models.ManyToManyField(
        FundingSource, blank=True, related_name="offerings", verbose_name=_("funding sources")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Places at a time; empty = no limit.")
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    skills = models.ManyToManyField(  # type: ignore[var-annotated]
        "taxonomy.Skill",
        blank=True,
        related_name="offerings",
        verbose_name=_("skills this offering teaches"),
    )

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
