"""Retention: anonymise closed cases and their person after the retention period (issue #7).

A closed case is due ``settings.RETENTION_DAYS`` (default 730) days after its last follow-up,
or after closing when it has no follow-ups. A person is anonymised when every case of theirs
is closed and due and none is under legal hold; a person with another open (or not yet due)
case is kept whole.

Anonymising a person:

* the person keeps only what the figures need: birth year (1 January), PC4 postcode and
  municipality; names, e-mail, phone, BSN (and its digest and legal basis) are emptied;
* every row linked to the person — found by walking the reverse relations from ``Person``
  (cases, intake, plan, contacts, referrals and their updates, outcome, follow-ups,
  timeline, work history, passport, records merged into this one, and whatever other apps
  link to a case or person) — loses its free text: ``TextField`` columns are emptied, and
  the person's name, e-mail, phone and BSN are cut out of every other text and JSON column;
* the audit log keeps its entries (they hold ids, not names) and gains one ``anonymise``
  entry per person.

``apply_retention`` is the service; ``overstap apply_retention [--dry-run]`` runs it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from overstap.cases.constants import CaseStatus
from overstap.cases.models import Case, Person
from overstap.cases.signals import send_cases_changed
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

logger = logging.getLogger(__name__)

REDACTED = "[…]"
TEXT_FIELDS = (models.CharField, models.TextField)


@dataclass
class RetentionReport:
    dry_run: bool
    today: dt.date
    cutoff: dt.date
    persons_anonymised: int = 0
    cases_anonymised: int = 0
    skipped_legal_hold: int = 0
    skipped_open_case: int = 0
    skipped_not_due: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "today": self.today.isoformat(),
            "cutoff": self.cutoff.isoformat(),
            "persons_anonymised": self.persons_anonymised,
            "cases_anonymised": self.cases_anonymised,
            "skipped_legal_hold": self.skipped_legal_hold,
            "skipped_open_case": self.skipped_open_case,
            "skipped_not_due": self.skipped_not_due,
            "errors": list(self.errors),
        }


def retention_start(case: Case, last_due: dt.date | None, last_answered: dt.date | None) -> dt.date:
    """The day the retention period of a closed case starts."""
    follow_ups = [d for d in (last_due, last_answered) if d is not None]
    if follow_ups:
        return max(follow_ups)
    closed = case.closed_at or case.updated_at
    return timezone.localdate(closed)


def apply_retention(
    *, dry_run: bool = False, today: dt.date | None = None, days: int | None = None
) -> RetentionReport:
    """Anonymise every person whose cases are all closed and past retention (see module)."""
    today = today or timezone.localdate()
    days = int(settings.RETENTION_DAYS if days is None else days)
    report = RetentionReport(dry_run=dry_run, today=today, cutoff=today - dt.timedelta(days=days))
    closed = (
        Case.objects.filter(status=CaseStatus.CLOSED, anonymised_at__isnull=True)
        .annotate(
            last_due=Max("follow_ups__due_date"), last_answered=Max("follow_ups__answered_at")
        )
        .only("pk", "person_id", "closed_at", "updated_at", "legal_hold")
    )
    due_by_person: dict[int, list[Case]] = defaultdict(list)
    for case in closed.iterator(chunk_size=500):
        if retention_start(case, case.last_due, case.last_answered) <= report.cutoff:  # type: ignore[attr-defined]
            due_by_person[case.person_id].append(case)
    for person_id, due_cases in sorted(due_by_person.items()):
        others = Case.objects.filter(person_id=person_id, anonymised_at__isnull=True).exclude(
            pk__in=[c.pk for c in due_cases]
        )
        if others.exclude(status=CaseStatus.CLOSED).exists():
            report.skipped_open_case += 1
            continue
        if any(c.legal_hold for c in due_cases) or others.filter(legal_hold=True).exists():
            report.skipped_legal_hold += 1
            continue
        if others.exists():
            report.skipped_not_due += 1
            continue
        if dry_run:
            report.persons_anonymised += 1
            report.cases_anonymised += len(due_cases)
            continue
        try:
            with transaction.atomic():
                anonymise_person(person_id=person_id, case_ids=[c.pk for c in due_cases])
        except Exception as exc:  # one person's failure must not stop the run
            logger.exception("Retention: anonymising person %s failed", person_id)
            report.errors.append(f"person {person_id}: {type(exc).__name__}")
        else:
            report.persons_anonymised += 1
            report.cases_anonymised += len(due_cases)
    return report


# --- Anonymising ----------------------------------------------------------------------------


def _linked_rows(person_id: int) -> dict[type[models.Model], set[Any]]:
    """Every row reachable from the person through reverse foreign keys (and one-to-ones)."""
    found: dict[type[models.Model], set[Any]] = {Person: {person_id}}
    queue: list[tuple[type[models.Model], set[Any]]] = [(Person, {person_id})]
    while queue:
        model, pks = queue.pop()
        for rel in model._meta.related_objects:
            if rel.many_to_many or not (rel.one_to_many or rel.one_to_one):
                continue
            related = rel.related_model
            if not isinstance(related, type):
                continue
            rel_field = rel.field.name
            rows = set(
                related._base_manager.filter(**{f"{rel_field}__in": pks}).values_list(
                    "pk", flat=True
                )
            )
            new = rows - found.get(related, set())
            if new:
                found.setdefault(related, set()).update(new)
                queue.append((related, new))
    return found


def _identifiers(people: list[Person]) -> list[str]:
    values: set[str] = set()
    for person in people:
        for value in (
            person.first_name,
            person.last_name,
            f"{person.first_name} {person.last_name}",
            person.email,
            person.phone,
            person.bsn,
        ):
            value = (value or "").strip()
            if len(value) >= 2:
                values.add(value)
    # Longest first, so "Jan Jansen" goes before "Jan".
    return sorted(values, key=len, reverse=True)


def _scrubber(identifiers: list[str]) -> re.Pattern[str] | None:
    if not identifiers:
        return None
    return re.compile("|".join(re.escape(i) for i in identifiers), re.IGNORECASE)


def _scrub(value: Any, pattern: re.Pattern[str] | None) -> Any:
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, list):
        return [_scrub(v, pattern) for v in value]
    if isinstance(value, dict):
        return {_scrub(k, pattern): _scrub(v, pattern) for k, v in value.items()}
    return value


def _text_columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    columns: list[models.Field[Any, Any]] = []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.choices or f.unique:
            continue
        if isinstance(f, (*TEXT_FIELDS, models.JSONField)):
            columns.append(f)
    return columns


def _anonymise_people(pks: set[int], now: dt.datetime) -> None:
    for person in Person.objects.filter(pk__in=pks):
        Person.objects.filter(pk=person.pk).update(
            first_name="",
            last_name="",
            email="",
            phone="",
            bsn="",
            bsn_digest="",
            bsn_legal_basis="",
            postcode=(person.postcode or "")[:4],
            birth_date=dt.date(person.birth_date.year, 1, 1) if person.birth_date else None,
            anonymised_at=now,
        )


def anonymise_person(*, person_id: int, case_ids: list[int]) -> int:
    """Anonymise one person and everything linked to them; the caller holds a transaction.
    Returns the number of rows changed."""
    now = timezone.now()
    rows = _linked_rows(person_id)
    people = list(Person.objects.filter(pk__in=rows[Person]))
    pattern = _scrubber(_identifiers(people))
    changed_rows = 0
    for model, pks in rows.items():
        columns = [
            f for f in _text_columns(model) if not (model is Person and f.name in PERSON_FIELDS)
        ]
        if not columns:
            continue
        names = [f.name for f in columns]
        by_name = {f.name: f for f in columns}
        for row in model._base_manager.filter(pk__in=pks).values("pk", *names):
            changes: dict[str, Any] = {}
            for name in names:
                value = row[name]
                if value in (None, "", [], {}):
                    continue
                column = by_name[name]
                if isinstance(column, models.TextField) and not isinstance(
                    column, models.JSONField
                ):
                    new: Any = ""
                else:
                    new = _scrub(value, pattern)
                if new != value:
                    changes[name] = new
            if changes:
                model._base_manager.filter(pk=row["pk"]).update(**changes)
                changed_rows += 1
    _anonymise_people(rows[Person], now)
    Case.objects.filter(pk__in=case_ids).update(anonymised_at=now)
    send_cases_changed(case_ids)
    audit.record(
        actor=None,
        action=AuditAction.ANONYMISE,
        purpose=Purpose.RETENTION,
        object_type="cases.Person",
        person_id=person_id,
        details={
            "cases": sorted(case_ids),
            "merged_people": sorted(pk for pk in rows[Person] if pk != person_id),
            "rows_scrubbed": changed_rows,
        },
    )
    return changed_rows


#: Person columns set explicitly by ``_anonymise_people`` (not by the generic scrub).
PERSON_FIELDS = frozenset(
    {
        "first_name",
        "last_name",
        "email",
        "phone",
        "bsn",
        "bsn_digest",
        "bsn_legal_basis",
        "postcode",
    }
)
