"""``overstap run_worker``: the background worker (django-tasks' ``db_worker``) that first
queues again the jobs a crashed worker left running. Takes every ``db_worker`` option
(``--queue-name``, ``--interval``, ``--batch``, ``--max-tasks``, …)."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from overstap.jobs.services import recover_stale


class Command(DbWorkerCommand):
    help = (
        "Run background jobs (django-tasks db_worker); first requeue jobs whose worker "
        "stopped mid-run."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for job in recover_stale():
            self.stdout.write(f"Job {job.pk} ({job.kind}): {job.status} after a stopped worker")
        super().handle(*args, **options)
