"""The client address that django-axes counts failed logins against."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The connection's address, or the address the trusted proxies saw.

    With ``OVERSTAP_PROXY_COUNT = n`` the n-th address from the right of
    ``X-Forwarded-For`` is the client: each trusted proxy appends the address it received
    the request from, so addresses further left are under the client's control and are
    ignored (otherwise an attacker could pick a fresh "IP" for every guess).
    """
    count = settings.OVERSTAP_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
