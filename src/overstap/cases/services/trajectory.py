"""Intake, triage, plan, contacts, outcome, follow-up and closing of a case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.cases.constants import (
    FOLLOW_UP_MONTHS,
    PLACEMENT_OUTCOMES,
    CaseEventKind,
    CaseStatus,
    OutcomeKind,
)
from overstap.cases.models import (
    Case,
    Contact,
    FollowUp,
    Intake,
    Outcome,
    Person,
    PlanAction,
    PlanGoal,
    Route,
    WorkHistoryEntry,
)
from overstap.cases.services.common import (
    audit_change,
    bump_version,
    log_event,
    require_case_access,
    require_open,
)
from overstap.cases.services.derived import refresh_releasing_jobs
from overstap.cases.signals import send_cases_changed
from overstap.core.exceptions import DomainError
from overstap.core.validators import normalise_phone, normalise_postcode
from overstap.privacy.constants import AuditAction

if TYPE_CHECKING:
    from overstap.accounts.models import User

PERSON_INTAKE_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "bsn",
    "bsn_legal_basis",
    "postcode",
    "municipality",
)
INTAKE_FIELDS = (
    "education_level",
    "education_field",
    "digital_skills",
    "network",
    "motivation",
    "wishes",
    "constraints",
    "min_hours_per_week",
    "max_travel_minutes",
    "min_wage_band",
    "private_circumstances",
)
#: Fields an intake must have before it can be completed.
INTAKE_REQUIRED = ("education_level", "digital_skills", "motivation")


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def get_or_create_intake(case: Case) -> Intake:
    intake, _created = Intake.objects.get_or_create(case=case)
    return intake


@transaction.atomic
def save_intake(
    *,
    actor: User,
    case: Case,
    person_data: Mapping[str, Any],
    intake_data: Mapping[str, Any],
    person_version: int | None,
    intake_version: int | None,
    complete: bool = False,
) -> Intake:
    """Save the intake form (person details + intake) as a draft, or complete it.

    Both the person and the intake are versioned: if someone else saved in between, nothing
    is written and ``ConflictError`` tells the user to check the current data.
    """
    require_case_access(actor, case)
    require_open(case)
    person: Person = Person.objects.select_for_update().get(pk=case.person_id)
    intake = get_or_create_intake(case)
    bump_version(person, person_version)
    bump_version(intake, intake_version)
    changed_person = []
    for name in PERSON_INTAKE_FIELDS:
        if name not in person_data:
            continue
        value = person_data[name]
        if name == "postcode":
            value = normalise_postcode(value or "")
        elif name == "phone":
            value = normalise_phone(value or "")
        elif isinstance(value, str):
            value = value.strip()
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed_person.append(name)
    if not person.bsn and person.bsn_legal_basis:
        person.bsn_legal_basis = ""
        changed_person.append("bsn_legal_basis")
    if person.bsn and not person.bsn_legal_basis and "bsn" in changed_person:
        raise ValidationError(
            {"bsn_legal_basis": _("Choose the legal basis for recording the BSN.")}
        )
    person.full_clean()
    person.save()
    changed_intake = []
    for name in INTAKE_FIELDS:
        if name in intake_data and getattr(intake, name) != intake_data[name]:
            setattr(intake, name, intake_data[name])
            changed_intake.append(name)
    if complete:
        missing = [name for name in INTAKE_REQUIRED if not getattr(intake, name)]
        if missing:
            raise ValidationError(
                {name: _("Fill this in to complete the intake.") for name in missing}
            )
        if intake.completed_at is None:
            intake.completed_at = timezone.now()
            intake.completed_by = actor
    intake.full_clean()
    intake.save()
    if complete:
        log_event(case=case, kind=CaseEventKind.INTAKE_COMPLETED, actor=actor)
    elif changed_person or changed_intake:
        log_event(case=case, kind=CaseEventKind.INTAKE_SAVED, actor=actor)
    audit_change(
        actor=actor,
        case=case,
        obj=intake,
        fields=[f"person.{n}" for n in changed_person] + changed_intake,
    )
    return intake


@transaction.atomic
def save_work_history(
    *,
    actor: User,
    case: Case,
    entries: Iterable[Mapping[str, Any]],
    delete_ids: Iterable[int] = (),
) -> list[WorkHistoryEntry]:
    """Add or update work-history entries (``id`` in a mapping updates that entry)."""
    require_case_access(actor, case)
    require_open(case)
    person = case.person
    saved = []
    fields = (
        "employer_name",
        "job_title",
        "start_year",
        "end_year",
        "hours_per_week",
        "wage_band",
        "contract_type",
        "occupation",
    )
    for data in entries:
        if data.get("id"):
            entry = WorkHistoryEntry.objects.get(pk=data["id"], person=person)
        else:
            entry = WorkHistoryEntry(person=person)
        for name in fields:
            if name in data:
                setattr(entry, name, data[name] if data[name] is not None else None)
        if entry.start_year and entry.end_year and entry.end_year < entry.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})
        entry.full_clean()
        entry.save()
        saved.append(entry)
    deleted = list(delete_ids)
    if deleted:
        WorkHistoryEntry.objects.filter(person=person, pk__in=deleted).delete()
    if saved or deleted:
        refresh_releasing_jobs(person_ids=[person.pk])
        audit_change(actor=actor, case=case, fields=["work_history"])
    return saved


@transaction.atomic
def triage_case(
    *,
    actor: User,
    case: Case,
    route: Route,
    rationale: str,
    expected_version: int | None = None,
) -> Case:
    """Route the case with a recorded rationale. Re-triage is allowed and kept in the timeline."""
    require_case_access(actor, case)
    require_open(case)
    if route.region_id != case.region_id or not route.is_active:
        raise DomainError(_("This route is not available in this region."))
    if not rationale.strip():
        raise ValidationError({"rationale": _("Explain why this route fits.")})
    bump_version(case, expected_version)
    previous = case.route
    case.route = route
    case.triage_rationale = rationale.strip()
    case.triaged_at = timezone.now()
    if case.status in (CaseStatus.REGISTERED, CaseStatus.INTAKE):
        case.status = CaseStatus.ACTIVE
    if case.next_contact_due is None:
        case.next_contact_due = timezone.localdate() + dt.timedelta(days=case.contact_rhythm_days)
    case.save()
    log_event(
        case=case,
        kind=CaseEventKind.TRIAGED,
        actor=actor,
        summary=str(route),
        data={
            "route": str(route),
            "previous": str(previous) if previous else "",
            "rationale": rationale,
        },
    )
    audit_change(actor=actor, case=case, fields=["route", "triage_rationale"])
    return case


@transaction.atomic
def set_contact_rhythm(
    *, actor: User, case: Case, days: int, expected_version: int | None = None
) -> Case:
    require_case_access(actor, case)
    require_open(case)
    if not 1 <= days <= 180:
        raise ValidationError({"contact_rhythm_days": _("Choose between 1 and 180 days.")})
    bump_version(case, expected_version)
    case.contact_rhythm_days = days
    last = case.contacts.order_by("-date").values_list("date", flat=True).first()
    base = last or timezone.localdate()
    case.next_contact_due = base + dt.timedelta(days=days)
    case.save(update_fields=["contact_rhythm_days", "next_contact_due", "updated_at"])
    log_event(
        case=case,
        kind=CaseEventKind.PLAN_UPDATED,
        actor=actor,
        summary=_("Contact every %(days)s days") % {"days": days},
    )
    audit_change(actor=actor, case=case, fields=["contact_rhythm_days"])
    return case


@transaction.atomic
def add_goal(
    *, actor: User, case: Case, description: str, target_date: dt.date | None = None
) -> PlanGoal:
    require_case_access(actor, case)
    require_open(case)
    if not description.strip():
        raise ValidationError({"description": _("Describe the goal.")})
    goal = PlanGoal.objects.create(
        case=case, description=description.strip(), target_date=target_date
    )
    log_event(case=case, kind=CaseEventKind.GOAL_ADDED, actor=actor, summary=goal.description)
    audit_change(actor=actor, case=case, obj=goal, action=AuditAction.CREATE)
    return goal


@transaction.atomic
def add_plan_action(
    *,
    actor: User,
    case: Case,
    description: str,
    due_date: dt.date,
    owner: User | None = None,
    owner_is_participant: bool = False,
    goal: PlanGoal | None = None,
) -> PlanAction:
    require_case_access(actor, case)
    require_open(case)
    if goal is not None and goal.case_id != case.pk:
        raise DomainError(_("This goal belongs to another case."))
    if owner is not None and (
        owner.organisation is None or owner.organisation.region_id != case.region_id
    ):
        raise DomainError(_("The owner must work in this region."))
    action = PlanAction(
        case=case,
        description=description.strip(),
        due_date=due_date,
        owner=owner,
        owner_is_participant=owner_is_participant,
        goal=goal,
    )
    action.full_clean()
    action.save()
    log_event(
        case=case,
        kind=CaseEventKind.ACTION_ADDED,
        actor=actor,
        summary=action.description,
        data={"due_date": due_date.isoformat(), "owner": str(owner) if owner else ""},
    )
    audit_change(actor=actor, case=case, obj=action, action=AuditAction.CREATE)
    return action


@transaction.atomic
def mark_action_done(*, actor: User, action: PlanAction, done: bool = True) -> PlanAction:
    case = action.case
    require_case_access(actor, case)
    action.done_at = timezone.localdate() if done else None
    action.save(update_fields=["done_at", "updated_at"])
    if done:
        log_event(
            case=case, kind=CaseEventKind.ACTION_DONE, actor=actor, summary=action.description
        )
    audit_change(actor=actor, case=case, obj=action, fields=["done_at"])
    return action


@transaction.atomic
def add_contact(
    *,
    actor: User,
    case: Case,
    date: dt.date,
    kind: str,
    summary: str,
    next_contact_due: dt.date | None = None,
) -> Contact:
    """Log a contact; the next contact is due after the case's rhythm unless given."""
    require_case_access(actor, case)
    require_open(case)
    today = timezone.localdate()
    if date > today:
        raise ValidationError({"date": _("A contact cannot be in the future.")})
    if next_contact_due is not None and next_contact_due < date:
        raise ValidationError(
            {"next_contact_due": _("The next contact must be after this contact.")}
        )
    contact = Contact(case=case, date=date, kind=kind, summary=summary.strip(), author=actor)
    contact.full_clean()
    contact.save()
    latest = case.contacts.order_by("-date").values_list("date", flat=True).first() or date
    due = next_contact_due or latest + dt.timedelta(days=case.contact_rhythm_days)
    Case.objects.filter(pk=case.pk).update(next_contact_due=due)
    send_cases_changed([case.pk])
    case.next_contact_due = due
    log_event(
        case=case,
        kind=CaseEventKind.CONTACT,
        actor=actor,
        summary=contact.get_kind_display(),
        data={"date": date.isoformat(), "kind": kind},
    )
    audit_change(actor=actor, case=case, obj=contact, action=AuditAction.CREATE)
    return contact


