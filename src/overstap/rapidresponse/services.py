"""Writes of rapid response: signals, their tasks, and the region's playbook.

Every function checks access (:mod:`overstap.rapidresponse.access`), runs in one transaction,
writes a timeline event (:class:`~overstap.rapidresponse.models.SignalEvent`) where a signal is
concerned, and an audit record (purpose: regional coordination). Rule violations raise
``ValidationError`` (field -> messages), ``PermissionDenied`` or ``ConflictError`` (someone
else saved the signal, task or step first); nothing is saved half.

Registering a signal creates its tasks from the playbook in the same transaction:

* every *active* step of the signal's region whose kinds include the signal's kind;
* deadline = the date the signal was received + the step's days;
* owner organisation = the step's specific organisation; else, for the kind "employer", the
  signal's employer; else the only active organisation of that kind in the region; else the
  registering user's organisation when it is of that kind; else none (the coordinator
  assigns it on the status board);
* owner user = the only active user of the owner organisation with the step's default owner
  role, else the registering user when they are of that organisation and role, else none.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.accounts.constants import OrganisationKind, Role
from overstap.accounts.models import Organisation, User
from overstap.core.exceptions import ConflictError, DomainError, PermissionDenied
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose
from overstap.rapidresponse import access
from overstap.rapidresponse.constants import (
    MAX_DEADLINE_DAYS,
    MAX_PEOPLE,
    EventKind,
    SignalKind,
    SignalStatus,
    TaskStatus,
)
from overstap.rapidresponse.models import (
    PlaybookStep,
    Signal,
    SignalEvent,
    SignalLine,
    SignalTask,
)
from overstap.taxonomy.models import Occupation

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "SignalData",
    "StepData",
    "assign_task",
    "create_step",
    "register_signal",
    "set_step_active",
    "set_task_status",
    "tasks_from_playbook",
    "update_signal",
    "update_step",
    "validate_signal",
    "validate_step",
]


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _region_id(actor: User) -> int:
    region = access.region_id(actor)
    if region is None:  # pragma: no cover - access checks come first
        raise PermissionDenied(_("You have no organisation in a region."))
    return region


def _event(
    signal: Signal,
    actor: User,
    kind: str,
    *,
    task: SignalTask | None = None,
    **details: Any,
) -> None:
    SignalEvent.objects.create(signal=signal, task=task, kind=kind, actor=actor, details=details)


def _audit(actor: User, action: str, obj: Any, **details: Any) -> None:
    audit.record(actor=actor, action=action, purpose=Purpose.COORDINATION, obj=obj, details=details)


# --- signals ----------------------------------------------------------------------------------


@dataclass
class SignalData:
    """What a signal says (everything but region, status and bookkeeping)."""

    kind: str
    people_affected: int | None
    received_on: dt.date | None
    employer: Organisation | None = None
    sector: str = ""
    first_contract_end: dt.date | None = None
    description: str = ""
    #: Occupations affected with their headcounts; ``None`` leaves them as they are.
    lines: list[tuple[Occupation, int]] | None = None


def validate_signal(
    data: SignalData, *, region_id: int, today: dt.date | None = None
) -> dict[str, list[str]]:
    """The rule violations of ``data`` as field -> messages (empty when all is well)."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if data.kind not in SignalKind.values:
        add("kind", _("Choose the kind of signal from the list."))
    if data.employer is not None and (
        data.employer.region_id != region_id or data.employer.kind != OrganisationKind.EMPLOYER
    ):
        add("employer", _("Choose an employer of your region."))
    if data.kind == SignalKind.SECTOR:
        if data.employer is None and not data.sector.strip():
            add(
                "sector",
                _("Name the sector this signal is about (or the employer, if there is one)."),
            )
    elif data.kind in SignalKind.values and data.employer is None:
        add(
            "employer",
            _(
                "Choose the employer this signal is about. Only a sector signal can do without "
                "an employer."
            ),
        )
    if data.people_affected is None:
        add("people_affected", _("Give the number of people affected."))
    elif data.people_affected < 1:
        add("people_affected", _("The number of people affected must be at least 1."))
    elif data.people_affected > MAX_PEOPLE:
        add(
            "people_affected",
            _("The number of people affected can be at most %(max)s.") % {"max": MAX_PEOPLE},
        )
    if data.received_on is None:
        add("received_on", _("Give the date the signal was received."))
    elif data.received_on > today:
        add("received_on", _("The date received cannot be in the future."))
    if (
        data.first_contract_end is not None
        and data.received_on is not None
        and data.first_contract_end < data.received_on
    ):
        add(
            "first_contract_end",
            _("The first contracts cannot end before the signal was received."),
        )
    if len(data.sector) > 120:
        add("sector", _("The sector can be at most 120 characters."))
    if data.lines:
        seen: set[int] = set()
        for occupation, headcount in data.lines:
            if headcount is None or headcount < 1:
                add(
                    "lines",
                    _("Give at least 1 person for “%(occupation)s”.")
                    % {"occupation": occupation.label()},
                )
            if occupation.pk in seen:
                add(
                    "lines",
                    _("“%(occupation)s” is listed twice: give it once with the total.")
                    % {"occupation": occupation.label()},
                )
            seen.add(occupation.pk)
        total = sum(h for _o, h in data.lines if h and h > 0)
        if data.people_affected and total > data.people_affected:
            add(
                "lines",
                _(
                    "The occupations add up to %(total)s people, more than the %(people)s "
                    "people affected."
                )
                % {"total": total, "people": data.people_affected},
            )
    return errors


