"""``overstap verify_audit_chain`` and the verify button on an intact and a tampered chain."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from overstap.privacy import audit, dbguard
from overstap.privacy.models import AuditLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(case_manager):
    for person in (1, 2, 3):
        audit.record(
            actor=case_manager,
            action="read",
            purpose="case_management",
            object_type="x",
            person_id=person,
        )
    return list(AuditLogEntry.objects.order_by("id"))


def _tamper(entry: AuditLogEntry) -> None:
    """What an attacker with database rights would do: lift the guard, change a row."""
    if connection.vendor == "postgresql":
        sql = [
            f"ALTER TABLE {dbguard.TABLE} DISABLE TRIGGER {dbguard.TABLE}_append_only",
            f"UPDATE {dbguard.TABLE} SET person_ref = 99 WHERE id = {entry.pk}",  # noqa: S608
            f"ALTER TABLE {dbguard.TABLE} ENABLE TRIGGER {dbguard.TABLE}_append_only",
        ]
    else:
        sql = [
            *dbguard.SQLITE_DROP,
            f"UPDATE {dbguard.TABLE} SET person_ref = 99 WHERE id = {entry.pk}",  # noqa: S608
        ]
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for statement in dbguard.SQLITE_CREATE:
                cursor.execute(statement)


def test_command_reports_an_intact_chain(chain):
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert "intact" in out.getvalue()


def test_command_fails_at_the_first_broken_entry(chain):
    _tamper(chain[1])
    with pytest.raises(CommandError) as exc:
        call_command("verify_audit_chain")
    assert exc.value.returncode == 1
    assert str(chain[1].pk) in str(exc.value)


def test_verify_button(client, privacy_officer, chain):
    client.force_login(privacy_officer)
    response = client.post(reverse("privacy:verify"), follow=True)
    assert "is intact" in response.content.decode()
    _tamper(chain[2])
    response = client.post(reverse("privacy:verify"), follow=True)
    html = response.content.decode()
    assert "tampered" in html and str(chain[2].pk) in html


def test_verify_button_is_for_privacy_officers_only(client, case_manager, chain):
    client.force_login(case_manager)
    assert client.post(reverse("privacy:verify")).status_code == 403
    assert client.get(reverse("privacy:verify")).status_code == 405
