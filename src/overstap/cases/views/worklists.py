"""Work lists: the case manager's day, the caseload and the regional intake queue."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overstap.accounts.constants import Role
from overstap.cases import access, selectors, services
from overstap.cases.constants import CaseStatus
from overstap.cases.forms.worklists import AssignForm, CaseloadFilterForm
from overstap.cases.models import Case, FollowUp, ReferralUpdate
from overstap.cases.selectors import CaseloadFilters
from overstap.core import exceptions as domain
from overstap.privacy.constants import Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User

PAGE_SIZE = 50
DUE_SOON_DAYS = 7
RECENT_REFERRAL_DAYS = 7
CASELOAD_ROLES = (Role.CASE_MANAGER, Role.ACCOUNT_MANAGER, Role.COORDINATOR)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- My day ---------------------------------------------------------------------------


@login_required
def my_day(request: HttpRequest) -> HttpResponse:
    """The case manager's home page: what needs attention today and this week."""
    user = _user(request)
    if user.role not in (Role.CASE_MANAGER, Role.ACCOUNT_MANAGER) or not user.is_active:
        return redirect("core:home")
    today = timezone.localdate()
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    open_cases = selectors.caseload(user=user, filters=CaseloadFilters())

    contacts_overdue = list(open_cases.filter(next_contact_due__lt=today))
    contacts_due = list(open_cases.filter(next_contact_due__gte=today, next_contact_due__lte=soon))
    actions_overdue = list(selectors.overdue_actions(user=user, today=today))
    follow_ups = list(
        FollowUp.objects.filter(
            case__in=access.visible_cases(user),
            answered_at__isnull=True,
            due_date__lte=soon,
        )
        .select_related("case", "case__person")
        .order_by("due_date", "pk")
    )
    new_cases = list(
        open_cases.filter(case_manager=user, status=CaseStatus.INTAKE)
        .filter(Q(intake__isnull=True) | Q(intake__completed_at__isnull=True))
        .order_by("created_at", "pk")
    )
    referral_updates = _recent_provider_updates(user, today)

    shown: dict[int, Case] = {}
    for case in [*contacts_overdue, *contacts_due, *new_cases]:
        shown[case.pk] = case
    for action in actions_overdue:
        shown[action.case.pk] = action.case
    for follow_up in follow_ups:
        shown[follow_up.case.pk] = follow_up.case
    for update in referral_updates:
        shown[update.referral.case.pk] = update.referral.case
    selectors.audit_listed(user=user, cases=list(shown.values()), purpose=Purpose.CASE_MANAGEMENT)

    return render(
        request,
        "cases/my_day.html",
        {
            "nav_active": "my_day",
            "today": today,
            "contacts_overdue": contacts_overdue,
            "contacts_due": contacts_due,
            "actions_overdue": actions_overdue,
            "follow_ups": follow_ups,
            "new_cases": new_cases,
            "referral_updates": referral_updates,
            "due_soon_days": DUE_SOON_DAYS,
            "recent_days": RECENT_REFERRAL_DAYS,
        },
    )


def _recent_provider_updates(user: User, today: dt.date) -> list[ReferralUpdate]:
    """Status changes made by the provider's staff on referrals of the user's open cases."""
    since = timezone.now() - dt.timedelta(days=RECENT_REFERRAL_DAYS)
    own_cases = access.visible_cases(user).exclude(status=CaseStatus.CLOSED)
    updates = (
        ReferralUpdate.objects.filter(
            referral__case__in=own_cases,
            created_at__gte=since,
            author__organisation_id=F("referral__provider_id"),
        )
        .exclude(from_status=F("to_status"))
        .select_related(
            "referral", "referral__case", "referral__case__person", "referral__offering"
        )
        .order_by("-created_at", "-pk")
    )
    # Only the newest change per referral.
    seen: set[int] = set()
    result = []
    for update in updates:
        if update.referral_id not in seen:
            seen.add(update.referral_id)
            result.append(update)
    return result