def _set_lines(signal: Signal, lines: list[tuple[Occupation, int]] | None) -> None:
    if lines is None:
        return
    SignalLine.objects.filter(signal=signal).delete()
    SignalLine.objects.bulk_create(
        [SignalLine(signal=signal, occupation=o, headcount=h) for o, h in lines]
    )


def _apply_signal(signal: Signal, data: SignalData) -> None:
    signal.kind = data.kind
    signal.employer = data.employer
    signal.sector = data.sector.strip() or (data.employer.sector if data.employer else "")
    signal.people_affected = data.people_affected or 0
    signal.received_on = data.received_on  # type: ignore[assignment]
    signal.first_contract_end = data.first_contract_end
    signal.description = data.description.strip()


@dataclass(frozen=True)
class PlannedTask:
    """A task a playbook step gives for a signal (before it is saved)."""

    step: PlaybookStep
    title: str
    description: str
    due_date: dt.date
    owner_organisation: Organisation | None
    owner_user: User | None


def _owner_organisation(
    step: PlaybookStep,
    signal: Signal,
    by_kind: dict[str, list[Organisation]],
    actor: User,
) -> Organisation | None:
    if step.partner_organisation_id:
        return step.partner_organisation
    if step.partner_kind == OrganisationKind.EMPLOYER and signal.employer_id:
        return signal.employer
    candidates = by_kind.get(step.partner_kind, [])
    if len(candidates) == 1:
        return candidates[0]
    if actor.organisation is not None and actor.organisation.kind == step.partner_kind:
        return actor.organisation
    return None


def _owner_user(
    step: PlaybookStep,
    organisation: Organisation | None,
    users: dict[tuple[int, str], list[User]],
    actor: User,
) -> User | None:
    if organisation is None or not step.owner_role:
        return None
    candidates = users.get((organisation.pk, step.owner_role), [])
    if len(candidates) == 1:
        return candidates[0]
    if actor.organisation_id == organisation.pk and actor.role == step.owner_role:
        return actor
    return None


def tasks_from_playbook(
    signal: Signal, steps: Iterable[PlaybookStep], actor: User
) -> list[PlannedTask]:
    """The tasks the region's playbook gives for ``signal`` (see the module docstring)."""
    chosen = [s for s in steps if s.is_active and s.applies_to(signal.kind)]
    if not chosen:
        return []
    by_kind: dict[str, list[Organisation]] = defaultdict(list)
    for org in Organisation.objects.filter(region_id=signal.region_id, is_active=True).order_by(
        "name", "pk"
    ):
        by_kind[org.kind].append(org)
    users: dict[tuple[int, str], list[User]] = defaultdict(list)
    for user in User.objects.filter(
        organisation__region_id=signal.region_id, is_active=True
    ).exclude(role=""):
        users[(user.organisation_id, user.role)].append(user)  # type: ignore[index]
    out = []
    for step in sorted(chosen, key=lambda s: (s.order, s.deadline_days, s.pk)):
        organisation = _owner_organisation(step, signal, by_kind, actor)
        out.append(
            PlannedTask(
                step=step,
                title=step.title,
                description=step.description,
                due_date=signal.received_on + dt.timedelta(days=step.deadline_days),
                owner_organisation=organisation,
                owner_user=_owner_user(step, organisation, users, actor),
            )
        )
    return out


