"""The skills passport pages of a case: the editable passport (htmx sections), a printable
view, a PDF and a JSON export.

Every URL takes the case id: a case outside the user's scope is a 404 before anything else
happens (also for POST-only URLs). Reads go through ``passport.selectors`` (audited), writes
through ``passport.services``. htmx posts get the passport body back; without htmx a
successful post redirects to the page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from overstap.cases.models import Case
from overstap.cases.views.common import add_validation_errors, case_context
from overstap.core.exceptions import ConflictError, DomainError
from overstap.passport import pdf, selectors, services
from overstap.passport.constants import EvidenceLevel, SkillAction
from overstap.passport.forms import (
    AmbitionForm,
    CertificateForm,
    ConstraintsForm,
    LearningForm,
    OccupationAddForm,
    SkillAddForm,
    SkillBulkForm,
)
from overstap.passport.models import Passport
from overstap.privacy.constants import AuditAction, Purpose
from overstap.taxonomy.constants import LANGUAGES

if TYPE_CHECKING:
    from overstap.accounts.models import User

FORM_CLASSES: dict[str, type] = {
    "occupation_form": OccupationAddForm,
    "skill_form": SkillAddForm,
    "certificate_form": CertificateForm,
    "learning_form": LearningForm,
    "ambition_form": AmbitionForm,
}


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _lang() -> str:
    lang = (get_language() or "nl")[:2]
    return lang if lang in LANGUAGES else "nl"


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _page_url(case: Case, anchor: str = "") -> str:
    url = reverse("passport:case_passport", args=[case.pk])
    return f"{url}#{anchor}" if anchor else url


def _context(
    request: HttpRequest,
    case: Case,
    passport: Passport,
    forms: dict[str, Any],
    *,
    bulk: dict[str, Any] | None = None,
) -> dict[str, Any]:
    lang = _lang()
    overview = selectors.passport_overview(passport, lang)
    version = passport.version
    context: dict[str, Any] = {
        "overview": overview,
        "passport": passport,
        "version": version,
        "lang": lang,
        "evidence_choices": EvidenceLevel.choices,
        "default_confirm_evidence": EvidenceLevel.CONFIRMED_BY_CASE_MANAGER,
        "bulk": bulk or {},
        "SkillAction": {a.name: a.value for a in SkillAction},
    }
    for name, form_class in FORM_CLASSES.items():
        form = forms.get(name) or form_class()
        form.lang = lang
        context[name] = form
    context["constraints_form"] = forms.get("constraints_form") or ConstraintsForm(
        initial=ConstraintsForm.initial_for(overview.constraints, version)
    )
    context["constraints_conflict"] = forms.get("constraints_conflict", "")
    return case_context(request, case, "passport", **context)


def _respond(
    request: HttpRequest,
    case: Case,
    *,
    wrote: bool,
    forms: dict[str, Any] | None = None,
    bulk: dict[str, Any] | None = None,
    anchor: str = "",
) -> HttpResponse:
    """After a POST: htmx gets the passport body; otherwise redirect (success) or the full
    page with the bound forms (errors). A write's own audit record stands for the read."""
    if not _is_htmx(request) and not forms and not bulk:
        return redirect(_page_url(case, anchor))
    user = _user(request)
    passport = selectors.get_passport(user=user, case=case, audit_read=not wrote)
    context = _context(request, case, passport, forms or {}, bulk=bulk)
    template = "passport/_passport_body.html" if _is_htmx(request) else "passport/passport.html"
    return render(request, template, context)


