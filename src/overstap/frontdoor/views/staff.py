"""Staff pages of the front door: requests from the employer desk, schemes, eligibility."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from overstap.cases import selectors as case_selectors
from overstap.cases.views.common import add_validation_errors, case_context
from overstap.core.exceptions import ConflictError, DomainError
from overstap.employers import selectors as employer_selectors
from overstap.frontdoor import access, selectors, services
from overstap.frontdoor.constants import DeskRequestKind, DeskRequestStatus, Situation
from overstap.frontdoor.forms import ConvertForm, RequestAssignForm, RequestStatusForm, SchemeForm
from overstap.frontdoor.models import DeskRequest, Scheme

if TYPE_CHECKING:
    from overstap.accounts.models import User


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _assignees(user: User) -> Any:
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role__in=access.DESK_ROLES,
            organisation__region_id=access.region_id(user) or 0,
        )
        .select_related("organisation")
        .order_by("first_name", "last_name")
    )


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not access.can_handle_desk_requests(user):
        raise DjangoPermissionDenied
    status = request.GET.get("status", "open")
    qs = selectors.desk_requests(user=user)
    if status == "open":
        qs = qs.exclude(status=DeskRequestStatus.DONE)
    elif status in DeskRequestStatus.values:
        qs = qs.filter(status=status)
    else:
        status = "all"
    return render(
        request,
        "frontdoor/staff/request_list.html",
        {
            "nav_active": "frontdoor",
            "requests": list(qs[:200]),
            "status": status,
            "statuses": DeskRequestStatus.choices,
        },
    )


def _detail_context(user: User, desk_request: DeskRequest, **forms: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "nav_active": "frontdoor",
        "desk_request": desk_request,
        "status_form": forms.get("status_form")
        or RequestStatusForm(
            initial={"status": desk_request.status, "version": desk_request.version}
        ),
        "assign_form": forms.get("assign_form")
        or RequestAssignForm(
            assignees=_assignees(user),
            initial={"assignee": desk_request.assignee_id, "version": desk_request.version},
        ),
    }
    if desk_request.kind == DeskRequestKind.VACANCY and desk_request.vacancy_id is None:
        employers = employer_selectors.editable_employers(user=user).order_by("name")
        match = employers.filter(name__iexact=desk_request.organisation_name).first()
        context["convert_form"] = forms.get("convert_form") or ConvertForm(
            employers=employers,
            initial={"employer": match.pk if match else None, "version": desk_request.version},
        )
        context["can_convert"] = employers.exists()
    return context


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    if not access.can_handle_desk_requests(user):
        raise DjangoPermissionDenied
    desk_request = selectors.get_desk_request(user=user, pk=pk, audit_read=request.method == "GET")
    if request.method == "GET":
        return render(
            request, "frontdoor/staff/request_detail.html", _detail_context(user, desk_request)
        )
    action = request.POST.get("action", "")
    forms: dict[str, Any] = {}
    try:
        if action == "pick_up":
            services.pick_up_request(
                actor=user,
                request=desk_request,
                expected_version=_int(request.POST.get("version")),
            )
            messages.success(request, _("You picked up this request."))
            return redirect("frontdoor:request_detail", pk=pk)
        if action == "status":
            form = RequestStatusForm(request.POST)
            forms["status_form"] = form
            if form.is_valid():
                services.set_request_status(
                    actor=user,
                    request=desk_request,
                    status=form.cleaned_data["status"],
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(request, _("Status saved."))
                return redirect("frontdoor:request_detail", pk=pk)
        elif action == "assign":
            assign_form = RequestAssignForm(request.POST, assignees=_assignees(user))
            forms["assign_form"] = assign_form
            if assign_form.is_valid():
                services.assign_request(
                    actor=user,
                    request=desk_request,
                    assignee=assign_form.cleaned_data["assignee"],
                    expected_version=assign_form.cleaned_data["version"],
                )
                messages.success(request, _("Assignee saved."))
                return redirect("frontdoor:request_detail", pk=pk)
        elif action == "convert":
            employers = employer_selectors.editable_employers(user=user)
            convert_form = ConvertForm(request.POST, employers=employers)
            forms["convert_form"] = convert_form
            if convert_form.is_valid():
                vacancy = services.convert_to_vacancy(
                    actor=user,
                    request=desk_request,
                    employer_id=convert_form.cleaned_data["employer"].pk,
                    expected_version=convert_form.cleaned_data["version"],
                )
                messages.success(
                    request,
                    _("Draft vacancy created. Check it, add skills and open it."),
                )
                return redirect("employers:vacancy_edit", pk=vacancy.pk)
        else:
            messages.error(request, _("Unknown action."))
            return redirect("frontdoor:request_detail", pk=pk)
    except ConflictError as exc:
        messages.error(request, exc.message)
        desk_request.refresh_from_db()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except DomainError as exc:
        messages.error(request, exc.message)
    return render(
        request,
        "frontdoor/staff/request_detail.html",
        _detail_context(user, desk_request, **forms),
        status=400 if forms else 200,
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --- Schemes (coordinators) ---------------------------------------------------------------


@login_required
def scheme_admin_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not access.can_manage_schemes(user):
        raise DjangoPermissionDenied
    return render(
        request,
        "frontdoor/staff/scheme_list.html",
        {"nav_active": "frontdoor", "schemes": selectors.manageable_schemes(user=user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def scheme_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    if not access.can_manage_schemes(user):
        raise DjangoPermissionDenied
    scheme: Scheme | None = None
    if pk is not None:
        scheme = selectors.manageable_schemes(user=user).filter(pk=pk).first()
        if scheme is None:
            raise Http404
    if request.method == "POST":
        form = SchemeForm(request.POST, instance=scheme or Scheme())
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                saved = services.save_scheme(
                    actor=user,
                    scheme=scheme,
                    data=data,
                    expected_version=data.get("version"),
                )
            except ConflictError as exc:
                form.add_error(None, exc.message)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Scheme %(name)s saved.") % {"name": saved.name})
                return redirect("frontdoor:scheme_admin_list")
    else:
        form = SchemeForm(instance=scheme)
    return render(
        request,
        "frontdoor/staff/scheme_form.html",
        {"nav_active": "frontdoor", "form": form, "scheme": scheme},
    )


# --- Eligibility on a case ----------------------------------------------------------------


@login_required
def case_schemes(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = case_selectors.get_case(user=user, case_id=pk, for_update=True)
    chosen = request.GET.get("situation", "")
    facts = selectors.case_facts(
        case=case, situation=chosen if chosen in Situation.values else None
    )
    fits = selectors.schemes_for_case(user=user, case=case, facts=facts.facts)
    context = case_context(
        request,
        case,
        "schemes",
        facts=facts,
        fits=fits,
        situations=Situation.choices,
        situation_label=dict(Situation.choices).get(facts.facts.situation or ""),
        meets=[f for f in fits if f.result.verdict == "meets"],
        unknown=[f for f in fits if f.result.verdict == "unknown"],
        fails=[f for f in fits if f.result.verdict == "fails"],
    )
    return render(request, "frontdoor/staff/case_schemes.html", context)
