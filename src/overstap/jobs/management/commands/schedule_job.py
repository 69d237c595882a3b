"""``overstap schedule_job retention|refresh_derived``: queue a maintenance job.

For cron, with the worker running, for example::

    15 3 * * *  overstap schedule_job retention

The job then shows (with its report) on the "Background jobs" page of coordinators,
administrators and privacy officers. ``overstap apply_retention`` still runs it directly.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from overstap.jobs import services
from overstap.jobs.constants import JobKind

SCHEDULABLE = (JobKind.RETENTION, JobKind.REFRESH_DERIVED)


class Command(BaseCommand):
    help = "Queue a maintenance job (retention run or regenerating derived data)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=[k.value for k in SCHEDULABLE])
        parser.add_argument(
            "--dry-run", action="store_true", help="Retention only: report, change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        params = {"dry_run": True} if options["dry_run"] else {}
        job = services.enqueue(kind=options["kind"], params=params)
        job.refresh_from_db()
        self.stdout.write(f"Job {job.pk} ({job.kind}): {job.status}")
