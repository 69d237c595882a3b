"""Front-door records: self-registrations, employer desk requests and schemes.

No business logic lives here: writes go through ``overstap.frontdoor.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Region
from overstap.cases.constants import ContractType
from overstap.core.models import TimeStampedModel, VersionedModel
from overstap.core.validators import validate_phone, validate_postcode
from overstap.frontdoor.constants import (
    ContactChannel,
    DeskRequestKind,
    DeskRequestStatus,
    RegistrationKind,
    SchemeKind,
    SchemeScope,
    Situation,
    TimePreference,
)

USER = settings.AUTH_USER_MODEL


class SelfRegistration(TimeStampedModel):
    """What a resident told the front door, next to the case it opened in the intake queue.

    The personal data itself lives on ``cases.Person``; this row keeps what the case does not
    have: the situation in the resident's own words, the consent text they agreed to and,
    for a conversation request, their time preference.
    """

    case = models.OneToOneField(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="self_registration",
        verbose_name=_("case"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RegistrationKind.choices)
    situation = models.CharField(_("situation"), max_length=20, choices=Situation.choices)
    current_employer = models.CharField(_("current employer"), max_length=200, blank=True)
    current_job = models.CharField(_("current job"), max_length=200, blank=True)
    time_preference = models.CharField(
        _("time preference"), max_length=20, choices=TimePreference.choices, blank=True
    )
    channel = models.CharField(
        _("how to talk"), max_length=20, choices=ContactChannel.choices, blank=True
    )
    question = models.TextField(_("question"), blank=True)
    consent_version = models.CharField(_("consent text version"), max_length=20)
    consent_given_at = models.DateTimeField(_("consent given at"))
    respond_by = models.DateField(_("respond by"))

    class Meta:
        verbose_name = _("self-registration")
        verbose_name_plural = _("self-registrations")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_id}"


class DeskRequest(TimeStampedModel, VersionedModel):
    """An employer's report at the employer desk: a surplus, a shortage or a vacancy."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region"))
    kind = models.CharField(_("kind"), max_length=20, choices=DeskRequestKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeskRequestStatus.choices,
        default=DeskRequestStatus.NEW,
        db_index=True,
    )
    assignee = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assignee"),
    )
    organisation_name = models.CharField(_("organisation"), max_length=200)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(
        _("phone number"), max_length=20, blank=True, validators=[validate_phone]
    )
    people_count = models.PositiveSmallIntegerField(_("number of people"), null=True, blank=True)
    occupations = models.CharField(_("jobs or occupations"), max_length=300, blank=True)
    expected_date = models.DateField(_("from when"), null=True, blank=True)
    description = models.TextField(_("explanation"), blank=True)
    # Vacancy fields (kind = vacancy)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    hours_min = models.PositiveSmallIntegerField(_("minimum hours per week"), null=True, blank=True)
    hours_max = models.PositiveSmallIntegerField(_("maximum hours per week"), null=True, blank=True)
    contract_type = models.CharField(
        _("contract type"), max_length=20, choices=ContractType.choices, blank=True
    )
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    vacancy = models.ForeignKey(
        "employers.Vacancy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vacancy"),
    )
    picked_up_at = models.DateTimeField(_("picked up at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("front-door request")
        verbose_name_plural = _("front-door requests")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.organisation_name}"


class Scheme(TimeStampedModel, VersionedModel):
    """A regional or national scheme or instrument (regeling) with structured conditions.

    The structured conditions are what the eligibility helper tests; an empty condition
    means "no condition on this". ``conditions_text`` says the same for people.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SchemeKind.choices)
    provider = models.CharField(_("provided by"), max_length=200)
    summary = models.CharField(_("in one sentence"), max_length=300)
    conditions_text = models.TextField(_("conditions"))
    pays = models.TextField(_("what it pays"))
    how_to_apply = models.TextField(_("how to apply"))
    url = models.URLField(_("link"), blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=SchemeScope.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schemes",
        verbose_name=_("region"),
        help_text=_("Only for regional schemes."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    for_employers = models.BooleanField(
        _("for employers"), default=False, help_text=_("The employer applies, not the person.")
    )
    # Structured conditions
    age_min = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    situations = models.JSONField(
        _("situations"),
        default=list,
        blank=True,
        help_text=_("Values of Situation; empty means every situation."),
    )
    education_levels = models.JSONField(
        _("education levels"),
        default=list,
        blank=True,
        help_text=_("Values of EducationLevel; empty means every level."),
    )
    sectors = models.JSONField(
        _("sectors of the releasing employer"),
        default=list,
        blank=True,
        help_text=_("Sector names; empty means every sector."),
    )

    class Meta:
        verbose_name = _("scheme")
        verbose_name_plural = _("schemes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
