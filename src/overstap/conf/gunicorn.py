"""gunicorn configuration for Overstap: ``gunicorn --config python:overstap.conf.gunicorn``.

Every value comes from an environment variable with a safe default (docs/deployment.md):

``OVERSTAP_BIND``                 address to listen on (default ``127.0.0.1:8000``; the Docker
                                  image sets ``0.0.0.0:8000``)
``OVERSTAP_WEB_WORKERS``          worker processes (default 2 × CPU cores + 1)
``OVERSTAP_WEB_THREADS``          threads per worker (default 1: sync workers; more than 1
                                  switches gunicorn to its gthread worker)
``OVERSTAP_WEB_TIMEOUT``          seconds before a silent worker is killed and restarted
                                  (default 60: large PDF/Excel exports)
``OVERSTAP_WEB_MAX_REQUESTS``     requests after which a worker is replaced (default 1000,
                                  with up to 10% jitter; 0 = never)
``OVERSTAP_FORWARDED_ALLOW_IPS``  proxies whose X-Forwarded-* headers gunicorn trusts
                                  (default ``127.0.0.1,::1``: nginx on the same host)
``OVERSTAP_LOG_FORMAT``           ``json`` or ``text``, with Django's default (``json`` in
                                  production)

The request log is written by Django (``overstap.core.logs.RequestLogMiddleware``, with the
request id), so gunicorn's access log is off: one line per request, not two. gunicorn's own
messages (start, worker timeouts) use the same JSON format. This module is imported by
gunicorn's master before Django is set up: it imports nothing that needs settings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from overstap.conf.env import env_int, env_str


def default_workers() -> int:
    """2 × the CPU cores this process may use, plus 1 (gunicorn's own advice)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return 2 * cores + 1


def logging_config(log_format: str) -> dict[str, Any]:
    """gunicorn's logging: its error log to stdout, as JSON lines or text."""
    formatter: dict[str, Any] = (
        {"()": "overstap.core.logs.JsonFormatter"}
        if log_format == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"overstap": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "overstap",
                "stream": "ext://sys.stdout" if log_format == "json" else "ext://sys.stderr",
            }
        },
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
            # Off (accesslog is None); kept quiet should someone pass --access-logfile.
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
        },
    }


wsgi_app = "overstap.conf.wsgi:application"
bind = [env_str("OVERSTAP_BIND", "127.0.0.1:8000", "gunicorn: address to listen on.")]
workers = (
    env_int("OVERSTAP_WEB_WORKERS", 0, "gunicorn: worker processes (0: two per CPU core plus one).")
    or default_workers()
)
threads = env_int("OVERSTAP_WEB_THREADS", 1, "gunicorn: threads per worker.")
timeout = env_int("OVERSTAP_WEB_TIMEOUT", 60, "gunicorn: seconds before a worker is restarted.")
graceful_timeout = 30
keepalive = 5  # behind nginx, which keeps its upstream connections open
max_requests = env_int(
    "OVERSTAP_WEB_MAX_REQUESTS", 1000, "gunicorn: requests before a worker is replaced."
)
max_requests_jitter = max_requests // 10
forwarded_allow_ips = env_str(
    "OVERSTAP_FORWARDED_ALLOW_IPS",
    "127.0.0.1,::1",
    "gunicorn: proxies whose X-Forwarded-* headers are trusted.",
)
# Refuse oversized request lines and headers early (nginx limits bodies to 20 MB).
limit_request_line = 8190
limit_request_fields = 100

accesslog = None
errorlog = "-"
loglevel = "info"
logconfig_dict = logging_config(
    env_str(
        "OVERSTAP_LOG_FORMAT",
        "json" if os.environ.get("OVERSTAP_ENVIRONMENT") == "production" else "text",
        "`json` (one JSON object per line on stdout; the production default) or `text` "
        "(readable lines on stderr; the development default).",
    )
)
capture_output = False
proc_name = "overstap"
# Heartbeat files in memory, not on a container's overlay disk (gunicorn's Docker advice).
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
# gunicorn 27's control socket (in $HOME) is not needed: systemd and Docker use signals.
control_socket_disable = True