def _post_only(
    handler: Callable[[HttpRequest, User, Case], HttpResponse],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """Scope first (404 for a case outside the user's scope), then POST only (405)."""

    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        user = _user(request)
        case = selectors.case_for_passport(user=user, case_id=pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return handler(request, user, case)

    view.__name__ = handler.__name__
    view.__doc__ = handler.__doc__
    return view


def _delete_id(request: HttpRequest) -> int | None:
    raw = request.POST.get("delete_id", "")
    return int(raw) if raw.isdigit() else None


# --- the page ------------------------------------------------------------------------


@login_required
@require_GET
def case_passport(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = selectors.case_for_passport(user=user, case_id=pk)
    passport = selectors.get_passport(user=user, case=case)
    return render(request, "passport/passport.html", _context(request, case, passport, {}))


# --- writes --------------------------------------------------------------------------


@_post_only
def build(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """Add the occupations of the coded work history and derive their skills."""
    try:
        report = services.build_from_work_history(actor=user, person=case.person)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _respond(request, case, wrote=False, anchor="occupations")
    if report.changed:
        messages.success(
            request,
            _(
                "The passport is built from the work history: %(occupations)s occupations "
                "added, %(skills)s skills to review."
            )
            % {"occupations": report.occupations_added, "skills": report.skills_added},
        )
    else:
        messages.info(request, _("The passport was already up to date with the work history."))
    return _respond(request, case, wrote=True, anchor="skills")


@_post_only
def occupations(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """Add an occupation (``occupation``, ``years``) or remove one (``delete_id``)."""
    delete_id = _delete_id(request)
    if delete_id is not None:
        try:
            services.remove_occupation(
                actor=user, person=case.person, passport_occupation_id=delete_id
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return _respond(request, case, wrote=False, anchor="occupations")
        messages.success(request, _("The occupation is removed from the passport."))
        return _respond(request, case, wrote=True, anchor="occupations")
    form = OccupationAddForm(request.POST)
    if form.is_valid():
        try:
            services.add_occupation(
                actor=user,
                person=case.person,
                occupation=form.cleaned_data["occupation"],
                years=form.cleaned_data["years"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The occupation is added; check its skills below."))
            return _respond(request, case, wrote=True, anchor="occupations")
    return _respond(request, case, wrote=False, forms={"occupation_form": form})


@_post_only
def skills(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """Confirm, remove, restore or set the evidence of the ticked skills."""
    passport = selectors.get_passport(user=user, case=case, audit_read=False)
    ids = {ps.pk for ps in passport.skills.all()} if passport.pk else set()
    form = SkillBulkForm(request.POST, skill_ids=ids)
    group = request.POST.get("group", "")
    bulk: dict[str, Any] = {"group": group, "selected": form.selected()}
    if form.is_valid():
        try:
            changed = services.update_skills(
                actor=user,
                person=case.person,
                passport_skill_ids=form.cleaned_data["skill"],
                action=form.cleaned_data["action"],
                evidence=form.cleaned_data.get("evidence") or "",
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as exc:
            bulk["errors"] = [exc.message]
        except ValidationError as exc:
            bulk["errors"] = exc.messages
        except DomainError as exc:
            bulk["errors"] = [exc.message]
        else:
            action = SkillAction(form.cleaned_data["action"])
            messages.success(
                request,
                ngettext(
                    "%(action)s: %(count)s skill changed.",
                    "%(action)s: %(count)s skills changed.",
                    changed,
                )
                % {"action": action.label, "count": changed},
            )
            return _respond(request, case, wrote=True, anchor="skills")
    else:
        bulk["errors"] = [e for errors in form.errors.values() for e in errors]
    return _respond(request, case, wrote=False, bulk=bulk)


@_post_only
def skill_add(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    form = SkillAddForm(request.POST)
    if form.is_valid():
        try:
            services.add_skill(
                actor=user,
                person=case.person,
                skill=form.cleaned_data["skill"],
                evidence=form.cleaned_data["evidence"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The skill is added to the passport."))
            return _respond(request, case, wrote=True, anchor="skills")
    return _respond(request, case, wrote=False, forms={"skill_form": form})


def _list_section(
    request: HttpRequest,
    case: Case,
    *,
    anchor: str,
    form: forms.Form,
    form_key: str,
    add: Callable[[dict[str, Any]], object],
    remove: Callable[[int], object],
    added: str,
    removed: str,
) -> HttpResponse:
    """One list section of the passport (certificates, learning, ambitions): a POST either
    removes the entry named by ``delete_id`` or adds one from ``form``."""
    delete_id = _delete_id(request)
    if delete_id is not None:
        try:
            remove(delete_id)
        except DomainError as exc:
            messages.error(request, exc.message)
            return _respond(request, case, wrote=False, anchor=anchor)
        messages.success(request, removed)
        return _respond(request, case, wrote=True, anchor=anchor)
    if form.is_valid():
        try:
            add(form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, added)
            return _respond(request, case, wrote=True, anchor=anchor)
    return _respond(request, case, wrote=False, forms={form_key: form})


def _skills_of(data: dict[str, Any]) -> list[Any]:
    return [data["skill"]] if data.get("skill") else []


@_post_only
def certificates(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    return _list_section(
        request,
        case,
        anchor="certificates",
        form=CertificateForm(request.POST),
        form_key="certificate_form",
        add=lambda data: services.add_certificate(
            actor=user,
            person=case.person,
            name=data["name"],
            issuer=data["issuer"],
            obtained_on=data["obtained_on"],
            expires_on=data["expires_on"],
            skills=_skills_of(data),
        ),
        remove=lambda pk: services.remove_certificate(
            actor=user, person=case.person, certificate_id=pk
        ),
        added=_("The certificate is added."),
        removed=_("The certificate is removed."),
    )


@_post_only
def learning(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    return _list_section(
        request,
        case,
        anchor="learning",
        form=LearningForm(request.POST),
        form_key="learning_form",
        add=lambda data: services.add_learning(
            actor=user,
            person=case.person,
            description=data["description"],
            period=data["period"],
            skills=_skills_of(data),
        ),
        remove=lambda pk: services.remove_learning(actor=user, person=case.person, learning_id=pk),
        added=_("The learning experience is added."),
        removed=_("The learning experience is removed."),
    )


@_post_only
def ambitions(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    return _list_section(
        request,
        case,
        anchor="ambitions",
        form=AmbitionForm(request.POST),
        form_key="ambition_form",
        add=lambda data: services.add_ambition(
            actor=user,
            person=case.person,
            kind=data["kind"],
            occupation=data.get("occupation"),
            sector=data["sector"],
            note=data["note"],
        ),
        remove=lambda pk: services.remove_ambition(actor=user, person=case.person, ambition_id=pk),
        added=_("The ambition is added."),
        removed=_("The ambition is removed."),
    )


@_post_only
def constraints(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """Save the constraints; on a conflict keep the input and take over the new version."""
    form = ConstraintsForm(request.POST)
    if form.is_valid():
        try:
            services.save_constraints(
                actor=user,
                person=case.person,
                data=form.constraints_data(),
                expected_version=form.cleaned_data["version"],
            )
        except ConflictError as exc:
            passport = selectors.get_passport(user=user, case=case, audit_read=False)
            data = request.POST.copy()
            data["version"] = str(passport.version)
            fresh = ConstraintsForm(data)
            fresh.is_valid()
            return _respond(
                request,
                case,
                wrote=False,
                forms={"constraints_form": fresh, "constraints_conflict": exc.message},
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The constraints are saved."))
            return _respond(request, case, wrote=True, anchor="constraints")
    return _respond(request, case, wrote=False, forms={"constraints_form": form})


# --- printable view and exports ----------------------------------------------------


def _export(request: HttpRequest, pk: int, fmt: str) -> tuple[Case, Passport]:
    user = _user(request)
    case = selectors.case_for_passport(user=user, case_id=pk)
    passport = selectors.get_passport(
        user=user,
        case=case,
        purpose=Purpose.CASE_MANAGEMENT,
        action=AuditAction.EXPORT,
        details={"format": fmt},
    )
    return case, passport


def _filename(case: Case, ext: str) -> str:
    name = slugify(case.person.full_name) or "persoon"
    return f"vaardighedenpaspoort-{name}-{timezone.localdate():%Y%m%d}.{ext}"


@login_required
@require_GET
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A clean page for the person to read and print: confirmed skills only, no notes."""
    case, passport = _export(request, pk, "print")
    overview = selectors.passport_overview(passport, _lang())
    response = render(
        request,
        "passport/print.html",
        {"case": case, "overview": overview, "person": case.person, "today": timezone.localdate()},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    case, passport = _export(request, pk, "pdf")
    overview = selectors.passport_overview(passport, _lang())
    content = pdf.render_passport(overview, case.person)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(case, "pdf")}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def json_export(request: HttpRequest, pk: int) -> HttpResponse:
    case, passport = _export(request, pk, "json")
    data = selectors.export_data(passport, _lang())
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(case, "json")}"'
    response["Cache-Control"] = "no-store"
    return response


__all__ = [
    "ambitions",
    "build",
    "case_passport",
    "certificates",
    "constraints",
    "json_export",
    "learning",
    "occupations",
    "pdf_download",
    "print_view",
    "skill_add",
    "skills",
]
