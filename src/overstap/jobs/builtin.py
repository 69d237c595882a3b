"""Handlers of the jobs that wrap existing maintenance work: retention and derived data."""

from __future__ import annotations

from typing import Any

from django.utils.translation import ngettext

from overstap.jobs.constants import JobKind
from overstap.jobs.registry import JobContext, register


@register(JobKind.RETENTION)
def retention(ctx: JobContext) -> dict[str, Any]:
    """``overstap apply_retention`` as a job: per person in its own transaction, so a rerun
    after a failure skips who is done and retries who failed."""
    from overstap.jobs.services import JobError
    from overstap.privacy.retention import apply_retention

    report = apply_retention(dry_run=bool(ctx.job.params.get("dry_run")))
    result = report.as_dict()
    ctx.job.result = result
    type(ctx.job).objects.filter(pk=ctx.job.pk).update(result=result)
    ctx.progress(report.persons_anonymised, report.persons_anonymised + len(report.errors))
    if report.errors:
        raise JobError(
            ngettext(
                "%(count)s person could not be anonymised.",
                "%(count)s people could not be anonymised.",
                len(report.errors),
            )
            % {"count": len(report.errors)}
        )
    return result


@register(JobKind.REFRESH_DERIVED)
def refresh_derived(ctx: JobContext) -> dict[str, Any]:
    """Re-derive the stored columns of every case (``cases.services.derived.refresh_all``),
    then rebuild the dashboard's read model from them (``insights.readmodel.rebuild``)."""
    from overstap.cases.services.derived import refresh_all
    from overstap.insights import readmodel

    changed = refresh_all()
    ctx.progress(1, 2)
    facts = readmodel.rebuild()
    ctx.progress(2, 2)
    return {"cases_changed": changed, "figures_rebuilt": facts}
