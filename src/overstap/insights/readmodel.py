"""The dashboard's read model: ``CaseFact`` rows kept in step with the cases.

How the rows stay right (ADR 0017):

* A change to a case, its person, intake or outcome marks the case stale in the same
  transaction (``StaleCaseFact``, an outbox). Model saves and deletes do that through the
  signal handlers below, so every write path is covered (services, the admin, factories);
  the few bulk ``QuerySet.update()`` calls on these tables call :func:`mark_stale` themselves.
* Every read of the figures first rebuilds the stale rows (:func:`refresh_stale`): usually a
  handful, a few milliseconds. So the figures are as current as the database, without a
  scheduler.
* Bulk loaders (``generate_region``, ``load_demo``) and ``overstap rebuild_figures`` rebuild
  everything with :func:`rebuild` (100,000 cases: seconds).

A row holds no names or contact details: only categories, dates and ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from overstap.cases.constants import CaseStatus
from overstap.insights.models import CaseFact, StaleCaseFact

BATCH = 2000


def _function_group(job_title: str | None) -> str:
    from overstap.insights.figures import function_group

    return function_group(job_title or None)


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def _fact_rows(case_ids: Sequence[int] | None, region_id: int | None = None) -> Iterable[CaseFact]:
    """Fact rows computed from the cases (all, one region's, or the given ids)."""
    from overstap.cases.models import Case

    cases: Any = Case.objects.all()
    if case_ids is not None:
        cases = cases.filter(pk__in=case_ids)
    if region_id is not None:
        cases = cases.filter(region_id=region_id)
    rows = cases.order_by("pk").values_list(
        "pk",
        "region_id",
        "created_at",
        "signal_source",
        "releasing_employer_id",
        "registering_organisation_id",
        "route_id",
        "case_manager_id",
        "status",
        "next_contact_due",
        "intake__completed_at",
        "intake__education_level",
        "person__birth_date",
        "releasing_job_start_year",
        "releasing_job_end_year",
        "releasing_job_title",
        "outcome__kind",
        "outcome__date",
        "outcome__sector",
        "outcome__changed_sector",
    )
    groups: dict[str, str] = {}
    for (
        pk,
        region,
        created_at,
        source,
        employer,
        organisation,
        route,
        manager,
        status,
        due,
        intake_completed,
        education,
        birth_date,
        start_year,
        end_year,
        title,
        outcome_kind,
        outcome_date,
        outcome_sector,
        changed_sector,
    ) in rows.iterator(chunk_size=BATCH):
        registered_on = _local_date(created_at)
        title = title or ""
        if title not in groups:
            groups[title] = _function_group(title)
        yield CaseFact(
            case_id=pk,
            region_id=region,
            registered_on=registered_on,
            registered_month=registered_on.replace(day=1),
            signal_source=source or "",
            releasing_employer_id=employer,
            registering_organisation_id=organisation,
            route_id=route,
            case_manager_id=manager,
            is_open=status != CaseStatus.CLOSED,
            next_contact_due=due,
            intake_done=intake_completed is not None,
            education_level=education or "",
            birth_date=birth_date,
            job_start_year=start_year,
            job_end_year=end_year,
            function_group=groups[title],
            outcome_kind=outcome_kind or "",
            outcome_sector=outcome_sector or "",
            outcome_changed_sector=changed_sector,
            days_to_outcome=(outcome_date - registered_on).days if outcome_date else None,
        )


def _write(facts: Iterable[CaseFact]) -> int:
    written = 0
    batch: list[CaseFact] = []
    for fact in facts:
        batch.append(fact)
        if len(batch) >= BATCH:
            CaseFact.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    if batch:
        CaseFact.objects.bulk_create(batch)
        written += len(batch)
    return written


@transaction.atomic
def rebuild(*, region_id: int | None = None) -> int:
    """Rebuild the fact rows of every case (or of one region); returns the number written."""
    facts = CaseFact.objects.all()
    stale = StaleCaseFact.objects.all()
    if region_id is not None:
        facts = facts.filter(region_id=region_id)
        stale = stale.filter(case_id__in=_case_ids_of_region(region_id))
    facts.delete()
    stale.delete()
    return _write(_fact_rows(None, region_id))


def _case_ids_of_region(region_id: int) -> Any:
    from overstap.cases.models import Case

    return Case.objects.filter(region_id=region_id).values("pk")


def mark_stale(case_ids: Iterable[int]) -> None:
    """Mark cases whose fact rows must be rebuilt; call inside the changing transaction."""
    ids = sorted({int(pk) for pk in case_ids if pk is not None})
    if ids:
        StaleCaseFact.objects.bulk_create(
            [StaleCaseFact(case_id=pk) for pk in ids], ignore_conflicts=True, batch_size=BATCH
        )


def refresh_stale() -> int:
    """Rebuild the rows of the stale cases (all regions: the outbox is small); returns how
    many. Batches of 2,000, each in its own transaction; concurrent callers skip the rows
    another caller is rebuilding."""
    written = 0
    while StaleCaseFact.objects.exists():
        with transaction.atomic():
            ids = list(
                StaleCaseFact.objects.select_for_update(skip_locked=True).values_list(
                    "case_id", flat=True
                )[:BATCH]
            )
            if not ids:
                break
            CaseFact.objects.filter(case_id__in=ids).delete()
            written += _write(_fact_rows(ids))  # a deleted case has no row any more
            StaleCaseFact.objects.filter(case_id__in=ids).delete()
    return written


# --- signal handlers: every model save marks its case stale -----------------------------


def _case_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    mark_stale([instance.pk])


def _child_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    mark_stale([instance.case_id])


def _person_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance.pk is None:
        return
    mark_stale(instance.cases.values_list("pk", flat=True))


def connect() -> None:
    from overstap.accounts.models import Organisation  # noqa: F401 - names join at read time
    from overstap.cases.models import Case, Intake, Outcome, Person

    post_save.connect(_case_saved, sender=Case, dispatch_uid="insights_fact_case")
    for model in (Intake, Outcome):
        post_save.connect(_child_changed, sender=model, dispatch_uid=f"insights_fact_{model}")
        post_delete.connect(_child_changed, sender=model, dispatch_uid=f"insights_fact_del_{model}")
    post_save.connect(_person_saved, sender=Person, dispatch_uid="insights_fact_person")
