"""/healthz (alive, no database) and /readyz (database reachable, else 503)."""

from __future__ import annotations

from unittest import mock

from django.db import OperationalError

from overstap.privacy.models import AuditLogEntry


def test_healthz_needs_no_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Content-Type"] == "application/json"


def test_readyz_checks_the_database(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"
    assert not AuditLogEntry.objects.exists()


def test_readyz_is_503_when_the_database_is_unreachable(client, db):
    with mock.patch(
        "overstap.core.views.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] != "ready"
