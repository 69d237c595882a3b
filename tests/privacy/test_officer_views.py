"""The privacy officer's audit log: filters, person search, export, who opened a file, and
the legal hold page. Other roles get 403 (or 404 for a case outside their region)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from freezegun import freeze_time

from overstap.accounts.constants import Role
from overstap.cases.models import Case
from overstap.privacy.models import AuditLogEntry

from ..factories import UserFactory
from .conftest import FIRST, LAST, build_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(case_manager):
    with freeze_time("2026-11-01 10:00"):
        return build_case(case_manager, close=False)


@pytest.fixture
def reads(client, case, case_manager, other_case_manager, coordinator):
    """The case manager and the coordinator open the file; the other case manager cannot."""
    url = reverse("cases:case_detail", kwargs={"pk": case.pk})
    with freeze_time("2026-11-10 09:00"):
        client.force_login(case_manager)
        client.get(url)
    with freeze_time("2026-11-12 09:00"):
        client.force_login(coordinator)
        client.get(url)
        client.force_login(other_case_manager)
        assert client.get(url).status_code == 404
    client.logout()


def _rows(response) -> list[AuditLogEntry]:
    return list(response.context["page"].object_list)


def test_other_roles_cannot_see_the_log(client, case_manager, coordinator, case):
    for user in (case_manager, coordinator):
        client.force_login(user)
        assert client.get(reverse("privacy:audit_log")).status_code == 403
        assert client.get(reverse("privacy:audit_export")).status_code == 403
        person_url = reverse("privacy:person_access", kwargs={"person_ref": case.person_id})
        assert client.get(person_url).status_code == 403
    client.logout()
    assert client.get(reverse("privacy:audit_log")).status_code == 302


def test_filters(client, privacy_officer, case, reads, case_manager, coordinator):
    client.force_login(privacy_officer)
    url = reverse("privacy:audit_log")
    by_number = _rows(client.get(url, {"person": case.number}))
    assert by_number and {e.person_ref for e in by_number} == {case.person_id}
    by_id = _rows(client.get(url, {"person": str(case.person_id)}))
    assert [e.pk for e in by_id] == [e.pk for e in by_number]
    by_actor = _rows(client.get(url, {"person": case.number, "actor": coordinator.username}))
    assert by_actor and {e.actor_username for e in by_actor} == {coordinator.username}
    by_org = _rows(client.get(url, {"organisation": case_manager.organisation.name}))
    assert by_org and all(e.organisation_name == case_manager.organisation.name for e in by_org)
    created = _rows(client.get(url, {"person": case.number, "action": "create"}))
    assert created and {e.action for e in created} == {"create"}
    purpose = _rows(client.get(url, {"purpose": "registration"}))
    assert purpose and {e.purpose for e in purpose} == {"registration"}
    dated = _rows(
        client.get(url, {"person": case.number, "date_from": "2026-11-11", "date_to": "2026-11-12"})
    )
    assert dated and {e.actor_username for e in dated} == {coordinator.username}
    wrong = client.get(url, {"date_from": "2026-11-12", "date_to": "2026-11-01"})
    assert "The end date must be on or after the start date." in wrong.content.decode()


def test_name_search_is_audited_and_leaves_no_name_in_the_log(client, privacy_officer, case):
    client.force_login(privacy_officer)
    before = AuditLogEntry.objects.order_by("-id").first().pk
    response = client.get(reverse("privacy:audit_log"), {"person": LAST.lower()})
    assert response.context["person"].person_refs == [case.person_id]
    new = AuditLogEntry.objects.filter(pk__gt=before)
    assert new.filter(actor_username=privacy_officer.username, person_ref=case.person_id).exists()
    for entry in new:
        assert FIRST not in entry.payload() and LAST not in entry.payload()


def test_pagination(client, privacy_officer, case, case_manager):
    from overstap.privacy import audit

    for _ in range(60):
        audit.record(actor=case_manager, action="read", purpose="matching", object_type="x")
    client.force_login(privacy_officer)
    response = client.get(reverse("privacy:audit_log"), {"purpose": "matching"})
    assert len(_rows(response)) == 50
    second = client.get(reverse("privacy:audit_log"), {"purpose": "matching", "page": 2})
    assert len(_rows(second)) == 10
    assert "purpose=matching&amp;page=2" in response.content.decode()


def test_export_is_csv_and_audited(client, privacy_officer, case, reads):
    client.force_login(privacy_officer)
    response = client.get(reverse("privacy:audit_export"), {"person": case.number})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["id", "timestamp", "actor"]
    assert len(rows) > 3 and {r[9] for r in rows[1:]} == {str(case.person_id)}
    export = AuditLogEntry.objects.filter(action="export").get()
    assert export.purpose == "supervision"
    assert export.details["person_refs"] == [case.person_id]
    assert export.details["rows"] == len(rows) - 1


def test_who_opened_the_file(client, privacy_officer, case, reads, case_manager, coordinator):
    client.force_login(privacy_officer)
    response = client.get(reverse("privacy:person_access", kwargs={"person_ref": case.person_id}))
    assert response.status_code == 200
    accessors = {row["actor_username"]: row for row in response.context["file"].accessors}
    assert set(accessors) >= {case_manager.username, coordinator.username}
    html = response.content.decode()
    assert coordinator.username in html and case.number in html
    assert AuditLogEntry.objects.filter(
        actor_username=privacy_officer.username, action="read", person_ref=case.person_id
    ).exists()
    missing = reverse("privacy:person_access", kwargs={"person_ref": 999999})
    assert client.get(missing).status_code == 404


def test_legal_hold_page(client, privacy_officer, coordinator, case_manager, case):
    url = reverse("privacy:legal_hold", kwargs={"pk": case.pk})
    client.force_login(case_manager)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"hold": "on", "reason": ""})
    assert "Give the reason for the legal hold." in response.content.decode()
    client.post(url, {"hold": "on", "reason": "Klachtprocedure"})
    case.refresh_from_db()
    assert case.legal_hold and case.legal_hold_reason == "Klachtprocedure"
    entry = AuditLogEntry.objects.filter(action="update", case_ref=case.pk).order_by("-id")[0]
    assert entry.details == {"fields": ["legal_hold"], "legal_hold": True}
    client.force_login(privacy_officer)
    client.post(url, {"hold": "off"})
    case.refresh_from_db()
    assert not case.legal_hold and case.legal_hold_reason == ""


def test_legal_hold_outside_the_region_is_404(client, other_region, case):
    from ..factories import OrganisationFactory

    elsewhere = UserFactory(
        organisation=OrganisationFactory(region=other_region), role=Role.COORDINATOR
    )
    client.force_login(elsewhere)
    url = reverse("privacy:legal_hold", kwargs={"pk": case.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"hold": "on", "reason": "x"}).status_code == 404
    assert not Case.objects.get(pk=case.pk).legal_hold


def test_nav_shows_the_audit_log_to_the_privacy_officer_only(client, privacy_officer, case_manager):
    client.force_login(privacy_officer)
    assert (
        reverse("privacy:audit_log")
        in client.get(reverse("catalogue:offering_list")).content.decode()
    )
    client.force_login(case_manager)
    assert (
        reverse("privacy:audit_log")
        not in client.get(reverse("catalogue:offering_list")).content.decode()
    )


def test_date_range_uses_dates(client, privacy_officer, case):
    client.force_login(privacy_officer)
    response = client.get(reverse("privacy:audit_log"), {"date_from": "2026-11-01"})
    assert all(e.timestamp.date() >= dt.date(2026, 11, 1) for e in _rows(response))
