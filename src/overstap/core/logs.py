"""Structured logs: JSON lines for production, and one log line per request.

``OVERSTAP_LOG_FORMAT=json`` (the production default) writes one JSON object per line to
stdout::

    {"time": "2026-11-22T16:40:18.123Z", "level": "INFO", "logger": "overstap.request",
     "message": "GET /cases/12/ 200 35ms", "request_id": "9f0c…", "method": "GET",
     "path": "/cases/12/", "status": 200, "duration_ms": 35.2}

Only a fixed list of ``extra`` fields is copied into the object (``JSON_EXTRA_FIELDS``), so a
log call cannot leak personal data by passing it as ``extra``. Request lines never carry
the query string (search terms, names) and mask anything that looks like a BSN.

This module is imported by gunicorn's master process too (``conf/gunicorn.py``), before
Django is set up: it must not import models or read settings at import time.
See docs/adr/0015-deployment-and-logs.md.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse

from overstap.core.validators import is_valid_bsn

#: ``extra`` fields a JSON line may carry besides the standard ones.
JSON_EXTRA_FIELDS = ("method", "path", "status", "duration_ms")

REQUEST_LOGGER = "overstap.request"

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
# The same rule as privacy.middleware (not imported: that module imports models).
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _current_request_id() -> str:
    """The id of the request being served, if any (see ``privacy.middleware``).

    Read through ``sys.modules`` so that logging before Django's app registry is ready (or
    in gunicorn's master) never imports models.
    """
    audit = sys.modules.get("overstap.privacy.audit")
    if audit is None:
        return ""
    return str(audit.current_request_id.get())


class RequestIdFilter(logging.Filter):
    """Give every record a ``request_id`` attribute (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = _current_request_id() or "-"
        return True


class MaskBsnFilter(logging.Filter):
    """Mask BSN-like numbers in a record's message and arguments.

    On loggers that echo what a client sent: ``django.request`` ("Not Found: /path") and
    ``django.server`` (runserver's request lines, with query strings). A logger's filter
    runs before any handler, so no handler sees the number.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = safe_path(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                safe_path(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id (+ request fields)."""

    def format(self, record: logging.LogRecord) -> str:
        request_id = getattr(record, "request_id", "")
        if not request_id or request_id == "-":
            request_id = _current_request_id()
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id or None,
        }
        for key in JSON_EXTRA_FIELDS:
            value = getattr(record, key, None)
            if value is not None:
                data[key] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            data["exception"] = record.exc_text
        if record.stack_info:
            data["stack"] = self.formatStack(record.stack_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def safe_path(path: str) -> str:
    """``path`` (or any text) with every number that passes the BSN eleven-test masked."""

    def mask(match: re.Match[str]) -> str:
        return "*********" if is_valid_bsn(match.group(0)) else match.group(0)

    return _NINE_DIGITS.sub(mask, path)


class RequestLogMiddleware:
    """Log one line per request (method, path, status, duration) on ``overstap.request``.

    Always at INFO: it is an access record. Errors are reported, with their traceback, by
    Django's own ``django.request`` logger.

    First in ``MIDDLEWARE`` so the duration covers every other middleware and the status is
    the one sent. The request id comes from ``privacy.middleware.RequestIdMiddleware``.
    gunicorn's own access log is off (conf/gunicorn.py): this is the only request log.
    """

    logger = logging.getLogger(REQUEST_LOGGER)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        status = response.status_code
        if self.logger.isEnabledFor(logging.INFO):
            path = safe_path(request.path)
            request_id = getattr(request, "request_id", "") or response.get("X-Request-ID", "")
            if not request_id:  # answered before RequestIdMiddleware (static files, redirects)
                incoming = request.headers.get("X-Request-ID", "")
                request_id = incoming if _VALID_REQUEST_ID.match(incoming) else ""
            self.logger.info(
                "%s %s %s %sms",
                request.method,
                path,
                status,
                duration_ms,
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "path": path,
                    "status": status,
                    "duration_ms": duration_ms,
                },
            )
        return response
