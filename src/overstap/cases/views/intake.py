"""The intake page: person details, the structured intake and the work history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from overstap.cases import selectors, services
from overstap.cases.forms.intake import IntakeForm, WorkHistoryForm, conflict_summary
from overstap.cases.models import Case, WorkHistoryEntry
from overstap.cases.views.common import add_validation_errors, case_context
from overstap.cases.views.detail import get_intake, is_htmx
from overstap.core.exceptions import ConflictError, DomainError

if TYPE_CHECKING:
    from overstap.accounts.models import User


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _entries(case: Case) -> list[WorkHistoryEntry]:
    return list(case.person.work_history.all())


def _intake_form(case: Case, data: Any = None) -> IntakeForm:
    intake = get_intake(case)
    return IntakeForm(
        data,
        initial=IntakeForm.initial_for(case.person, intake),
        current_bsn=case.person.bsn,
    )


def _work_form(
    entries: list[WorkHistoryEntry], edit_id: str | None = None, data: Any = None
) -> WorkHistoryForm:
    ids = {entry.pk for entry in entries}
    if data is not None:
        return WorkHistoryForm(data, entry_ids=ids)
    if edit_id and edit_id.isdigit() and int(edit_id) in ids:
        entry = next(e for e in entries if e.pk == int(edit_id))
        return WorkHistoryForm(initial=WorkHistoryForm.initial_for(entry), entry_ids=ids)
    return WorkHistoryForm(entry_ids=ids)


def _work_context(
    case: Case, work_form: WorkHistoryForm | None = None, edit_id: str | None = None
) -> dict[str, Any]:
    entries = _entries(case)
    if work_form is None and not case.is_closed:
        work_form = _work_form(entries, edit_id)
    return {"entries": entries, "work_form": work_form}


def _render_page(
    request: HttpRequest,
    case: Case,
    *,
    form: IntakeForm | None = None,
    work_form: WorkHistoryForm | None = None,
    conflict: dict[str, Any] | None = None,
) -> HttpResponse:
    intake = get_intake(case)
    if form is None and not case.is_closed:
        form = _intake_form(case)
    context = case_context(
        request,
        case,
        "intake",
        intake=intake,
        form=form,
        conflict=conflict,
        **_work_context(case, work_form, request.GET.get("edit")),
    )
    return render(request, "cases/intake.html", context)


@login_required
def intake_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    if request.method == "GET":
        case = selectors.get_case(user=user, case_id=pk)
        return _render_page(request, case)
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if case.is_closed:
        messages.error(request, _("This case is closed. Reopen it first."))
        return redirect("cases:case_intake", pk=case.pk)
    complete = "complete" in request.POST
    form = _intake_form(case, request.POST)
    if not form.is_valid():
        return _render_page(request, case, form=form)
    try:
        intake = services.save_intake(
            actor=user,
            case=case,
            person_data=form.person_data(),
            intake_data=form.intake_data(),
            person_version=form.cleaned_data["person_version"],
            intake_version=form.cleaned_data["intake_version"],
            complete=complete,
        )
    except ConflictError as exc:
        return _render_conflict(request, pk, form, exc)
    except ValidationError as exc:
        add_validation_errors(form, exc)
        if complete:
            form.add_error(None, _("The intake is not complete yet: fill in the marked fields."))
        return _render_page(request, case, form=form)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _render_page(request, case, form=form)
    if complete:
        messages.success(request, _("The intake is completed."))
    elif intake.is_draft:
        messages.success(request, _("The intake is saved as a draft."))
    else:
        messages.success(request, _("The intake is saved."))
    return redirect("cases:case_intake", pk=case.pk)


def _render_conflict(
    request: HttpRequest, pk: int, form: IntakeForm, exc: ConflictError
) -> HttpResponse:
    """Someone else saved in between: keep the user's input, show what is saved now, and
    take over the current versions so that saving again (after merging) is possible."""
    case = selectors.get_case(user=_user(request), case_id=pk, for_update=True)
    intake = get_intake(case)
    rows = conflict_summary(form, case.person, intake)
    data = request.POST.copy()
    data["person_version"] = str(case.person.version)
    data["intake_version"] = str(intake.version) if intake is not None else ""
    fresh = _intake_form(case, data)
    conflict = {"message": exc.message, "rows": rows, "intake": intake}
    return _render_page(request, case, form=fresh, conflict=conflict)


@login_required
def work_history(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the work-history partial (``?edit=<id>`` fills the form). POST: save one entry,
    or delete one with ``delete_id``. Without htmx the POST redirects back to the intake."""
    user = _user(request)
    if request.method == "GET":
        case = selectors.get_case(user=user, case_id=pk)
        edit_id = request.GET.get("edit")
        if not is_htmx(request):
            url = reverse("cases:case_intake", args=[case.pk])
            if edit_id and edit_id.isdigit():
                url += f"?edit={edit_id}"
            return redirect(url + "#work-history")
        return _render_work(request, case, edit_id=edit_id)
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if case.is_closed:
        messages.error(request, _("This case is closed. Reopen it first."))
        return _work_done(request, case)
    entries = _entries(case)
    if "delete_id" in request.POST:
        delete_id = request.POST["delete_id"]
        if not delete_id.isdigit() or int(delete_id) not in {e.pk for e in entries}:
            raise Http404
        try:
            services.save_work_history(
                actor=user, case=case, entries=[], delete_ids=[int(delete_id)]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The job is removed from the work history."))
        return _work_done(request, case)
    work_form = _work_form(entries, data=request.POST)
    if work_form.is_valid():
        try:
            services.save_work_history(actor=user, case=case, entries=[work_form.entry_data()])
        except ValidationError as exc:
            add_validation_errors(work_form, exc)
        except DomainError as exc:
            work_form.add_error(None, exc.message)
        else:
            messages.success(request, _("The work history is saved."))
            return _work_done(request, case)
    if is_htmx(request):
        return _render_work(request, case, work_form=work_form)
    return _render_page(request, case, work_form=work_form)


def _render_work(
    request: HttpRequest,
    case: Case,
    *,
    work_form: WorkHistoryForm | None = None,
    edit_id: str | None = None,
) -> HttpResponse:
    context = case_context(request, case, "intake", **_work_context(case, work_form, edit_id))
    return render(request, "cases/_intake_work_history.html", context)


def _work_done(request: HttpRequest, case: Case) -> HttpResponse:
    if is_htmx(request):
        return _render_work(request, case)
    return redirect(reverse("cases:case_intake", args=[case.pk]) + "#work-history")
