from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token

from overstap.accounts import twofactor
from overstap.accounts.constants import Role
from overstap.accounts.forms import CodeForm

DEMO_PASSWORD = "overstap-demo"  # noqa: S105 - documented demo password, shown only in demo mode
DEMO_LOGINS = [
    ("casemanager", Role.CASE_MANAGER),
    ("casemanager2", Role.CASE_MANAGER),
    ("accountmanager", Role.ACCOUNT_MANAGER),
    ("coordinator", Role.COORDINATOR),
    ("provider", Role.PROVIDER_STAFF),
    ("employer", Role.EMPLOYER_USER),
    ("admin", Role.ADMINISTRATOR),
    ("privacy", Role.PRIVACY_OFFICER),
    ("national", Role.NATIONAL_ANALYST),
    ("coordinator.mb", Role.COORDINATOR),
]


def _login_context(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {
        "oidc_enabled": settings.OIDC_ENABLED,
        "two_factor_required": settings.OVERSTAP_REQUIRE_2FA,
    }
    if settings.DEMO_MODE:
        context["demo_logins"] = [(name, role.label) for name, role in DEMO_LOGINS]
        context["demo_password"] = DEMO_PASSWORD
    return context


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(_login_context(self.request))
        context["oidc_failed"] = self.request.GET.get("oidc") == "failed"
        return context


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' lock-out response: the login page with an explanation (HTTP 429)."""
    hours = settings.AXES_COOLOFF_TIME
    context = {
        "form": AuthenticationForm(request),
        "next": request.POST.get("next", request.GET.get("next", "")),
        "locked_out_message": ngettext(
            "You have tried to log in too many times with a wrong password or code. For your "
            "safety, logging in is blocked for %(hours)s hour. Try again later, or ask your "
            "administrator for help.",
            "You have tried to log in too many times with a wrong password or code. For your "
            "safety, logging in is blocked for %(hours)s hours. Try again later, or ask your "
            "administrator for help.",
            hours,
        )
        % {"hours": hours},
        **_login_context(request),
    }
    return render(request, "accounts/login.html", context, status=429)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(settings.LOGIN_REDIRECT_URL)


def _verified_login(request: HttpRequest, device: Any) -> None:
    otp_login(request, device)
    request.session.cycle_key()  # a new session id once the second factor is in


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: QR code (and the secret as text), then confirm a code."""
    if twofactor.has_confirmed_device(request.user):
        return redirect("accounts:two_factor_verify")
    device = twofactor.pending_totp_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = twofactor.confirm_device(device)
            _verified_login(request, device)
            request.session[twofactor.BACKUP_CODES_SESSION_KEY] = codes
            request.session["overstap_after_codes"] = _next_url(request)
            return redirect("accounts:two_factor_backup_codes")
        form.add_error(
            "code",
            _("This code is not correct. Check the time on your phone and enter the newest code."),
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": twofactor.qr_code_data_uri(device),
            "secret": twofactor.secret_for_display(device),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The code step after the password: a TOTP code or a single-use backup code."""
    if not twofactor.has_confirmed_device(request.user):
        return redirect("accounts:two_factor_setup")
    if twofactor.is_verified(request):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None, allow_backup_code=True)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            _verified_login(request, device)
            return redirect(_next_url(request))
        # A wrong code counts towards the lock-out like a wrong password (django-axes).
        user_login_failed.send(
            sender=__name__,
            credentials={"username": request.user.get_username()},
            request=request,
        )
        if getattr(request, "axes_locked_out", False):
            logout(request)
            return locked_out(request)
        form.add_error("code", _("This code is not correct. Enter the newest code and try again."))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


@never_cache
@login_required
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """The backup codes, shown once right after enrolment."""
    codes = request.session.pop(twofactor.BACKUP_CODES_SESSION_KEY, None)
    next_url = request.session.pop("overstap_after_codes", str(settings.LOGIN_REDIRECT_URL))
    if not codes:
        messages.info(
            request,
            _(
                "Backup codes are shown only once. If you lost them, ask your administrator "
                "to reset your two-factor authentication."
            ),
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request, "accounts/two_factor_backup_codes.html", {"codes": codes, "next": next_url}
    )


def oidc_login(request: HttpRequest) -> HttpResponse:
    """Start an OIDC login (404 unless OIDC is configured)."""
    if not settings.OIDC_ENABLED:
        raise Http404
    from mozilla_django_oidc.views import OIDCAuthenticationRequestView

    return OIDCAuthenticationRequestView.as_view()(request)


def oidc_callback(request: HttpRequest) -> HttpResponse:
    """The identity provider's redirect back (404 unless OIDC is configured)."""
    if not settings.OIDC_ENABLED:
        raise Http404
    from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

    return OIDCAuthenticationCallbackView.as_view()(request)
