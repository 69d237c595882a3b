"""Starting, running, retrying and recovering background jobs.

* :func:`enqueue` records a :class:`~overstap.jobs.models.Job` and hands it to the task
  queue (django-tasks) once the caller's transaction commits.
* :func:`execute` runs one attempt (the django-tasks task ``overstap.jobs.tasks.run_job``
  calls it). A failed attempt is queued again after :func:`backoff` until ``max_attempts``;
  then the job is failed with a message that holds no personal data.
* :func:`recover_stale` queues jobs again whose worker died mid-run (``overstap run_worker``
  calls it at start-up); :func:`restart` lets a person run a failed job again.

With ``OVERSTAP_TASKS_IMMEDIATE`` the ImmediateBackend runs the job inside ``enqueue``
(retries follow at once, without waiting).
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.core.exceptions import DomainError
from overstap.jobs import registry
from overstap.jobs.constants import JobStatus
from overstap.jobs.models import Job

if TYPE_CHECKING:
    from overstap.accounts.models import Region, User

logger = logging.getLogger(__name__)

__all__ = [
    "JobError",
    "backoff",
    "dispatch",
    "enqueue",
    "execute",
    "recover_stale",
    "restart",
]


class JobError(Exception):
    """A failure whose message is safe to show and store (no personal data)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def backoff(attempt: int) -> int:
    """Seconds to wait before attempt ``attempt + 1``: the base delay doubled per attempt.

    >>> [backoff(n) for n in (1, 2, 3)]  # with OVERSTAP_JOBS_RETRY_DELAY=30
    [30, 60, 120]
    """
    base = int(getattr(settings, "JOBS_RETRY_DELAY", 30))
    return base * 2 ** max(attempt - 1, 0)


def enqueue(
    *,
    kind: str,
    actor: User | None = None,
    region: Region | None = None,
    params: dict[str, Any] | None = None,
    total: int = 0,
    max_attempts: int | None = None,
) -> Job:
    """Record a job and queue it when the current transaction commits."""
    job = Job.objects.create(
        kind=kind,
        created_by=actor,
        region=region,
        params=params or {},
        progress_total=total,
        max_attempts=max_attempts or int(settings.JOBS_MAX_ATTEMPTS),
    )
    job_id = job.pk
    transaction.on_commit(lambda: dispatch(job_id))
    return job


def dispatch(job_id: int, *, delay_seconds: int = 0) -> None:
    """Hand the job to the task queue (deferred by ``delay_seconds`` where it can wait)."""
    from overstap.jobs.tasks import run_job

    task = run_job
    if delay_seconds and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + dt.timedelta(seconds=delay_seconds))
    result = task.enqueue(job_id)
    Job.objects.filter(pk=job_id).update(task_id=str(result.id)[:64])


def _claim(job_id: int) -> Job | None:
    """Mark a queued job running (one attempt more); ``None`` if it is not queued."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != JobStatus.QUEUED:
            return None
        now = timezone.now()
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or now
        job.heartbeat_at = now
        job.next_attempt_at = None
        job.save(
            update_fields=["status", "attempts", "started_at", "heartbeat_at", "next_attempt_at"]
        )
        return job


def _safe_error(exc: BaseException) -> str:
    """The error to store and show: the class and, for our own errors, their message.

    Messages of other exceptions may quote data (a database error quotes the row), so
    they go to the log of the worker only."""
    name = type(exc).__name__
    if isinstance(exc, JobError | DomainError):
        return f"{name}: {exc.message}"[:500]
    return name


def execute(job_id: int) -> Job | None:
    """Run one attempt of the job. Never raises: a failure is recorded on the job."""
    job = _claim(job_id)
    if job is None:
        return None
    try:
        handler = registry.handler_for(job.kind)
        result = handler(registry.JobContext(job=job))
    except Exception as exc:
        logger.exception("Background job %s (%s) attempt %s failed", job.pk, job.kind, job.attempts)
        return _failed_attempt(job, exc)
    job.refresh_from_db()
    job.status = JobStatus.SUCCEEDED
    job.result = result or {}
    job.finished_at = timezone.now()
    job.last_error = ""
    if job.progress_total and job.progress_done < job.progress_total:
        job.progress_done = job.progress_total
    job.save()
    return job


def _failed_attempt(job: Job, exc: BaseException) -> Job:
    job.refresh_from_db()
    job.last_error = _safe_error(exc)
    if job.attempts < job.max_attempts:
        delay = backoff(job.attempts)
        job.status = JobStatus.QUEUED
        job.next_attempt_at = timezone.now() + dt.timedelta(seconds=delay)
        job.save(update_fields=["status", "last_error", "next_attempt_at"])
        dispatch(job.pk, delay_seconds=delay)
        job.refresh_from_db()
        return job
    job.status = JobStatus.FAILED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "last_error", "finished_at"])
    return job


def recover_stale(*, now: dt.datetime | None = None) -> list[Job]:
    """Queue again the running jobs whose worker stopped (no sign of life for
    ``JOBS_STALE_MINUTES``); a job that used all its attempts is failed instead."""
    now = now or timezone.now()
    limit = now - dt.timedelta(minutes=int(settings.JOBS_STALE_MINUTES))
    recovered = []
    for job in Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=limit):
        job.last_error = _("The worker stopped while running this job.")
        if job.attempts < job.max_attempts:
            job.status = JobStatus.QUEUED
            job.save(update_fields=["status", "last_error"])
            transaction.on_commit(partial(dispatch, job.pk))
        else:
            job.status = JobStatus.FAILED
            job.finished_at = now
            job.save(update_fields=["status", "last_error", "finished_at"])
        recovered.append(job)
    return recovered


def restart(*, actor: User, job: Job) -> Job:
    """Run a failed job again with a fresh set of attempts (it resumes where it stopped)."""
    from overstap.jobs.selectors import can_restart

    if not can_restart(actor, job):
        raise DomainError(_("Only a failed job can be started again."), code="not_failed")
    updated = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED, attempts=0, finished_at=None, next_attempt_at=None
    )
    if not updated:
        raise DomainError(_("Only a failed job can be started again."), code="not_failed")
    transaction.on_commit(lambda: dispatch(job.pk))
    job.refresh_from_db()
    return job
