"""Spam protection for the public forms, without third-party services.

Three layers (docs/frontdoor.md):

* a honeypot field people never see (``website``); bots that fill it get a normal-looking
  thank-you page and nothing is stored;
* a signed timestamp issued with the form: a form sent within
  ``FRONTDOOR_MIN_FILL_SECONDS`` is refused with a friendly message, one older than
  ``MAX_FORM_AGE`` is refused as expired (a signature cannot be forged or reused elsewhere:
  its salt is the form's name);
* a limit of ``FRONTDOOR_RATE_LIMIT`` submissions per IP address per hour (Django cache).
"""

from __future__ import annotations

import hashlib
import time
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from overstap.accounts import throttling

#: A form left open longer than this must be sent again (seconds).
MAX_FORM_AGE = 2 * 60 * 60
RATE_WINDOW = 60 * 60


class TokenProblem(StrEnum):
    INVALID = "invalid"
    EXPIRED = "expired"
    TOO_FAST = "too_fast"


def issue_token(form_name: str, *, now: float | None = None) -> str:
    return signing.dumps({"t": now if now is not None else time.time()}, salt=_salt(form_name))


def check_token(form_name: str, token: str, *, now: float | None = None) -> TokenProblem | None:
    """``None`` when the form was filled in at a human pace; the problem otherwise."""
    now = now if now is not None else time.time()
    try:
        payload = signing.loads(token or "", salt=_salt(form_name))
        issued = float(payload["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return TokenProblem.INVALID
    if now - issued > MAX_FORM_AGE:
        return TokenProblem.EXPIRED
    if now - issued < settings.FRONTDOOR_MIN_FILL_SECONDS:
        return TokenProblem.TOO_FAST
    return None


def _salt(form_name: str) -> str:
    return f"overstap.frontdoor.form.{form_name}"


def client_ip(request: HttpRequest) -> str:
    """The client's address, as the login lock-out sees it (``accounts.throttling``):
    behind ``OVERSTAP_PROXY_COUNT`` trusted proxies, the address they saw; otherwise
    ``REMOTE_ADDR``. Behind a proxy, counting ``REMOTE_ADDR`` would put every resident in
    one bucket."""
    return throttling.client_ip(request) or "unknown"


def _rate_key(request: HttpRequest) -> str:
    # The IP address is hashed so the cache holds no readable addresses.
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    window = int(time.time() // RATE_WINDOW)
    return f"frontdoor:rate:{digest}:{window}"


def rate_limited(request: HttpRequest) -> bool:
    """Whether this address already used up its submissions for this hour (does not count)."""
    return int(cache.get(_rate_key(request), 0)) >= settings.FRONTDOOR_RATE_LIMIT


def count_submission(request: HttpRequest) -> None:
    key = _rate_key(request)
    if cache.add(key, 1, timeout=RATE_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=RATE_WINDOW)
