"""No wrong door: registering a person, detecting duplicates, merging records."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.accounts.models import Organisation
from overstap.cases import access
from overstap.cases.constants import CaseEventKind, CaseStatus
from overstap.cases.models import Case, CaseEvent, Person, WorkHistoryEntry
from overstap.cases.services.common import audit_change, log_event
from overstap.cases.services.derived import refresh_releasing_jobs
from overstap.cases.signals import send_cases_changed
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.core.validators import normalise_phone, normalise_postcode
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.crypto import bsn_digest

if TYPE_CHECKING:
    from overstap.accounts.models import User


@dataclass
class RegistrationData:
    first_name: str
    last_name: str
    signal_source: str
    birth_date: dt.date | None = None
    email: str = ""
    phone: str = ""
    bsn: str = ""
    bsn_legal_basis: str = ""
    postcode: str = ""
    municipality: str = ""
    releasing_employer_id: int | None = None
    note: str = ""


@dataclass
class PossibleDuplicate:
    """A registration that may be the same person. Shows only what the user already typed
    plus where to turn, so the check itself leaks no personal data."""

    person_id: int
    reasons: list[str] = field(default_factory=list)
    case_numbers: list[str] = field(default_factory=list)
    contact: str = ""
    visible_case_ids: list[int] = field(default_factory=list)
    #: Set when the match is in another region (exact BSN only): its name, nothing else.
    other_region: str = ""


def find_possible_duplicates(*, user: User, data: RegistrationData) -> list[PossibleDuplicate]:
    """People in the user's region who may be the person being registered.

    Across regions (issue #9) only an exact BSN match counts, and it reveals only the name
    of the other region, so the receiving region can ask that region's coordinator to move
    the case (``services.transfer_case``): one person keeps one record, and names, e-mail
    addresses and phone numbers never match across regions.
    """
    if user.organisation_id is None:
        return []
    region_id = user.organisation.region_id  # type: ignore[union-attr]
    conditions = Q()
    if data.first_name and data.last_name and data.birth_date:
        conditions |= Q(
            first_name__iexact=data.first_name.strip(),
            last_name__iexact=data.last_name.strip(),
            birth_date=data.birth_date,
        )
    if data.email:
        conditions |= Q(email__iexact=data.email.strip())
    phone = normalise_phone(data.phone)
    if phone:
        conditions |= Q(phone=phone)
    digest = bsn_digest(data.bsn)
    if digest:
        conditions |= Q(bsn_digest=digest)
    if not conditions:
        return []
    candidates = (
        Person.objects.filter(region_id=region_id, merged_into__isnull=True)
        .filter(conditions)
        .prefetch_related("cases__case_manager__organisation")[:10]
    )
    visible = set(access.visible_cases(user).values_list("pk", flat=True))
    result = []
    for person in candidates:
        reasons = []
        if (
            data.birth_date
            and person.birth_date == data.birth_date
            and person.first_name.lower() == data.first_name.strip().lower()
            and person.last_name.lower() == data.last_name.strip().lower()
        ):
            reasons.append(_("same name and date of birth"))
        if data.email and person.email.lower() == data.email.strip().lower():
            reasons.append(_("same e-mail address"))
        if phone and person.phone == phone:
            reasons.append(_("same phone number"))
        if digest and person.bsn_digest == digest:
            reasons.append(_("same BSN"))
        cases = list(person.cases.all())
        managers = [c.case_manager for c in cases if c.case_manager and not c.is_closed]
        contact = (
            f"{managers[0]} ({managers[0].organisation})" if managers else _("the intake queue")
        )
        result.append(
            PossibleDuplicate(
                person_id=person.pk,
                reasons=reasons,
                case_numbers=[c.number for c in cases],
                contact=contact,
                visible_case_ids=[c.pk for c in cases if c.pk in visible],
            )
        )
    if digest:
        result.extend(_known_in_other_regions(region_id=region_id, digest=digest))
    if result:
        audit.record_many(
            actor=user,
            events=[
                audit.AuditEvent(
                    action=AuditAction.READ,
                    purpose=Purpose.DUPLICATE_CHECK,
                    object_type="cases.Person",
                    object_id=str(d.person_id),
                    person_id=d.person_id,
                    details={"reasons": d.reasons}
                    | ({"other_region": d.other_region} if d.other_region else {}),
                )
                for d in result
            ],
        )
    return result


def _known_in_other_regions(*, region_id: int, digest: str) -> list[PossibleDuplicate]:
    people = (
        Person.objects.filter(bsn_digest=digest, merged_into__isnull=True)
        .exclude(region_id=region_id)
        .select_related("region")
        .order_by("pk")[:3]
    )
    return [
        PossibleDuplicate(
            person_id=person.pk,
            reasons=[_("same BSN, known in another region")],
            contact=_("the coordinator of %(region)s: ask them to move the case to your region")
            % {"region": person.region.name},
            other_region=person.region.name,
        )
        for person in people
    ]


def _next_case_number(case: Case) -> str:
    return f"{timezone.localdate().year}-{case.pk:06d}"


@transaction.atomic
def register_person(
    *,
    actor: User,
    data: RegistrationData,
    take_case: bool = False,
    existing_person_id: int | None = None,
) -> Case:
    """Register a person and open a case. Without a case manager it lands in the intake queue.

    ``existing_person_id`` opens a new case for a person already known (after the duplicate
    check showed them); ``take_case`` makes a case manager the case manager at once.
    """
    if not access.can_register(actor):
        raise PermissionDenied(_("Your role cannot register people."))
    region = actor.organisation.region  # type: ignore[union-attr]
    releasing_employer = None
    if data.releasing_employer_id:
        releasing_employer = Organisation.objects.filter(
            pk=data.releasing_employer_id, region=region
        ).first()
        if releasing_employer is None:
            raise DomainError(_("Unknown releasing employer."))
    if existing_person_id is not None:
        person = Person.objects.filter(
            pk=existing_person_id, region=region, merged_into__isnull=True
        ).first()
        if person is None:
            raise DomainError(_("This person no longer exists; register them again."))
        if person.cases.exclude(status=CaseStatus.CLOSED).exists():
            raise DomainError(
                _("This person already has an open case. Contact its case manager."),
                code="open_case_exists",
            )
    else:
        person = Person(
            region=region,
            first_name=data.first_name.strip(),
            last_name=data.last_name.strip(),
            birth_date=data.birth_date,
            email=data.email.strip().lower(),
            phone=normalise_phone(data.phone),
            bsn=data.bsn.strip(),
            bsn_legal_basis=data.bsn_legal_basis if data.bsn.strip() else "",
            postcode=normalise_postcode(data.postcode),
            municipality=data.municipality.strip(),
        )
        if person.bsn and not person.bsn_legal_basis:
            raise ValidationError(
                {"bsn_legal_basis": _("Choose the legal basis for recording the BSN.")}
            )
        person.full_clean()
        person.save()
    case_manager = actor if take_case and access.can_be_case_manager(actor) else None
    case = Case.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}",
        person=person,
        region=region,
        status=CaseStatus.INTAKE if case_manager else CaseStatus.REGISTERED,
        signal_source=data.signal_source,
        releasing_employer=releasing_employer,
        registered_by=actor,
        registering_organisation=actor.organisation,  # type: ignore[misc]  # checked by can_register
        registration_note=data.note.strip(),
        case_manager=case_manager,
        contact_rhythm_days=_default_rhythm(),
    )
    case.number = _next_case_number(case)
    case.save(update_fields=["number"])
    if releasing_employer is not None:
        refresh_releasing_jobs(case_ids=[case.pk])
    log_event(
        case=case,
        kind=CaseEventKind.REGISTERED,
        actor=actor,
        summary=_("Registered at %(organisation)s") % {"organisation": actor.organisation},
        data={"signal_source": data.signal_source},
    )
    if case_manager:
        log_event(
            case=case,
            kind=CaseEventKind.ASSIGNED,
            actor=actor,
            summary=_("Case manager: %(name)s") % {"name": case_manager},
        )
    audit_change(actor=actor, case=case, action=AuditAction.CREATE, purpose=Purpose.REGISTRATION)
    return case


def _default_rhythm() -> int:
    from django.conf import settings

    return int(settings.CONTACT_RHYTHM_DAYS)


@transaction.atomic
def merge_people(*, actor: User, keep_id: int, merge_id: int) -> Person:
    """Merge a duplicate person record into another. All history moves along; nothing is lost.

    The merged record stays (emptied of nothing, marked ``merged_into``) so old references and
    audit entries still resolve.
    """
    if not access.can_merge_people(actor):
        raise PermissionDenied(_("Only a coordinator can merge records."))
    if keep_id == merge_id:
        raise DomainError(_("Choose two different records to merge."))
    region_id = actor.organisation.region_id  # type: ignore[union-attr]
    people = {
        p.pk: p
        for p in Person.objects.select_for_update().filter(
            pk__in=[keep_id, merge_id], region_id=region_id, merged_into__isnull=True
        )
    }
    if len(people) != 2:
        raise DomainError(_("One of these records does not exist or was already merged."))
    keep, merge = people[keep_id], people[merge_id]
    moved_cases = list(merge.cases.all())
    merge.cases.update(person=keep)
    send_cases_changed(c.pk for c in moved_cases)
    WorkHistoryEntry.objects.filter(person=merge).update(person=keep)
    for attr in ("birth_date", "email", "phone", "bsn", "postcode", "municipality"):
        if not getattr(keep, attr) and getattr(merge, attr):
            setattr(keep, attr, getattr(merge, attr))
            if attr == "bsn":
                keep.bsn_legal_basis = merge.bsn_legal_basis
    keep.version += 1
    keep.save()
    merge.merged_into = keep
    merge.version += 1
    merge.save(update_fields=["merged_into", "version", "updated_at"])
    refresh_releasing_jobs(person_ids=[keep.pk])
    for case in list(keep.cases.all()):
        CaseEvent.objects.create(
            case=case,
            kind=CaseEventKind.MERGED,
            actor=actor,
            at=timezone.now(),
            summary=_("Record %(merged)s merged into %(kept)s")
            % {"merged": merge.pk, "kept": keep.pk},
            data={"moved_cases": [c.number for c in moved_cases]},
        )
    audit.record(
        actor=actor,
        action=AuditAction.MERGE,
        purpose=Purpose.DUPLICATE_CHECK,
        obj=keep,
        person_id=keep.pk,
        details={"merged_person": merge.pk, "moved_cases": [c.pk for c in moved_cases]},
    )
    audit.record(
        actor=actor,
        action=AuditAction.MERGE,
        purpose=Purpose.DUPLICATE_CHECK,
        obj=merge,
        person_id=merge.pk,
        details={"merged_into": keep.pk},
    )
    return keep
