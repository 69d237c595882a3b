"""Referrals: the case side (tab "referrals") and the provider side (their own work list).

Provider staff never reach a case page: the case selectors return a 404 for them. They
see only the referral itself, through ``selectors.get_provider_referral``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Min, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from overstap.cases import access, selectors, services
from overstap.cases.constants import REFERRAL_TRANSITIONS, ReferralStatus
from overstap.cases.forms.referrals import (
    ACTION_LABELS,
    ProviderReferralFilterForm,
    ReferralForm,
    ReferralUpdateForm,
)
from overstap.cases.models import Case, Referral, ReferralUpdate
from overstap.cases.views.common import add_validation_errors, case_context
from overstap.catalogue import selectors as catalogue_selectors
from overstap.core.exceptions import ConflictError, DomainError
from overstap.privacy.constants import Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _actions(status: str, side: str) -> list[tuple[str, Any]]:
    """The steps ``side`` ("case" or "provider") may take from ``status``, with labels."""
    return [
        (to_status, ACTION_LABELS[to_status])
        for to_status, who in REFERRAL_TRANSITIONS.get(status, {}).items()
        if who == side
    ]


def _with_history(qs: QuerySet[Referral]) -> QuerySet[Referral]:
    updates = ReferralUpdate.objects.select_related("author", "author__organisation")
    return qs.select_related("offering", "provider", "created_by").prefetch_related(
        Prefetch("updates", queryset=updates, to_attr="update_list")
    )


def _bound_after_error(request: HttpRequest, referral: Referral, side: str) -> ReferralUpdateForm:
    """The user's input again, with the referral's current version so a resubmit can work."""
    form = ReferralUpdateForm(current_status=referral.status, referral_id=referral.pk, side=side)
    data = request.POST.copy()
    data[form.add_prefix("version")] = str(referral.version)
    return ReferralUpdateForm(
        data, current_status=referral.status, referral_id=referral.pk, side=side
    )


# --- Case side --------------------------------------------------------------------------


def _render_case_referrals(
    request: HttpRequest,
    case: Case,
    *,
    form: ReferralForm | None = None,
    failed: tuple[int, ReferralUpdateForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    offerings = catalogue_selectors.region_offerings_for_case(region_id=case.region_id)
    if form is None:
        initial = {}
        if request.GET.get("offering", "").isdigit():
            initial["offering"] = int(request.GET["offering"])
        form = ReferralForm(offerings=offerings, initial=initial)
    referrals = list(_with_history(case.referrals.all()))
    rows = []
    for referral in referrals:
        if failed is not None and failed[0] == referral.pk:
            update_form = failed[1]
        else:
            update_form = ReferralUpdateForm(
                initial={"version": referral.version},
                current_status=referral.status,
                referral_id=referral.pk,
            )
        updates: list[ReferralUpdate] = getattr(referral, "update_list", [])
        sent = [u.created_at for u in updates if u.to_status == ReferralStatus.SENT]
        rows.append(
            {
                "referral": referral,
                "sent_at": sent[0] if sent else None,
                "actions": _actions(referral.status, "case"),
                "form": update_form,
                "failed": failed is not None and failed[0] == referral.pk,
            }
        )
    context = case_context(
        request,
        case,
        "referrals",
        form=form,
        rows=rows,
        can_work=access.can_work_on_case(user, case) and not case.is_closed,
        preselected=request.GET.get("offering", ""),
    )
    return render(request, "cases/referrals.html", context, status=status)


@login_required
def case_referrals(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's referrals and their history; POST refers the person to an offering."""
    user = _user(request)
    if request.method != "POST":
        case = selectors.get_case(user=user, case_id=pk, purpose=Purpose.REFERRAL)
        return _render_case_referrals(request, case)
    case = selectors.get_case(user=user, case_id=pk, purpose=Purpose.REFERRAL, for_update=True)
    offerings = catalogue_selectors.region_offerings_for_case(region_id=case.region_id)
    form = ReferralForm(request.POST, offerings=offerings)
    if form.is_valid():
        try:
            referral = services.create_referral(
                actor=user,
                case=case,
                offering=form.cleaned_data["offering"],
                motivation=form.cleaned_data["motivation"],
                send=form.send,
                sharing_channel=form.sharing_channel,
                override_reason=form.lawful_basis,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            if referral.status == ReferralStatus.SENT:
                messages.success(
                    request,
                    _("The referral to %(offering)s has been sent to %(provider)s.")
                    % {"offering": referral.offering.name, "provider": referral.provider.name},
                )
            else:
                messages.success(
                    request,
                    _("The referral to %(offering)s has been saved as a proposal.")
                    % {"offering": referral.offering.name},
                )
            return redirect("cases:case_referrals", pk=case.pk)
    return _render_case_referrals(request, case, form=form)


@login_required
def case_referral_update(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    """A case-side step on one referral (send a proposal, cancel) or a note (POST only)."""
    user = _user(request)
    # Scope first: outside the case it is a 404 whatever the method.
    case = selectors.get_case(user=user, case_id=pk, purpose=Purpose.REFERRAL, for_update=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    referral = case.referrals.select_related("offering", "provider").filter(pk=referral_pk).first()
    if referral is None:
        raise Http404
    referral.case = case
    form = ReferralUpdateForm(request.POST, current_status=referral.status, referral_id=referral.pk)
    if form.is_valid():
        try:
            services.update_referral_status(
                actor=user,
                referral=referral,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            if isinstance(exc, ConflictError):
                referral.refresh_from_db()
            form = _bound_after_error(request, referral, "case")
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The referral has been updated."))
            return redirect("cases:case_referrals", pk=case.pk)
    return _render_case_referrals(request, case, failed=(referral.pk, form))


# --- Provider side ----------------------------------------------------------------------


@login_required
def provider_list(request: HttpRequest) -> HttpResponse:
    """The referrals addressed to the user's organisation (provider staff only: 403 else)."""
    user = _user(request)
    if not access.is_provider_staff(user):
        raise PermissionDenied
    form = ProviderReferralFilterForm(request.GET or None)
    status_filter = form.status_filter()
    qs = selectors.provider_referrals(user=user, open_only=form.open_only() and not status_filter)
    if status_filter:
        qs = qs.filter(status=status_filter)
    qs = qs.select_related("case__case_manager", "case__case_manager__organisation").annotate(
        sent_at=Min("updates__created_at", filter=Q(updates__to_status=ReferralStatus.SENT))
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    referrals = list(page.object_list)
    selectors.audit_listed(
        user=user, cases=[referral.case for referral in referrals], purpose=Purpose.REFERRAL
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/provider_referrals.html",
        {
            "form": form,
            "page": page,
            "referrals": referrals,
            "query_string": query.urlencode(),
            "nav_active": "referrals",
        },
    )


def _render_provider_referral(
    request: HttpRequest, referral: Referral, form: ReferralUpdateForm | None = None
) -> HttpResponse:
    if form is None:
        form = ReferralUpdateForm(
            initial={"version": referral.version},
            current_status=referral.status,
            referral_id=referral.pk,
            side="provider",
        )
    updates = (
        ReferralUpdate.objects.filter(referral=referral)
        .select_related("author", "author__organisation")
        .order_by("created_at", "id")
    )
    return render(
        request,
        "cases/provider_referral.html",
        {
            "referral": referral,
            "person": referral.case.person,
            "case_manager": referral.case.case_manager,
            "updates": updates,
            "actions": _actions(referral.status, "provider"),
            "is_open": bool(REFERRAL_TRANSITIONS.get(referral.status)),
            "form": form,
            "nav_active": "referrals",
        },
    )


@login_required
def provider_detail(request: HttpRequest, referral_pk: int) -> HttpResponse:
    """One referral for the provider: what it is about, contact details, and their steps."""
    user = _user(request)
    if not access.is_provider_staff(user):
        raise Http404  # like any referral outside the user's scope
    if request.method != "POST":
        referral = selectors.get_provider_referral(user=user, referral_id=referral_pk)
        return _render_provider_referral(request, referral)
    referral = selectors.get_provider_referral(user=user, referral_id=referral_pk, audit_read=False)
    form = ReferralUpdateForm(
        request.POST, current_status=referral.status, referral_id=referral.pk, side="provider"
    )
    if form.is_valid():
        try:
            services.update_referral_status(
                actor=user,
                referral=referral,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except DomainError as exc:
            if isinstance(exc, ConflictError):
                referral.refresh_from_db()
            form = _bound_after_error(request, referral, "provider")
            form.add_error(None, exc.message)
        else:
            if not _status_changed(form):
                messages.success(request, _("Your progress note has been added."))
            else:
                messages.success(
                    request,
                    _("The referral is now: %(status)s.")
                    % {"status": referral.get_status_display().lower()},
                )
            return redirect("cases:provider_referral", referral_pk=referral.pk)
    return _render_provider_referral(request, referral, form)


def _status_changed(form: ReferralUpdateForm) -> bool:
    return bool(form.cleaned_data["to_status"] != form.current_status)
