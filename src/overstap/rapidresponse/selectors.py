"""Access-checked reads of rapid response, and the scenario planner's database side.

* signals, tasks, the board and the timeline (no personal data of the people affected: only
  counts; task owners are staff);
* :func:`scenario` builds the plain inputs of :func:`overstap.rapidresponse.planner.plan`
  from the matching engine (:func:`overstap.matching.selectors.occupation_transitions`: fit,
  gap skills and their training, regional wage bands), the region's open vacancies, the open
  shortage registrations of the employer network and the catalogue's offerings.

A signal outside the user's region is a 404; a role without rapid response a 403.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.accounts.constants import Role
from overstap.accounts.models import Organisation, User
from overstap.catalogue.models import Offering
from overstap.core.db import locked
from overstap.employers.constants import VacancyStatus
from overstap.employers.models import Vacancy
from overstap.matching import engine_inputs
from overstap.matching import selectors as matching
from overstap.rapidresponse import access, planner
from overstap.rapidresponse.constants import (
    FINISHED_TASK_STATUSES,
    EventKind,
    SignalKind,
    SignalStatus,
    TaskStatus,
)
from overstap.rapidresponse.models import PlaybookStep, Signal, SignalEvent, SignalTask
from overstap.taxonomy.constants import DEFAULT_LANGUAGE
from overstap.taxonomy.models import Occupation

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Target occupations considered per source occupation in the planner.
PLANNER_TARGETS = 15
#: Vacancies listed per target occupation in the planner.
PLACES_SHOWN = 8

_OPEN = ~Q(status__in=list(FINISHED_TASK_STATUSES))


def require_signals(user: User) -> None:
    if not access.can_read_signals(user):
        raise PermissionDenied


def require_manager(user: User) -> None:
    if not access.can_manage(user):
        raise PermissionDenied


def require_tasks(user: User) -> None:
    if not access.can_see_tasks(user):
        raise PermissionDenied


def require_playbook_reader(user: User) -> None:
    if not access.can_manage(user):
        raise PermissionDenied


def require_playbook_editor(user: User) -> None:
    if not access.can_configure_playbook(user):
        raise PermissionDenied


# --- signals ----------------------------------------------------------------------------------


def signals(*, user: User, status: str = "", today: dt.date | None = None) -> QuerySet[Signal]:
    """The region's signals, open ones first, with counts of open and overdue tasks."""
    scope = access.signal_scope(user)
    if scope is None:
        raise PermissionDenied
    today = today or timezone.localdate()
    finished = list(FINISHED_TASK_STATUSES)
    open_task = ~Q(tasks__status__in=finished)
    qs = (
        Signal.objects.filter(scope)
        .select_related("employer")
        .annotate(
            open_tasks=Count("tasks", filter=open_task),
            overdue_tasks=Count("tasks", filter=open_task & Q(tasks__due_date__lt=today)),
            task_count=Count("tasks"),
            closed_last=Case(
                When(status=SignalStatus.CLOSED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
    )
    if status in SignalStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("closed_last", "-received_on", "-pk")


def get_signal(*, user: User, signal_id: int, for_update: bool = False) -> Signal:
    scope = access.signal_scope(user)
    if scope is None:
        raise PermissionDenied
    qs = Signal.objects.filter(scope).select_related("employer", "created_by", "region")
    if for_update:
        qs = locked(qs)
    signal = qs.filter(pk=signal_id).first()
    if signal is None:
        raise Http404
    return signal


def visible_tasks(user: User) -> QuerySet[SignalTask]:
    scope = access.task_scope(user)
    if scope is None:
        return SignalTask.objects.none()
    return SignalTask.objects.filter(scope).select_related(
        "signal", "signal__employer", "owner_organisation", "owner_user", "step"
    )


def get_task(*, user: User, signal_id: int, task_id: int) -> SignalTask:
    """A task the user may see (404 otherwise; 403 for roles without tasks)."""
    require_tasks(user)
    task = visible_tasks(user).filter(pk=task_id, signal_id=signal_id).first()
    if task is None:
        raise Http404
    return task


@dataclass
class TaskGroup:
    key: str
    title: str
    tasks: list[SignalTask] = field(default_factory=list)


@dataclass
class Board:
    signal: Signal
    group_by: str
    groups: list[TaskGroup]
    total: int
    done: int
    overdue: int
    only_own: bool


def _mark(tasks: Sequence[SignalTask], user: User, today: dt.date) -> None:
    for task in tasks:
        task.overdue = task.is_overdue_on(today)  # type: ignore[attr-defined]
        task.days_late = (today - task.due_date).days  # type: ignore[attr-defined]
        task.can_update = access.can_update_task(user, task)  # type: ignore[attr-defined]
        task.can_assign = access.can_assign_task(user, task)  # type: ignore[attr-defined]


def board(
    *, user: User, signal: Signal, group_by: str = "status", today: dt.date | None = None
) -> Board:
    """The signal's tasks the user may see, grouped by status or by partner."""
    today = today or timezone.localdate()
    tasks = list(visible_tasks(user).filter(signal=signal))
    _mark(tasks, user, today)
    groups: list[TaskGroup] = []
    if group_by == "partner":
        by_partner: dict[str, TaskGroup] = {}
        for task in sorted(tasks, key=lambda t: (t.partner_label or "~", t.due_date, t.order)):
            label = task.partner_label or str(_("No partner yet"))
            by_partner.setdefault(label, TaskGroup(label, label)).tasks.append(task)
        groups = list(by_partner.values())
    else:
        group_by = "status"
        for value, title in TaskStatus.choices:
            groups.append(TaskGroup(value, str(title), [t for t in tasks if t.status == value]))
    return Board(
        signal=signal,
        group_by=group_by,
        groups=groups,
        total=len(tasks),
        done=sum(1 for t in tasks if t.status == TaskStatus.DONE),
        overdue=sum(1 for t in tasks if getattr(t, "overdue", False)),
        only_own=not access.can_manage(user),
    )


def my_tasks(*, user: User, today: dt.date | None = None) -> list[SignalTask]:
    """Open tasks of the user (managers: assigned to them; providers: to their organisation)."""
    require_tasks(user)
    today = today or timezone.localdate()
    qs = visible_tasks(user).filter(_OPEN).exclude(signal__status=SignalStatus.CLOSED)
    if access.can_manage(user):
        qs = qs.filter(owner_user=user)
    tasks = list(qs.order_by("due_date", "pk"))
    _mark(tasks, user, today)
    return tasks


def _event_text(event: SignalEvent) -> str:
    d = event.details or {}
    task = event.task.title if event.task is not None else d.get("task", "")
    statuses: dict[str, str] = {k: str(v) for k, v in TaskStatus.choices}
    signal_statuses: dict[str, str] = {k: str(v) for k, v in SignalStatus.choices}
    old, new = str(d.get("old", "")), str(d.get("new", ""))
    if event.kind == EventKind.REGISTERED:
        return _("Signal registered (%(people)s people affected).") % {"people": d.get("people")}
    if event.kind == EventKind.TASKS_CREATED:
        return _("%(count)s tasks created from the regional playbook.") % {"count": d.get("count")}
    if event.kind == EventKind.UPDATED:
        return _("Signal details changed (%(people)s people affected).") % {
            "people": d.get("people")
        }
    if event.kind == EventKind.STATUS:
        return _("Status changed from “%(old)s” to “%(new)s”.") % {
            "old": signal_statuses.get(old, old),
            "new": signal_statuses.get(new, new),
        }
    if event.kind == EventKind.TASK_STATUS:
        return _("Task “%(task)s”: from “%(old)s” to “%(new)s”.") % {
            "task": task,
            "old": statuses.get(old, old),
            "new": statuses.get(new, new),
        }
    if event.kind == EventKind.TASK_OWNER:
        owner = d.get("user") or d.get("organisation") or _("nobody")
        return _("Task “%(task)s” given to %(owner)s.") % {"task": task, "owner": owner}
    return str(event.get_kind_display())  # type: ignore[attr-defined]


def timeline(*, signal: Signal, limit: int = 50) -> list[SignalEvent]:
    events = list(signal.events.select_related("actor", "task").order_by("-at", "-pk")[:limit])
    for event in events:
        event.text = _event_text(event)  # type: ignore[attr-defined]
    return events


def _region(user: User) -> int:
    return access.region_id(user) or 0


def region_partners(user: User) -> QuerySet[Organisation]:
    """Organisations of the user's region that can own tasks (no employers but the signal's)."""
    return Organisation.objects.filter(region_id=_region(user), is_active=True).order_by(
        "kind", "name"
    )


def assignable_users(user: User) -> QuerySet[User]:
    """Staff of the user's region who can own a task."""
    return (
        User.objects.filter(
            organisation__region_id=_region(user),
            is_active=True,
            role__in=[
                Role.COORDINATOR,
                Role.ACCOUNT_MANAGER,
                Role.CASE_MANAGER,
                Role.PROVIDER_STAFF,
            ],
        )
        .select_related("organisation")
        .order_by("organisation__name", "first_name", "last_name")
    )


def region_employers(user: User) -> QuerySet[Organisation]:
    from overstap.accounts.constants import OrganisationKind

    return Organisation.objects.filter(
        region_id=_region(user), kind=OrganisationKind.EMPLOYER, is_active=True
    ).order_by("name")


# --- playbook ---------------------------------------------------------------------------------


def playbook(*, user: User, include_inactive: bool = True) -> QuerySet[PlaybookStep]:
    require_playbook_reader(user)
    qs = PlaybookStep.objects.filter(region_id=_region(user)).select_related("partner_organisation")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs.order_by("-is_active", "order", "deadline_days", "pk")


def get_step(*, user: User, step_id: int) -> PlaybookStep:
    require_playbook_editor(user)
    step = playbook(user=user).filter(pk=step_id).first()
    if step is None:
        raise Http404
    return step


def steps_for_kind(*, user: User, kind: str) -> list[PlaybookStep]:
    """Active steps a new signal of ``kind`` would get (shown on the signal form)."""
    if kind not in SignalKind.values:
        return []
    return [s for s in playbook(user=user, include_inactive=False) if s.applies_to(kind)]


# --- scenario planner -------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannerLine:
    occupation: Occupation
    headcount: int


@dataclass
class Scenario:
    lines: list[PlannerLine]
    plan: planner.Plan | None = None
    notice: str = ""
    #: where the input came from, for the heading ("" = typed in)
    source_label: str = ""
    unknown: list[str] = field(default_factory=list)


def lines_from_signal(*, user: User, signal: Signal) -> list[PlannerLine]:
    """The signal's occupations; else the employer's latest open surplus registration."""
    lines = [
        PlannerLine(line.occupation, line.headcount)
        for line in signal.lines.select_related("occupation")  # type: ignore[attr-defined]
    ]
    if lines or signal.employer_id is None:
        return lines
    surplus = surplus_for_employer(user=user, employer_id=signal.employer_id)
    return lines_from_surplus(surplus) if surplus is not None else []


def surplus_for_employer(*, user: User, employer_id: int) -> object | None:
    from overstap.network import selectors as network
    from overstap.network.constants import RegistrationStatus

    try:
        qs = network.surplus_registrations(user=user, status=RegistrationStatus.OPEN)
    except PermissionDenied:
        return None
    return qs.filter(employer_id=employer_id).order_by("-created_at", "-pk").first()


def get_surplus(*, user: User, registration_id: int) -> object:
    from overstap.network import selectors as network

    return network.get_surplus(user=user, registration_id=registration_id)


def lines_from_surplus(registration: object) -> list[PlannerLine]:
    merged: dict[int, list[object]] = {}
    for line in registration.lines.all():  # type: ignore[attr-defined]
        if line.occupation_id in merged:
            merged[line.occupation_id][1] += line.headcount  # type: ignore[operator]
        else:
            merged[line.occupation_id] = [line.occupation, line.headcount]
    return [PlannerLine(o, h) for o, h in merged.values()]  # type: ignore[arg-type]


def _wage_bands(region_id: int) -> dict[int, int]:
    """Occupation pk -> median wage band position of the region's open vacancies for it
    (the same data as the "keeps the wage" filter of the transitions page)."""
    bands: dict[int, list[int]] = defaultdict(list)
    rows = Vacancy.objects.filter(
        region_id=region_id, status=VacancyStatus.OPEN, occupation__isnull=False
    ).exclude(wage_band="")
    for occupation_id, band in rows.values_list("occupation_id", "wage_band"):
        index = engine_inputs.wage_band_index(band)
        if index is not None:
            bands[occupation_id].append(index)
    return {k: int(statistics.median_low(v)) for k, v in bands.items()}


def _places(
    region_id: int, occupation_ids: set[int], exclude_employer_ids: set[int]
) -> list[planner.Place]:
    out = [
        planner.Place(
            occupation_id=occ,
            employer=employer,
            count=positions,
            title=title,
            kind="vacancy",
            ref=pk,
            place=place,
        )
        for pk, occ, employer, positions, title, place in Vacancy.objects.filter(
            region_id=region_id, status=VacancyStatus.OPEN, occupation_id__in=occupation_ids
        )
        .exclude(employer_id__in=exclude_employer_ids)
        .values_list("pk", "occupation_id", "employer__name", "positions", "title", "place")
        .order_by("pk")
    ]
    from overstap.network import selectors as network

    for line in network.open_shortage_lines(
        region_id, exclude_employer_ids=list(exclude_employer_ids)
    ):
        if line.occupation_id in occupation_ids:
            out.append(
                planner.Place(
                    occupation_id=line.occupation_id,
                    employer=line.registration.employer.name,
                    count=line.headcount,
                    title=_("Shortage registration"),
                    kind="shortage",
                    ref=line.registration_id,
                )
            )
    return out


def _offerings(region_id: int) -> list[planner.Offering]:
    teaches: dict[int, set[int]] = defaultdict(set)
    for offering_id, skill_id in Offering.skills.through.objects.filter(
        offering__region_id=region_id, offering__is_active=True
    ).values_list("offering_id", "skill_id"):
        teaches[offering_id].add(skill_id)
    return [
        planner.Offering(pk, name, provider, frozenset(teaches[pk]))
        for pk, name, provider in Offering.objects.filter(pk__in=list(teaches))
        .order_by("name", "pk")
        .values_list("pk", "name", "provider__name")
    ]


def scenario(
    *,
    user: User,
    lines: Sequence[PlannerLine],
    exclude_employer_ids: Sequence[int] = (),
    lang: str = DEFAULT_LANGUAGE,
) -> Scenario:
    """Where the people of ``lines`` can go in the user's region (managers only)."""
    require_manager(user)
    region_id = access.region_id(user)
    assert region_id is not None
    result = Scenario(list(lines))
    if not lines:
        result.notice = _("Add at least one occupation with the number of people.")
        return result
    targets: dict[int, list[planner.TargetOption]] = {}
    for line in lines:
        occupation = line.occupation
        transitions = matching.occupation_transitions(
            user=user, occupation=occupation, top=PLANNER_TARGETS, lang=lang
        )
        if transitions.notice is not None and transitions.notice.code == "no_taxonomy":
            result.notice = transitions.notice.message
            return result
        options = [planner.TargetOption(occupation.pk, occupation.label(lang), 1.0)]
        for row in transitions.rows:
            must = {s.id for s in row.explanation.missing_primary} if row.explanation else set()
            options.append(
                planner.TargetOption(
                    occupation_id=row.occupation_id,
                    label=row.label,
                    fit=row.score,
                    gap=tuple(planner.GapSkill(g.id, g.label, g.id in must) for g in row.gap),
                    other_sector=row.other_sector,
                )
            )
        targets[occupation.pk] = options
    wanted = {o.occupation_id for opts in targets.values() for o in opts}
    result.plan = planner.plan(
        [
            planner.SourceLine(li.occupation.pk, li.occupation.label(lang), li.headcount)
            for li in lines
        ],
        targets,
        _places(region_id, wanted, set(exclude_employer_ids)),
        _offerings(region_id),
        wage_bands=_wage_bands(region_id),
    )
    return result
