from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from overstap.core.exceptions import ConflictError, DomainError, PermissionDenied
from overstap.privacy.models import AuditLogEntry
from overstap.rapidresponse import services
from overstap.rapidresponse.constants import EventKind, SignalKind, SignalStatus, TaskStatus
from overstap.rapidresponse.models import PlaybookStep, Signal, SignalEvent, SignalTask

pytestmark = pytest.mark.django_db


def _data(**kw):
    base = dict(
        kind=SignalKind.COLLECTIVE_DISMISSAL,
        people_affected=40,
        received_on=dt.date.today() - dt.timedelta(days=2),
    )
    base.update(kw)
    return services.SignalData(**base)


def test_register_creates_the_playbook_tasks_for_the_kind(
    account_manager, hotel, steps, case_manager, provider_org
):
    received = dt.date.today() - dt.timedelta(days=2)
    signal = services.register_signal(
        actor=account_manager, data=_data(employer=hotel, received_on=received)
    )
    tasks = list(signal.tasks.order_by("order"))
    assert [t.title for t in tasks] == [
        "Employer visit",
        "Information meeting",
        "Provider bookings",
    ]
    assert [t.due_date for t in tasks] == [
        received + dt.timedelta(days=3),
        received + dt.timedelta(days=10),
        received + dt.timedelta(days=21),
    ]
    visit, meeting, bookings = tasks
    assert visit.owner_organisation == account_manager.organisation
    assert visit.owner_user == account_manager  # the only account manager of the WSP
    assert meeting.owner_organisation == case_manager.organisation
    assert meeting.owner_user == case_manager
    assert bookings.owner_organisation == provider_org and bookings.owner_user is None
    assert all(t.status == TaskStatus.OPEN for t in tasks)
    kinds = set(SignalEvent.objects.filter(signal=signal).values_list("kind", flat=True))
    assert kinds == {EventKind.REGISTERED, EventKind.TASKS_CREATED}
    assert AuditLogEntry.objects.filter(object_type="rapidresponse.Signal").count() == 1


def test_sector_signal_gets_only_sector_steps(account_manager, steps):
    signal = services.register_signal(
        actor=account_manager,
        data=_data(kind=SignalKind.SECTOR, sector="Horeca", people_affected=200),
    )
    assert [t.title for t in signal.tasks.all()] == ["Employer visit", "Sector table"]
    # no mobility team organisation in the region: the task waits for an owner
    assert signal.tasks.get(title="Sector table").owner_organisation is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"people_affected": 0}, "people_affected"),
        ({"people_affected": -5}, "people_affected"),
        ({"employer": None}, "employer"),
        ({"kind": SignalKind.SECTOR, "employer": None, "sector": "  "}, "sector"),
        ({"received_on": dt.date.today() + dt.timedelta(days=1)}, "received_on"),
        ({"first_contract_end": dt.date(2000, 1, 1)}, "first_contract_end"),
    ],
)
def test_bad_signals_are_refused_and_nothing_is_saved(
    account_manager, hotel, steps, changes, field
):
    data = _data(employer=hotel)
    for key, value in changes.items():
        setattr(data, key, value)
    with pytest.raises(ValidationError) as exc:
        services.register_signal(actor=account_manager, data=data)
    assert field in exc.value.message_dict
    assert not Signal.objects.exists() and not SignalTask.objects.exists()
    assert not SignalEvent.objects.exists()


def test_case_manager_cannot_register(case_manager, hotel):
    with pytest.raises(PermissionDenied):
        services.register_signal(actor=case_manager, data=_data(employer=hotel))


def test_update_signal_checks_the_version(account_manager, hotel, steps):
    signal = services.register_signal(actor=account_manager, data=_data(employer=hotel))
    services.update_signal(
        actor=account_manager,
        signal=signal,
        data=_data(employer=hotel, people_affected=45),
        status=SignalStatus.IN_PROGRESS,
        expected_version=1,
    )
    signal.refresh_from_db()
    assert (signal.people_affected, signal.status, signal.version) == (45, "in_progress", 2)
    with pytest.raises(ConflictError):
        services.update_signal(
            actor=account_manager,
            signal=signal,
            data=_data(employer=hotel, people_affected=50),
            status=SignalStatus.OPEN,
            expected_version=1,
        )
    signal.refresh_from_db()
    assert signal.people_affected == 45
    assert SignalEvent.objects.filter(signal=signal, kind=EventKind.STATUS).count() == 1


def test_task_status_by_owner_provider_and_strangers(
    account_manager, hotel, steps, case_manager, other_case_manager, provider_user
):
    signal = services.register_signal(actor=account_manager, data=_data(employer=hotel))
    meeting = signal.tasks.get(title="Information meeting")
    bookings = signal.tasks.get(title="Provider bookings")
    services.set_task_status(actor=case_manager, task=meeting, status=TaskStatus.DONE)
    meeting.refresh_from_db()
    assert meeting.status == TaskStatus.DONE and meeting.completed_at is not None
    services.set_task_status(actor=provider_user, task=bookings, status=TaskStatus.DOING)
    with pytest.raises(PermissionDenied):
        services.set_task_status(actor=other_case_manager, task=bookings, status=TaskStatus.DONE)
    with pytest.raises(PermissionDenied):
        services.set_task_status(actor=provider_user, task=meeting, status=TaskStatus.OPEN)
    with pytest.raises(DomainError):
        services.set_task_status(actor=account_manager, task=bookings, status="finished")
    with pytest.raises(ConflictError):
        services.set_task_status(
            actor=account_manager, task=bookings, status=TaskStatus.DONE, expected_version=1
        )


def test_assign_task(account_manager, hotel, steps, provider_org, provider_user, uwv, case_manager):
    signal = services.register_signal(actor=account_manager, data=_data(employer=hotel))
    bookings = signal.tasks.get(title="Provider bookings")
    services.assign_task(
        actor=account_manager,
        task=bookings,
        owner_organisation=provider_org,
        owner_user=provider_user,
    )
    bookings.refresh_from_db()
    assert bookings.owner_user == provider_user
    with pytest.raises(DomainError):
        services.assign_task(
            actor=account_manager, task=bookings, owner_organisation=uwv, owner_user=provider_user
        )
    with pytest.raises(PermissionDenied):
        services.assign_task(
            actor=case_manager, task=bookings, owner_organisation=uwv, owner_user=None
        )


def test_playbook_steps_by_the_coordinator_only(coordinator, account_manager, uwv):
    data = services.StepData(
        title="Intake capacity",
        deadline_days=14,
        signal_kinds=[SignalKind.BANKRUPTCY],
        partner_kind="uwv",
    )
    step = services.create_step(actor=coordinator, data=data)
    assert step.signal_kinds == ["bankruptcy"]
    with pytest.raises(PermissionDenied):
        services.create_step(actor=account_manager, data=data)
    bad = services.StepData(title="", deadline_days=400, signal_kinds=[])
    with pytest.raises(ValidationError) as exc:
        services.create_step(actor=coordinator, data=bad)
    assert {"title", "deadline_days", "signal_kinds", "partner_kind"} <= set(exc.value.message_dict)
    assert PlaybookStep.objects.count() == 1
    services.set_step_active(actor=coordinator, step=step, active=False)
    step.refresh_from_db()
    assert not step.is_active
    with pytest.raises(ConflictError):
        services.update_step(actor=coordinator, step=step, data=data, expected_version=1)
