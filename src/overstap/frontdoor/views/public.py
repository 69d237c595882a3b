"""The public pages: open to everyone, no login. Plain language (B1) in every text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from overstap.accounts.middleware import two_factor_exempt
from overstap.accounts.models import Region
from overstap.core.exceptions import DomainError
from overstap.frontdoor import selectors, services, spam
from overstap.frontdoor.constants import DeskRequestKind, RegistrationKind, Situation
from overstap.frontdoor.forms import (
    ConversationForm,
    DeskReportForm,
    DeskVacancyForm,
    PublicForm,
    ResidentForm,
)

#: The guide's doors: URL slug → (situation or desk kind, who it is for).
GUIDE: dict[str, dict[str, Any]] = {
    "baan-in-gevaar": {"situation": Situation.AT_RISK, "audience": "worker"},
    "baan-kwijt": {"situation": Situation.UNEMPLOYED, "audience": "worker"},
    "iets-anders": {"situation": Situation.WANTS_CHANGE, "audience": "worker"},
    "werkgever-te-veel": {"desk": DeskRequestKind.SURPLUS, "audience": "employer"},
    "werkgever-te-weinig": {"desk": DeskRequestKind.SHORTAGE, "audience": "employer"},
}

#: Desk report URL slugs (Dutch, they are public addresses) → kind.
DESK_SLUGS = {"overschot": DeskRequestKind.SURPLUS, "tekort": DeskRequestKind.SHORTAGE}

DONE_SESSION_KEY = "frontdoor_done"


def _region() -> Region | None:
    try:
        return services.front_door_region()
    except DomainError:
        return None


def _context(**extra: Any) -> dict[str, Any]:
    return {
        "REGION_NAME": settings.REGION_NAME,
        "contact_phone": settings.FRONTDOOR_CONTACT_PHONE,
        **extra,
    }


@two_factor_exempt
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "frontdoor/home.html",
        _context(public_nav="home", guide=list(GUIDE)),
    )


@two_factor_exempt
def guide(request: HttpRequest, slug: str) -> HttpResponse:
    door = GUIDE.get(slug)
    if door is None:
        raise Http404
    schemes = []
    if door["audience"] == "worker":
        schemes = [
            s
            for s in selectors.public_schemes(region=_region())
            if not s.for_employers and (not s.situations or door["situation"] in s.situations)
        ][:4]
    else:
        schemes = [s for s in selectors.public_schemes(region=_region()) if s.for_employers][:4]
    return render(
        request,
        "frontdoor/guide.html",
        _context(
            public_nav="guide",
            door=door,
            slug=slug,
            schemes=schemes,
            desk_slug={v: k for k, v in DESK_SLUGS.items()}.get(door.get("desk", "")),
        ),
    )


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "frontdoor/too_many.html", _context(), status=429)


def _apply_errors(form: PublicForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@two_factor_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, conversation: bool = False) -> HttpResponse:
    form_class = ConversationForm if conversation else ResidentForm
    template = "frontdoor/conversation.html" if conversation else "frontdoor/register.html"
    if request.method == "POST":
        if spam.rate_limited(request):
            return _too_many(request)
        form = form_class(request.POST)
        if form.is_valid() and form.is_spam:
            # Looks like success to the bot; nothing is stored.
            spam.count_submission(request)
            return redirect("frontdoor:register_done")
        if form.has_error("__all__", "too_fast"):
            spam.count_submission(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                registration = services.register_resident(
                    data=services.ResidentData(
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        situation=data["situation"],
                        email=data["email"],
                        phone=data["phone"],
                        postcode=data["postcode"],
                        current_employer=data["current_employer"],
                        current_job=data["current_job"],
                        kind=(
                            RegistrationKind.CONVERSATION
                            if conversation
                            else RegistrationKind.SELF_REGISTRATION
                        ),
                        time_preference=data.get("time_preference", ""),
                        channel=data.get("channel", ""),
                        question=data.get("question", ""),
                        consent=data["consent"],
                    )
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                spam.count_submission(request)
                request.session[DONE_SESSION_KEY] = {
                    "first_name": data["first_name"],
                    "respond_by": registration.respond_by.isoformat(),
                    "kind": registration.kind,
                    "email": bool(data["email"]),
                    "time_preference": registration.get_time_preference_display()
                    if registration.time_preference
                    else "",
                }
                return redirect("frontdoor:register_done")
    else:
        initial = {}
        situation = request.GET.get("situatie", "")
        if situation in Situation.values:
            initial["situation"] = situation
        form = form_class(initial=initial)
    return render(
        request,
        template,
        _context(public_nav="register", form=form, conversation=conversation),
    )


@two_factor_exempt
def conversation(request: HttpRequest) -> HttpResponse:
    return register(request, conversation=True)


@two_factor_exempt
@never_cache
def register_done(request: HttpRequest) -> HttpResponse:
    done = request.session.get(DONE_SESSION_KEY) or {}
    respond_by = None
    if done.get("respond_by"):
        try:
            respond_by = dt.date.fromisoformat(done["respond_by"])
        except ValueError:
            respond_by = None
    return render(
        request,
        "frontdoor/register_done.html",
        _context(
            public_nav="register",
            done=done,
            respond_by=respond_by,
            working_days=settings.FRONTDOOR_RESPONSE_WORKING_DAYS,
        ),
    )


@two_factor_exempt
def scheme_list(request: HttpRequest) -> HttpResponse:
    schemes = list(selectors.public_schemes(region=_region()))
    return render(
        request,
        "frontdoor/scheme_list.html",
        _context(
            public_nav="schemes",
            for_workers=[s for s in schemes if not s.for_employers],
            for_employers=[s for s in schemes if s.for_employers],
        ),
    )


@two_factor_exempt
def scheme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    scheme = selectors.get_public_scheme(region=_region(), slug=slug)
    return render(
        request, "frontdoor/scheme_detail.html", _context(public_nav="schemes", scheme=scheme)
    )


@two_factor_exempt
def employer_desk(request: HttpRequest) -> HttpResponse:
    return render(request, "frontdoor/desk.html", _context(public_nav="employers"))


DESK_TITLES: dict[str, Any] = {
    DeskRequestKind.SURPLUS: gettext_lazy("Report a surplus of staff"),
    DeskRequestKind.SHORTAGE: gettext_lazy("Report a shortage of staff"),
    DeskRequestKind.VACANCY: gettext_lazy("Post a vacancy"),
}


def _desk_form_view(request: HttpRequest, kind: str) -> HttpResponse:
    form_class = DeskVacancyForm if kind == DeskRequestKind.VACANCY else DeskReportForm
    if request.method == "POST":
        if spam.rate_limited(request):
            return _too_many(request)
        form = form_class(request.POST)
        if form.is_valid() and form.is_spam:
            spam.count_submission(request)
            return redirect("frontdoor:desk_done")
        if form.has_error("__all__", "too_fast"):
            spam.count_submission(request)
        if form.is_valid():
            fields = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in ("website", "started") and v not in (None, "")
            }
            try:
                services.submit_desk_request(kind=kind, fields=fields)
            except ValidationError as exc:
                _apply_errors(form, exc)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                spam.count_submission(request)
                return redirect("frontdoor:desk_done")
    else:
        form = form_class()
    return render(
        request,
        "frontdoor/desk_form.html",
        _context(public_nav="employers", form=form, kind=kind, title=DESK_TITLES[kind]),
    )


@two_factor_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def desk_report(request: HttpRequest, kind_slug: str) -> HttpResponse:
    kind = DESK_SLUGS.get(kind_slug)
    if kind is None:
        raise Http404
    return _desk_form_view(request, kind)


@two_factor_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def desk_vacancy(request: HttpRequest) -> HttpResponse:
    return _desk_form_view(request, DeskRequestKind.VACANCY)


@two_factor_exempt
def desk_done(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "frontdoor/desk_done.html",
        _context(public_nav="employers", working_days=settings.FRONTDOOR_RESPONSE_WORKING_DAYS),
    )


@two_factor_exempt
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "frontdoor/privacy.html", _context(public_nav="privacy"))
