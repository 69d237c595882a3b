"""Shared helpers for the case services: access checks, versions, timeline and audit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.cases import access
from overstap.cases.models import Case, CaseEvent
from overstap.core.exceptions import ConflictError, PermissionDenied
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User


def require_case_access(user: User, case: Case) -> None:
    if not access.can_work_on_case(user, case):
        raise PermissionDenied(_("You do not have access to this case."))


def require_open(case: Case) -> None:
    from overstap.core.exceptions import DomainError

    if case.is_closed:
        raise DomainError(_("This case is closed. Reopen it first."), code="closed")


def bump_version(obj: Model, expected_version: int | None) -> None:
    """Optimistic locking: raise ``ConflictError`` if ``obj`` changed since it was loaded.

    Uses a conditional UPDATE so two concurrent writers cannot both pass the check.
    """
    model = type(obj)
    qs = model._default_manager.filter(pk=obj.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    updated = qs.update(version=F("version") + 1)
    if updated == 0:
        raise ConflictError(
            _(
                "Someone else changed this in the meantime. Your input has not been saved. "
                "Check the current data and save again."
            )
        )
    obj.refresh_from_db(fields=["version"])


def log_event(
    *,
    case: Case,
    kind: str,
    actor: User | None,
    summary: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, kind=kind, actor=actor, at=timezone.now(), summary=summary[:300], data=data or {}
    )


def audit_change(
    *,
    actor: User,
    case: Case,
    obj: Model | None = None,
    action: str = AuditAction.UPDATE,
    purpose: str = Purpose.CASE_MANAGEMENT,
    fields: list[str] | None = None,
) -> None:
    """Audit a write. Records which fields changed, never their (possibly sensitive) values."""
    audit.record(
        actor=actor,
        action=action,
        purpose=purpose,
        obj=obj if obj is not None else case,
        person_id=case.person_id,
        case_id=case.pk,
        details={"fields": sorted(fields)} if fields else {},
    )
