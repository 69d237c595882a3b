"""A person moving to another region keeps one record (issue #9).

``transfer_case`` moves an open case, and the person with it, to another region:

* the one ``Person`` record stays, with its history, skills passport and consents (these
  hang on the person and the case, not on the region);
* the case manager and the colleagues on the case are taken off it (they work in the old
  region), so the case lands in the receiving region's intake queue;
* the route is cleared (routes are regional configuration); the receiving region triages
  again;
* open referrals to providers of the old region are **cancelled** with the reason (not
  blocked: a move must not wait for a provider). They stay on the case as history, with
  their costs; the new region refers again from its own catalogue;
* closed earlier cases of the person stay in the old region: that region did that work and
  its figures keep it;
* a ``CaseTransfer`` row lets both regions see the move; the timeline gets an event and the
  audit log a ``transfer`` record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.accounts.models import Region
from overstap.cases import access
from overstap.cases.constants import (
    OPEN_REFERRAL_STATUSES,
    CaseEventKind,
    CaseStatus,
    ReferralStatus,
)
from overstap.cases.models import Case, CaseMember, CaseTransfer, Person, Referral, ReferralUpdate
from overstap.cases.services.common import bump_version, log_event, require_open
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User


@transaction.atomic
def transfer_case(
    *,
    actor: User,
    case: Case,
    to_region: Region,
    reason: str,
    expected_version: int | None = None,
) -> CaseTransfer:
    """Move ``case`` (open) and its person to ``to_region``. A coordinator of the case's
    current region only; afterwards that coordinator no longer sees the case."""
    if not access.can_transfer_case(actor, case):
        raise PermissionDenied(_("Only a coordinator of the case's region can move it."))
    require_open(case)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason for the move."), code="reason")
    if to_region.pk == case.region_id:
        raise DomainError(_("The case is already in this region."), code="same_region")
    person = Person.objects.select_for_update().get(pk=case.person_id)
    if (
        person.cases.exclude(pk=case.pk)
        .exclude(status=CaseStatus.CLOSED)
        .filter(region_id=case.region_id)
        .exists()
    ):
        raise DomainError(
            _("This person has another open case in the region. Close or merge it first."),
            code="other_open_case",
        )
    bump_version(case, expected_version)
    from_region = case.region
    now = timezone.now()

    cancelled = list(
        Referral.objects.select_for_update()
        .filter(case=case, status__in=OPEN_REFERRAL_STATUSES)
        .select_related("provider")
    )
    note = _("Cancelled: the person moved to %(region)s. %(reason)s") % {
        "region": to_region.name,
        "reason": reason,
    }
    for referral in cancelled:
        ReferralUpdate.objects.create(
            referral=referral,
            from_status=referral.status,
            to_status=ReferralStatus.CANCELLED,
            note=note,
            author=actor,
        )
    if cancelled:
        Referral.objects.filter(pk__in=[r.pk for r in cancelled]).update(
            status=ReferralStatus.CANCELLED, updated_at=now
        )
    members = list(CaseMember.objects.filter(case=case).values_list("user_id", flat=True))
    CaseMember.objects.filter(case=case).delete()
    previous_manager_id = case.case_manager_id
    case.region = to_region
    case.case_manager = None
    case.route = None
    if case.status != CaseStatus.REGISTERED:
        case.status = CaseStatus.REGISTERED
    case.save(update_fields=["region", "case_manager", "route", "status", "updated_at"])
    person.region = to_region
    person.version += 1
    person.save(update_fields=["region", "version", "updated_at"])

    transfer = CaseTransfer.objects.create(
        case=case,
        person=person,
        from_region=from_region,
        to_region=to_region,
        actor=actor,
        reason=reason,
        cancelled_referrals=len(cancelled),
        at=now,
    )
    log_event(
        case=case,
        kind=CaseEventKind.TRANSFERRED,
        actor=actor,
        summary=_("Moved from %(from)s to %(to)s: %(reason)s")
        % {"from": from_region.name, "to": to_region.name, "reason": reason},
        data={
            "from_region": from_region.code,
            "to_region": to_region.code,
            "cancelled_referrals": len(cancelled),
        },
    )
    audit.record(
        actor=actor,
        action=AuditAction.TRANSFER,
        purpose=Purpose.CASE_MANAGEMENT,
        obj=case,
        person_id=person.pk,
        case_id=case.pk,
        details={
            "from_region": from_region.code,
            "to_region": to_region.code,
            "cancelled_referrals": [r.pk for r in cancelled],
            "removed_members": members,
            "previous_case_manager": previous_manager_id,
        },
    )
    return transfer
