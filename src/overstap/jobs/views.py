"""The "Background jobs" pages: the list, one job, its progress (polled by htmx) and a
restart of a failed job."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overstap.accounts.models import User
from overstap.core.exceptions import DomainError
from overstap.jobs import selectors, services
from overstap.jobs.constants import JobKind
from overstap.jobs.models import Job

NAV = "jobs"


def _user(request: HttpRequest) -> User:
    user = cast("User", request.user)
    if not selectors.can_use_jobs(user):
        raise PermissionDenied
    return user


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    jobs = selectors.visible_jobs(user).select_related("created_by")
    page = Paginator(jobs, 50).get_page(request.GET.get("page"))
    return render(request, "jobs/job_list.html", {"page": page, "nav_active": NAV})


def _context(user: User, job_pk: int) -> dict[str, object]:
    job = selectors.get_job(user=user, pk=job_pk)
    return {"job": job, "can_restart": selectors.can_restart(user, job), "nav_active": NAV}


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return render(request, "jobs/job_detail.html", _context(user, pk))


@login_required
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment. Polled every 2 s while the job is queued or running; when a
    polled job has finished, the page reloads to show the outcome."""
    user = _user(request)
    context = _context(user, pk)
    response = render(request, "jobs/_job_progress.html", context)
    job = context["job"]
    if request.htmx and request.GET.get("poll") and not job.is_active:  # type: ignore[attr-defined]
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def job_restart(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    job = selectors.get_job(user=user, pk=pk)
    try:
        services.restart(actor=user, job=job)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The job has been started again."))
    return redirect(result_url(job))


def result_url(job: Job) -> str:
    """Where a job's outcome is shown: the import's own page for a bulk intake."""
    if job.kind == JobKind.BULK_INTAKE and job.params.get("import_id"):
        return reverse("bulkintake:detail", args=[job.params["import_id"]])
    return reverse("jobs:job_detail", args=[job.pk])
