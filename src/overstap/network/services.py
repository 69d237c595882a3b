"""Writes of the employer network. Every function is atomic, checks access, writes a line on
the employer's timeline (:class:`EmployerEvent`) and, for contact persons, an audit record.

Services raise ``django.core.exceptions.ValidationError`` (with a message dict keyed by field
name) for bad input, :class:`DomainError` for refused operations and :class:`ConflictError`
when someone else changed the object first (optimistic locking on ``version``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Self

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.core.exceptions import ConflictError, DomainError
from overstap.core.models import VersionedModel
from overstap.core.validators import (
    normalise_phone,
    normalise_postcode,
    validate_kvk,
    validate_phone,
    validate_postcode,
)
from overstap.network import scoring
from overstap.network import selectors as sel
from overstap.network.constants import (
    MAX_HEADCOUNT,
    PROPOSAL_TRANSITIONS,
    Arrangement,
    EventKind,
    ProposalStatus,
    RegistrationStatus,
    SizeClass,
)
from overstap.network.models import (
    EmployerContact,
    EmployerEvent,
    EmployerLocation,
    EmployerNote,
    EmployerProfile,
    Proposal,
    ShortageLine,
    ShortageLineSkill,
    ShortageRegistration,
    SurplusLine,
    SurplusRegistration,
    validate_sbi_code,
)
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import Organisation, User
    from overstap.taxonomy.models import Occupation, Skill


def _event(employer: Organisation, kind: str, summary: str, actor: User | None) -> None:
    EmployerEvent.objects.create(employer=employer, kind=kind, summary=summary[:300], actor=actor)


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _check_version(obj: VersionedModel, expected_version: int | None) -> None:
    if expected_version is not None and obj.version != expected_version:
        raise ConflictError(
            _("Someone else changed this in the meantime. Check your input and save again.")
        )


def _bump(obj: VersionedModel, *fields: str) -> None:
    obj.version += 1
    obj.save(update_fields=[*fields, "version", "updated_at"])  # type: ignore[misc]


def _require_manager(actor: User, employer: Organisation) -> None:
    if not sel.can_manage_network(actor) or employer.region_id != sel.user_region_id(actor):
        raise DomainError(_("You may not change this employer."), code="permission_denied")


# --- profile --------------------------------------------------------------------------------


@dataclass
class ProfileData:
    """A profile's fields; ``kvk_number`` and ``sector`` left ``None`` stay as they are."""

    kvk_number: str | None = None
    sector: str | None = None
    sbi_code: str = ""
    size_class: str = ""
    account_manager: User | None = None
    exclude_same_sector: bool = False
    excluded_employers: list[Organisation] = field(default_factory=list)


@transaction.atomic
def save_profile(
    *,
    actor: User,
    employer: Organisation,
    data: ProfileData,
    expected_version: int | None = None,
) -> EmployerProfile:
    """Create or change an employer's profile (KvK number and sector live on the organisation)."""
    _require_manager(actor, employer)
    errors: dict[str, list[str]] = {}
    kvk = employer.kvk_number if data.kvk_number is None else data.kvk_number.replace(" ", "")
    if kvk:
        try:
            validate_kvk(kvk)
        except ValidationError as exc:
            errors["kvk_number"] = exc.messages
    sbi = (data.sbi_code or "").replace(".", "").strip()
    if sbi:
        try:
            validate_sbi_code(sbi)
        except ValidationError as exc:
            errors["sbi_code"] = exc.messages
    if data.size_class and data.size_class not in SizeClass.values:
        errors["size_class"] = [_("Choose a size class from the list.")]
    manager = data.account_manager
    if (
        manager is not None
        and not sel.account_managers(employer.region_id).filter(pk=manager.pk).exists()
    ):
        errors["account_manager"] = [_("Choose an account manager of this region.")]
    allowed = set(sel.region_employers(employer.region_id).values_list("pk", flat=True))
    excluded = [e for e in data.excluded_employers if e.pk != employer.pk]
    if any(e.pk not in allowed for e in excluded):
        errors["excluded_employers"] = [_("Choose employers of this region.")]
    _raise(errors)
    profile, created = EmployerProfile.objects.select_for_update().get_or_create(
        organisation=employer
    )
    if not created:
        _check_version(profile, expected_version)
    profile.sbi_code = sbi
    profile.size_class = data.size_class
    profile.account_manager = manager
    profile.exclude_same_sector = data.exclude_same_sector
    if not created:
        profile.version += 1
    profile.save()
    profile.excluded_employers.set(excluded)
    employer.kvk_number = kvk
    if data.sector is not None:
        employer.sector = data.sector.strip()[:120]
    employer.save(update_fields=["kvk_number", "sector", "updated_at"])
    _event(employer, EventKind.PROFILE, _("Profile saved."), actor)
    return profile


