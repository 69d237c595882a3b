"""Writing and verifying the audit log. Every access to personal data goes through ``record``."""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.models import AuditChainHead, AuditLogEntry

#: The id of the request being served (set by ``privacy.middleware.RequestIdMiddleware``).
current_request_id: ContextVar[str] = ContextVar("overstap_request_id", default="")


@dataclass(frozen=True)
class AuditEvent:
    action: str
    purpose: str
    object_type: str
    object_id: str = ""
    person_id: int | None = None
    case_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


def record(
    *,
    actor: Any,
    action: AuditAction | str,
    purpose: Purpose | str,
    obj: Any = None,
    object_type: str = "",
    person_id: int | None = None,
    case_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one audit entry (in the caller's transaction, if any)."""
    record_many(
        actor=actor,
        events=[
            AuditEvent(
                action=str(action),
                purpose=str(purpose),
                object_type=object_type or (obj._meta.label if obj is not None else ""),
                object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
                person_id=person_id,
                case_id=case_id,
                details=details or {},
            )
        ],
    )


def record_many(*, actor: Any, events: Iterable[AuditEvent]) -> None:
    """Append several entries at once (e.g. one per person shown in a list)."""
    events = list(events)
    if not events:
        return
    now = timezone.now()
    request_id = current_request_id.get()
    organisation = getattr(actor, "organisation", None)
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        previous = head.last_hash
        entries = []
        for event in events:
            entry = AuditLogEntry(
                timestamp=now,
                actor=actor if getattr(actor, "pk", None) else None,
                actor_username=getattr(actor, "username", "") or "system",
                organisation_name=organisation.name if organisation else "",
                role=getattr(actor, "role", "") or "",
                action=event.action,
                purpose=event.purpose,
                object_type=event.object_type,
                object_id=event.object_id,
                person_ref=event.person_id,
                case_ref=event.case_id,
                details=event.details,
                request_id=request_id,
                previous_hash=previous,
            )
            entry.entry_hash = entry.compute_hash()
            previous = entry.entry_hash
            entries.append(entry)
        AuditLogEntry.objects.bulk_create(entries)
        AuditChainHead.objects.filter(pk=1).update(last_hash=previous)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain() -> ChainReport:
    """Recompute every hash in order; report the first entry whose hash or link is wrong."""
    previous = ""
    checked = 0
    for entry in AuditLogEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.previous_hash != previous or entry.compute_hash() != entry.entry_hash:
            return ChainReport(checked=checked, broken_at=entry.pk)
        previous = entry.entry_hash
        checked += 1
    return ChainReport(checked=checked, broken_at=None)
