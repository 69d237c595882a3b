"""Rate limits per API client (``ApiClient.rate_per_minute``); 429 is a problem document.

Counts live in Django's cache: use a shared cache (e.g. Redis or the database cache) when
more than one process serves the API, or each process counts on its own.
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from overstap.api.models import ApiToken


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api_client"

    def get_rate(self) -> str | None:
        return None  # set per request in allow_request

    def allow_request(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return True  # staff sessions are not rate limited here
        self.rate = f"{token.client.rate_per_minute}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        token = request.auth
        if not isinstance(token, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.client_id}
