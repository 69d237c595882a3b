"""Vacancy pages: list, detail, the vacancy form with occupation suggestion and skills, and
the CSV / JobPosting import (upload → preview → confirm)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overstap.accounts.constants import Role
from overstap.cases.views.common import add_validation_errors
from overstap.core.exceptions import ConflictError, DomainError
from overstap.employers import selectors, services
from overstap.employers.constants import (
    MAX_UPLOAD_BYTES,
    ImportStatus,
    SkillImportance,
    VacancyStatus,
)
from overstap.employers.forms import ImportForm, VacancyFilterForm, VacancyForm
from overstap.employers.importers import CSV_COLUMNS
from overstap.employers.models import Vacancy
from overstap.taxonomy import selectors as taxonomy
from overstap.taxonomy.constants import LANGUAGES, ConceptKind, RelationType
from overstap.taxonomy.models import Occupation, Skill

if TYPE_CHECKING:
    from overstap.accounts.models import User

PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _lang() -> str:
    lang = (get_language() or "nl")[:2]
    return lang if lang in LANGUAGES else "nl"


def _require_vacancy_pages(user: User) -> None:
    if not selectors.can_use_vacancies(user):
        raise PermissionDenied


def _int(value: str | None) -> int | None:
    # at most 18 digits: a larger number cannot be an id (and overflows the database)
    return int(value) if value and value.strip().isdigit() and len(value.strip()) <= 18 else None


# --- list and detail ------------------------------------------------------------------------


@login_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _require_vacancy_pages(user)
    form = VacancyFilterForm(request.GET or None, user=user)
    # Without JavaScript the occupation box sends only its text ("q"): take the best match.
    occupation: Occupation | None = None
    occupation_id = _int(request.GET.get("occupation"))
    typed = request.GET.get("q", "").strip()
    if occupation_id:
        occupation = Occupation.objects.filter(pk=occupation_id).first()
    elif typed:
        found = taxonomy.search_occupations(typed, lang=_lang(), limit=1)
        occupation = Occupation.objects.filter(pk=found[0].id).first() if found else None
    filters = form.filters(occupation_id=occupation.pk if occupation else None)
    if typed and occupation is None:
        filters = replace(filters, occupation_id=-1)  # typed but unknown: nothing matches
    qs = selectors.vacancies(user=user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "vacancies": page.object_list,
        "occupation": occupation,
        "occupation_label": occupation.label(_lang()) if occupation else typed,
        "query_string": query.urlencode(),
        "can_create": selectors.can_create_vacancies(user),
        "only_open": not form.shows_status,
        "lang": _lang(),
        "nav_active": "vacancies",
    }
    if request.htmx and request.htmx.target == "vacancy-results":  # type: ignore[attr-defined]
        return render(request, "employers/_vacancy_results.html", context)
    return render(request, "employers/vacancy_list.html", context)


@login_required
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    _require_vacancy_pages(user)
    vacancy = selectors.get_vacancy(user=user, vacancy_id=pk)
    links = list(vacancy.skill_links.all())
    return render(
        request,
        "employers/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "must": [link.skill for link in links if link.importance == SkillImportance.MUST],
            "nice": [link.skill for link in links if link.importance == SkillImportance.NICE],
            "can_edit": selectors.can_edit_vacancy(user, vacancy),
            # Matching from the vacancy's side (issue #4); employer users see no people.
            "show_candidates": user.role
            in (Role.CASE_MANAGER, Role.ACCOUNT_MANAGER, Role.COORDINATOR),
            "status_choices": [
                (value, label)
                for value, label in (
                    (VacancyStatus.OPEN, _("Open the vacancy")),
                    (VacancyStatus.FILLED, _("Mark as filled")),
                    (VacancyStatus.CLOSED, _("Close the vacancy")),
                )
                if value != vacancy.status
            ],
            "lang": _lang(),
            "nav_active": "vacancies",
        },
    )


@login_required
@require_POST
def vacancy_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    _require_vacancy_pages(user)
    try:
        vacancy = selectors.get_editable_vacancy(user=user, vacancy_id=pk)
    except selectors.NotEditable as exc:
        raise PermissionDenied from exc
    try:
        services.set_vacancy_status(
            actor=user,
            vacancy=vacancy,
            status=request.POST.get("status", ""),
            expected_version=_int(request.POST.get("version")),
        )
        messages.success(request, _("The status of the vacancy has been changed."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("employers:vacancy_detail", pk=pk)


# --- the vacancy form -----------------------------------------------------------------------


@dataclass
class SkillRow:
    """One skill shown in the form: ticked or not, must or nice, and where it came from."""

    skill: Skill
    checked: bool
    importance: str
    origin: str  # "essential", "optional" or "added"


def _occupation_rows(occupation: Occupation, lang: str) -> list[SkillRow]:
    skills = taxonomy.occupation_skills(occupation, lang)
    return [
        SkillRow(s, True, SkillImportance.MUST, RelationType.ESSENTIAL) for s in skills.essential
    ] + [SkillRow(s, False, SkillImportance.NICE, RelationType.OPTIONAL) for s in skills.optional]


def _origin(skill_id: int, occupation: Occupation | None) -> str:
    if occupation is None:
        return "added"
    relation = (
        occupation.skill_links.filter(skill_id=skill_id).values_list("relation", flat=True).first()
    )
    return relation or "added"


def _rows_from_vacancy(vacancy: Vacancy, lang: str) -> list[SkillRow]:
    links = list(vacancy.skill_links.all())
    chosen = {link.skill_id for link in links}
    rows = [
        SkillRow(link.skill, True, link.importance, _origin(link.skill_id, vacancy.occupation))
        for link in links
    ]
    if vacancy.occupation:
        rows += [r for r in _occupation_rows(vacancy.occupation, lang) if r.skill.pk not in chosen]
    return rows


def _rows_from_post(request: HttpRequest, occupation: Occupation | None) -> list[SkillRow]:
    shown = [pk for pk in (_int(v) for v in request.POST.getlist("skill_shown")) if pk]
    checked = {pk for pk in (_int(v) for v in request.POST.getlist("skill")) if pk}
    skills = Skill.objects.in_bulk(shown)
    relations = (
        dict(occupation.skill_links.values_list("skill_id", "relation")) if occupation else {}
    )
    rows = []
    for pk in dict.fromkeys(shown):
        if pk not in skills:
            continue
        importance = request.POST.get(f"importance_{pk}", SkillImportance.MUST)
        if importance not in SkillImportance.values:
            importance = SkillImportance.MUST
        rows.append(SkillRow(skills[pk], pk in checked, importance, relations.get(pk, "added")))
    return rows


def _posted_concept(request: HttpRequest, name: str, text_index: int, kind: str) -> tuple[Any, str]:
    """The concept chosen in an autocomplete: its id, or (without JavaScript) its typed text.

    Both autocompletes send their text as ``q``; ``text_index`` says which one is meant.
    Returns (concept or None, problem message or "").
    """
    model = Occupation if kind == ConceptKind.OCCUPATION else Skill
    pk = _int(request.POST.get(name))
    if pk:
        return model.objects.filter(pk=pk).first(), ""
    texts = request.POST.getlist("q")
    typed = texts[text_index].strip() if len(texts) > text_index else ""
    if not typed:
        return None, ""
    concept, suggestion = services.ConceptResolver(kind).resolve(typed)
    if concept is not None:
        return concept, ""
    if suggestion:
        return None, _("“%(value)s” was not found. Did you mean “%(suggestion)s”?") % {
            "value": typed,
            "suggestion": suggestion,
        }
    return None, _("“%(value)s” was not found. Choose from the suggestions.") % {"value": typed}


def _data_from(
    form: VacancyForm, occupation: Occupation | None, rows: list[SkillRow]
) -> services.VacancyData:
    data = form.cleaned_data
    return services.VacancyData(
        title=data["title"],
        occupation=occupation,
        description=data.get("description") or "",
        hours_min=data.get("hours_min"),
        hours_max=data.get("hours_max"),
        wage_band=data.get("wage_band") or "",
        contract_type=data.get("contract_type") or "",
        postcode=data.get("postcode") or "",
        place=data.get("place") or "",
        shifts=list(data.get("shifts") or []),
        start_date=data.get("start_date"),
        positions=data.get("positions") or 0,
        open_to_other_sectors=bool(data.get("open_to_other_sectors")),
        skills=[(r.skill, r.importance) for r in rows if r.checked],
    )


def _initial(vacancy: Vacancy) -> dict[str, Any]:
    return {
        "employer": vacancy.employer_id,
        "title": vacancy.title,
        "description": vacancy.description,
        "hours_min": vacancy.hours_min,
        "hours_max": vacancy.hours_max,
        "wage_band": vacancy.wage_band,
        "contract_type": vacancy.contract_type,
        "postcode": vacancy.postcode,
        "place": vacancy.place,
        "shifts": vacancy.shifts,
        "start_date": vacancy.start_date,
        "positions": vacancy.positions,
        "open_to_other_sectors": vacancy.open_to_other_sectors,
        "status": vacancy.status,
        "version": vacancy.version,
    }


@login_required
def vacancy_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _require_vacancy_pages(user)
    if not selectors.can_create_vacancies(user):
        raise PermissionDenied
    return _vacancy_form(request, user, None)


@login_required
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    _require_vacancy_pages(user)
    try:
        vacancy = selectors.get_editable_vacancy(user=user, vacancy_id=pk)
    except selectors.NotEditable as exc:
        raise PermissionDenied from exc
    return _vacancy_form(request, user, vacancy)


def _vacancy_form(request: HttpRequest, user: User, vacancy: Vacancy | None) -> HttpResponse:
    lang = _lang()
    suggestions: list[Any] = []
    suggested = False
    occupation_error = skill_error = ""
    if request.method != "POST":
        form = VacancyForm(initial=_initial(vacancy) if vacancy else None, user=user)
        occupation = vacancy.occupation if vacancy else None
        rows = _rows_from_vacancy(vacancy, lang) if vacancy else []
        return _render_form(
            request, form, vacancy, occupation, rows, suggestions, suggested, "", ""
        )

    form = VacancyForm(request.POST, user=user)
    action = request.POST.get("action") or (
        "pick" if request.POST.get("pick_occupation") else "save"
    )
    occupation, occupation_error = _posted_concept(request, "occupation", 0, ConceptKind.OCCUPATION)
    rows = _rows_from_post(request, occupation)
    shown = {r.skill.pk for r in rows}

    if action == "suggest":
        suggestions = selectors.suggest_occupations(request.POST.get("title", ""), lang=lang)
        suggested = True
    elif action == "pick":
        picked = _int(request.POST.get("pick_occupation"))
        occupation = Occupation.objects.filter(pk=picked).first() if picked else occupation
        occupation_error = ""
    if action in ("pick", "occupation") and occupation is not None:
        # A new occupation: forget the skills of the previous one that were not ticked.
        rows = [r for r in rows if r.checked]
        shown = {r.skill.pk for r in rows}
        rows += [r for r in _occupation_rows(occupation, lang) if r.skill.pk not in shown]
    if action == "add_skill":
        skill, skill_error = _posted_concept(request, "new_skill", 1, ConceptKind.SKILL)
        importance = request.POST.get("new_skill_importance", SkillImportance.MUST)
        if importance not in SkillImportance.values:
            importance = SkillImportance.MUST
        if skill is not None:
            existing = next((r for r in rows if r.skill.pk == skill.pk), None)
            if existing:
                existing.checked, existing.importance = True, importance
            else:
                rows.append(SkillRow(skill, True, importance, "added"))
        elif not skill_error:
            skill_error = _("Type a skill and choose it from the suggestions.")
    if action != "save":
        form.errors.clear()  # an intermediate step: do not show "required" yet
        return _render_form(
            request,
            form,
            vacancy,
            occupation,
            rows,
            suggestions,
            suggested,
            occupation_error,
            skill_error,
        )

    if form.is_valid() and not occupation_error:
        data = _data_from(form, occupation, rows)
        try:
            if vacancy is None:
                saved = services.create_vacancy(
                    actor=user,
                    employer=form.cleaned_data["employer"],
                    data=data,
                    status=form.cleaned_data["status"],
                )
                messages.success(request, _("The vacancy has been saved."))
            else:
                saved = services.update_vacancy(
                    actor=user,
                    vacancy=vacancy,
                    data=data,
                    expected_version=form.cleaned_data.get("version") or 0,
                    status=form.cleaned_data["status"],
                    employer=form.cleaned_data["employer"],
                )
                messages.success(request, _("The vacancy has been saved."))
            return redirect("employers:vacancy_detail", pk=saved.pk)
        except ConflictError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
    elif occupation_error:
        form.add_error(None, occupation_error)
    return _render_form(
        request,
        form,
        vacancy,
        occupation,
        rows,
        suggestions,
        suggested,
        occupation_error,
        skill_error,
    )


def _render_form(
    request: HttpRequest,
    form: VacancyForm,
    vacancy: Vacancy | None,
    occupation: Occupation | None,
    rows: list[SkillRow],
    suggestions: list[Any],
    suggested: bool,
    occupation_error: str,
    skill_error: str,
) -> HttpResponse:
    lang = _lang()
    groups = [
        (
            "essential",
            _("Essential skills of the occupation"),
            [r for r in rows if r.origin == "essential"],
        ),
        (
            "optional",
            _("Optional skills of the occupation"),
            [r for r in rows if r.origin == "optional"],
        ),
        (
            "added",
            _("Other skills"),
            [r for r in rows if r.origin not in ("essential", "optional")],
        ),
    ]
    return render(
        request,
        "employers/vacancy_form.html",
        {
            "form": form,
            "vacancy": vacancy,
            "occupation": occupation,
            "occupation_label": occupation.label(lang) if occupation else "",
            "occupation_errors": [occupation_error] if occupation_error else [],
            "skill_errors": [skill_error] if skill_error else [],
            "skill_groups": [g for g in groups if g[2]],
            "has_skills": bool(rows),
            "suggestions": suggestions,
            "suggested": suggested,
            "importance_choices": SkillImportance.choices,
            "lang": lang,
            "nav_active": "vacancies",
        },
    )


# --- imports --------------------------------------------------------------------------------


@login_required
def vacancy_import(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _require_vacancy_pages(user)
    if not selectors.can_create_vacancies(user):
        raise PermissionDenied
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_UPLOAD_BYTES:
                form.add_error(
                    "file",
                    _("The file is larger than %(size)s MB. Split it into smaller files.")
                    % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
                )
            else:
                try:
                    record = services.start_import(
                        actor=user,
                        employer=form.cleaned_data["employer"],
                        raw=upload.read(),
                        filename=upload.name or "",
                        fmt=form.cleaned_data.get("format") or "",
                    )
                    return redirect("employers:vacancy_import_preview", token=record.token)
                except DomainError as exc:
                    form.add_error("file", exc.message)
    else:
        form = ImportForm(user=user)
    return render(
        request,
        "employers/import_upload.html",
        {"form": form, "columns": CSV_COLUMNS, "nav_active": "vacancies"},
    )


@login_required
def vacancy_import_preview(request: HttpRequest, token: str) -> HttpResponse:
    user = _user(request)
    _require_vacancy_pages(user)
    record = selectors.get_import(user=user, token=token)
    if request.method == "POST" and record.status == ImportStatus.PENDING:
        try:
            result = services.run_import(
                actor=user, record=record, good_rows_only=request.POST.get("good_rows_only") == "1"
            )
            messages.success(
                request,
                _("The vacancies have been imported: %(summary)s.") % {"summary": result.message()},
            )
            return redirect("employers:vacancy_import_preview", token=record.token)
        except DomainError as exc:
            messages.error(request, exc.message)
        record.refresh_from_db()
    preview = None
    error = ""
    if record.status == ImportStatus.PENDING:
        try:
            preview = services.preview_import(
                employer=record.employer, fmt=record.format, text=record.content
            )
        except DomainError as exc:  # pragma: no cover - checked on upload
            error = exc.message
    return render(
        request,
        "employers/import_preview.html",
        {
            "record": record,
            "preview": preview,
            "error": error,
            "summary": services.summary_message(record.result) if record.result else "",
            "nav_active": "vacancies",
        },
    )
