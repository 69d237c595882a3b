# ruff: noqa: E501 - the Markdown table template is kept on one line per row
"""Load test (``python -m benchmarks.load_bench``): 20 concurrent users against gunicorn.

PostgreSQL only (``DATABASE_URL`` must point to a PostgreSQL server whose role may create
databases). In a scratch database ``overstap_load`` it generates a region with
``LOAD_CASES`` cases (default 100,000) and ``LOAD_CONTACTS_PER_CASE`` contacts per case on
average (default 10: about 1,000,000 contacts), unless ``BENCH_REUSE=1`` and the region is
there. Then it starts gunicorn (``LOAD_WORKERS`` processes, default 3) and runs locust
headless with ``LOAD_USERS`` users (default 20) for ``LOAD_SECONDS`` (default 120) seconds:
case managers open their caseload, one of their cases and search their caseload; the
coordinator opens the dashboard and the caseload (``benchmarks/locustfile.py``).

Server time per page comes from gunicorn's access log (``%(D)s``, microseconds from request
to response, without the network and without locust's own time); locust's client-side
times are reported next to it. Locust, PostgreSQL and gunicorn share the same cores.
Writes the "Load test" section of docs/benchmarks.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks.common import child_env, postgres_url, scratch_postgres, write_section

ROOT = Path(__file__).resolve().parent.parent
SCRATCH_DB = "overstap_load"
REGION = "load"
PASSWORD = "load-test-password-1"  # noqa: S105 - scratch database users only
BUDGET_MS = 300
PAGES = ("caseload", "case detail", "search", "dashboard", "contacts", "log contact")
#: the pages the issue's budget names (the others are reported alongside)
BUDGET_PAGES = ("caseload", "case detail", "search", "dashboard")


def _scratch_url() -> str:
    url = postgres_url()
    if url is None:
        print("load test skipped: it needs DATABASE_URL pointing to PostgreSQL")
        raise SystemExit(0)
    return scratch_postgres(url, SCRATCH_DB, reuse=bool(os.environ.get("BENCH_REUSE")))[0]


def _env(url: str) -> dict[str, str]:
    return child_env(
        url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        OVERSTAP_REQUIRE_2FA="false",  # the login form, not the second factor, is measured
        AXES_ENABLED="false",
    )


# --- setup (child process with Django) ----------------------------------------------------


def _setup(users_file: str) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from overstap.accounts.models import Region, User
    from overstap.cases.models import Case, Contact
    from overstap.demo.generator import generate_region
    from overstap.insights import readmodel

    started = time.perf_counter()
    region = Region.objects.filter(code=REGION).first()
    generated_s = 0.0
    if region is None:
        cases = int(os.environ.get("LOAD_CASES", "100000"))
        per_case = int(os.environ.get("LOAD_CONTACTS_PER_CASE", "10"))
        region = generate_region(
            code=REGION, name="Loadtestregio", people=cases, contacts_per_case=per_case
        ).region
        generated_s = time.perf_counter() - started
    readmodel.refresh_stale()
    managers = list(
        User.objects.filter(organisation__region=region, role="case_manager").order_by("pk")[:20]
    )
    coordinators = list(User.objects.filter(organisation__region=region, role="coordinator"))
    for user in [*managers, *coordinators]:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    pool = []
    for user in managers:
        rows = list(
            Case.objects.filter(case_manager=user)
            .order_by("pk")
            .values_list("pk", "person__last_name", "status")[:200]
        )
        pool.append(
            {
                "username": user.username,
                "case_ids": [pk for pk, _name, _status in rows],
                "open_case_ids": [pk for pk, _name, status in rows if status != "closed"],
                "last_names": sorted({name for _pk, name, _status in rows if name}),
            }
        )
    Path(users_file).write_text(
        json.dumps(
            {
                "password": PASSWORD,
                "case_managers": pool,
                "coordinators": [{"username": u.username} for u in coordinators],
            }
        ),
        encoding="utf-8",
    )
    return {
        "cases": Case.objects.filter(region=region).count(),
        "contacts": Contact.objects.filter(case__region=region).count(),
        "generate_s": round(generated_s, 1),
    }


# --- the run --------------------------------------------------------------------------------


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer on {url}")


def _page(method: str, path: str, query: str) -> str | None:
    if path.startswith("/insights/") and path.count("/") == 2:
        return "dashboard"
    if path == "/cases/caseload/":
        return "search" if "q=" in query else "caseload"
    if re.fullmatch(r"/cases/\d+/", path):
        return "case detail"
    if re.fullmatch(r"/cases/\d+/contacts/", path):
        return "log contact" if method == "POST" else "contacts"
    return None


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run() -> dict[str, Any]:
    url = _scratch_url()
    env = _env(url)
    work = Path(tempfile.mkdtemp(prefix="overstap-load-"))
    users_file = work / "users.json"
    setup = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "benchmarks.load_bench", "--setup", str(users_file)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    if setup.returncode:
        raise RuntimeError(setup.stderr[-4000:])
    figures: dict[str, Any] = json.loads(setup.stdout.strip().splitlines()[-1])

    port = int(os.environ.get("LOAD_PORT", "8097"))
    workers = int(os.environ.get("LOAD_WORKERS", "3"))
    users = int(os.environ.get("LOAD_USERS", "20"))
    seconds = int(os.environ.get("LOAD_SECONDS", "120"))
    access_log = work / "access.log"
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen(  # noqa: S603
        [
            str(bin_dir / "gunicorn"),
            "overstap.conf.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(m)s|%(U)s|%(q)s|%(s)s|%(D)s",
            "--error-logfile",
            str(work / "error.log"),
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz")
        locust_env = dict(env, OVERSTAP_LOAD_USERS=str(users_file))

        def swarm(n_users: int, run_seconds: int, prefix: str) -> None:
            subprocess.run(  # noqa: S603
                [
                    str(bin_dir / "locust"),
                    "-f",
                    str(ROOT / "benchmarks" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(n_users),
                    "--spawn-rate",
                    str(max(1, n_users // 5)),
                    "--run-time",
                    f"{run_seconds}s",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    str(work / prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env=locust_env,
                cwd=ROOT,
                check=False,
                capture_output=True,
            )

        # Warm-up: every worker process loads its templates, translations and connections
        # (a worker's first requests take 1-2 s); not measured.
        swarm(6, 20, "warmup")
        measured_from = access_log.stat().st_size
        swarm(users, seconds, "locust")
    finally:
        server.terminate()
        server.wait(timeout=30)

    server_ms: dict[str, list[float]] = {page: [] for page in PAGES}
    errors = 0
    with open(access_log, encoding="utf-8") as handle:
        handle.seek(measured_from)
        lines = handle.read().splitlines()
    for line in lines:
        method, rest = line.split("|", 1)
        path, query, status, micros = rest.rsplit("|", 3)
        page = _page(method, path, query)
        if page is None:
            continue
        if not status.startswith(("2", "3")):  # a logged contact answers with a redirect
            errors += 1
            continue
        server_ms[page].append(int(micros) / 1000)
    client: dict[str, dict[str, Any]] = {}
    with open(work / "locust_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            client[row["Name"]] = row
    pages = {}
    for page in PAGES:
        values = server_ms[page]
        stats = client.get(page, {})
        pages[page] = {
            "requests": len(values),
            "median_ms": round(statistics.median(values), 1) if values else None,
            "p95_ms": round(_percentile(values, 0.95), 1) if values else None,
            "client_p95_ms": stats.get("95%"),
        }
    total = client.get("Aggregated", {})
    figures.update(
        {
            "users": users,
            "workers": workers,
            "seconds": seconds,
            "pages": pages,
            "errors": errors,
            "rps": round(float(total.get("Requests/s") or 0), 1),
            "failures": total.get("Failure Count"),
            "load": round(os.getloadavg()[0], 1),
        }
    )
    return figures


def markdown(r: dict[str, Any]) -> str:
    cpu = platform.processor() or platform.machine()
    generated = (
        f"generating took {r['generate_s']} s"
        if r["generate_s"]
        else "data generated by an earlier run, BENCH_REUSE=1"
    )
    rows = []
    worst = 0.0
    for page, p in r["pages"].items():
        if page in BUDGET_PAGES:
            worst = max(worst, p["p95_ms"] or 0.0)
        rows.append(
            f"| {page} | {p['requests']:,} | {p['median_ms']} ms | **{p['p95_ms']} ms** | {p['client_p95_ms']} ms |"
        )
    met = "met" if worst < BUDGET_MS else "**not met**"
    table = "\n".join(rows)
    return f"""## Load test

