"""Who may see and change rapid-response signals, tasks, the playbook and the planner.

Rules (issue #5):

* coordinators and account managers of the region read and write signals and tasks and use
  the scenario planner ("managers");
* the coordinator configures the region's playbook; account managers may read it;
* case managers of the region read the region's signals and see (and update) the tasks
  assigned to them;
* whoever is the owner of a task may update its status; provider staff see and update the
  tasks assigned to their own organisation;
* employer users, administrators and privacy officers see nothing here.

Pure access logic: no queries beyond what the filters need, no side effects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from overstap.accounts.constants import Role

if TYPE_CHECKING:
    from overstap.accounts.models import User
    from overstap.rapidresponse.models import Signal, SignalTask

MANAGER_ROLES = frozenset({Role.COORDINATOR, Role.ACCOUNT_MANAGER})
SIGNAL_READER_ROLES = MANAGER_ROLES | {Role.CASE_MANAGER}
TASK_ROLES = SIGNAL_READER_ROLES | {Role.PROVIDER_STAFF}


def _staff(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.organisation_id is not None)


def region_id(user: User) -> int | None:
    return user.organisation.region_id if _staff(user) else None  # type: ignore[union-attr]


def can_manage(user: User) -> bool:
    """Register and change signals and tasks, and use the scenario planner."""
    return _staff(user) and user.role in MANAGER_ROLES


def can_read_signals(user: User) -> bool:
    return _staff(user) and user.role in SIGNAL_READER_ROLES


def can_configure_playbook(user: User) -> bool:
    return _staff(user) and user.role == Role.COORDINATOR


def can_see_tasks(user: User) -> bool:
    return _staff(user) and user.role in TASK_ROLES


def signal_scope(user: User) -> Q | None:
    """A filter on ``Signal`` for the signals ``user`` may open, or None for none."""
    if not can_read_signals(user):
        return None
    return Q(region_id=region_id(user))


def task_scope(user: User) -> Q | None:
    """A filter on ``SignalTask`` for the tasks ``user`` may see, or None for none."""
    if not can_see_tasks(user):
        return None
    region = Q(signal__region_id=region_id(user))
    if can_manage(user):
        return region
    if user.role == Role.PROVIDER_STAFF:
        return region & (Q(owner_organisation_id=user.organisation_id) | Q(owner_user_id=user.pk))
    return region & Q(owner_user_id=user.pk)


def can_update_task(user: User, task: SignalTask) -> bool:
    """Change the status of a task: managers of the region, its owner, the owner's provider."""
    if not can_see_tasks(user) or task.signal.region_id != region_id(user):
        return False
    if can_manage(user) or task.owner_user_id == user.pk:
        return True
    return user.role == Role.PROVIDER_STAFF and task.owner_organisation_id == user.organisation_id


def can_assign_task(user: User, task: SignalTask) -> bool:
    """Change who owns a task: managers of the region only."""
    return can_manage(user) and task.signal.region_id == region_id(user)


def can_change_signal(user: User, signal: Signal) -> bool:
    return can_manage(user) and signal.region_id == region_id(user)