# --- Caseload ---------------------------------------------------------------------------


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    """All cases the user may see, filtered, 50 per page; htmx swaps only the results."""
    user = _user(request)
    if user.role not in CASELOAD_ROLES or not user.is_active:
        raise PermissionDenied
    form = CaseloadFilterForm(request.GET or None, user=user)
    filters = form.to_filters() if form.is_bound else CaseloadFilters()
    paginator = Paginator(selectors.caseload(user=user, filters=filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    cases = list(page.object_list)
    selectors.audit_listed(user=user, cases=cases, purpose=Purpose.CASE_MANAGEMENT)

    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "nav_active": "caseload",
        "form": form,
        "page": page,
        "cases": cases,
        "today": timezone.localdate(),
        "query_string": query.urlencode(),
        "is_coordinator": access.can_manage_intake_queue(user),
    }
    template = "cases/caseload.html"
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        # A filter change or page link: only the results region is swapped.
        template = "cases/_worklist_caseload_results.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- Intake queue -----------------------------------------------------------------------


@login_required
def intake_queue(request: HttpRequest) -> HttpResponse:
    """Registrations without a case manager in the region, oldest first (coordinators)."""
    user = _user(request)
    if not access.can_manage_intake_queue(user):
        raise PermissionDenied
    return _render_queue(request, user)


def _render_queue(
    request: HttpRequest,
    user: User,
    *,
    failed_case_id: int | None = None,
    failed_form: AssignForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    paginator = Paginator(selectors.intake_queue(user=user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    cases = list(page.object_list)
    selectors.audit_listed(user=user, cases=cases, purpose=Purpose.INTAKE_QUEUE)
    duplicates = selectors.possible_duplicate_of(user=user, people=[c.person for c in cases])
    managers = list(selectors.case_managers_in_region(user=user))
    today = timezone.localdate()
    rows = []
    for case in cases:
        if case.pk == failed_case_id and failed_form is not None:
            form = failed_form
        else:
            form = AssignForm(
                case_managers=managers,
                initial={"expected_version": case.version},
                prefix=f"case-{case.pk}",
            )
        rows.append(
            {
                "case": case,
                "waiting_days": (today - timezone.localtime(case.created_at).date()).days,
                "duplicate_of": duplicates.get(case.person_id),
                "form": form,
            }
        )
    return render(
        request,
        "cases/intake_queue.html",
        {
            "nav_active": "queue",
            "page": page,
            "rows": rows,
            "error": error,
            "failed_case_id": failed_case_id,
            "transfers": selectors.region_transfers(user=user),
            "region_id": user.organisation.region_id if user.organisation else None,
        },
        status=status,
    )


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign a case manager from the intake queue (warm handover)."""
    user = _user(request)
    if not access.can_manage_intake_queue(user):
        raise PermissionDenied
    case = selectors.get_case(user=user, case_id=pk, purpose=Purpose.INTAKE_QUEUE, for_update=True)
    managers = list(selectors.case_managers_in_region(user=user))
    form = AssignForm(request.POST, case_managers=managers, prefix=f"case-{case.pk}")
    if not form.is_valid():
        return _render_queue(
            request,
            user,
            failed_case_id=case.pk,
            failed_form=form,
            error=_("Choose a case manager for case %(number)s.") % {"number": case.number},
            status=400,
        )
    manager = form.chosen_case_manager()
    try:
        services.assign_case_manager(
            actor=user,
            case=case,
            case_manager=manager,
            expected_version=form.cleaned_data["expected_version"],
        )
    except domain.PermissionDenied as exc:
        raise PermissionDenied(exc.message) from exc
    except domain.ConflictError as exc:
        # Keep the user's choice, but against the current version of the case.
        case.refresh_from_db(fields=["version"])
        data = request.POST.copy()
        data[form.add_prefix("expected_version")] = str(case.version)
        retry = AssignForm(data, case_managers=managers, prefix=f"case-{case.pk}")
        retry.is_valid()
        return _render_queue(
            request,
            user,
            failed_case_id=case.pk,
            failed_form=retry,
            error=_("Case %(number)s: %(message)s")
            % {"number": case.number, "message": exc.message},
            status=409,
        )
    except domain.DomainError as exc:
        messages.error(request, exc.message)
        return redirect("cases:intake_queue")
    messages.success(
        request,
        _("Case %(number)s now has %(name)s as case manager. It is on their “My day” list.")
        % {"number": case.number, "name": manager},
    )
    return redirect("cases:intake_queue")
