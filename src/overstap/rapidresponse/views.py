"""Rapid-response pages: signal list and status board, signal form, my tasks, the playbook
and the scenario planner (HTML, print and PDF)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overstap.accounts.models import Organisation, User
from overstap.cases.views.common import add_validation_errors
from overstap.core.exceptions import ConflictError, DomainError
from overstap.rapidresponse import access, selectors, services
from overstap.rapidresponse.constants import SignalKind, SignalStatus, TaskStatus
from overstap.rapidresponse.forms import SignalForm, StepForm, blank_rows, parse_rows
from overstap.rapidresponse.pdf import render_scenario
from overstap.taxonomy.constants import LANGUAGES

if TYPE_CHECKING:
    from overstap.rapidresponse.models import PlaybookStep, Signal


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _lang() -> str:
    lang = (get_language() or "nl")[:2]
    return lang if lang in LANGUAGES else "nl"


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


# --- signals ----------------------------------------------------------------------------------


@login_required
def signal_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    selectors.require_signals(user)
    status = request.GET.get("status", "")
    rows = selectors.signals(user=user, status=status)
    return render(
        request,
        "rapidresponse/signal_list.html",
        {
            "signals": rows,
            "status": status,
            "status_choices": SignalStatus.choices,
            "can_manage": access.can_manage(user),
            "can_read_playbook": access.can_manage(user),
            "nav_active": "rapid_response",
        },
    )


def _signal_data(form: SignalForm, lines: list[Any] | None) -> services.SignalData:
    data = form.cleaned_data
    return services.SignalData(
        kind=data["kind"],
        employer=data.get("employer"),
        sector=data.get("sector") or "",
        people_affected=data.get("people_affected"),
        received_on=data.get("received_on"),
        first_contract_end=data.get("first_contract_end"),
        description=data.get("description") or "",
        lines=lines,
    )


def _signal_form_page(
    request: HttpRequest,
    form: SignalForm,
    rows: list[Any],
    signal: Signal | None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    kind = form["kind"].value() or SignalKind.COLLECTIVE_DISMISSAL
    return render(
        request,
        "rapidresponse/signal_form.html",
        {
            "form": form,
            "rows": rows,
            "signal": signal,
            "steps": selectors.steps_for_kind(user=user, kind=str(kind)) if signal is None else [],
            "nav_active": "rapid_response",
        },
        status=status,
    )


@login_required
def signal_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    selectors.require_manager(user)
    lang = _lang()
    if request.method != "POST":
        form = SignalForm(
            user=user,
            initial={"received_on": timezone.localdate(), "kind": SignalKind.COLLECTIVE_DISMISSAL},
        )
        return _signal_form_page(request, form, blank_rows([], lang), None)
    form = SignalForm(request.POST, user=user)
    parsed = parse_rows(request.POST, lang)
    if form.is_valid() and not parsed.errors:
        try:
            signal = services.register_signal(actor=user, data=_signal_data(form, parsed.lines))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            count = signal.tasks.count()
            messages.success(
                request,
                _("Signal registered; %(count)s tasks were created from the playbook.")
                % {"count": count},
            )
            return redirect("rapidresponse:signal_detail", pk=signal.pk)
    for error in parsed.errors:
        form.add_error(None, error)
    return _signal_form_page(request, form, parsed.rows, None)


@login_required
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    signal = selectors.get_signal(user=user, signal_id=pk)
    return render(request, "rapidresponse/signal_detail.html", _board_context(request, signal))


def _board_context(request: HttpRequest, signal: Signal, **extra: Any) -> dict[str, Any]:
    user = _user(request)
    group_by = request.GET.get("group") or request.POST.get("group") or "status"
    board = selectors.board(user=user, signal=signal, group_by=group_by)
    can_manage = access.can_change_signal(user, signal)
    return {
        "signal": signal,
        "board": board,
        "lines": list(signal.lines.select_related("occupation")),  # type: ignore[attr-defined]
        "events": selectors.timeline(signal=signal),
        "can_manage": can_manage,
        "task_statuses": TaskStatus.choices,
        "partners": selectors.region_partners(user) if can_manage else [],
        "owners": selectors.assignable_users(user) if can_manage else [],
        "today": timezone.localdate(),
        "lang": _lang(),
        "nav_active": "rapid_response",
        "surpluses": _open_surpluses(user, signal),
        **extra,
    }


def _open_surpluses(user: User, signal: Signal) -> list[Any]:
    """The signal employer's open surplus registrations (employer network), when readable:
    from a signal, the account manager goes on to employer-to-employer proposals."""
    from overstap.network import selectors as network
    from overstap.network.constants import RegistrationStatus

    if signal.employer_id is None or not network.can_read_network(user):
        return []
    return list(
        network.surplus_registrations(
            user=user, employer=signal.employer, status=RegistrationStatus.OPEN
        )
    )


@login_required
def signal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    selectors.require_manager(user)
    lang = _lang()
    signal = selectors.get_signal(user=user, signal_id=pk)
    lines = [
        (line.occupation, line.headcount) for line in signal.lines.select_related("occupation")
    ]  # type: ignore[attr-defined]
    if request.method != "POST":
        form = SignalForm(
            user=user,
            editing=True,
            initial={
                "kind": signal.kind,
                "employer": signal.employer,
                "sector": signal.sector,
                "people_affected": signal.people_affected,
                "received_on": signal.received_on,
                "first_contract_end": signal.first_contract_end,
                "description": signal.description,
                "status": signal.status,
                "version": signal.version,
            },
        )
        return _signal_form_page(request, form, blank_rows(lines, lang), signal)
    form = SignalForm(request.POST, user=user, editing=True)
    parsed = parse_rows(request.POST, lang)
    if form.is_valid() and not parsed.errors:
        try:
            services.update_signal(
                actor=user,
                signal=signal,
                data=_signal_data(form, parsed.lines),
                status=form.cleaned_data["status"],
                expected_version=form.cleaned_data.get("version") or 0,
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except ConflictError as exc:
            form.add_error(None, exc.message)
            return _signal_form_page(request, form, parsed.rows, signal, status=409)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Signal saved."))
            return redirect("rapidresponse:signal_detail", pk=signal.pk)
    for error in parsed.errors:
        form.add_error(None, error)
    return _signal_form_page(request, form, parsed.rows, signal)


@login_required
@require_POST
def task_update(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    """Change a task's status (``action=status``) or owner (``action=assign``).

    With htmx the board is answered (it is swapped in place); otherwise a redirect to it.
    """
    user = _user(request)
    task = selectors.get_task(user=user, signal_id=pk, task_id=task_pk)
    version = _int(request.POST.get("version"))
    error = ""
    done = ""
    try:
        if request.POST.get("action") == "assign":
            org_id = _int(request.POST.get("owner_organisation"))
            user_id = _int(request.POST.get("owner_user"))
            organisation = (
                selectors.region_partners(user).filter(pk=org_id).first() if org_id else None
            )
            owner = selectors.assignable_users(user).filter(pk=user_id).first() if user_id else None
            if (org_id and organisation is None) or (user_id and owner is None):
                raise DomainError(_("Choose an organisation and person of your region."))
            services.assign_task(
                actor=user,
                task=task,
                owner_organisation=cast("Organisation | None", organisation),
                owner_user=owner,
                expected_version=version,
            )
            done = _("Task “%(task)s” assigned.") % {"task": task.title}
        else:
            status = request.POST.get("status", "")
            services.set_task_status(actor=user, task=task, status=status, expected_version=version)
            done = _("Task “%(task)s” is now “%(status)s”.") % {
                "task": task.title,
                "status": dict(TaskStatus.choices).get(status, status),
            }
    except DomainError as exc:
        error = exc.message
    if request.htmx:  # type: ignore[attr-defined]
        if request.POST.get("next") == "my_tasks" or not access.can_read_signals(user):
            return render(
                request,
                "rapidresponse/_my_tasks_list.html",
                _my_tasks_context(request, board_error=error, board_done=done),
            )
        signal = selectors.get_signal(user=user, signal_id=pk)
        return render(
            request,
            "rapidresponse/_board.html",
            _board_context(request, signal, board_error=error, board_done=done),
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    if request.POST.get("next") == "my_tasks" or not access.can_read_signals(user):
        return redirect("rapidresponse:my_tasks")
    url = f"{request.path.rsplit('/tasks/', 1)[0]}/"
    group = request.POST.get("group")
    return redirect(url + (f"?group={group}" if group == "partner" else ""))


def _my_tasks_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user = _user(request)
    return {
        "tasks": selectors.my_tasks(user=user),
        "task_statuses": TaskStatus.choices,
        "can_read_signals": access.can_read_signals(user),
        "today": timezone.localdate(),
        "nav_active": "my_tasks",
        **extra,
    }


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    selectors.require_tasks(_user(request))
    return render(request, "rapidresponse/my_tasks.html", _my_tasks_context(request))


# --- playbook ---------------------------------------------------------------------------------


@login_required
def playbook_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    steps = selectors.playbook(user=user)
    return render(
        request,
        "rapidresponse/playbook_list.html",
        {
            "steps": steps,
            "can_edit": access.can_configure_playbook(user),
            "nav_active": "rapid_response",
        },
    )


def _step_data(form: StepForm) -> services.StepData:
    d = form.cleaned_data
    return services.StepData(
        title=d["title"],
        description=d.get("description") or "",
        partner_kind=d.get("partner_kind") or "",
        partner_organisation=d.get("partner_organisation"),
        owner_role=d.get("owner_role") or "",
        deadline_days=d.get("deadline_days"),
        signal_kinds=list(d.get("signal_kinds") or []),
        order=d.get("order") or 0,
    )


def _step_page(
    request: HttpRequest, form: StepForm, step: PlaybookStep | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "rapidresponse/step_form.html",
        {"form": form, "step": step, "nav_active": "rapid_response"},
        status=status,
    )


@login_required
def playbook_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    selectors.require_playbook_editor(user)
    if request.method != "POST":
        form = StepForm(user=user, initial={"signal_kinds": SignalKind.values, "order": 10})
        return _step_page(request, form, None)
    form = StepForm(request.POST, user=user)
    if form.is_valid():
        try:
            services.create_step(actor=user, data=_step_data(form))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Step added to the playbook."))
            return redirect("rapidresponse:playbook_list")
    return _step_page(request, form, None)


@login_required
def playbook_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    step = selectors.get_step(user=user, step_id=pk)
    if request.method != "POST":
        form = StepForm(
            user=user,
            initial={
                "title": step.title,
                "description": step.description,
                "partner_kind": step.partner_kind if not step.partner_organisation_id else "",
                "partner_organisation": step.partner_organisation,
                "owner_role": step.owner_role,
                "deadline_days": step.deadline_days,
                "signal_kinds": step.signal_kinds,
                "order": step.order,
                "version": step.version,
            },
        )
        return _step_page(request, form, step)
    form = StepForm(request.POST, user=user)
    if form.is_valid():
        try:
            services.update_step(
                actor=user,
                step=step,
                data=_step_data(form),
                expected_version=form.cleaned_data.get("version") or 0,
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except ConflictError as exc:
            form.add_error(None, exc.message)
            return _step_page(request, form, step, status=409)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Playbook step saved."))
            return redirect("rapidresponse:playbook_list")
    return _step_page(request, form, step)


@login_required
@require_POST
def playbook_active(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    step = selectors.get_step(user=user, step_id=pk)
    active = request.POST.get("active") == "1"
    try:
        services.set_step_active(
            actor=user, step=step, active=active, expected_version=_int(request.POST.get("version"))
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Step “%(title)s” is active again.") % {"title": step.title}
            if active
            else _("Step “%(title)s” is deactivated: new signals no longer get this task.")
            % {"title": step.title},
        )
    return redirect("rapidresponse:playbook_list")


# --- scenario planner -------------------------------------------------------------------------


def _planner_input(request: HttpRequest) -> dict[str, Any]:
    """The planner's input from the query string: a signal, a surplus registration, or rows."""
    user = _user(request)
    lang = _lang()
    signal = None
    surplus = None
    source_label = ""
    exclude: list[int] = []
    parsed = parse_rows(request.GET, lang)
    signal_id = _int(request.GET.get("signal"))
    surplus_id = _int(request.GET.get("surplus"))
    if signal_id:
        signal = selectors.get_signal(user=user, signal_id=signal_id)
        source_label = _("Signal: %(subject)s (%(people)s people)") % {
            "subject": signal.subject,
            "people": signal.people_affected,
        }
        if signal.employer_id:
            exclude.append(signal.employer_id)
    elif surplus_id:
        surplus = selectors.get_surplus(user=user, registration_id=surplus_id)
        source_label = _("Surplus registration: %(registration)s") % {"registration": surplus}
        exclude.append(surplus.employer_id)  # type: ignore[attr-defined]
    auto = not parsed.any_input and bool(signal or surplus)
    if auto:
        lines = (
            selectors.lines_from_signal(user=user, signal=signal)
            if signal
            else selectors.lines_from_surplus(surplus)
        )
        parsed = parse_rows(_query_from_lines(lines, lang), lang)
    return {
        "parsed": parsed,
        "signal": signal,
        "surplus": surplus,
        "source_label": source_label,
        "exclude": exclude,
        "run": request.GET.get("run") == "1" or auto,
    }


