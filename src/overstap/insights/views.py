"""Dashboards, the report, budgets, cost–benefit, bottlenecks and the research export.

Figures are aggregates (no personal data); the caseload table names case managers only.
Coordinators see their region; case managers their own visible cases (``/insights/mine/``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from overstap.accounts.constants import Role
from overstap.cases import access, selectors
from overstap.cases.views.referrals import _render_case_referrals as render_case_referrals
from overstap.core.exceptions import ConflictError, DomainError
from overstap.core.exceptions import PermissionDenied as DomainPermissionDenied
from overstap.insights import exports, finance, services
from overstap.insights.figures import (
    Dashboard,
    Filters,
    apply_filters,
    compute,
    funnel_table,
    region_cases,
    region_facts,
    scoped_facts,
    table_rows_for_export,
)
from overstap.insights.forms import (
    BottleneckForm,
    BudgetForm,
    FilterForm,
    FundingForm,
    ResearchExportForm,
)
from overstap.insights.models import Bottleneck
from overstap.insights.report import build_report, render_pdf

if TYPE_CHECKING:
    from overstap.accounts.models import Region, User

PERSONAL_DASHBOARD_ROLES = frozenset({Role.CASE_MANAGER, Role.ACCOUNT_MANAGER, Role.COORDINATOR})


def _coordinator_region(request: HttpRequest) -> Region:
    user: User = request.user  # type: ignore[assignment]
    if user.role != Role.COORDINATOR or user.organisation is None or not user.is_active:
        raise PermissionDenied
    return user.organisation.region


def _personal_region(request: HttpRequest) -> Region:
    user: User = request.user  # type: ignore[assignment]
    if user.role not in PERSONAL_DASHBOARD_ROLES or user.organisation is None:
        raise PermissionDenied
    return user.organisation.region


def _filtered(request: HttpRequest, region: Region, *, mine: bool) -> tuple[FilterForm, Any]:
    user: User = request.user  # type: ignore[assignment]
    form = FilterForm(request.GET or None, region=region)
    filters = form.filters()
    base = scoped_facts(user, mine=True) if mine else region_facts(region.pk)
    return form, apply_filters(base, filters)


def _figures_key(request: HttpRequest, region: Region, *, mine: bool) -> str:
    """The cache key of one dashboard: scope (the region, or the user for "my figures"),
    language, day and filters."""
    scope = f"user:{request.user.pk}" if mine else f"region:{region.pk}"
    params = sorted((k, v) for k, v in request.GET.lists() if k not in ("format", "key"))
    raw = f"{scope}|{get_language()}|{timezone.localdate()}|{params}"
    return "overstap:figures:" + hashlib.sha256(raw.encode()).hexdigest()


def _figures(
    request: HttpRequest, region: Region, facts: Any, *, mine: bool, key: str | None = None
) -> tuple[Dashboard, dt.datetime]:
    """The computed figures and when they were computed, reused for
    ``OVERSTAP_FIGURES_CACHE_SECONDS``. They hold counts and case managers' names only."""
    seconds = settings.OVERSTAP_FIGURES_CACHE_SECONDS
    if seconds <= 0:
        return compute(facts), timezone.now()
    key = key or _figures_key(request, region, mine=mine)
    cached = cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    value = (compute(facts), timezone.now())
    cache.set(key, value, seconds)
    return value


def _dashboard(request: HttpRequest, *, mine: bool) -> HttpResponse:
    region = _personal_region(request) if mine else _coordinator_region(request)
    form, cases = _filtered(request, region, mine=mine)
    key = _figures_key(request, region, mine=mine)
    dash, computed_at = _figures(request, region, cases, mine=mine, key=key)
    query = request.GET.urlencode()
    totals = dash.totals
    download_url = "insights:download_mine" if mine else "insights:download"
    # The charts and their tables are most of the page (at 100,000 cases: hundreds of case
    # managers); rendered once per computed dashboard, like the figures themselves.
    charts_key = f"{key}:charts:{computed_at.isoformat()}"
    charts = cache.get(charts_key) if settings.OVERSTAP_FIGURES_CACHE_SECONDS > 0 else None
    if charts is None:
        charts = render_to_string(
            "insights/_charts.html",
            {
                "tables": [funnel_table(totals), *dash.tables],
                "download_url": download_url,
                "query": query,
            },
            request=request,
        )
        if settings.OVERSTAP_FIGURES_CACHE_SECONDS > 0:
            cache.set(charts_key, charts, settings.OVERSTAP_FIGURES_CACHE_SECONDS)
    return render(
        request,
        "insights/dashboard.html",
        {
            "nav_active": "insights_mine" if mine else "insights",
            "region": region,
            "form": form,
            "dash": dash,
            "charts": charts,
            "totals": totals,
            "computed_at": computed_at,
            "cache_seconds": settings.OVERSTAP_FIGURES_CACHE_SECONDS,
            "mine": mine,
            "query": query,
            "download_url": download_url,
            "changed_share": (
                round(100 * totals["changed_sector"] / totals["with_sector"])
                if totals.get("with_sector")
                else None
            ),
        },
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, mine=False)


