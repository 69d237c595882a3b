"""The national view (issue #9): anonymised aggregates of all regions, for national analysts.

No personal data reaches this role: the page and its downloads are built only from
``overstap.national.figures`` (counts, sums, medians per region, small cells suppressed).
Downloads are audited as exports for the purpose "national statistics".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from overstap.cases import access
from overstap.insights import exports
from overstap.national import figures
from overstap.national.forms import NationalFilterForm
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User

FORMATS = ("csv", "xlsx")


def _analyst(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not access.is_national_analyst(user):
        raise PermissionDenied
    return user


def _form(request: HttpRequest) -> NationalFilterForm:
    return NationalFilterForm(request.GET or None, sectors=figures.sectors())


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    _analyst(request)
    form = _form(request)
    result = figures.compute(form.filters())
    return render(
        request,
        "national/overview.html",
        {
            "nav_active": "national",
            "form": form,
            "figures": result,
            "grids": [result.regions, result.funding],
            "query": request.GET.urlencode(),
            "formats": FORMATS,
        },
    )


@login_required
def download(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    user = _analyst(request)
    if fmt not in FORMATS or key not in ("regions", "funding"):
        raise Http404
    form = _form(request)
    filters = form.filters()
    result = figures.compute(filters)
    grids = {"regions": result.regions, "funding": result.funding}
    grid = grids.pop(key)
    audit.record(
        actor=user,
        action=AuditAction.EXPORT,
        purpose=Purpose.NATIONAL_STATISTICS,
        object_type="national.Figures",
        details={
            "table": key,
            "format": fmt,
            "filters": filters.describe(),
            "regions": result.region_count,
        },
    )
    stamp = timezone.localdate().isoformat()
    extra = [(str(g.title), g.header(), g.export_rows()) for g in grids.values()]
    return exports.download(
        f"overstap-national-{key}-{stamp}",
        fmt,
        grid.header(),
        grid.export_rows(),
        sheet=str(grid.title),
        extra_sheets=extra if fmt == "xlsx" else (),
    )
