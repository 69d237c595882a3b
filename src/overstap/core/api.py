"""API helpers: errors as RFC 9457 problem documents."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from overstap.core.exceptions import ConflictError, DomainError


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        status = 409 if isinstance(exc, ConflictError) else 400
        return Response(
            {"type": f"about:blank#{exc.code}", "title": str(exc.message), "status": status},
            status=status,
            content_type="application/problem+json",
        )
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    title = detail.get("detail") if isinstance(detail, dict) and "detail" in detail else None
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": str(title or _default_title(exc)),
        "status": response.status_code,
    }
    if title is None:
        body["errors"] = detail
    response.data = body
    response.content_type = "application/problem+json"
    return response


def _default_title(exc: Exception) -> str:
    # DRF's Dutch catalogue has no "Invalid input.": the same message id is in ours.
    if isinstance(exc, ValidationError):
        return _("Invalid input.")
    return str(getattr(exc, "default_detail", "Error"))
