"""The regional service catalogue: search, details, and maintenance of offerings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from overstap.cases import access
from overstap.cases import selectors as case_selectors
from overstap.cases.models import Case
from overstap.cases.views.common import add_validation_errors
from overstap.catalogue import selectors, services
from overstap.catalogue.forms import OfferingFilterForm, OfferingForm
from overstap.catalogue.models import Offering
from overstap.core.exceptions import DomainError
from overstap.privacy.constants import Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _case_for_referral(request: HttpRequest) -> Case | None:
    """The case from ``?case=<pk>`` if the user may work on it (to offer "refer this person")."""
    raw = request.GET.get("case", "")
    if not raw.isdigit():
        return None
    user = _user(request)
    try:
        case = case_selectors.get_case(user=user, case_id=int(raw), purpose=Purpose.REFERRAL)
    except Http404:
        return None
    if case.is_closed or not access.can_work_on_case(user, case):
        return None
    return case


@login_required
def offering_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = OfferingFilterForm(request.GET or None, user=user)
    qs = selectors.offerings(user=user, filters=form.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for offering in page.object_list:
        offering.places_free = selectors.places_free(offering)  # type: ignore[attr-defined]
    case_param = request.GET.get("case", "")
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "offerings": page.object_list,
        "case_param": case_param if case_param.isdigit() else "",
        "query_string": query.urlencode(),
        "can_create": selectors.can_create_offerings(user),
        "nav_active": "catalogue",
    }
    if request.htmx and request.htmx.target == "offering-results":  # type: ignore[attr-defined]
        return render(request, "catalogue/_offering_results.html", context)
    return render(request, "catalogue/offering_list.html", context)


@login_required
def offering_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    offering = selectors.get_offering(user=user, offering_id=pk)
    offering.places_free = selectors.places_free(offering)  # type: ignore[attr-defined]
    context = {
        "offering": offering,
        "profile": selectors.provider_profile(provider=offering.provider),
        "can_edit": selectors.can_edit_offering(user, offering),
        "referral_case": _case_for_referral(request),
        "nav_active": "catalogue",
    }
    return render(request, "catalogue/offering_detail.html", context)


@login_required
def offering_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create (no ``pk``) or change an offering.

    Roles that maintain no offerings at all get a 403; coordinators and provider staff get a
    404 for an offering that is not theirs to change (ids cannot be probed).
    """
    user = _user(request)
    if not selectors.can_create_offerings(user):
        raise PermissionDenied
    offering: Offering | None = None
    if pk is not None:
        offering = selectors.get_editable_offering(user=user, offering_id=pk)
    if request.method == "POST":
        form = OfferingForm(request.POST, instance=offering, user=user)
        if form.is_valid():
            provider = form.cleaned_data["provider"]
            try:
                if offering is None:
                    saved = services.create_offering(
                        actor=user, provider=provider, data=form.service_data()
                    )
                    messages.success(request, _("The offering has been added to the catalogue."))
                else:
                    # A fresh copy: the form has already put the input on ``offering``.
                    current = selectors.get_editable_offering(user=user, offering_id=offering.pk)
                    saved = services.update_offering(
                        actor=user, offering=current, provider=provider, data=form.service_data()
                    )
                    messages.success(request, _("The offering has been saved."))
                return redirect("catalogue:offering_detail", pk=saved.pk)
            except ValidationError as exc:
                add_validation_errors(form, exc)  # type: ignore[arg-type]
            except DomainError as exc:
                form.add_error(None, exc.message)
    else:
        form = OfferingForm(instance=offering, user=user)
    return render(
        request,
        "catalogue/offering_form.html",
        {"form": form, "offering": offering, "nav_active": "catalogue"},
    )