Measured {dt.date.today().isoformat()} on {cpu}, {os.cpu_count()} cores shared by PostgreSQL,
gunicorn ({r["workers"]} worker processes) and locust; 1-minute load average at the end:
{r["load"]}. PostgreSQL scratch database with {r["cases"]:,} generated cases and
{r["contacts"]:,} contacts ({generated}). `benchmarks/load_bench.py` with
`benchmarks/locustfile.py`: after a 20 s warm-up that is not measured,
{r["users"]} concurrent users for {r["seconds"]} s (three case
managers to one coordinator; each logs in through the login form, then views a page every
0.5–2 s), {r["rps"]} requests/s in total, {r["failures"]} failed requests, {r["errors"]}
error responses (4xx/5xx) on the measured pages. Server time from gunicorn's access log (request in
to response out); client time as locust saw it, on the same cores.

| page | requests | server median | server p95 | client p95 |
|---|---|---|---|---|
{table}

Budget (issue #9): p95 server time < {BUDGET_MS} ms on the caseload, case detail, search and
dashboard pages: {met}. "contacts" and "log contact" are a case manager opening a case's
contacts and logging a phone call (a write with its audit record and timeline event; answered
with a redirect), reported alongside. The dashboard's figures are reused for 60 s per region
and filter combination (`OVERSTAP_FIGURES_CACHE_SECONDS`); computing them takes about 0.5 s
at 100,000 cases (section "Dashboard").
"""


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--setup":
        print(json.dumps(_setup(sys.argv[2])))
        return
    figures = run()
    write_section("Load test", markdown(figures))
    print(json.dumps(figures, indent=2, default=str))


if __name__ == "__main__":
    main()
