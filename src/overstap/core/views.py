from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from overstap.accounts.constants import Role


def home(request: HttpRequest) -> HttpResponse:
    """Each role starts on its own work list; anonymous visitors go to the public front door."""
    if not request.user.is_authenticated:
        return redirect("frontdoor:home")
    role = request.user.role  # type: ignore[union-attr]
    if role == Role.PROVIDER_STAFF:
        return redirect("cases:provider_referrals")
    if role == Role.COORDINATOR:
        return redirect("cases:intake_queue")
    if role in (Role.CASE_MANAGER, Role.ACCOUNT_MANAGER):
        return redirect("cases:my_day")
    if role == Role.NATIONAL_ANALYST:
        return redirect("national:overview")
    return redirect("catalogue:offering_list")


def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # pragma: no cover - depends on a broken database
        return JsonResponse({"status": "database unreachable"}, status=503)
    return JsonResponse({"status": "ready"})
