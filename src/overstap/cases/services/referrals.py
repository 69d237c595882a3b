"""Referrals from a case to an offering in the catalogue, and their life cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.cases import access
from overstap.cases.constants import REFERRAL_TRANSITIONS, CaseEventKind, ReferralStatus
from overstap.cases.models import Case, Referral, ReferralUpdate
from overstap.cases.services.common import (
    audit_change,
    bump_version,
    log_event,
    require_case_access,
    require_open,
)
from overstap.catalogue.models import Offering
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User

#: Statuses that occupy a place of the offering's capacity.
OCCUPYING = (ReferralStatus.ACCEPTED, ReferralStatus.STARTED)


@transaction.atomic
def create_referral(
    *,
    actor: User,
    case: Case,
    offering: Offering,
    motivation: str = "",
    send: bool = True,
    sharing_channel: str = "",
    override_reason: str = "",
) -> Referral:
    """Refer the person to ``offering``.

    The provider sees the referral (and the person's details) only once there is a basis
    for sharing (issue #7): the person's consent, given through ``sharing_channel`` (a
    ``consent.ConsentChannel``) and recorded as a ``ConsentRecord``, or a lawful basis in
    ``override_reason``. With neither (the default), the referral is saved but stays
    invisible to the provider until a consent for that provider is recorded on the case's
    consent tab.
    """
    require_case_access(actor, case)
    require_open(case)
    if not offering.is_active or offering.region_id != case.region_id:
        raise DomainError(_("This offering is not available in this region."))
    if case.referrals.filter(
        offering=offering,
        status__in=[
            ReferralStatus.PROPOSED,
            ReferralStatus.SENT,
            ReferralStatus.ACCEPTED,
            ReferralStatus.STARTED,
        ],
    ).exists():
        raise DomainError(_("There is already an open referral to this offering."))
    referral = Referral.objects.create(
        case=case,
        offering=offering,
        provider=offering.provider,
        motivation=motivation.strip(),
        created_by=actor,
        cost=offering.price,
        status=ReferralStatus.SENT if send else ReferralStatus.PROPOSED,
    )
    ReferralUpdate.objects.create(
        referral=referral, from_status="", to_status=referral.status, author=actor, note=motivation
    )
    log_event(
        case=case,
        kind=CaseEventKind.REFERRAL,
        actor=actor,
        summary=_("%(offering)s: %(status)s")
        % {"offering": offering.name, "status": referral.get_status_display()},
        data={"referral": referral.pk, "status": referral.status},
    )
    audit_change(
        actor=actor, case=case, obj=referral, action=AuditAction.CREATE, purpose=Purpose.REFERRAL
    )
    if sharing_channel or override_reason.strip():
        from overstap.consent.services import record_referral_sharing

        record_referral_sharing(
            actor=actor,
            referral=referral,
            channel=sharing_channel,
            override_reason=override_reason,
        )
    return referral


def _side(actor: User, referral: Referral) -> set[str]:
    sides = set()
    if access.is_provider_staff(actor) and actor.organisation_id == referral.provider_id:
        sides.add("provider")
    if access.can_work_on_case(actor, referral.case):
        sides.add("case")
    return sides


@transaction.atomic
def update_referral_status(
    *,
    actor: User,
    referral: Referral,
    to_status: str,
    note: str = "",
    expected_version: int | None = None,
) -> Referral:
    """Move a referral along its life cycle, or (same status) add a progress note.

    The case side sends and cancels; the provider accepts, declines, starts and completes.
    Accepting respects the offering's capacity.
    """
    sides = _side(actor, referral)
    if not sides:
        raise PermissionDenied(_("You cannot change this referral."))
    from_status = referral.status
    if to_status != from_status:
        allowed = REFERRAL_TRANSITIONS.get(from_status, {})
        side = allowed.get(to_status)
        if side is None:
            raise DomainError(
                _("A referral that is %(from)s cannot become %(to)s.")
                % {
                    "from": ReferralStatus(from_status).label.lower(),
                    "to": ReferralStatus(to_status).label.lower(),
                },
                code="invalid_transition",
            )
        if side not in sides:
            raise PermissionDenied(
                _("Only the provider can do this.")
                if side == "provider"
                else _("Only the people working on the case can do this.")
            )
        if to_status == ReferralStatus.ACCEPTED and referral.offering.capacity is not None:
            offering = Offering.objects.select_for_update().get(pk=referral.offering_id)
            occupied = offering.referrals.filter(status__in=OCCUPYING).count()
            if offering.capacity is not None and occupied >= offering.capacity:
                raise DomainError(
                    _("This offering is full (%(capacity)s places). Decline or try later.")
                    % {"capacity": offering.capacity},
                    code="full",
                )
        if "case" in sides and side == "case":
            require_open(referral.case)
    elif not note.strip():
        raise DomainError(_("Write a progress note."))
    bump_version(referral, expected_version)
    referral.status = to_status
    today = timezone.localdate()
    if to_status == ReferralStatus.STARTED and referral.started_on is None:
        referral.started_on = today
    if to_status == ReferralStatus.COMPLETED:
        referral.completed_on = today
    referral.save()
    ReferralUpdate.objects.create(
        referral=referral,
        from_status=from_status,
        to_status=to_status,
        note=note.strip(),
        author=actor,
    )
    log_event(
        case=referral.case,
        kind=CaseEventKind.REFERRAL,
        actor=actor,
        summary=_("%(offering)s: %(status)s")
        % {"offering": referral.offering.name, "status": referral.get_status_display()},
        data={"referral": referral.pk, "status": to_status, "note": note.strip()[:200]},
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        purpose=Purpose.REFERRAL,
        obj=referral,
        person_id=referral.case.person_id,
        case_id=referral.case_id,
        details={"fields": ["status"], "to": to_status},
    )
    return referral