def _query_from_lines(lines: list[selectors.PlannerLine], lang: str) -> QueryDict:
    data = QueryDict(mutable=True)
    for i, line in enumerate(lines):
        data[f"occupation_{i}"] = str(line.occupation.pk)
        data[f"headcount_{i}"] = str(line.headcount)
        data.appendlist("q", line.occupation.label(lang))
    return data


def _run_scenario(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    selectors.require_manager(user)
    ctx = _planner_input(request)
    parsed = ctx["parsed"]
    ctx["errors"] = list(parsed.errors)
    ctx["scenario"] = None
    if ctx["run"]:
        if not parsed.lines and not parsed.errors:
            ctx["errors"].append(
                _("Add at least one occupation with the number of people (1 or more).")
            )
        if not ctx["errors"]:
            ctx["scenario"] = selectors.scenario(
                user=user,
                lines=[selectors.PlannerLine(o, h) for o, h in parsed.lines],
                exclude_employer_ids=ctx["exclude"],
                lang=_lang(),
            )
    return ctx


@login_required
def planner(request: HttpRequest) -> HttpResponse:
    ctx = _run_scenario(request)
    query = request.GET.copy()
    ctx.update(
        {
            "rows": ctx["parsed"].rows,
            "pdf_query": query.urlencode(),
            "generated_at": timezone.localtime(),
            "nav_active": "rapid_response",
            "lang": _lang(),
        }
    )
    return render(request, "rapidresponse/planner.html", ctx, status=400 if ctx["errors"] else 200)


@login_required
def planner_pdf(request: HttpRequest) -> HttpResponse:
    ctx = _run_scenario(request)
    scenario = ctx["scenario"]
    if scenario is None or scenario.plan is None:
        raise Http404
    body = render_scenario(
        scenario,
        region=str(_user(request).organisation.region),  # type: ignore[union-attr]
        source_label=ctx["source_label"],
    )
    response = HttpResponse(body, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="scenario-{stamp}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
