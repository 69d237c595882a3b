"""Consent records, lawful-basis overrides and employers' introduction requests.

``ConsentRecord`` and ``ConsentOverride`` are insert-only: a withdrawal is a new record,
never a change of an old one, so the history of what the person agreed to is complete.
Writes go through ``overstap.consent.services``; reads through ``overstap.consent.selectors``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Organisation
from overstap.consent.constants import (
    ConsentChannel,
    ConsentPurpose,
    ConsentState,
    IntroductionStatus,
)

USER = settings.AUTH_USER_MODEL


class InsertOnlyError(RuntimeError):
    pass


class InsertOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise InsertOnlyError("These records are insert-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise InsertOnlyError("These records are insert-only.")


class InsertOnlyModel(models.Model):
    """A model whose rows are written once. Deleting the person (erasure) still cascades:
    Django's collector deletes with SQL and does not call these methods."""

    objects = InsertOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise InsertOnlyError("These records are insert-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise InsertOnlyError("These records are insert-only.")


class ConsentRecord(InsertOnlyModel):
    """One act of giving or withdrawing consent, by one person, for one purpose/recipient."""

    person = models.ForeignKey(
        "cases.Person",
        on_delete=models.CASCADE,
        related_name="consent_records",
        verbose_name=_("person"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    recipient = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
        help_text=_("Empty for purposes without one recipient, such as research."),
    )
    state = models.CharField(_("given or withdrawn"), max_length=10, choices=ConsentState.choices)
    text_version = models.CharField(_("version of the consent text"), max_length=20)
    channel = models.CharField(_("channel"), max_length=10, choices=ConsentChannel.choices)
    recorded_at = models.DateTimeField(_("time"), db_index=True)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    expires_on = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-recorded_at", "-id"]
        indexes = [
            models.Index(fields=["person", "purpose", "recipient", "recorded_at"]),
            models.Index(fields=["purpose", "recipient", "recorded_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.get_state_display()})"

    @property
    def is_given(self) -> bool:
        return self.state == ConsentState.GIVEN


class ConsentOverride(InsertOnlyModel):
    """A lawful basis other than consent, recorded with its reason (e.g. statistics by law).

    ``person`` is empty for an override that covers a whole export; ``referral`` is set when
    the override lets one provider see one referral.
    """

    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    person = models.ForeignKey(
        "cases.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_overrides",
        verbose_name=_("person"),
    )
    recipient = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    referral = models.ForeignKey(
        "cases.Referral",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_overrides",
        verbose_name=_("referral"),
    )
    reason = models.TextField(_("lawful basis"))
    recorded_at = models.DateTimeField(_("time"))
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        verbose_name = _("consent override")
        verbose_name_plural = _("consent overrides")
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.reason[:40]}"


class IntroductionRequest(models.Model):
    """A receiving employer asks to be introduced to an anonymous candidate for a vacancy."""

    vacancy = models.ForeignKey(
        "employers.Vacancy",
        on_delete=models.CASCADE,
        related_name="introduction_requests",
        verbose_name=_("vacancy"),
    )
    employer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("employer")
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="introduction_requests",
        verbose_name=_("case"),
    )
    token = models.CharField(_("candidate token"), max_length=32)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.REQUESTED,
    )
    message = models.TextField(_("message from the employer"), blank=True)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    consent = models.ForeignKey(
        ConsentRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("introduction request")
        verbose_name_plural = _("introduction requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "case"], name="unique_introduction_per_vacancy_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vacancy} / {self.token}"
