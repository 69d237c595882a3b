"""Regional configuration: the triage routes (names, numbers and intensities per region)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from overstap.accounts.models import Region
from overstap.cases import access
from overstap.cases.forms.config import RouteForm
from overstap.cases.models import Route

if TYPE_CHECKING:
    from overstap.accounts.models import User


def _region(request: HttpRequest) -> Region:
    """The region the user may configure; 403 for everybody else."""
    user: User = request.user  # type: ignore[assignment]
    if not access.can_configure_region(user) or user.organisation is None:
        raise PermissionDenied
    return user.organisation.region


@login_required
def route_list(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    routes = Route.objects.filter(region=region).order_by("number")
    return render(
        request,
        "cases/route_list.html",
        {"nav_active": "routes", "region": region, "routes": routes},
    )


@login_required
def route_edit(request: HttpRequest, route_pk: int | None = None) -> HttpResponse:
    """Create a route (no ``route_pk``) or change one of the user's region."""
    region = _region(request)
    route = get_object_or_404(Route, pk=route_pk, region=region) if route_pk else None
    if request.method == "POST":
        form = RouteForm(request.POST, instance=route, region=region)
        if form.is_valid():
            try:
                with transaction.atomic():
                    saved = form.save()
            except IntegrityError:
                # Two people saved the same number at the same moment.
                form.add_error(
                    "number",
                    _("Route number %(number)s is already used in your region.")
                    % {"number": form.cleaned_data["number"]},
                )
            else:
                messages.success(request, _("Route “%(route)s” saved.") % {"route": saved})
                return redirect("cases:route_list")
    else:
        form = RouteForm(instance=route, region=region)
    return render(
        request,
        "cases/route_form.html",
        {"nav_active": "routes", "region": region, "route": route, "form": form},
    )
