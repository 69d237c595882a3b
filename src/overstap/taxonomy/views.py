"""Taxonomy browser and the autocomplete endpoints (htmx partial or JSON)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from overstap.taxonomy import selectors
from overstap.taxonomy.constants import LANGUAGES, RelationType
from overstap.taxonomy.models import Occupation, Skill

AUTOCOMPLETE_LIMIT = 10


def _lang(request: HttpRequest) -> str:
    lang = request.GET.get("lang") or (get_language() or "nl")[:2]
    return lang if lang in LANGUAGES else "nl"


def _limit(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("limit", AUTOCOMPLETE_LIMIT)), 20))
    except ValueError:
        return AUTOCOMPLETE_LIMIT


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def _autocomplete(request: HttpRequest, kind: str) -> HttpResponse:
    query = request.GET.get("q", "")
    lang = _lang(request)
    search = selectors.search_occupations if kind == "occupation" else selectors.search_skills
    results = search(query, lang=lang, limit=_limit(request))
    if _wants_json(request):
        return JsonResponse({"query": query, "results": [r.as_dict() for r in results]})
    listbox_id = request.GET.get("listbox", f"{kind}-listbox")
    if not listbox_id.replace("-", "").replace("_", "").isalnum():
        listbox_id = f"{kind}-listbox"
    return render(
        request,
        "taxonomy/partials/listbox.html",
        {
            "results": results,
            "query": query,
            "kind": kind,
            "listbox_id": listbox_id,
            "link": request.GET.get("link") == "1",
        },
    )


@login_required
@require_GET
def occupation_search(request: HttpRequest) -> HttpResponse:
    return _autocomplete(request, "occupation")


@login_required
@require_GET
def skill_search(request: HttpRequest) -> HttpResponse:
    return _autocomplete(request, "skill")


@login_required
@require_GET
def browser(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "occupation")
    if kind not in ("occupation", "skill"):
        kind = "occupation"
    lang = _lang(request)
    results = []
    if query:
        search = selectors.search_occupations if kind == "occupation" else selectors.search_skills
        results = search(query, lang=lang, limit=25)
    return render(
        request,
        "taxonomy/browser.html",
        {
            "query": query,
            "kind": kind,
            "lang": lang,
            "results": results,
            "summary": selectors.taxonomy_summary(),
            "nav_active": "taxonomy",
        },
    )


@login_required
@require_GET
def occupation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        occupation = selectors.get_occupation(pk)
    except Occupation.DoesNotExist as exc:
        raise Http404 from exc
    lang = _lang(request)
    skills = selectors.occupation_skills(occupation, lang)
    return render(
        request,
        "taxonomy/occupation_detail.html",
        {
            "occupation": occupation,
            "label": occupation.label(lang),
            "label_lang": occupation.label_language(lang),
            "alt_labels_nl": occupation.alt_labels("nl"),
            "alt_labels_en": occupation.alt_labels("en"),
            "description": occupation.description(lang),
            "essential": skills.essential,
            "optional": skills.optional,
            "lang": lang,
            "nav_active": "taxonomy",
        },
    )


@login_required
@require_GET
def skill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        skill = selectors.get_skill(pk)
    except Skill.DoesNotExist as exc:
        raise Http404 from exc
    lang = _lang(request)
    occupations = selectors.skill_occupations(skill, lang)
    return render(
        request,
        "taxonomy/skill_detail.html",
        {
            "skill": skill,
            "label": skill.label(lang),
            "label_lang": skill.label_language(lang),
            "alt_labels_nl": skill.alt_labels("nl"),
            "alt_labels_en": skill.alt_labels("en"),
            "description": skill.description(lang),
            "essential_for": [o for o, rel in occupations if rel == RelationType.ESSENTIAL],
            "optional_for": [o for o, rel in occupations if rel == RelationType.OPTIONAL],
            "lang": lang,
            "nav_active": "taxonomy",
        },
    )
