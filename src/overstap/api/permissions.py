"""Scope checks for token requests.

An API view declares what a token needs:

* ``required_scope = "taxonomy:read"`` for every method, or
* ``read_scope = "vacancies:read"`` (GET, HEAD, OPTIONS) and ``write_scope =
  "vacancies:write"`` (POST, PUT, PATCH, DELETE).

A token request to a view that declares nothing is refused (fail closed). Signed-in staff
(session) are not limited by scopes: their role decides, as on the web pages.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from overstap.api.models import ApiToken


def required_scope(view: Any, method: str) -> str | None:
    scope = getattr(view, "required_scope", None)
    if scope:
        return str(scope)
    name = "read_scope" if method in SAFE_METHODS else "write_scope"
    value = getattr(view, name, None)
    return str(value) if value else None


class TokenHasScope(BasePermission):
    message: Any = gettext_lazy("This token may not use this endpoint.")

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        scope = required_scope(view, request.method or "GET")
        if scope is None:
            self.message = _("This endpoint is not open to API tokens.")
            return False
        if not token.client.has_scope(scope):
            self.message = _("This token lacks the scope %(scope)s.") % {"scope": scope}
            return False
        return True
