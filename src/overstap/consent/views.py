"""Consent pages: the case's consent tab, the person's own data, and the employer pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from overstap.accounts.models import Organisation
from overstap.cases import selectors as case_selectors
from overstap.cases.models import Case
from overstap.cases.views.common import add_validation_errors, case_context
from overstap.consent import export, selectors, services
from overstap.consent.constants import (
    CONSENT_TEXTS,
    ConsentChannel,
    ConsentPurpose,
    current_text,
)
from overstap.consent.forms import AcceptIntroductionForm, GiveConsentForm
from overstap.core.exceptions import DomainError
from overstap.privacy.constants import Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User


def _user(request: HttpRequest) -> User:
    return cast("User", request.user)


def _organisations(case: Case) -> object:
    return Organisation.objects.filter(region_id=case.region_id, is_active=True).order_by("name")


def _render_case(
    request: HttpRequest, case: Case, form: GiveConsentForm | None = None, status: int = 200
) -> HttpResponse:
    user = _user(request)
    person = case.person
    if form is None:
        form = GiveConsentForm(organisations=_organisations(case))  # type: ignore[arg-type]
        form.initial["text_version"] = current_text(ConsentPurpose.SHARE_PROGRESS).version
    context = case_context(
        request,
        case,
        "consent",
        form=form,
        active=selectors.active_consents(person),
        history=list(selectors.consent_history(person)),
        introductions=list(selectors.case_introductions(case)),
        texts=[(t, ConsentPurpose(t.purpose).label, t.render()) for t in CONSENT_TEXTS],
        accept_form=AcceptIntroductionForm(),
        can_record=selectors.can_record_consent(user, person),
        channels=ConsentChannel.choices,
    )
    return render(request, "consent/case_consent.html", context, status=status)


@login_required
def case_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's consents (in force and history); POST records a new consent."""
    user = _user(request)
    if request.method != "POST":
        case = case_selectors.get_case(user=user, case_id=pk, purpose=Purpose.CONSENT)
        return _render_case(request, case)
    case = case_selectors.get_case(user=user, case_id=pk, purpose=Purpose.CONSENT, for_update=True)
    form = GiveConsentForm(request.POST, organisations=_organisations(case))  # type: ignore[arg-type]
    if form.is_valid():
        try:
            record = services.give_consent(
                actor=user,
                person=case.person,
                purpose=form.cleaned_data["purpose"],
                recipient=form.cleaned_data["recipient"],
                channel=form.cleaned_data["channel"],
                text_version=form.cleaned_data["text_version"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Consent recorded: %(purpose)s.") % {"purpose": record.get_purpose_display()},
            )
            return redirect("consent:case_consent", pk=case.pk)
    return _render_case(request, case, form)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw one consent in force: one button, effective at once."""
    user = _user(request)
    case = case_selectors.get_case(user=user, case_id=pk, purpose=Purpose.CONSENT, for_update=True)
    purpose = request.POST.get("purpose", "")
    recipient_id = request.POST.get("recipient", "")
    recipient = None
    if recipient_id:
        recipient = (
            Organisation.objects.filter(pk=recipient_id).first() if recipient_id.isdigit() else None
        )
        if recipient is None:
            raise Http404
    try:
        services.withdraw_consent(
            actor=user,
            person=case.person,
            purpose=purpose,
            recipient=recipient,
            channel=request.POST.get("channel") or ConsentChannel.IN_PERSON,
        )
    except (DomainError, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", None) or "; ".join(exc.messages))  # type: ignore[union-attr]
    else:
        messages.success(request, _("Consent withdrawn. This applies from now on."))
    return redirect("consent:case_consent", pk=case.pk)


@login_required
@require_POST
def introduction(request: HttpRequest, pk: int, introduction_pk: int) -> HttpResponse:
    """The case side of an introduction request: asked, accepted (with consent), declined."""
    user = _user(request)
    case = case_selectors.get_case(
        user=user, case_id=pk, purpose=Purpose.INTRODUCTION, for_update=True
    )
    intro = selectors.introduction_for_case(case=case, introduction_id=introduction_pk)
    decision = request.POST.get("decision", "")
    try:
        if decision == "accept":
            form = AcceptIntroductionForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose how the person gave consent."))
                return redirect("consent:case_consent", pk=case.pk)
            services.accept_introduction(
                actor=user, introduction=intro, channel=form.cleaned_data["channel"]
            )
            messages.success(request, _("The employer may now contact the person."))
        elif decision == "decline":
            services.decline_introduction(actor=user, introduction=intro)
            messages.success(request, _("The introduction has been declined."))
        elif decision == "asked":
            services.mark_consent_asked(actor=user, introduction=intro)
            messages.success(request, _("Noted: you asked the person."))
        else:
            messages.error(request, _("Choose what to do."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("consent:case_consent", pk=case.pk)


# --- the person's own data --------------------------------------------------------------


@login_required
def person_data(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_rights(user=_user(request), case_id=pk)
    data = export.person_data(case.person)
    return render(
        request,
        "consent/person_data.html",
        {
            "case": case,
            "data": data,
            "active": selectors.active_consents(case.person),
            "nav_active": "caseload",
        },
    )


@login_required
def person_data_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("json", "pdf"):
        raise Http404
    case = selectors.get_case_for_rights(user=_user(request), case_id=pk)
    data = export.person_data(case.person)
    if fmt == "json":
        response = HttpResponse(export.as_json(data), content_type="application/json")
    else:
        response = HttpResponse(export.as_pdf(data), content_type="application/pdf")
    name = f"overstap-gegevens-{case.number}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


# --- employers --------------------------------------------------------------------------


@login_required
def employer_progress(request: HttpRequest) -> HttpResponse:
    progress = selectors.releasing_employer_progress(user=_user(request))
    return render(
        request,
        "consent/employer_progress.html",
        {"progress": progress, "small": selectors.SMALL_COUNT, "nav_active": "progress"},
    )


@login_required
def vacancy_candidates(request: HttpRequest, vacancy_pk: int) -> HttpResponse:
    """Anonymised candidates for the employer's own vacancy; POST asks for an introduction."""
    user = _user(request)
    if request.method == "POST":
        vacancy = selectors.get_own_vacancy(user=user, vacancy_id=vacancy_pk)
        try:
            services.request_introduction(
                actor=user,
                vacancy=vacancy,
                token=request.POST.get("token", ""),
                message=request.POST.get("message", ""),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent. The case manager asks the person. You will see "
                    "their name here once they agree."
                ),
            )
        return redirect("consent:vacancy_candidates", vacancy_pk=vacancy.pk)
    result = selectors.anonymous_candidates(user=user, vacancy_id=vacancy_pk)
    return render(
        request,
        "consent/vacancy_candidates.html",
        {"result": result, "vacancy": result.vacancy, "nav_active": "vacancies"},
    )