# --- locations, contact persons, notes ------------------------------------------------------


@transaction.atomic
def add_location(
    *, actor: User, employer: Organisation, name: str, postcode: str, city: str = ""
) -> EmployerLocation:
    _require_manager(actor, employer)
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Give the location a name.")]
    try:
        validate_postcode(postcode)
    except ValidationError as exc:
        errors["postcode"] = exc.messages
    _raise(errors)
    location = EmployerLocation.objects.create(
        employer=employer,
        name=name.strip()[:120],
        postcode=normalise_postcode(postcode),
        city=city.strip()[:100],
    )
    _event(
        employer,
        EventKind.LOCATION,
        _("Location %(name)s added.") % {"name": location.name},
        actor,
    )
    return location


@transaction.atomic
def remove_location(*, actor: User, location: EmployerLocation) -> None:
    employer = location.employer
    _require_manager(actor, employer)
    name = location.name
    location.delete()
    _event(employer, EventKind.LOCATION, _("Location %(name)s removed.") % {"name": name}, actor)


@transaction.atomic
def add_contact(
    *,
    actor: User,
    employer: Organisation,
    name: str,
    role: str = "",
    email: str = "",
    phone: str = "",
) -> EmployerContact:
    _require_manager(actor, employer)
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Enter the name of the contact person.")]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Enter an email address such as name@example.nl.")]
    if phone:
        try:
            validate_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    _raise(errors)
    contact = EmployerContact.objects.create(
        employer=employer,
        name=name.strip()[:200],
        role=role.strip()[:120],
        email=email.strip(),
        phone=normalise_phone(phone) if phone else "",
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        purpose=Purpose.COORDINATION,
        obj=contact,
        details={"employer_id": employer.pk},
    )
    _event(employer, EventKind.CONTACT, _("Contact person added."), actor)
    return contact


@transaction.atomic
def remove_contact(*, actor: User, contact: EmployerContact) -> None:
    employer = contact.employer
    _require_manager(actor, employer)
    audit.record(
        actor=actor,
        action=AuditAction.DELETE,
        purpose=Purpose.COORDINATION,
        obj=contact,
        details={"employer_id": employer.pk},
    )
    contact.delete()
    _event(employer, EventKind.CONTACT, _("Contact person removed."), actor)


@transaction.atomic
def add_note(*, actor: User, employer: Organisation, text: str) -> EmployerNote:
    _require_manager(actor, employer)
    if not text.strip():
        raise ValidationError({"text": [_("Write the note first.")]})
    note = EmployerNote.objects.create(employer=employer, text=text.strip(), author=actor)
    _event(employer, EventKind.NOTE, _("Note added."), actor)
    return note


# --- registrations --------------------------------------------------------------------------


@dataclass(frozen=True)
class LineData:
    occupation: Occupation | None
    headcount: int | None
    skills: tuple[Skill, ...] = ()


class _FromMapping:
    """``from_mapping``: build the data object from cleaned form or serializer data."""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], lines: list[LineData]) -> Self:
        names = [f.name for f in fields(cls) if f.name != "lines"]  # type: ignore[arg-type]
        values: dict[str, Any] = {name: data[name] for name in names}
        return cls(**values, lines=lines)  # type: ignore[call-arg]


@dataclass
class SurplusData(_FromMapping):
    reason: str
    expected_date: dt.date | None
    social_plan: bool = False
    lending_possible: bool = False
    notes: str = ""
    lines: list[LineData] = field(default_factory=list)


@dataclass
class ShortageData(_FromMapping):
    period_start: dt.date | None
    period_end: dt.date | None
    open_to_other_sectors: bool = True
    willing_to_train: bool = False
    notes: str = ""
    lines: list[LineData] = field(default_factory=list)


def _check_registrant(actor: User, employer: Organisation) -> None:
    if not sel.registering_employers(user=actor).filter(pk=employer.pk).exists():
        raise DomainError(_("You may not register for this employer."), code="permission_denied")


def _line_errors(lines: list[LineData]) -> list[str]:
    """Messages about the lines (empty when they are fine)."""
    if not lines:
        return [_("Add at least one occupation with the number of people.")]
    problems: list[str] = []
    seen: set[int] = set()
    for number, line in enumerate(lines, 1):
        if line.occupation is None:
            problems.append(_("Line %(number)s: choose an occupation.") % {"number": number})
        elif line.occupation.pk in seen:
            problems.append(
                _("Line %(number)s: this occupation is already on another line.")
                % {"number": number}
            )
        else:
            seen.add(line.occupation.pk)
        if line.headcount is None or line.headcount < 1:
            problems.append(
                _("Line %(number)s: the number of people must be 1 or more.") % {"number": number}
            )
        elif line.headcount > MAX_HEADCOUNT:
            problems.append(
                _("Line %(number)s: the number of people can be at most %(max)s.")
                % {"number": number, "max": MAX_HEADCOUNT}
            )
    return problems


