"""The visible record of every background job: status, progress, attempts and a report.

The queue itself is django-tasks (``django_tasks_db.DBTaskResult``); a :class:`Job` is what
people see and what survives a crashed worker. It holds no personal data: ``params`` and
``result`` carry ids and counts, ``last_error`` only an error class and a safe message.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Region
from overstap.jobs.constants import JobKind, JobStatus


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=JobKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=3)
    #: The error of the last failed attempt: an error code and a message without personal data.
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("region")
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    #: When the next attempt may run (a retry waits; see ``services.backoff``).
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    #: Last sign of life of the attempt that runs it (progress saves it); a running job
    #: without one for ``JOBS_STALE_MINUTES`` counts as crashed.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    #: The id of the django-tasks result of the last enqueue (for the worker's own records).
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 100 if self.status == JobStatus.SUCCEEDED else 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def is_active(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)
