"""Rapid response: signals of coming job loss, the regional playbook, and the tasks it creates.

A :class:`Signal` (a collective dismissal notice, a call from an employer, a sector signal or
a bankruptcy) starts the region's agreed approach: every active :class:`PlaybookStep` of the
region that applies to the signal's kind becomes a :class:`SignalTask` for a partner, with a
deadline counted from the date the signal was received. :class:`SignalEvent` rows are the
signal's timeline. Nothing here is personal data of the people affected (only counts).
All writes go through :mod:`overstap.rapidresponse.services`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import OrganisationKind, Role
from overstap.core.models import TimeStampedModel, VersionedModel
from overstap.rapidresponse.constants import EventKind, SignalKind, SignalStatus, TaskStatus


class Signal(TimeStampedModel, VersionedModel):
    """A warning that people in the region are about to lose their jobs."""

    region = models.ForeignKey(
        "accounts.Region",
        on_delete=models.PROTECT,
        related_name="rapid_response_signals",
        verbose_name=_("region"),
    )
    kind = models.CharField(_("kind of signal"), max_length=30, choices=SignalKind.choices)
    employer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rapid_response_signals",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
        verbose_name=_("employer"),
    )
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    people_affected = models.PositiveIntegerField(_("number of people affected"))
    received_on = models.DateField(_("date received"))
    first_contract_end = models.DateField(
        _("expected date of the first contract ends"), null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SignalStatus.choices,
        default=SignalStatus.OPEN,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(people_affected__gte=1), name="rapidresponse_signal_people_min"
            ),
            models.CheckConstraint(
                condition=Q(employer__isnull=False) | ~Q(sector=""),
                name="rapidresponse_signal_employer_or_sector",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.employer or self.sector}"

    @property
    def subject(self) -> str:
        """Who the signal is about: the employer, else the sector."""
        return str(self.employer) if self.employer_id else self.sector

    @property
    def is_closed(self) -> bool:
        return self.status == SignalStatus.CLOSED


class PlaybookStep(TimeStampedModel, VersionedModel):
    """One agreed step of the region's approach after a signal, configured by the coordinator."""

    region = models.ForeignKey(
        "accounts.Region",
        on_delete=models.PROTECT,
        related_name="playbook_steps",
        verbose_name=_("region"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    partner_kind = models.CharField(
        _("partner (kind of organisation)"),
        max_length=20,
        choices=OrganisationKind.choices,
        blank=True,
    )
    partner_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="playbook_steps",
        verbose_name=_("partner (a specific organisation)"),
    )
    owner_role = models.CharField(
        _("default owner role"), max_length=20, choices=Role.choices, blank=True
    )
    deadline_days = models.PositiveSmallIntegerField(_("deadline (days after the signal date)"))
    signal_kinds = models.JSONField(_("applies to signals of kind"), default=list)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("playbook step")
        verbose_name_plural = _("playbook steps")
        ordering = ["order", "deadline_days", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(partner_kind="") | Q(partner_organisation__isnull=False),
                name="rapidresponse_step_partner",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def applies_to(self, kind: str) -> bool:
        return kind in (self.signal_kinds or [])

    def signal_kind_labels(self) -> list[str]:
        labels = dict(SignalKind.choices)
        return [str(labels[k]) for k in SignalKind.values if k in (self.signal_kinds or [])]

    @property
    def partner_label(self) -> str:
        if self.partner_organisation_id:
            return str(self.partner_organisation)
        return str(OrganisationKind(self.partner_kind).label) if self.partner_kind else ""


class SignalTask(TimeStampedModel, VersionedModel):
    """Work a partner does for one signal, with an owner and a deadline."""

    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("signal")
    )
    step = models.ForeignKey(
        PlaybookStep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("playbook step"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    partner_kind = models.CharField(
        _("partner (kind of organisation)"),
        max_length=20,
        choices=OrganisationKind.choices,
        blank=True,
    )
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signal_tasks",
        verbose_name=_("owner organisation"),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signal_tasks",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal task")
        verbose_name_plural = _("signal tasks")
        ordering = ["due_date", "order", "pk"]
        indexes = [models.Index(fields=["signal", "status"], name="rapidresponse_task_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (TaskStatus.DONE, TaskStatus.NOT_NEEDED)

    def is_overdue_on(self, today: dt.date) -> bool:
        return not self.is_finished and self.due_date < today

    @property
    def partner_label(self) -> str:
        if self.owner_organisation_id:
            return str(self.owner_organisation)
        if self.partner_kind:
            return str(OrganisationKind(self.partner_kind).label)
        return ""


class SignalEvent(models.Model):
    """One entry of a signal's timeline (who did what, when). Append-only."""

    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, related_name="events", verbose_name=_("signal")
    )
    task = models.ForeignKey(
        SignalTask,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("task"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("signal event")
        verbose_name_plural = _("signal events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.signal_id} {self.kind}"


class SignalLine(models.Model):
    """An occupation affected by a signal and how many people hold it (optional detail)."""

    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, related_name="lines", verbose_name=_("signal")
    )
    occupation = models.ForeignKey(
        "taxonomy.Occupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("occupation"),
    )
    headcount = models.PositiveIntegerField(_("number of people"))

    class Meta:
        verbose_name = _("occupation affected")
        verbose_name_plural = _("occupations affected")
        ordering = ["-headcount", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(headcount__gte=1), name="rapidresponse_signalline_headcount_min"
            ),
            models.UniqueConstraint(
                fields=["signal", "occupation"], name="rapidresponse_signalline_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.headcount} × {self.occupation}"
