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


#: Integer bounds that come from the database backend, not from the API: Django derives an
#: integer field's range from the connection (SQLite reports 64 bits for every integer
#: column, PostgreSQL 32 bits for ``integer``), so the same code would publish a different
#: schema per database.
_BACKEND_INTEGER_BOUNDS = {2147483647, 9223372036854775807, -2147483648, -9223372036854775808}


def drop_backend_integer_bounds(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: remove the database's integer ranges (and the
    ``int64``/``int32`` format that goes with them), so ``docs/openapi.yaml`` is the same
    whichever database generated it. Bounds the API sets itself (0, 100, …) stay."""

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "integer":
                dropped = False
                for key in ("maximum", "minimum"):
                    if node.get(key) in _BACKEND_INTEGER_BOUNDS:
                        del node[key]
                        dropped = True
                if dropped and node.get("format") in ("int32", "int64"):
                    del node["format"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