@transaction.atomic
def register_surplus(
    *, actor: User, employer: Organisation, data: SurplusData, today: dt.date | None = None
) -> SurplusRegistration:
    """A releasing employer's expected surplus, with at least one occupation line."""
    _check_registrant(actor, employer)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if not data.reason.strip():
        errors["reason"] = [_("Describe the reason for the surplus.")]
    if data.expected_date is None:
        errors["expected_date"] = [_("Enter the date from which people are expected to leave.")]
    elif data.expected_date < today:
        errors["expected_date"] = [_("The expected date cannot be in the past.")]
    line_problems = _line_errors(data.lines)
    if line_problems:
        errors["lines"] = line_problems
    _raise(errors)
    assert data.expected_date is not None
    registration = SurplusRegistration.objects.create(
        employer=employer,
        reason=data.reason.strip(),
        expected_date=data.expected_date,
        social_plan=data.social_plan,
        lending_possible=data.lending_possible,
        notes=data.notes.strip(),
        created_by=actor,
    )
    SurplusLine.objects.bulk_create(
        SurplusLine(
            registration=registration,
            occupation=line.occupation,  # type: ignore[misc]
            headcount=line.headcount,  # type: ignore[misc]
        )
        for line in data.lines
    )
    total = sum(line.headcount or 0 for line in data.lines)
    _event(
        employer,
        EventKind.SURPLUS,
        _("Surplus of %(count)s people registered, expected from %(date)s.")
        % {"count": total, "date": data.expected_date.strftime("%d-%m-%Y")},
        actor,
    )
    return registration


@transaction.atomic
def register_shortage(
    *, actor: User, employer: Organisation, data: ShortageData, today: dt.date | None = None
) -> ShortageRegistration:
    """A receiving employer's need for people in a period, with at least one line."""
    _check_registrant(actor, employer)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if data.period_start is None:
        errors["period_start"] = [_("Enter the first day of the period.")]
    if data.period_end is None:
        errors["period_end"] = [_("Enter the last day of the period.")]
    elif data.period_end < today:
        errors["period_end"] = [_("The period cannot end in the past.")]
    elif data.period_start is not None and data.period_end < data.period_start:
        errors["period_end"] = [_("The period cannot end before it starts.")]
    line_problems = _line_errors(data.lines)
    if line_problems:
        errors["lines"] = line_problems
    _raise(errors)
    assert data.period_start is not None and data.period_end is not None
    registration = ShortageRegistration.objects.create(
        employer=employer,
        period_start=data.period_start,
        period_end=data.period_end,
        open_to_other_sectors=data.open_to_other_sectors,
        willing_to_train=data.willing_to_train,
        notes=data.notes.strip(),
        created_by=actor,
    )
    for line in data.lines:
        row = ShortageLine.objects.create(
            registration=registration,
            occupation=line.occupation,  # type: ignore[misc]
            headcount=line.headcount,  # type: ignore[misc]
        )
        ShortageLineSkill.objects.bulk_create(
            ShortageLineSkill(line=row, skill=skill) for skill in dict.fromkeys(line.skills)
        )
    total = sum(line.headcount or 0 for line in data.lines)
    _event(
        employer,
        EventKind.SHORTAGE,
        _("Shortage of %(count)s people registered for %(start)s to %(end)s.")
        % {
            "count": total,
            "start": data.period_start.strftime("%d-%m-%Y"),
            "end": data.period_end.strftime("%d-%m-%Y"),
        },
        actor,
    )
    return registration


@transaction.atomic
def set_registration_status(
    *,
    actor: User,
    registration: SurplusRegistration | ShortageRegistration,
    status: str,
    expected_version: int | None = None,
) -> SurplusRegistration | ShortageRegistration:
    """Close or reopen a surplus or shortage registration."""
    _check_registrant(actor, registration.employer)
    model = type(registration)
    current = model.objects.select_for_update().get(pk=registration.pk)
    _check_version(current, expected_version)
    if status not in RegistrationStatus.values:
        raise DomainError(_("Choose a status from the list."))
    if current.status != status:
        current.status = status
        _bump(current, "status")
        kind = EventKind.SURPLUS if model is SurplusRegistration else EventKind.SHORTAGE
        summary = (
            _("Registration closed.")
            if status == RegistrationStatus.CLOSED
            else _("Registration reopened.")
        )
        _event(current.employer, kind, summary, actor)
    return current


# --- proposals ------------------------------------------------------------------------------