@transaction.atomic
def register_signal(*, actor: User, data: SignalData) -> Signal:
    """Register a signal in the actor's region and create its tasks from the playbook."""
    if not access.can_manage(actor):
        raise PermissionDenied(_("You cannot register signals."))
    region_id = _region_id(actor)
    _raise(validate_signal(data, region_id=region_id))
    signal = Signal(region_id=region_id, created_by=actor, status=SignalStatus.OPEN)
    _apply_signal(signal, data)
    signal.full_clean()
    signal.save()
    _set_lines(signal, data.lines)
    planned = tasks_from_playbook(
        signal,
        PlaybookStep.objects.filter(region_id=region_id, is_active=True).select_related(
            "partner_organisation"
        ),
        actor,
    )
    SignalTask.objects.bulk_create(
        [
            SignalTask(
                signal=signal,
                step=p.step,
                title=p.title,
                description=p.description,
                partner_kind=p.step.partner_kind
                or (p.owner_organisation.kind if p.owner_organisation else ""),
                owner_organisation=p.owner_organisation,
                owner_user=p.owner_user,
                due_date=p.due_date,
                order=index,
            )
            for index, p in enumerate(planned, 1)
        ]
    )
    _event(signal, actor, EventKind.REGISTERED, people=signal.people_affected)
    if planned:
        _event(signal, actor, EventKind.TASKS_CREATED, count=len(planned))
    _audit(actor, AuditAction.CREATE, signal, kind=signal.kind, tasks=len(planned))
    return signal


def _locked_signal(signal: Signal, expected_version: int | None) -> Signal:
    current = Signal.objects.select_for_update().get(pk=signal.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this signal while you were editing it. Your changes are "
                "still in the form: check the current signal and save again."
            )
        )
    return current


@transaction.atomic
def update_signal(
    *,
    actor: User,
    signal: Signal,
    data: SignalData,
    status: str,
    expected_version: int,
) -> Signal:
    """Change a signal's facts and status (optimistic locking on ``version``).

    Existing tasks keep their deadlines: a changed date received does not move them.
    """
    if not access.can_change_signal(actor, signal):
        raise PermissionDenied(_("You cannot change this signal."))
    current = _locked_signal(signal, expected_version)
    errors = validate_signal(data, region_id=current.region_id)
    if status not in SignalStatus.values:
        errors.setdefault("status", []).append(_("Choose a status from the list."))
    _raise(errors)
    before = {
        "people": current.people_affected,
        "status": current.status,
        "received_on": current.received_on.isoformat(),
    }
    _apply_signal(current, data)
    old_status = current.status
    current.status = status
    current.version += 1
    current.full_clean()
    current.save()
    _set_lines(current, data.lines)
    _event(current, actor, EventKind.UPDATED, people=current.people_affected)
    if old_status != status:
        _event(current, actor, EventKind.STATUS, old=old_status, new=status)
    _audit(actor, AuditAction.UPDATE, current, before=before, status=status)
    return current


# --- tasks ------------------------------------------------------------------------------------


def _locked_task(task: SignalTask, expected_version: int | None) -> SignalTask:
    current = SignalTask.objects.select_for_update().select_related("signal").get(pk=task.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this task in the meantime. The board now shows the "
                "current state: look at it and try again."
            )
        )
    return current


@transaction.atomic
def set_task_status(
    *, actor: User, task: SignalTask, status: str, expected_version: int | None = None
) -> SignalTask:
    """Mark a task to do, doing, done or not needed (its owner, its provider, or a manager)."""
    if not access.can_update_task(actor, task):
        raise PermissionDenied(_("You cannot change this task."))
    if status not in TaskStatus.values:
        raise DomainError(_("Choose a status from the list."))
    current = _locked_task(task, expected_version)
    if current.signal.is_closed:
        raise DomainError(_("This signal is closed: reopen it before changing its tasks."))
    if current.status == status:
        return current
    old = current.status
    current.status = status
    current.completed_at = timezone.now() if status == TaskStatus.DONE else None
    current.version += 1
    current.save(update_fields=["status", "completed_at", "version", "updated_at"])
    _event(current.signal, actor, EventKind.TASK_STATUS, task=current, old=old, new=status)
    _audit(actor, AuditAction.UPDATE, current, status=status)
    return current


@transaction.atomic
def assign_task(
    *,
    actor: User,
    task: SignalTask,
    owner_organisation: Organisation | None,
    owner_user: User | None,
    expected_version: int | None = None,
) -> SignalTask:
    """Give a task to a partner organisation and (optionally) one of its users."""
    if not access.can_assign_task(actor, task):
        raise PermissionDenied(_("You cannot assign this task."))
    current = _locked_task(task, expected_version)
    region_id = current.signal.region_id
    if owner_organisation is not None and (
        owner_organisation.region_id != region_id or not owner_organisation.is_active
    ):
        raise DomainError(_("Choose an organisation of your region."))
    if owner_user is not None:
        if owner_organisation is None:
            owner_organisation = owner_user.organisation
        if (
            not owner_user.is_active
            or owner_user.organisation_id is None
            or owner_user.organisation_id != getattr(owner_organisation, "pk", None)
        ):
            raise DomainError(_("The owner must work for the chosen organisation."))
        if owner_user.role in (Role.EMPLOYER_USER, Role.PRIVACY_OFFICER, Role.ADMINISTRATOR):
            raise DomainError(_("This person cannot own rapid-response tasks."))
    if current.owner_organisation_id == getattr(
        owner_organisation, "pk", None
    ) and current.owner_user_id == getattr(owner_user, "pk", None):
        return current
    current.owner_organisation = owner_organisation
    current.owner_user = owner_user
    current.version += 1
    current.save(update_fields=["owner_organisation", "owner_user", "version", "updated_at"])
    _event(
        current.signal,
        actor,
        EventKind.TASK_OWNER,
        task=current,
        organisation=str(owner_organisation or ""),
        user=str(owner_user or ""),
    )
    _audit(actor, AuditAction.ASSIGN, current, owner_user=getattr(owner_user, "pk", None))
    return current


