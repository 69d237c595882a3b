"""Background jobs: running, retries with backoff, failure, crash recovery, restart, pages."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from overstap.accounts.constants import OrganisationKind, Role
from overstap.core.exceptions import DomainError
from overstap.jobs import registry, services
from overstap.jobs.constants import JobKind, JobStatus
from overstap.jobs.models import Job

from ..factories import OrganisationFactory, UserFactory

calls: dict[str, int] = {}


@registry.register("test_flaky")
def _flaky(ctx: registry.JobContext) -> dict[str, int]:
    """Fails until the attempt named in params["succeed_at"] (0: always fails)."""
    calls["n"] = calls.get("n", 0) + 1
    ctx.progress(ctx.job.attempts, 3)
    if ctx.job.attempts != ctx.job.params.get("succeed_at"):
        if ctx.job.params.get("safe"):
            raise services.JobError("The staff list could not be read.")
        raise ValueError("Jansen, 06-12345678")  # may carry personal data: never stored
    return {"attempt": ctx.job.attempts}


@pytest.fixture(autouse=True)
def _reset():
    calls.clear()
    with translation.override("en"):
        yield


def _run(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.enqueue(**kwargs)
    job.refresh_from_db()
    return job


def test_a_job_runs_and_records_its_result(db, coordinator, django_capture_on_commit_callbacks):
    job = _run(
        django_capture_on_commit_callbacks,
        kind="test_flaky",
        actor=coordinator,
        params={"succeed_at": 1},
    )
    assert job.status == JobStatus.SUCCEEDED
    assert (job.attempts, job.result) == (1, {"attempt": 1})
    assert job.progress_done == job.progress_total == 3  # completed on success
    assert job.started_at and job.finished_at and job.task_id


def test_a_failing_job_is_retried_until_it_succeeds(db, django_capture_on_commit_callbacks):
    job = _run(django_capture_on_commit_callbacks, kind="test_flaky", params={"succeed_at": 3})
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 3 and calls["n"] == 3
    assert job.last_error == ""


def test_after_max_attempts_the_job_fails_without_personal_data(
    db, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_MAX_ATTEMPTS = 2
    job = _run(django_capture_on_commit_callbacks, kind="test_flaky", params={"succeed_at": 0})
    assert job.status == JobStatus.FAILED and job.attempts == 2 and job.finished_at
    assert job.last_error == "ValueError"  # the message quoted a name and a phone number
    safe = _run(
        django_capture_on_commit_callbacks,
        kind="test_flaky",
        params={"succeed_at": 0, "safe": True},
        max_attempts=1,
    )
    assert safe.last_error == "JobError: The staff list could not be read."


def test_a_retry_waits_with_backoff_where_the_queue_can_defer(db, settings):
    """With a queue that can wait (the database backend; here django-tasks' DummyBackend),
    a failed attempt is queued again with run_after = now + backoff."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.JOBS_RETRY_DELAY = 30
    from django_tasks import task_backends

    job = Job.objects.create(kind="test_flaky", params={"succeed_at": 0})
    before = timezone.now()
    services.execute(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.attempts == 1
    assert job.last_error == "ValueError"
    (queued,) = task_backends["default"].results
    assert queued.args == [job.pk]
    assert queued.task.run_after >= before + dt.timedelta(seconds=30)
    assert job.next_attempt_at >= before + dt.timedelta(seconds=30)
    assert [services.backoff(n) for n in (1, 2, 3)] == [30, 60, 120]


def test_the_database_backend_and_run_worker_run_a_queued_job(
    db, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes stale connections between tasks; the test's connection sits in the
    # test transaction (its autocommit differs from the setting), so on PostgreSQL that
    # would close it under the test. A real worker runs outside any transaction.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    job = _run(django_capture_on_commit_callbacks, kind="test_flaky", params={"succeed_at": 1})
    assert job.status == JobStatus.QUEUED  # nothing runs without a worker
    call_command("run_worker", "--batch", "--no-startup-delay", stdout=StringIO())
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED


def test_a_job_left_running_by_a_dead_worker_is_queued_again(
    db, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_STALE_MINUTES = 15
    long_ago = timezone.now() - dt.timedelta(minutes=20)
    stale = Job.objects.create(
        kind="test_flaky",
        status=JobStatus.RUNNING,
        attempts=1,
        heartbeat_at=long_ago,
        params={"succeed_at": 2},
    )
    used_up = Job.objects.create(
        kind="test_flaky", status=JobStatus.RUNNING, attempts=3, heartbeat_at=long_ago
    )
    alive = Job.objects.create(
        kind="test_flaky", status=JobStatus.RUNNING, attempts=1, heartbeat_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        recovered = services.recover_stale()
    assert {j.pk for j in recovered} == {stale.pk, used_up.pk}
    for job in (stale, used_up, alive):
        job.refresh_from_db()
    assert stale.status == JobStatus.SUCCEEDED and stale.attempts == 2
    assert used_up.status == JobStatus.FAILED
    assert used_up.last_error == "The worker stopped while running this job."
    assert alive.status == JobStatus.RUNNING


def test_restart_only_a_failed_job(db, coordinator, django_capture_on_commit_callbacks):
    job = Job.objects.create(
        kind="test_flaky",
        status=JobStatus.FAILED,
        attempts=3,
        created_by=coordinator,
        params={"succeed_at": 1},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.restart(actor=coordinator, job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 1
    with pytest.raises(DomainError):
        services.restart(actor=coordinator, job=job)


def test_schedule_job_command_runs_refresh_and_retention(
    db, region, django_capture_on_commit_callbacks
):
    from overstap.insights.models import CaseFact
    from tests.factories import CaseFactory

    CaseFactory.create_batch(2, region=region)
    CaseFact.objects.all().delete()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("schedule_job", "refresh_derived", stdout=out)
    job = Job.objects.get(kind=JobKind.REFRESH_DERIVED)
    assert job.status == JobStatus.SUCCEEDED
    assert job.result == {"cases_changed": 0, "figures_rebuilt": 2}
    assert CaseFact.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("schedule_job", "retention", "--dry-run", stdout=out)
    retention = Job.objects.get(kind=JobKind.RETENTION)
    assert retention.status == JobStatus.SUCCEEDED
    assert retention.result["dry_run"] is True and retention.created_by is None


# --- pages ----------------------------------------------------------------------------------


@pytest.fixture
def jobs(coordinator, case_manager, region, other_region):
    other = OrganisationFactory(region=other_region, kind=OrganisationKind.MOBILITY_TEAM)
    return {
        "mine": Job.objects.create(
            kind=JobKind.BULK_INTAKE,
            created_by=case_manager,
            region=region,
            status=JobStatus.RUNNING,
            progress_done=40,
            progress_total=200,
        ),
        "system": Job.objects.create(kind=JobKind.RETENTION, status=JobStatus.SUCCEEDED),
        "elsewhere": Job.objects.create(
            kind=JobKind.BULK_INTAKE,
            region=other_region,
            created_by=UserFactory(username="elsewhere", organisation=other, role=Role.COORDINATOR),
        ),
    }


def test_job_pages_show_own_and_region_jobs_only(
    client, jobs, case_manager, coordinator, other_case_manager, employer_user
):
    client.force_login(case_manager)
    page = client.get(reverse("jobs:job_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert f"#{jobs['mine'].pk}" in page.content.decode()
    assert f"#{jobs['system'].pk}<" not in page.content.decode()
    assert client.get(reverse("jobs:job_detail", args=[jobs["system"].pk])).status_code == 404

    client.force_login(coordinator)
    for key in ("mine", "system"):
        assert client.get(reverse("jobs:job_detail", args=[jobs[key].pk])).status_code == 200
    assert client.get(reverse("jobs:job_detail", args=[jobs["elsewhere"].pk])).status_code == 404

    client.force_login(other_case_manager)
    assert client.get(reverse("jobs:job_detail", args=[jobs["mine"].pk])).status_code == 404
    client.force_login(employer_user)
    assert client.get(reverse("jobs:job_list")).status_code == 403


def test_progress_fragment_polls_while_running_and_reloads_when_done(client, jobs, case_manager):
    client.force_login(case_manager)
    job = jobs["mine"]
    url = reverse("jobs:job_progress", args=[job.pk]) + "?poll=1"
    fragment = client.get(url, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")
    html = fragment.content.decode()
    assert 'hx-trigger="every 2s"' in html and "40 of 200 done (20%)" in html
    assert "HX-Refresh" not in fragment
    Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED, progress_done=200)
    done = client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true" and "hx-trigger" not in done.content.decode()


def test_failed_job_page_explains_and_offers_a_restart(
    client, coordinator, django_capture_on_commit_callbacks
):
    job = Job.objects.create(
        kind="test_flaky",
        status=JobStatus.FAILED,
        attempts=3,
        max_attempts=3,
        created_by=coordinator,
        last_error="JobError: The staff list could not be read.",
        params={"succeed_at": 1},
    )
    client.force_login(coordinator)
    html = client.get(
        reverse("jobs:job_detail", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "The job failed after 3 attempts." in html
    assert "The staff list could not be read." in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobs:job_restart", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
