"""Tab "outcome": the outcome of the trajectory, follow-up (nazorg), closing and reopening."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from overstap.cases import access, selectors, services
from overstap.cases.forms.outcome import (
    CloseForm,
    FollowUpForm,
    OutcomeForm,
    ReopenForm,
    yes_no_initial,
)
from overstap.cases.models import Case, Outcome
from overstap.cases.services.trajectory import OUTCOME_FIELDS
from overstap.cases.views.common import add_validation_errors, case_context
from overstap.core.exceptions import ConflictError, DomainError

if TYPE_CHECKING:
    from overstap.accounts.models import User


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _outcome(case: Case) -> Outcome | None:
    return Outcome.objects.filter(case=case).select_related("registered_by").first()


def _outcome_initial(outcome: Outcome | None) -> dict[str, Any]:
    if outcome is None:
        return {}
    initial = {name: getattr(outcome, name) for name in OUTCOME_FIELDS}
    initial["changed_sector"] = yes_no_initial(outcome.changed_sector)
    return initial


def _render(
    request: HttpRequest,
    case: Case,
    *,
    form: OutcomeForm | None = None,
    follow_up_form: tuple[int, FollowUpForm] | None = None,
    close_form: CloseForm | None = None,
    reopen_form: ReopenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    outcome = _outcome(case)
    if form is None:
        form = OutcomeForm(initial=_outcome_initial(outcome))
    follow_ups = []
    for follow_up in case.follow_ups.all():
        if follow_up_form is not None and follow_up_form[0] == follow_up.pk:
            fu_form = follow_up_form[1]
        else:
            fu_form = FollowUpForm(
                follow_up_id=follow_up.pk,
                initial={
                    "still_in_work": yes_no_initial(follow_up.still_in_work),
                    "same_employer": yes_no_initial(follow_up.same_employer),
                    "notes": follow_up.notes,
                },
            )
        follow_ups.append({"follow_up": follow_up, "form": fu_form})
    previous_job = case.person.work_history.order_by(
        F("start_year").desc(nulls_last=True), "-id"
    ).first()
    context = case_context(
        request,
        case,
        "outcome",
        form=form,
        outcome=outcome,
        follow_ups=follow_ups,
        previous_job=previous_job,
        close_form=close_form or CloseForm(initial={"version": case.version}),
        reopen_form=reopen_form or ReopenForm(),
        can_work=access.can_work_on_case(_user(request), case),
    )
    return render(request, "cases/outcome.html", context, status=status)


@login_required
def outcome_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the outcome and follow-up; POST registers or corrects the outcome."""
    user = _user(request)
    if request.method != "POST":
        return _render(request, selectors.get_case(user=user, case_id=pk))
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            outcome = services.record_outcome(actor=user, case=case, data=form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("The outcome has been saved: %(kind)s.") % {"kind": outcome.get_kind_display()},
            )
            return redirect("cases:case_outcome", pk=case.pk)
    return _render(request, case, form=form)


@login_required
def follow_up(request: HttpRequest, pk: int, follow_up_pk: int) -> HttpResponse:
    """Answer one follow-up moment (3, 6 or 12 months after the placement)."""
    user = _user(request)
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    moment = case.follow_ups.filter(pk=follow_up_pk).first()
    if moment is None:
        raise Http404
    moment.case = case
    form = FollowUpForm(request.POST, follow_up_id=moment.pk)
    if form.is_valid():
        try:
            services.record_follow_up(
                actor=user,
                follow_up=moment,
                still_in_work=form.cleaned_data["still_in_work"],
                same_employer=form.cleaned_data["same_employer"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("The follow-up after %(months)s months has been saved.")
                % {"months": moment.months},
            )
            return redirect("cases:case_outcome", pk=case.pk)
    return _render(request, case, follow_up_form=(moment.pk, form))


@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the case with a reason (needs a final outcome)."""
    user = _user(request)
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_case(
                actor=user,
                case=case,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except DomainError as exc:
            if isinstance(exc, ConflictError):
                case.refresh_from_db()
                data = request.POST.copy()
                data["version"] = str(case.version)
                form = CloseForm(data)
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The case has been closed."))
            return redirect("cases:case_outcome", pk=case.pk)
    return _render(request, case, close_form=form)


@login_required
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a closed case with a reason."""
    user = _user(request)
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.reopen_case(actor=user, case=case, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The case has been reopened."))
            return redirect("cases:case_outcome", pk=case.pk)
    return _render(request, case, reopen_form=form)