# --- playbook ---------------------------------------------------------------------------------


@dataclass
class StepData:
    title: str
    deadline_days: int | None
    signal_kinds: list[str] = field(default_factory=list)
    description: str = ""
    partner_kind: str = ""
    partner_organisation: Organisation | None = None
    owner_role: str = ""
    order: int = 0


def validate_step(data: StepData, *, region_id: int) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not data.title.strip():
        add("title", _("Give the step a title."))
    elif len(data.title) > 200:
        add("title", _("The title can be at most 200 characters."))
    if data.deadline_days is None:
        add("deadline_days", _("Give the deadline as a number of days after the signal date."))
    elif not 0 <= data.deadline_days <= MAX_DEADLINE_DAYS:
        add(
            "deadline_days",
            _("The deadline must be between 0 and %(max)s days after the signal date.")
            % {"max": MAX_DEADLINE_DAYS},
        )
    if not data.signal_kinds:
        add("signal_kinds", _("Choose at least one kind of signal this step applies to."))
    elif any(k not in SignalKind.values for k in data.signal_kinds):
        add("signal_kinds", _("Choose kinds of signal from the list."))
    if data.partner_kind and data.partner_kind not in OrganisationKind.values:
        add("partner_kind", _("Choose a kind of organisation from the list."))
    if data.partner_organisation is not None and data.partner_organisation.region_id != region_id:
        add("partner_organisation", _("Choose an organisation of your region."))
    if not data.partner_kind and data.partner_organisation is None:
        add(
            "partner_kind",
            _("Say which partner does this step: a kind of organisation or a specific one."),
        )
    if data.owner_role and data.owner_role not in Role.values:
        add("owner_role", _("Choose a role from the list."))
    if data.order < 0:
        add("order", _("The order cannot be negative."))
    return errors


def _apply_step(step: PlaybookStep, data: StepData) -> None:
    step.title = data.title.strip()
    step.description = data.description.strip()
    step.partner_kind = data.partner_kind or (
        data.partner_organisation.kind if data.partner_organisation else ""
    )
    step.partner_organisation = data.partner_organisation
    step.owner_role = data.owner_role
    step.deadline_days = data.deadline_days or 0
    step.signal_kinds = [k for k in SignalKind.values if k in data.signal_kinds]
    step.order = data.order


def _check_configure(actor: User) -> int:
    if not access.can_configure_playbook(actor):
        raise PermissionDenied(_("Only the coordinator can change the playbook."))
    return _region_id(actor)


@transaction.atomic
def create_step(*, actor: User, data: StepData) -> PlaybookStep:
    region_id = _check_configure(actor)
    _raise(validate_step(data, region_id=region_id))
    step = PlaybookStep(region_id=region_id)
    _apply_step(step, data)
    step.full_clean()
    step.save()
    _audit(actor, AuditAction.CREATE, step, title=step.title)
    return step


def _locked_step(actor: User, step: PlaybookStep, expected_version: int | None) -> PlaybookStep:
    region_id = _check_configure(actor)
    if step.region_id != region_id:
        raise PermissionDenied(_("This step belongs to another region."))
    current = PlaybookStep.objects.select_for_update().get(pk=step.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this step while you were editing it. Your changes are "
                "still in the form: check the current step and save again."
            )
        )
    return current


@transaction.atomic
def update_step(
    *, actor: User, step: PlaybookStep, data: StepData, expected_version: int
) -> PlaybookStep:
    """Change a step; tasks already created keep their own title, owner and deadline."""
    current = _locked_step(actor, step, expected_version)
    _raise(validate_step(data, region_id=current.region_id))
    _apply_step(current, data)
    current.version += 1
    current.full_clean()
    current.save()
    _audit(actor, AuditAction.UPDATE, current, title=current.title)
    return current


@transaction.atomic
def set_step_active(
    *, actor: User, step: PlaybookStep, active: bool, expected_version: int | None = None
) -> PlaybookStep:
    """Deactivate a step (new signals no longer get its task) or activate it again."""
    current = _locked_step(actor, step, expected_version)
    if current.is_active != active:
        current.is_active = active
        current.version += 1
        current.save(update_fields=["is_active", "version", "updated_at"])
        _audit(actor, AuditAction.UPDATE, current, active=active)
    return current