@login_required
def dashboard_mine(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, mine=True)


def _download(request: HttpRequest, key: str, fmt: str, *, mine: bool) -> HttpResponse:
    region = _personal_region(request) if mine else _coordinator_region(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, cases = _filtered(request, region, mine=mine)
    dash, _computed_at = _figures(request, region, cases, mine=mine)
    table = funnel_table(dash.totals) if key == "funnel" else dash.table(key)
    if table is None:
        raise Http404
    header, rows = table_rows_for_export(table)
    stamp = timezone.localdate().isoformat()
    return exports.download(f"overstap-{key}-{stamp}", fmt, header, rows, sheet=str(table.title))


@login_required
def download(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    return _download(request, key, fmt, mine=False)


@login_required
def download_mine(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    return _download(request, key, fmt, mine=True)


# --- report ----------------------------------------------------------------------------


def _report(request: HttpRequest) -> Any:
    region = _coordinator_region(request)
    form, cases = _filtered(request, region, mine=False)
    filters = form.filters() if form.is_bound else Filters()
    report = build_report(
        region=region, cases=cases, filters=filters, employers=form.employer_names()
    )
    return form, report


@login_required
def report(request: HttpRequest) -> HttpResponse:
    form, rep = _report(request)
    return render(
        request,
        "insights/report.html",
        {"nav_active": "insights", "form": form, "report": rep, "query": request.GET.urlencode()},
    )


@login_required
def report_pdf(request: HttpRequest) -> HttpResponse:
    _form, rep = _report(request)
    response = HttpResponse(render_pdf(rep), content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="overstap-report-{stamp}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def report_html(rep: Any) -> str:
    """The report as a standalone HTML page (for the scheduled command)."""
    return render_to_string("insights/report_standalone.html", {"report": rep})


# --- budgets and cost–benefit ----------------------------------------------------------


@login_required
def budgets(request: HttpRequest) -> HttpResponse:
    region = _coordinator_region(request)
    user: User = request.user  # type: ignore[assignment]
    finance.funding_sources()
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
        if not 1900 <= year <= 2200:  # a date with year -1 or 10**9 would raise
            raise ValueError
    except ValueError:
        year = timezone.localdate().year
    if request.method == "POST":
        form = BudgetForm(request.POST)
        if form.is_valid():
            try:
                services.set_budget(
                    actor=user,
                    funding_source=form.cleaned_data["funding_source"],
                    year=form.cleaned_data["year"],
                    amount=form.cleaned_data["amount"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Budget saved."))
                return redirect(f"{reverse('insights:budgets')}?year={form.cleaned_data['year']}")
    else:
        form = BudgetForm(initial={"year": year})
    lines = finance.budget_overview(region, year)
    unfunded_n, unfunded_total = finance.unfunded_total(region, year)
    return render(
        request,
        "insights/budgets.html",
        {
            "nav_active": "insights",
            "region": region,
            "year": year,
            "years": [year - 1, year, year + 1],
            "lines": lines,
            "form": form,
            "unfunded_n": unfunded_n,
            "unfunded_total": unfunded_total,
        },
    )


@login_required
def cost_benefit(request: HttpRequest) -> HttpResponse:
    region = _coordinator_region(request)
    form = FilterForm(request.GET or None, region=region)
    cases = apply_filters(region_cases(region.pk), form.filters())
    params = finance.Parameters.from_settings()
    overall = finance.cost_benefit(cases, params=params, label=str(region))
    cohorts = finance.cohorts(cases, params=params)
    filters = form.filters()
    participants = None
    if len(filters.releasing_employer_ids) == 1 or overall.participants <= 200:
        participants = finance.per_participant(cases, params=params)
    return render(
        request,
        "insights/cost_benefit.html",
        {
            "nav_active": "insights",
            "region": region,
            "form": form,
            "params": params,
            "overall": overall,
            "cohorts": cohorts,
            "participants": participants,
        },
    )


# --- referral funding (the partial on the case's referrals tab) ------------------------


@login_required
def referral_funding(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    case = selectors.get_case(user=user, case_id=pk, for_update=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    referral = get_object_or_404(case.referrals.select_related("offering"), pk=referral_pk)
    target = f"{reverse('cases:case_referrals', args=[case.pk])}#referral-{referral.pk}"
    form = FundingForm(request.POST, auto_id=f"id_funding_{referral.pk}_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.set_referral_funding(
                actor=user,
                referral=referral,
                funding_source=data["funding_source"],
                cost=data["cost"],
                prior_provision_checked=data["prior_provision_checked"],
                prior_provisions=data["prior_provisions"],
                expected_version=data.get("version"),
            )
        except (DomainError, ConflictError, DomainPermissionDenied) as exc:
            form.add_error(None, exc.message)
        except DjangoValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Costs and funding saved."))
            return redirect(target)
    # Rejected: the referrals tab again, with what the user typed and why it was rejected
    # (the {% referral_funding %} tag picks the bound form up from the request).
    request.funding_forms = {referral.pk: form}  # type: ignore[attr-defined]
    return render_case_referrals(request, case, status=400)


# --- bottlenecks -----------------------------------------------------------------------


def _bottleneck_region(request: HttpRequest) -> Region:
    try:
        return services.bottleneck_region(request.user)  # type: ignore[arg-type]
    except DomainPermissionDenied:
        raise PermissionDenied from None


@login_required
def bottleneck_list(request: HttpRequest) -> HttpResponse:
    region = _bottleneck_region(request)
    items = (
        Bottleneck.objects.filter(region=region)
        .select_related("owner")
        .order_by("status", "-updated_at")
    )
    status = request.GET.get("status", "")
    if status:
        items = items.filter(status=status)
    return render(
        request,
        "insights/bottleneck_list.html",
        {"nav_active": "bottlenecks", "region": region, "items": items, "status": status},
    )


@login_required
def bottleneck_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    region = _bottleneck_region(request)
    user: User = request.user  # type: ignore[assignment]
    item = get_object_or_404(Bottleneck, pk=pk, region=region) if pk else None
    if request.method == "POST":
        form = BottleneckForm(request.POST, instance=item, region=region)
        if form.is_valid():
            numbers = form.numbers()
            cases = list(access.visible_cases(user).filter(number__in=numbers))
            missing = sorted(set(numbers) - {c.number for c in cases})
            if missing:
                form.add_error(
                    "case_numbers",
                    _("These case numbers are unknown or not yours to see: %(numbers)s.")
                    % {"numbers": ", ".join(missing)},
                )
            else:
                try:
                    saved = services.save_bottleneck(
                        actor=user,
                        bottleneck=item,
                        data=form.cleaned_data,
                        cases=cases,
                    )
                except DomainError as exc:
                    form.add_error(None, exc.message)
                except DjangoValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("Bottleneck “%(title)s” saved.") % {"title": saved})
                    return redirect("insights:bottleneck_list")
    else:
        form = BottleneckForm(
            instance=item, region=region, initial={"owner": user.pk} if not item else None
        )
    linked = item.cases.filter(pk__in=access.visible_cases(user).values("pk")) if item else None
    return render(
        request,
        "insights/bottleneck_form.html",
        {"nav_active": "bottlenecks", "form": form, "item": item, "linked": linked},
    )


BOTTLENECK_COLUMNS = [
    "category",
    "title",
    "description",
    "affected cases",
    "status",
    "owner",
    "created",
    "updated",
]


@login_required
def bottleneck_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """For the national level: no case numbers or personal data, only the register."""
    region = _bottleneck_region(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = [
        [
            b.get_category_display(),
            b.title,
            b.description,
            b.affected_count,
            b.get_status_display(),
            b.owner.get_full_name() if b.owner else "",
            timezone.localtime(b.created_at).date().isoformat(),
            timezone.localtime(b.updated_at).date().isoformat(),
        ]
        for b in Bottleneck.objects.filter(region=region).select_related("owner")
    ]
    header = [
        _("Category"),
        _("Title"),
        _("Description"),
        _("Number of affected cases"),
        _("Status"),
        _("Owner"),
        _("Created"),
        _("Updated"),
    ]
    stamp = timezone.localdate().isoformat()
    return exports.download(
        f"overstap-bottlenecks-{region.code}-{stamp}", fmt, header, rows, sheet=_("Bottlenecks")
    )


# --- research export -------------------------------------------------------------------


@login_required
def research_export(request: HttpRequest) -> HttpResponse:
    region = _coordinator_region(request)
    user: User = request.user  # type: ignore[assignment]
    filter_form = FilterForm(request.GET or None, region=region)
    if request.method == "POST":
        form = ResearchExportForm(request.POST)
        if form.is_valid():
            cases = apply_filters(region_cases(region.pk), filter_form.filters())
            return exports.research_export(
                actor=user,
                cases=cases,
                export_key=form.cleaned_data["export_key"],
                fmt=form.cleaned_data["format"],
                purpose_note=form.cleaned_data["purpose"],
                override_reason=form.cleaned_data["override_reason"],
            )
    else:
        form = ResearchExportForm()
    from overstap.consent.selectors import research_consent_split

    consented, left_out = research_consent_split(
        apply_filters(region_cases(region.pk), filter_form.filters())
    )
    return render(
        request,
        "insights/research_export.html",
        {
            "nav_active": "insights",
            "form": form,
            "filter_form": filter_form,
            "query": request.GET.urlencode(),
            "min_cell": exports.MIN_CELL,
            "columns": [label for _key, label in exports.RESEARCH_COLUMNS],
            "consented_count": consented.count(),
            "left_out": left_out,
        },
    )
