"""The audit log: one append-only, hash-chained record per access to a person's data."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overstap.privacy.constants import AuditAction, Purpose


class AppendOnlyError(RuntimeError):
    pass


class AuditLogQuerySet(models.QuerySet["AuditLogEntry"]):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Audit log entries cannot be changed.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Audit log entries cannot be deleted.")


class AuditLogEntry(models.Model):
    """Who did what with whose data, when and why.

    ``person_ref`` and ``case_ref`` are plain ids, not foreign keys, so the log outlives
    erased records. ``entry_hash`` chains each entry to the previous one.
    """

    timestamp = models.DateTimeField(_("time"), db_index=True)
    # DO_NOTHING without a database constraint: the actor id is part of the hashed payload,
    # so deleting a user must not rewrite the entries (that would break the chain).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        related_name="+",
        db_constraint=False,
        verbose_name=_("actor"),
    )
    actor_username = models.CharField(_("user name"), max_length=150)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    person_ref = models.BigIntegerField(_("person"), null=True, db_index=True)
    case_ref = models.BigIntegerField(_("case"), null=True, db_index=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    # Links the entries written while serving one request (privacy.middleware).
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    entry_hash = models.CharField(max_length=64, unique=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise AppendOnlyError("Audit log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("Audit log entries cannot be deleted.")

    def payload(self) -> str:
        """The canonical text that ``entry_hash`` covers.

        The request id joined the payload later: it is appended only when set, so entries
        written before it existed still verify.
        """
        values = [
            self.timestamp.isoformat(),
            self.actor_id,
            self.actor_username,
            self.organisation_name,
            self.role,
            self.action,
            self.purpose,
            self.object_type,
            self.object_id,
            self.person_ref,
            self.case_ref,
            self.details,
            self.previous_hash,
        ]
        if self.request_id:
            values.append(self.request_id)
        return json.dumps(values, sort_keys=True, default=str)

    def compute_hash(self) -> str:
        return hashlib.sha256(self.payload().encode()).hexdigest()


class AuditChainHead(models.Model):
    """A single row locked while appending, so the chain stays linear under concurrency."""

    last_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return self.last_hash[:12]
