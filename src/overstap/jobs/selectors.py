"""Who sees which background job.

A job is visible to the person who started it and to the coordinators of its region. Jobs
without a region (system jobs such as the retention run) are visible to coordinators,
administrators and privacy officers. Employer users see no jobs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from overstap.accounts.constants import Role
from overstap.jobs.constants import JobStatus
from overstap.jobs.models import Job

if TYPE_CHECKING:
    from overstap.accounts.models import User

SYSTEM_JOB_ROLES = (Role.COORDINATOR, Role.ADMINISTRATOR, Role.PRIVACY_OFFICER)


def can_use_jobs(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id is not None
        and user.role
        and user.role != Role.EMPLOYER_USER
    )


def visible_jobs(user: User) -> QuerySet[Job]:
    if not can_use_jobs(user):
        return Job.objects.none()
    scope = Q(created_by_id=user.pk)
    if user.role == Role.COORDINATOR:
        scope |= Q(region_id=user.organisation.region_id)  # type: ignore[union-attr]
    if user.role in SYSTEM_JOB_ROLES:
        scope |= Q(region__isnull=True, created_by__isnull=True)
    return Job.objects.filter(scope)


def get_job(*, user: User, pk: int) -> Job:
    job = visible_jobs(user).select_related("created_by", "region").filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def can_restart(user: User, job: Job) -> bool:
    if job.status != JobStatus.FAILED:
        return False
    return visible_jobs(user).filter(pk=job.pk).exists()
