"""Registering many people at once (the bulk intake of a releasing employer's staff list).

The same rules as :func:`overstap.cases.services.registration.register_person`, in a few
queries per batch instead of a dozen per person: the actor must be allowed to register, the
releasing employer must be in the actor's region, every person passes the model validation,
a BSN needs a legal basis, cases land in the intake queue (no case manager), each case gets
its REGISTERED timeline event and its own audit record, and ``Case.releasing_job_*`` is
derived from the work history. Call it inside the caller's transaction (one batch = one
transaction, so a batch is registered completely or not at all).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case as SqlCase
from django.db.models import CharField, Value, When
from django.db.models.functions import Cast, Concat, LPad
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.accounts.models import Organisation
from overstap.cases import access
from overstap.cases.constants import CaseEventKind, CaseStatus
from overstap.cases.models import Case, CaseEvent, Person, WorkHistoryEntry
from overstap.cases.services.derived import refresh_releasing_jobs
from overstap.cases.services.registration import RegistrationData, _default_rhythm
from overstap.cases.signals import send_cases_changed
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.core.validators import normalise_phone, normalise_postcode
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.crypto import bsn_digest

if TYPE_CHECKING:
    from overstap.accounts.models import User

__all__ = ["BulkPerson", "BulkResult", "register_people_bulk"]


@dataclass
class BulkPerson:
    """One person to register, with their job at the releasing employer (optional)."""

    data: RegistrationData
    job_title: str = ""
    start_year: int | None = None
    end_year: int | None = None
    hours_per_week: int | None = None
    occupation_id: int | None = None


@dataclass
class BulkResult:
    #: index in the input → the new case
    cases: dict[int, Case] = field(default_factory=dict)
    #: index in the input → the validation messages that kept it out
    errors: dict[int, list[str]] = field(default_factory=dict)


def _person(region_id: int, data: RegistrationData) -> Person:
    bsn = data.bsn.strip()
    return Person(
        region_id=region_id,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        birth_date=data.birth_date,
        email=data.email.strip().lower(),
        phone=normalise_phone(data.phone),
        bsn=bsn,
        bsn_digest=bsn_digest(bsn),
        bsn_legal_basis=data.bsn_legal_basis if bsn else "",
        postcode=normalise_postcode(data.postcode),
        municipality=data.municipality.strip(),
    )


def _number_cases(cases: Sequence[Case]) -> None:
    """Give new cases their number ``<year>-<id, 6 digits>`` (as ``register_person`` does) in
    one UPDATE; ``bulk_update`` builds a CASE expression per row and costs seconds per batch."""
    year = timezone.localdate().year
    digits = Cast("pk", CharField())
    number = Concat(
        Value(f"{year}-"),
        SqlCase(When(pk__lt=1_000_000, then=LPad(digits, 6, Value("0"))), default=digits),
        output_field=CharField(),
    )
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(number=number)
    for case in cases:
        case.number = f"{year}-{case.pk:06d}"


def register_people_bulk(
    *,
    actor: User,
    releasing_employer_id: int,
    people: Sequence[BulkPerson],
    signal_source: str,
) -> BulkResult:
    """Register ``people`` (all released by one employer) into the intake queue.

    People that fail validation are left out and reported in ``BulkResult.errors``; the
    others are registered together. Must run inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("register_people_bulk must run inside a transaction")
    if not access.can_register(actor):
        raise PermissionDenied(_("Your role cannot register people."))
    region = actor.organisation.region  # type: ignore[union-attr]
    employer = Organisation.objects.filter(pk=releasing_employer_id, region=region).first()
    if employer is None:
        raise DomainError(_("Unknown releasing employer."))
    result = BulkResult()
    valid: list[tuple[int, BulkPerson, Person]] = []
    for index, item in enumerate(people):
        person = _person(region.pk, item.data)
        if person.bsn and not person.bsn_legal_basis:
            result.errors[index] = [_("Choose the legal basis for recording the BSN.")]
            continue
        try:
            # The region is checked above; validating it per person would cost a query each.
            person.full_clean(exclude=["region"], validate_unique=False)
        except ValidationError as exc:
            result.errors[index] = [str(m) for m in exc.messages]
            continue
        valid.append((index, item, person))
    if not valid:
        return result
    Person.objects.bulk_create([person for _i, _item, person in valid])
    rhythm = _default_rhythm()
    cases = [
        Case(
            number=f"tmp-{uuid.uuid4().hex[:12]}",
            person=person,
            region=region,
            status=CaseStatus.REGISTERED,
            signal_source=signal_source,
            releasing_employer=employer,
            registered_by=actor,
            registering_organisation=actor.organisation,
            registration_note=item.data.note.strip(),
            contact_rhythm_days=rhythm,
            # The one job at the releasing employer is the longest one there; set here so
            # that refresh_releasing_jobs below only confirms it (no second write).
            releasing_job_start_year=item.start_year if item.job_title.strip() else None,
            releasing_job_end_year=item.end_year if item.job_title.strip() else None,
            releasing_job_title=item.job_title.strip()[:200],
        )
        for _i, item, person in valid
    ]
    Case.objects.bulk_create(cases)
    send_cases_changed(case.pk for case in cases)  # bulk_create sends no post_save
    _number_cases(cases)
    jobs = [
        WorkHistoryEntry(
            person=person,
            employer_name=employer.name,
            job_title=item.job_title.strip()[:200],
            start_year=item.start_year,
            end_year=item.end_year,
            hours_per_week=item.hours_per_week,
            occupation_id=item.occupation_id,
        )
        for _i, item, person in valid
        if item.job_title.strip()
    ]
    WorkHistoryEntry.objects.bulk_create(jobs)
    refresh_releasing_jobs(case_ids=[case.pk for case in cases])
    now = timezone.now()
    summary = (_("Registered at %(organisation)s") % {"organisation": actor.organisation})[:300]
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=case,
                kind=CaseEventKind.REGISTERED,
                actor=actor,
                at=now,
                summary=summary,
                data={"signal_source": signal_source, "staff_list": True},
            )
            for case in cases
        ]
    )
    audit.record_many(
        actor=actor,
        events=[
            audit.AuditEvent(
                action=AuditAction.CREATE,
                purpose=Purpose.REGISTRATION,
                object_type=Case._meta.label,
                object_id=str(case.pk),
                person_id=case.person_id,
                case_id=case.pk,
                details={"source": "staff_list", "work_history": bool(item.job_title.strip())},
            )
            for case, (_i, item, _p) in zip(cases, valid, strict=True)
        ],
    )
    for case, (index, _item, _p) in zip(cases, valid, strict=True):
        result.cases[index] = case
    return result