@transaction.atomic
def create_proposal(
    *,
    actor: User,
    surplus_line: SurplusLine,
    shortage_line: ShortageLine,
    arrangement: str,
    headcount: int | None,
) -> Proposal:
    """Propose moving people from a surplus line to a shortage line (timeline on both)."""
    surplus = surplus_line.registration
    shortage = shortage_line.registration
    _require_manager(actor, surplus.employer)
    _require_manager(actor, shortage.employer)
    if (
        RegistrationStatus.OPEN not in (surplus.status,)
        or shortage.status != RegistrationStatus.OPEN
    ):
        raise DomainError(_("Both registrations must be open to make a proposal."))
    errors: dict[str, list[str]] = {}
    if arrangement not in Arrangement.values:
        errors["arrangement"] = [_("Choose an arrangement from the list.")]
    elif arrangement == Arrangement.LENDING and not surplus.lending_possible:
        errors["arrangement"] = [
            _("The releasing employer has not said that temporary lending is possible.")
        ]
    limit = min(surplus_line.headcount, shortage_line.headcount)
    if headcount is None or headcount < 1:
        errors["headcount"] = [_("The number of people must be 1 or more.")]
    elif headcount > limit:
        errors["headcount"] = [
            _("The number of people can be at most %(max)s for this pair.") % {"max": limit}
        ]
    _raise(errors)
    pairs = scoring.rank_pairs(surplus, [shortage_line], arrangement=arrangement, min_skill_fit=0.0)
    pair = next((p for p in pairs if p.surplus_line.pk == surplus_line.pk), None)
    if pair is None:
        raise DomainError(
            _("This pair cannot be proposed: one of the employers has excluded the other.")
        )
    proposal = Proposal.objects.create(
        surplus_line=surplus_line,
        shortage_line=shortage_line,
        arrangement=arrangement,
        headcount=headcount,  # type: ignore[misc]
        score=pair.as_dict(),
        created_by=actor,
    )
    _proposal_events(
        proposal,
        _("Proposal: %(count)s × %(occupation)s from %(from)s to %(to)s (%(arrangement)s).")
        % {
            "count": headcount,
            "occupation": surplus_line.occupation.label(),
            "from": surplus.employer.name,
            "to": shortage.employer.name,
            "arrangement": Arrangement(arrangement).label,
        },
        actor,
    )
    return proposal


def _proposal_events(proposal: Proposal, summary: str, actor: User) -> None:
    _event(proposal.surplus_line.registration.employer, EventKind.PROPOSAL, summary, actor)
    _event(proposal.shortage_line.registration.employer, EventKind.PROPOSAL, summary, actor)


def _lock_proposal(actor: User, proposal: Proposal, expected_version: int | None) -> Proposal:
    _require_manager(actor, proposal.surplus_line.registration.employer)
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    current.surplus_line = proposal.surplus_line
    current.shortage_line = proposal.shortage_line
    _check_version(current, expected_version)
    return current


@transaction.atomic
def change_proposal_status(
    *, actor: User, proposal: Proposal, status: str, expected_version: int | None = None
) -> Proposal:
    """proposed → introduced → agreed or declined (declining is possible until agreed)."""
    current = _lock_proposal(actor, proposal, expected_version)
    if status not in ProposalStatus.values:
        raise DomainError(_("Choose a status from the list."))
    if status not in PROPOSAL_TRANSITIONS[current.status]:
        raise DomainError(
            _("A proposal that is “%(current)s” cannot become “%(new)s”.")
            % {
                "current": ProposalStatus(current.status).label,
                "new": ProposalStatus(status).label,
            }
        )
    current.status = status
    _bump(current, "status")
    _proposal_events(
        current,
        _("Proposal %(number)s is now: %(status)s.")
        % {"number": current.pk, "status": ProposalStatus(status).label},
        actor,
    )
    return current


@transaction.atomic
def record_proposal_result(
    *,
    actor: User,
    proposal: Proposal,
    people_moved: int | None,
    note: str = "",
    expected_version: int | None = None,
) -> Proposal:
    """How many people actually moved (only once a proposal is agreed or declined)."""
    current = _lock_proposal(actor, proposal, expected_version)
    if current.status not in (ProposalStatus.AGREED, ProposalStatus.DECLINED):
        raise DomainError(_("Record the result once the proposal is agreed or declined."))
    errors: dict[str, list[str]] = {}
    if people_moved is None or people_moved < 0:
        errors["people_moved"] = [_("Enter the number of people who moved (0 or more).")]
    elif current.status == ProposalStatus.DECLINED and people_moved > 0:
        errors["people_moved"] = [_("Nobody moves with a declined proposal: enter 0.")]
    elif people_moved > current.headcount:
        errors["people_moved"] = [
            _("At most %(max)s people were proposed.") % {"max": current.headcount}
        ]
    _raise(errors)
    current.people_moved = people_moved
    current.result_note = note.strip()
    _bump(current, "people_moved", "result_note")
    _proposal_events(
        current,
        _("Result of proposal %(number)s: %(count)s people moved.")
        % {"number": current.pk, "count": people_moved},
        actor,
    )
    return current
