"""Matching pages: suitable work for a case, candidates for a vacancy, transitions for an
occupation, and the cohort view per releasing employer.

The views only parse parameters and render: access, audit and the engine calls live in
:mod:`overstap.matching.selectors`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from overstap.cases.views.common import case_context
from overstap.matching import selectors
from overstap.taxonomy.constants import LANGUAGES

if TYPE_CHECKING:
    from overstap.accounts.models import User


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _lang() -> str:
    lang = (get_language() or "nl")[:2]
    return lang if lang in LANGUAGES else "nl"


def _top(request: HttpRequest, default: int) -> int:
    try:
        return selectors.parse_top(request.GET.get("top"), default)
    except selectors.BadParameter:
        return default


@login_required
def case_matching(request: HttpRequest, pk: int) -> HttpResponse:
    """Tab "Suitable work" of a case: vacancies and other occupations for the person."""
    result = selectors.person_vacancies(
        user=_user(request), case_id=pk, top=_top(request, selectors.DEFAULT_TOP), lang=_lang()
    )
    context = case_context(request, result.case, "matching", result=result)
    return render(request, "matching/case.html", context)


@login_required
def vacancy_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """Candidates for a vacancy among the people of the user's open cases."""
    result = selectors.vacancy_candidates(
        user=_user(request), vacancy_id=pk, top=_top(request, selectors.DEFAULT_TOP), lang=_lang()
    )
    return render(
        request, "matching/candidates.html", {"result": result, "nav_active": "vacancies"}
    )


@login_required
def occupation_transitions(request: HttpRequest, pk: int) -> HttpResponse:
    """Target occupations for one occupation, with an optional "keeps the wage" filter."""
    user = _user(request)
    selectors.require_staff(user)
    occupation = selectors.resolve_occupation(pk)
    keeps_wage = request.GET.get("keeps_wage") == "1"
    result = selectors.occupation_transitions(
        user=user, occupation=occupation, top=_top(request, 50), keeps_wage=keeps_wage, lang=_lang()
    )
    return render(
        request,
        "matching/transitions.html",
        {
            "result": result,
            "keeps_wage": keeps_wage,
            "label": occupation.label(_lang()),
            "nav_active": "taxonomy",
        },
    )


@login_required
def cohort_index(request: HttpRequest) -> HttpResponse:
    """Releasing employers with open cases the user can see, each linking to its cohort."""
    user = _user(request)
    if not selectors.can_view_cohort(user):
        raise PermissionDenied
    return render(
        request,
        "matching/cohort_index.html",
        {"employers": selectors.releasing_employers(user=user), "nav_active": "caseload"},
    )


@login_required
def cohort(request: HttpRequest, pk: int) -> HttpResponse:
    """Allocation of one releasing employer's people to the region's open vacancies."""
    result = selectors.cohort_allocation(user=_user(request), organisation_id=pk)
    return render(
        request,
        "matching/cohort.html",
        {"result": result, "today": timezone.localdate(), "nav_active": "caseload"},
    )