OUTCOME_FIELDS = (
    "kind",
    "date",
    "employer_name",
    "job_title",
    "sector",
    "changed_sector",
    "contract_type",
    "hours_per_week",
    "wage_band",
    "wage_compared",
    "training_name",
    "stop_reason",
    "notes",
)


@transaction.atomic
def record_outcome(*, actor: User, case: Case, data: Mapping[str, Any]) -> Outcome:
    """Register (or correct) the outcome. A placement in work schedules follow-up at 3, 6, 12
    months after its date."""
    require_case_access(actor, case)
    require_open(case)
    kind = data.get("kind")
    errors: dict[str, str] = {}
    if kind in (OutcomeKind.NEW_JOB, OutcomeKind.JOB_WITH_TRAINING):
        for name in ("employer_name", "job_title", "sector"):
            if not data.get(name):
                errors[name] = _("Required for a new job.")
    if kind == OutcomeKind.STOPPED and not data.get("stop_reason"):
        errors["stop_reason"] = _("Give the reason for stopping.")
    if kind in (OutcomeKind.TRAINING, OutcomeKind.JOB_WITH_TRAINING) and not data.get(
        "training_name"
    ):
        errors["training_name"] = _("Name the training.")
    if errors:
        raise ValidationError(errors)
    outcome = Outcome.objects.filter(case=case).first() or Outcome(case=case, registered_by=actor)
    for name in OUTCOME_FIELDS:
        if name in data:
            setattr(outcome, name, data[name] if data[name] is not None else "")
    if outcome.changed_sector == "":
        outcome.changed_sector = None
    for numeric in ("hours_per_week",):
        if getattr(outcome, numeric) == "":
            setattr(outcome, numeric, None)
    outcome.registered_by = actor
    outcome.full_clean()
    outcome.save()
    if kind in PLACEMENT_OUTCOMES:
        for months in FOLLOW_UP_MONTHS:
            FollowUp.objects.update_or_create(
                case=case,
                months=months,
                defaults={"due_date": add_months(outcome.date, months)},
            )
    else:
        FollowUp.objects.filter(case=case, answered_at__isnull=True).delete()
    log_event(
        case=case,
        kind=CaseEventKind.OUTCOME,
        actor=actor,
        summary=outcome.get_kind_display(),
        data={"kind": kind, "sector": outcome.sector, "employer": outcome.employer_name},
    )
    audit_change(actor=actor, case=case, obj=outcome, action=AuditAction.UPDATE)
    return outcome


@transaction.atomic
def record_follow_up(
    *,
    actor: User,
    follow_up: FollowUp,
    still_in_work: bool,
    same_employer: bool | None,
    notes: str = "",
) -> FollowUp:
    case = follow_up.case
    require_case_access(actor, case)
    follow_up.answered_at = timezone.localdate()
    follow_up.still_in_work = still_in_work
    follow_up.same_employer = same_employer if still_in_work else None
    follow_up.notes = notes.strip()
    follow_up.answered_by = actor
    follow_up.save()
    log_event(
        case=case,
        kind=CaseEventKind.FOLLOW_UP,
        actor=actor,
        summary=_("Follow-up after %(months)s months") % {"months": follow_up.months},
        data={"still_in_work": still_in_work, "same_employer": same_employer},
    )
    audit_change(actor=actor, case=case, obj=follow_up, fields=["still_in_work", "same_employer"])
    return follow_up


@transaction.atomic
def close_case(
    *, actor: User, case: Case, reason: str, expected_version: int | None = None
) -> Case:
    """Close a case. Requires an outcome other than "still in mediation" and a reason."""
    require_case_access(actor, case)
    require_open(case)
    outcome = Outcome.objects.filter(case=case).first()
    if outcome is None:
        raise DomainError(_("Register the outcome before closing the case."), code="no_outcome")
    if outcome.kind == OutcomeKind.IN_MEDIATION:
        raise DomainError(
            _('The outcome is still "in mediation": register the final outcome first.'),
            code="in_mediation",
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for closing.")})
    bump_version(case, expected_version)
    case.status = CaseStatus.CLOSED
    case.closed_at = timezone.now()
    case.next_contact_due = None  # no contacts due on a closed case; follow-ups have own dates
    case.close_reason = reason.strip()
    case.save()
    log_event(case=case, kind=CaseEventKind.CLOSED, actor=actor, summary=case.close_reason)
    audit_change(actor=actor, case=case, fields=["status", "close_reason"])
    return case


@transaction.atomic
def reopen_case(*, actor: User, case: Case, reason: str) -> Case:
    require_case_access(actor, case)
    if not case.is_closed:
        raise DomainError(_("This case is not closed."))
    case.status = CaseStatus.ACTIVE if case.route_id else CaseStatus.INTAKE
    case.closed_at = None
    case.next_contact_due = timezone.localdate() + dt.timedelta(days=case.contact_rhythm_days)
    case.version += 1
    case.save()
    log_event(case=case, kind=CaseEventKind.REOPENED, actor=actor, summary=reason.strip())
    audit_change(actor=actor, case=case, fields=["status"])
    return case


def complete_intake(
    *, actor: User, case: Case, person_version: int | None, intake_version: int | None
) -> Intake:
    """Complete the intake without further changes."""
    return save_intake(
        actor=actor,
        case=case,
        person_data={},
        intake_data={},
        person_version=person_version,
        intake_version=intake_version,
        complete=True,
    )
