"""The django-tasks task behind every background job (``overstap run_worker`` runs it)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    """One attempt of :class:`~overstap.jobs.models.Job` ``job_id``."""
    from overstap.jobs.services import execute

    execute(job_id)
