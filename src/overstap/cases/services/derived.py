"""Columns on the case derived from other records, kept up to date by the services.

``Case.releasing_job_*`` hold the person's longest job at the releasing employer (from the
work history). The dashboard groups the cases by these columns; computing the same match at
read time joined the work history of every case in the region (370 ms at 100,000 cases).

Every service that changes a work history, the person of a case or the releasing employer
calls :func:`refresh_releasing_jobs` in its own transaction. ``refresh_all`` re-derives the
columns for every case (used by the migration that introduced them and by bulk loaders).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from django.db.models import Model
from django.utils import timezone


class _Job(Protocol):
    pk: Any
    employer_name: str
    job_title: str
    start_year: int | None
    end_year: int | None


def longest_job(jobs: Iterable[_Job], employer_name: str, year: int) -> _Job | None:
    """The job at ``employer_name`` (case-insensitive) with the longest tenure in whole years
    (an open job counts until ``year``); jobs without a start year come last; ties go to the
    earliest entered job (lowest id). ``None`` when there is no job at that employer.

    >>> from types import SimpleNamespace as J
    >>> jobs = [J(pk=1, employer_name="Hotel", job_title="a", start_year=2010, end_year=2015),
    ...         J(pk=2, employer_name="HOTEL", job_title="b", start_year=2012, end_year=None),
    ...         J(pk=3, employer_name="Other", job_title="c", start_year=1990, end_year=None)]
    >>> longest_job(jobs, "hotel", 2026).job_title
    'b'
    >>> longest_job(jobs, "nowhere", 2026) is None
    True
    """
    target = employer_name.upper()
    best: _Job | None = None
    best_key: tuple[int, int, Any] | None = None
    for job in jobs:
        if job.employer_name.upper() != target:
            continue
        if job.start_year is None:
            key = (1, 0, job.pk)
        else:
            key = (0, -((job.end_year or year) - job.start_year), job.pk)
        if best_key is None or key < best_key:
            best, best_key = job, key
    return best


def _derive(
    case_model: type[Model],
    job_model: type[Model],
    case_ids: Sequence[int] | None,
    person_ids: Sequence[int] | None,
    today: dt.date | None,
) -> int:
    """Recompute the columns of the given cases (or all cases); returns the number changed.

    Takes the model classes so that the migration can run it with historical models."""
    year = (today or timezone.localdate()).year
    cases: Any = case_model.objects.all()  # type: ignore[attr-defined]
    if case_ids is not None:
        cases = cases.filter(pk__in=case_ids)
    if person_ids is not None:
        cases = cases.filter(person_id__in=person_ids)
    changed = 0
    batch = 2000
    rows = list(
        cases.order_by("pk").values_list(
            "pk",
            "person_id",
            "releasing_employer__name",
            "releasing_job_start_year",
            "releasing_job_end_year",
            "releasing_job_title",
        )
    )
    for offset in range(0, len(rows), batch):
        chunk = rows[offset : offset + batch]
        persons = {row[1] for row in chunk if row[2]}
        jobs_by_person: dict[int, list[Any]] = {}
        for job in job_model.objects.filter(person_id__in=persons).only(  # type: ignore[attr-defined]
            "pk", "person_id", "employer_name", "job_title", "start_year", "end_year"
        ):
            jobs_by_person.setdefault(job.person_id, []).append(job)
        updates = []
        for pk, person_id, employer, *current in chunk:
            job = (
                longest_job(jobs_by_person.get(person_id, ()), employer, year) if employer else None
            )
            wanted = [job.start_year, job.end_year, job.job_title] if job else [None, None, ""]
            if list(current) != wanted:
                updates.append(
                    case_model(
                        pk=pk,
                        releasing_job_start_year=wanted[0],
                        releasing_job_end_year=wanted[1],
                        releasing_job_title=wanted[2],
                    )
                )
        if updates:
            case_model.objects.bulk_update(  # type: ignore[attr-defined]
                updates,
                ["releasing_job_start_year", "releasing_job_end_year", "releasing_job_title"],
            )
            changed += len(updates)
    return changed


def refresh_releasing_jobs(
    *, person_ids: Sequence[int] | None = None, case_ids: Sequence[int] | None = None
) -> int:
    """Re-derive ``Case.releasing_job_*`` for the cases of these people (or these cases).

    Call it inside the transaction of the service that changed the work history or the case.
    """
    from overstap.cases.models import Case, WorkHistoryEntry
    from overstap.cases.signals import send_cases_changed

    if person_ids is None and case_ids is None:
        raise ValueError("Pass person_ids or case_ids (refresh_all re-derives every case).")
    changed = _derive(Case, WorkHistoryEntry, case_ids, person_ids, None)
    if changed:
        affected = Case.objects.all()
        if case_ids is not None:
            affected = affected.filter(pk__in=case_ids)
        if person_ids is not None:
            affected = affected.filter(person_id__in=person_ids)
        send_cases_changed(affected.values_list("pk", flat=True))
    return changed


def refresh_all(*, today: dt.date | None = None) -> int:
    """Re-derive the columns for every case (bulk loaders, the migration)."""
    from overstap.cases.models import Case, WorkHistoryEntry

    return _derive(Case, WorkHistoryEntry, None, None, today)
