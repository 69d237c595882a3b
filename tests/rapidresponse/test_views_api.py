from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from overstap.rapidresponse import services
from overstap.rapidresponse.constants import SignalKind, TaskStatus
from overstap.rapidresponse.models import Signal, SignalTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def signal(account_manager, hotel, steps):
    return services.register_signal(
        actor=account_manager,
        data=services.SignalData(
            kind=SignalKind.COLLECTIVE_DISMISSAL,
            employer=hotel,
            people_affected=40,
            received_on=dt.date.today() - dt.timedelta(days=12),
        ),
    )


def test_list_and_board(client, account_manager, signal):
    client.force_login(account_manager)
    response = client.get(reverse("rapidresponse:signal_list"))
    assert response.status_code == 200
    assert "Hotel" in response.content.decode()
    board = client.get(reverse("rapidresponse:signal_detail", args=[signal.pk]))
    body = board.content.decode()
    assert "Employer visit" in body and "Provider bookings" in body
    assert body.count("badge--overdue") == 2  # the 3- and 10-day tasks are past due
    partner = client.get(
        reverse("rapidresponse:signal_detail", args=[signal.pk]) + "?group=partner"
    )
    assert "WSP" in partner.content.decode()


def test_create_signal_form_bad_input_keeps_nothing(client, account_manager, steps):
    client.force_login(account_manager)
    response = client.post(
        reverse("rapidresponse:signal_create"),
        {
            "kind": SignalKind.COLLECTIVE_DISMISSAL,
            "people_affected": "0",
            "received_on": dt.date.today().isoformat(),
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "error-summary" in body
    assert not Signal.objects.exists()
    response = client.post(
        reverse("rapidresponse:signal_create"),
        {"kind": SignalKind.SECTOR, "people_affected": "5", "received_on": dt.date.today()},
    )
    assert "error-summary" in response.content.decode()
    assert not Signal.objects.exists()


def test_create_signal_form(client, account_manager, hotel, steps):
    client.force_login(account_manager)
    response = client.post(
        reverse("rapidresponse:signal_create"),
        {
            "kind": SignalKind.COLLECTIVE_DISMISSAL,
            "employer": hotel.pk,
            "people_affected": "12",
            "received_on": dt.date.today().isoformat(),
        },
    )
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.tasks.count() == 3


def test_htmx_task_done_and_conflict(client, case_manager, signal):
    task = signal.tasks.get(title="Information meeting")
    client.force_login(case_manager)
    url = reverse("rapidresponse:task_update", args=[signal.pk, task.pk])
    response = client.post(url, {"status": "done", "version": task.version}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="board"' in response.content.decode()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    stale = client.post(url, {"status": "open", "version": 1}, HTTP_HX_REQUEST="true")
    assert "alert--error" in stale.content.decode()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_case_manager_sees_only_own_tasks_on_the_board(client, case_manager, signal):
    client.force_login(case_manager)
    body = client.get(reverse("rapidresponse:signal_detail", args=[signal.pk])).content.decode()
    assert "Information meeting" in body and "Provider bookings" not in body


def test_provider_sees_own_organisation_tasks(client, provider_user, signal):
    client.force_login(provider_user)
    body = client.get(reverse("rapidresponse:my_tasks")).content.decode()
    assert "Provider bookings" in body and "Information meeting" not in body
    assert client.get(reverse("rapidresponse:signal_detail", args=[signal.pk])).status_code == 403


def test_other_region_gets_404(client, signal, other_region):
    from overstap.accounts.constants import OrganisationKind, Role

    from ..factories import OrganisationFactory, UserFactory

    org = OrganisationFactory(region=other_region, name="W2", kind=OrganisationKind.MOBILITY_TEAM)
    other = UserFactory(username="co2", organisation=org, role=Role.COORDINATOR)
    client.force_login(other)
    assert client.get(reverse("rapidresponse:signal_detail", args=[signal.pk])).status_code == 404
    task = signal.tasks.first()
    response = client.post(
        reverse("rapidresponse:task_update", args=[signal.pk, task.pk]), {"status": "done"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "run=1",
        "run=1&q=&occupation_0=&headcount_0=5",
        "run=1&q=Onbekend&occupation_0=&headcount_0=3",
    ],
)
def test_planner_refuses_bad_input(client, account_manager, query):
    client.force_login(account_manager)
    response = client.get(reverse("rapidresponse:planner") + "?" + query)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_planner_count_must_be_positive(client, account_manager):
    from overstap.taxonomy.models import Occupation

    occupation = Occupation.objects.create(uri="urn:test:occ:1", code="5120.1", label_nl="kok")
    client.force_login(account_manager)
    response = client.get(
        reverse("rapidresponse:planner"),
        {"run": "1", "q": "kok", "occupation_0": occupation.pk, "headcount_0": "0"},
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_playbook_pages(client, coordinator, account_manager, steps):
    client.force_login(account_manager)
    assert client.get(reverse("rapidresponse:playbook_list")).status_code == 200
    assert client.get(reverse("rapidresponse:playbook_create")).status_code == 403
    client.force_login(coordinator)
    response = client.post(
        reverse("rapidresponse:playbook_create"),
        {"title": "", "deadline_days": "-1", "order": "1"},
    )
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    response = client.post(
        reverse("rapidresponse:playbook_create"),
        {
            "title": "Jobfair",
            "deadline_days": "30",
            "order": "5",
            "partner_kind": "uwv",
            "signal_kinds": ["bankruptcy"],
        },
    )
    assert response.status_code == 302


# --- API ----------------------------------------------------------------------------------


def test_api_signals(client, account_manager, hotel, steps, employer_user, case_manager):
    client.force_login(account_manager)
    url = reverse("api:rapidresponse:signal_list")
    response = client.post(
        url,
        {
            "kind": "collective_dismissal",
            "employer_id": hotel.pk,
            "people_affected": 8,
            "received_on": dt.date.today().isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert len(response.json()["tasks"]) == 3
    bad = client.post(
        url,
        {
            "kind": "collective_dismissal",
            "people_affected": 0,
            "received_on": dt.date.today().isoformat(),
        },
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert Signal.objects.count() == 1
    listed = client.get(url).json()
    assert listed["count"] == 1 and listed["results"][0]["open_tasks"] == 3
    detail = client.get(
        reverse("api:rapidresponse:signal_detail", args=[listed["results"][0]["id"]])
    )
    assert detail.status_code == 200
    client.force_login(case_manager)
    assert client.post(url, {}, content_type="application/json").status_code == 403
    client.force_login(employer_user)
    assert client.get(url).status_code == 403


def test_api_tasks_partner_updates_own(client, provider_user, signal):
    client.force_login(provider_user)
    listed = client.get(reverse("api:rapidresponse:task_list")).json()
    assert [t["title"] for t in listed["results"]] == ["Provider bookings"]
    own = SignalTask.objects.get(title="Provider bookings")
    other = SignalTask.objects.get(title="Employer visit")
    url = reverse("api:rapidresponse:task_detail", args=[own.pk])
    ok = client.patch(
        url, {"status": "doing", "version": own.version}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["status"] == "doing"
    stale = client.patch(url, {"status": "done", "version": 1}, content_type="application/json")
    assert stale.status_code == 409
    hidden = client.patch(
        reverse("api:rapidresponse:task_detail", args=[other.pk]),
        {"status": "done"},
        content_type="application/json",
    )
    assert hidden.status_code == 404


def test_signal_links_to_the_employers_surplus_proposals(client, account_manager, signal, hotel):
    """From the signal the account manager goes on to employer-to-employer proposals."""
    from overstap.network.models import SurplusRegistration

    client.force_login(account_manager)
    url = reverse("rapidresponse:signal_detail", args=[signal.pk])
    assert "/network/surplus/" not in client.get(url).content.decode()
    surplus = SurplusRegistration.objects.create(
        employer=hotel, reason="Reorganisatie", expected_date=dt.date.today()
    )
    body = client.get(url).content.decode()
    assert reverse("network:surplus_proposals", args=[surplus.pk]) in body
