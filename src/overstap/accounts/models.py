from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import OrganisationKind, Role
from overstap.core.models import TimeStampedModel


class Region(TimeStampedModel):
    """A labour-market region (arbeidsmarktregio); the unit that shares cases and figures."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(TimeStampedModel):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_organisation_name")
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person working in Overstap for one organisation, in one role."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def region_id(self) -> int | None:
        return self.organisation.region_id if self.organisation else None

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles
