"""Who works on a case: the case manager (warm handover) and colleagues."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from overstap.cases import access
from overstap.cases.constants import CaseEventKind, CaseStatus
from overstap.cases.models import Case, CaseMember
from overstap.cases.services.common import audit_change, bump_version, log_event, require_open
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User


@transaction.atomic
def assign_case_manager(
    *, actor: User, case: Case, case_manager: User, expected_version: int | None = None
) -> Case:
    """A coordinator assigns (or reassigns) the case manager; a case manager may take an
    unassigned case from the queue themselves."""
    taking_own = case_manager.pk == actor.pk and case.case_manager_id is None
    if not (access.can_manage_intake_queue(actor) and access.can_view_case(actor, case)) and not (
        taking_own
        and access.can_be_case_manager(actor)
        and case.region_id == actor.organisation.region_id  # type: ignore[union-attr]
    ):
        raise PermissionDenied(_("You cannot assign a case manager to this case."))
    require_open(case)
    if not access.can_be_case_manager(case_manager) or (
        case_manager.organisation is None or case_manager.organisation.region_id != case.region_id
    ):
        raise DomainError(_("This user cannot be case manager in this region."))
    bump_version(case, expected_version)
    case.case_manager = case_manager
    if case.status == CaseStatus.REGISTERED:
        case.status = CaseStatus.INTAKE
    case.save(update_fields=["case_manager", "status", "updated_at"])
    log_event(
        case=case,
        kind=CaseEventKind.ASSIGNED,
        actor=actor,
        summary=_("Case manager: %(name)s (%(organisation)s)")
        % {"name": case_manager, "organisation": case_manager.organisation},
    )
    audit_change(
        actor=actor,
        case=case,
        action=AuditAction.ASSIGN,
        purpose=Purpose.INTAKE_QUEUE,
        fields=["case_manager"],
    )
    return case


@transaction.atomic
def add_case_member(*, actor: User, case: Case, user: User) -> CaseMember:
    """Add a colleague of any partner organisation in the region to the case."""
    if not access.can_work_on_case(actor, case):
        raise PermissionDenied(_("You do not have access to this case."))
    if (
        not user.is_active
        or user.organisation is None
        or (user.organisation.region_id != case.region_id)
    ):
        raise DomainError(_("This user cannot be added to this case."))
    if not access.can_be_case_manager(user) and user.role != "account_manager":
        raise DomainError(_("Only case managers, coordinators and account managers can be added."))
    member, created = CaseMember.objects.get_or_create(
        case=case, user=user, defaults={"added_by": actor}
    )
    if created:
        log_event(
            case=case,
            kind=CaseEventKind.MEMBER_ADDED,
            actor=actor,
            summary=_("%(name)s (%(organisation)s) added")
            % {"name": user, "organisation": user.organisation},
        )
        audit_change(actor=actor, case=case, obj=member, action=AuditAction.CREATE)
    return member


@transaction.atomic
def remove_case_member(*, actor: User, case: Case, user: User) -> None:
    if not access.can_work_on_case(actor, case):
        raise PermissionDenied(_("You do not have access to this case."))
    deleted, _unused = CaseMember.objects.filter(case=case, user=user).delete()
    if deleted:
        log_event(
            case=case,
            kind=CaseEventKind.MEMBER_REMOVED,
            actor=actor,
            summary=_("%(name)s removed") % {"name": user},
        )
        audit_change(actor=actor, case=case, action=AuditAction.DELETE, fields=["members"])
