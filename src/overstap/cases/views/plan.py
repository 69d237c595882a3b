"""Triage, the trajectory plan (rhythm, goals, actions) and the contact log of a case."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.cases import selectors, services
from overstap.cases.constants import CaseEventKind
from overstap.cases.forms.plan import (
    ActionForm,
    ContactForm,
    ContactRhythmForm,
    GoalForm,
    TriageForm,
)
from overstap.cases.models import Case, CaseEvent
from overstap.cases.views.common import add_validation_errors, case_context
from overstap.cases.views.detail import get_intake, is_htmx
from overstap.core.exceptions import ConflictError, DomainError

if TYPE_CHECKING:
    from overstap.accounts.models import User

#: The forms of the plan page, by the value of the hidden ``plan_form`` field.
PLAN_FORMS = ("rhythm", "goal", "action")


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _closed(request: HttpRequest, case: Case) -> bool:
    if case.is_closed:
        messages.error(request, _("This case is closed. Reopen it first."))
        return True
    return False


def _service_error(form: forms.Form, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        add_validation_errors(form, exc)
    elif isinstance(exc, DomainError):
        form.add_error(None, exc.message)


# --- Triage and plan --------------------------------------------------------------------


def _actions_context(case: Case) -> dict[str, Any]:
    actions = list(case.actions.select_related("owner__organisation", "goal"))
    return {
        "open_actions": [a for a in actions if a.done_at is None],
        "done_actions": sorted(
            (a for a in actions if a.done_at is not None),
            key=lambda a: (a.done_at, a.pk),
            reverse=True,
        ),
    }


def _last_triage(case: Case) -> CaseEvent | None:
    return (
        case.events.filter(kind=CaseEventKind.TRIAGED)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )


def _render_plan(
    request: HttpRequest,
    case: Case,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    intake = get_intake(case)
    context = case_context(
        request,
        case,
        "plan",
        intake=intake,
        intake_incomplete=intake is None or intake.is_draft,
        triage_event=_last_triage(case),
        goals=list(case.goals.all()),
        **_actions_context(case),
    )
    if not case.is_closed:
        context.update(
            {
                "triage_form": bound.get("triage")
                or TriageForm(
                    case=case,
                    initial={
                        "version": case.version,
                        "route": case.route_id,
                        "rationale": case.triage_rationale,
                    },
                ),
                "rhythm_form": bound.get("rhythm")
                or ContactRhythmForm(
                    initial={"version": case.version, "days": case.contact_rhythm_days}
                ),
                "goal_form": bound.get("goal") or GoalForm(),
                "action_form": bound.get("action")
                or ActionForm(case=case, initial={"owner": str(request.user.pk)}),
            }
        )
        context["routes_available"] = context["triage_form"].fields["route"].queryset.exists()
    return render(request, "cases/plan.html", context, status=status)


@login_required
def triage(request: HttpRequest, pk: int) -> HttpResponse:
    """POST of the triage form on the plan page (a GET shows the plan page)."""
    user = _user(request)
    if request.method == "GET":
        case = selectors.get_case(user=user, case_id=pk, for_update=True)
        return redirect("cases:case_plan", pk=case.pk)
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if _closed(request, case):
        return redirect("cases:case_plan", pk=case.pk)
    form = TriageForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.triage_case(
                actor=user,
                case=case,
                route=form.cleaned_data["route"],
                rationale=form.cleaned_data["rationale"],
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as exc:
            case = selectors.get_case(user=user, case_id=pk, for_update=True)
            data = request.POST.copy()
            data[form.add_prefix("version")] = str(case.version)
            form = TriageForm(data, case=case)
            form.add_error(None, exc.message)
        except (ValidationError, DomainError) as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("Triage saved: route %(route)s.") % {"route": case.route})
            return redirect("cases:case_plan", pk=case.pk)
    return _render_plan(request, case, bound={"triage": form})


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    if request.method == "GET":
        case = selectors.get_case(user=user, case_id=pk)
        return _render_plan(request, case)
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if _closed(request, case):
        return redirect("cases:case_plan", pk=case.pk)
    which = request.POST.get("plan_form")
    if which not in PLAN_FORMS:
        messages.error(request, _("Unknown form. Please try again."))
        return redirect("cases:case_plan", pk=case.pk)
    form: forms.Form
    if which == "rhythm":
        form = ContactRhythmForm(request.POST)
        if form.is_valid():
            try:
                services.set_contact_rhythm(
                    actor=user,
                    case=case,
                    days=form.cleaned_data["days"],
                    expected_version=form.cleaned_data["version"],
                )
            except ConflictError as exc:
                case = selectors.get_case(user=user, case_id=pk, for_update=True)
                data = request.POST.copy()
                data[form.add_prefix("version")] = str(case.version)
                form = ContactRhythmForm(data)
                form.add_error(None, exc.message)
            except ValidationError as exc:
                # the service names the field ``contact_rhythm_days``
                form.add_error("days", exc.messages)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The contact rhythm is saved."))
                return redirect("cases:case_plan", pk=case.pk)
    elif which == "goal":
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                services.add_goal(
                    actor=user,
                    case=case,
                    description=form.cleaned_data["description"],
                    target_date=form.cleaned_data["target_date"],
                )
            except (ValidationError, DomainError) as exc:
                _service_error(form, exc)
            else:
                messages.success(request, _("The goal is added."))
                return redirect("cases:case_plan", pk=case.pk)
    else:
        action_form = ActionForm(request.POST, case=case)
        form = action_form
        if action_form.is_valid():
            try:
                services.add_plan_action(
                    actor=user,
                    case=case,
                    description=action_form.cleaned_data["description"],
                    due_date=action_form.cleaned_data["due_date"],
                    owner=action_form.owner_user(),
                    owner_is_participant=action_form.owner_is_participant(),
                    goal=action_form.cleaned_data["goal"],
                )
            except (ValidationError, DomainError) as exc:
                _service_error(form, exc)
            else:
                messages.success(request, _("The action is added."))
                return redirect("cases:case_plan", pk=case.pk)
    return _render_plan(request, case, bound={which: form})


@login_required
def action_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """Mark an action done (or open again with ``done=0``). htmx gets the actions partial."""
    user = _user(request)
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    action = case.actions.filter(pk=action_pk).first()
    if action is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not _closed(request, case):
        done = request.POST.get("done", "1") != "0"
        try:
            services.mark_action_done(actor=user, action=action, done=done)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if done:
                messages.success(request, _("Done: %(action)s") % {"action": action.description})
            else:
                messages.success(
                    request, _("Open again: %(action)s") % {"action": action.description}
                )
    if is_htmx(request):
        context = case_context(request, case, "plan", **_actions_context(case))
        return render(request, "cases/_plan_actions.html", context)
    return redirect("cases:case_plan", pk=case.pk)


# --- Contacts ---------------------------------------------------------------------------


def _render_contacts(
    request: HttpRequest, case: Case, form: ContactForm | None = None
) -> HttpResponse:
    if form is None and not case.is_closed:
        form = ContactForm(initial={"date": timezone.localdate()})
    context = case_context(
        request,
        case,
        "contacts",
        contacts=list(case.contacts.select_related("author__organisation")),
        form=form,
    )
    return render(request, "cases/contacts.html", context)


@login_required
def contacts(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    if request.method == "GET":
        case = selectors.get_case(user=user, case_id=pk)
        return _render_contacts(request, case)
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if _closed(request, case):
        return redirect("cases:case_contacts", pk=case.pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.add_contact(
                actor=user,
                case=case,
                date=form.cleaned_data["date"],
                kind=form.cleaned_data["kind"],
                summary=form.cleaned_data["summary"],
                next_contact_due=form.cleaned_data["next_contact_due"],
            )
        except (ValidationError, DomainError) as exc:
            _service_error(form, exc)
        else:
            messages.success(request, _("The contact is logged."))
            return redirect("cases:case_contacts", pk=case.pk)
    return _render_contacts(request, case, form)
