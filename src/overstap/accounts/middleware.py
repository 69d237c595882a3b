"""Every view needs a verified second factor (when required) — enforced here, not per view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from overstap.accounts.twofactor import has_confirmed_device, is_verified, requires_two_factor

F = TypeVar("F", bound=Callable[..., Any])

#: URL names an unverified session may open.
EXEMPT_URL_NAMES = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:two_factor_setup",
        "accounts:two_factor_verify",
        "accounts:oidc_login",
        "accounts:oidc_callback",
        "core:healthz",
        "core:readyz",
        "set_language",
    }
)


def two_factor_exempt(view: F) -> F:
    """Mark a public view (no personal data) as reachable without a second factor."""
    view.two_factor_exempt = True  # type: ignore[attr-defined]
    return view


class TwoFactorMiddleware:
    """Send a logged-in but unverified session to the code step (or to enrolment).

    Comes after django-otp's ``OTPMiddleware`` (which sets ``request.user.is_verified``).
    API requests get a 403 problem document instead of a redirect; htmx requests a
    client-side redirect.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if not requires_two_factor(request.user) or is_verified(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_URL_NAMES:
            return None
        if getattr(view_func, "two_factor_exempt", False):
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {
                    "type": "about:blank",
                    "title": _("Two-factor authentication required"),
                    "status": 403,
                    "detail": _("Verify your login with a code first."),
                },
                status=403,
                content_type="application/problem+json",
            )
        step = (
            "accounts:two_factor_verify"
            if has_confirmed_device(request.user)
            else "accounts:two_factor_setup"
        )
        target = reverse(step)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(target)
        return redirect(target)
