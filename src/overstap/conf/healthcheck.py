"""``python -m overstap.conf.healthcheck``: exit 0 when the local web server answers /healthz.

For the Docker HEALTHCHECK and other probes that run next to gunicorn. A production
Overstap redirects plain http to https and refuses unknown host names, so the probe sends
what nginx would: ``X-Forwarded-Proto: https`` and the first name in ``ALLOWED_HOSTS``.
No dependency beyond the standard library, and no Django setup (it must be cheap).

``OVERSTAP_HEALTHCHECK_URL`` overrides the address (default http://127.0.0.1:8000/healthz,
or the port of ``OVERSTAP_BIND``).
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def default_url() -> str:
    bind = os.environ.get("OVERSTAP_BIND", "127.0.0.1:8000")
    port = bind.rsplit(":", 1)[-1] if ":" in bind else "8000"
    return f"http://127.0.0.1:{port}/healthz"


def host_header() -> str:
    for host in os.environ.get("ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main() -> int:
    url = os.environ.get("OVERSTAP_HEALTHCHECK_URL") or default_url()
    if not url.startswith(("http://", "https://")):
        print(f"unhealthy: not an http(s) URL: {url}", file=sys.stderr)
        return 1
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, headers={"Host": host_header(), "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            ok = response.status == 200
    except (urllib.error.URLError, OSError) as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1
    print("healthy" if ok else "unhealthy")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
