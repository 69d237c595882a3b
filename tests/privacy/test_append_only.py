"""The audit log cannot be changed or deleted: model, queryset and database triggers."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.models import AppendOnlyError, AuditLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(case_manager):
    audit.record(
        actor=case_manager,
        action=AuditAction.READ,
        purpose=Purpose.CASE_MANAGEMENT,
        object_type="cases.Case",
        person_id=7,
    )
    return AuditLogEntry.objects.order_by("-id").first()


def test_orm_refuses_changes(entry):
    entry.purpose = Purpose.RESEARCH
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.filter(pk=entry.pk).update(purpose=Purpose.RESEARCH)
    with pytest.raises(AppendOnlyError):
        AuditLogEntry.objects.all().delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE privacy_auditlogentry SET purpose = 'research' WHERE id = %s",
        "UPDATE privacy_auditlogentry SET person_ref = NULL WHERE id = %s",
        "DELETE FROM privacy_auditlogentry WHERE id = %s",
    ],
)
def test_raw_sql_is_refused_by_the_database(entry, sql):
    assert connection.vendor in ("sqlite", "postgresql")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])
    fresh = AuditLogEntry.objects.get(pk=entry.pk)
    assert fresh.purpose == Purpose.CASE_MANAGEMENT
    assert fresh.person_ref == 7


def test_inserting_still_works(entry, case_manager):
    before = AuditLogEntry.objects.count()
    audit.record(actor=case_manager, action="read", purpose="matching", object_type="x")
    assert AuditLogEntry.objects.count() == before + 1
    assert audit.verify_chain().ok


def test_admin_is_read_only(admin_client, entry):
    from django.contrib import admin

    model_admin = admin.site._registry[AuditLogEntry]
    assert not model_admin.has_add_permission(None)
    assert not model_admin.has_change_permission(None, entry)
    assert not model_admin.has_delete_permission(None, entry)


def test_request_id_is_recorded_and_hashed(client, case_manager):
    from django.urls import reverse

    from ..factories import CaseFactory

    case = CaseFactory(registered_by=case_manager)
    client.force_login(case_manager)
    response = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk}))
    request_id = response["X-Request-ID"]
    entry = AuditLogEntry.objects.filter(person_ref=case.person_id).order_by("-id").first()
    assert entry is not None and entry.request_id == request_id
    assert request_id in entry.payload()
    assert audit.verify_chain().ok
