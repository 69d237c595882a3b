"""Writes of the privacy app: the legal hold on a case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.cases import access
from overstap.cases.models import Case
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User


@transaction.atomic
def set_legal_hold(*, actor: User, case: Case, hold: bool, reason: str = "") -> Case:
    """Set or lift the legal hold of a case: while set, the retention run keeps the case and
    its person. Setting needs a reason (kept on the case, not in the audit log)."""
    if not access.can_set_legal_hold(actor, case):
        raise PermissionDenied(_("Only a coordinator or privacy officer can set a legal hold."))
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.anonymised_at is not None:
        raise DomainError(_("This case has been anonymised; a legal hold no longer applies."))
    reason = reason.strip()
    if hold and not reason:
        raise DomainError(_("Give the reason for the legal hold."), code="reason_required")
    if hold:
        locked.legal_hold_since = locked.legal_hold_since if locked.legal_hold else timezone.now()
        locked.legal_hold_reason = reason
    else:
        locked.legal_hold_since = None
        locked.legal_hold_reason = ""
    locked.legal_hold = hold
    locked.save(update_fields=["legal_hold", "legal_hold_reason", "legal_hold_since"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        purpose=Purpose.RETENTION,
        obj=locked,
        person_id=locked.person_id,
        case_id=locked.pk,
        details={"fields": ["legal_hold"], "legal_hold": hold},
    )
    return locked
