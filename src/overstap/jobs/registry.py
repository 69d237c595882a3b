"""Which function does the work of each job kind.

A handler takes a :class:`JobContext` and returns a JSON-able result (ids and counts, no
personal data). It must be safe to run again after a crash or a failed attempt: the job
restarts from the beginning, so a handler either works in one transaction or records its
own checkpoints (the bulk intake does, per chunk of rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from overstap.jobs.models import Job


@dataclass
class JobContext:
    job: Job

    def progress(self, done: int, total: int | None = None) -> None:
        """Save the progress (and a sign of life). Inside a transaction it commits with it."""
        job = self.job
        job.progress_done = done
        if total is not None:
            job.progress_total = total
        job.heartbeat_at = timezone.now()
        Job.objects.filter(pk=job.pk).update(
            progress_done=job.progress_done,
            progress_total=job.progress_total,
            heartbeat_at=job.heartbeat_at,
        )


Handler = Callable[[JobContext], dict[str, Any]]
_handlers: dict[str, Handler] = {}


def register(kind: str) -> Callable[[Handler], Handler]:
    def decorator(handler: Handler) -> Handler:
        _handlers[kind] = handler
        return handler

    return decorator


def handler_for(kind: str) -> Handler:
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(f"No handler registered for job kind {kind!r}") from None
