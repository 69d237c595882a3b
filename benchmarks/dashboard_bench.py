# ruff: noqa: E501 - the Markdown table template is kept on one line per row
"""Benchmark of the regional dashboard (``python -m benchmarks.dashboard_bench``).

``run()`` returns a dict of figures; ``main()`` also writes them into the "Dashboard" section
of ``docs/benchmarks.md``. The measurement runs in a child process with its own scratch
database, so it never touches the development database:

* when ``DATABASE_URL`` points to PostgreSQL, a scratch database ``overstap_bench`` on the same
  server (created if missing; the role needs CREATEDB);
* otherwise a temporary SQLite file.

It generates ``BENCH_CASES`` (default 100,000) cases with bulk_create (people, cases, intakes,
work history, referrals, outcomes, follow-ups), then measures the dashboard view through the
Django test client (server time: median and p95 of ``BENCH_RUNS`` runs, default 10) and, in the
same run, a naive baseline: a per-case Python loop over a sample of cases (one query per
related object), scaled linearly to all cases.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import (
    child_env,
    postgres_url,
    scratch_postgres,
    scratch_sqlite,
    write_section,
)

ROOT = Path(__file__).resolve().parent.parent
SCRATCH_DB = "overstap_bench"


def _database_url() -> tuple[str, str]:
    """(URL of the scratch database, engine label)."""
    url = postgres_url()
    if url:
        scratch, _existed = scratch_postgres(
            url, SCRATCH_DB, reuse=bool(os.environ.get("BENCH_REUSE"))
        )
        return scratch, "PostgreSQL"
    return scratch_sqlite("overstap-dash-bench-"), "SQLite"


def run() -> dict[str, Any]:
    cases = int(os.environ.get("BENCH_CASES", "100000"))
    runs = int(os.environ.get("BENCH_RUNS", "10"))
    url, engine = _database_url()
    # every run computes the figures (the reuse is measured separately)
    env = child_env(url, OVERSTAP_FIGURES_CACHE_SECONDS="0")
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "benchmarks.dashboard_bench", "--worker", str(cases), str(runs)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr[-4000:])
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["engine"] = engine
    return figures


# --- the worker (child process) ----------------------------------------------------------


def _worker(n_cases: int, runs: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from overstap.accounts.models import User

    started = time.perf_counter()
    existing = User.objects.filter(username="bench-coordinator").first()  # BENCH_REUSE
    coordinator = existing if existing is not None else _generate(n_cases)
    generate_s = time.perf_counter() - started
    if existing is not None:
        from overstap.cases.models import Case

        n_cases = Case.objects.filter(region_id=existing.organisation.region_id).count()

    from django.db import connection
    from django.test import Client

    from overstap.cases.models import Case
    from overstap.insights import readmodel
    from overstap.insights.figures import region_cases

    region_id = coordinator.organisation.region_id
    started = time.perf_counter()
    readmodel.rebuild(region_id=region_id)
    rebuild_s = time.perf_counter() - started

    client = Client()
    client.force_login(coordinator)
    url = "/insights/"
    assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200  # warm-up
    times = []
    for _i in range(runs):
        start = time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url, HTTP_HOST="127.0.0.1")
    filtered = []
    for _i in range(max(runs // 2, 3)):
        start = time.perf_counter()
        client.get(url + "?route=" + str(_first_route(coordinator)), HTTP_HOST="127.0.0.1")
        filtered.append(time.perf_counter() - start)

    # The same page with the figures reused (OVERSTAP_FIGURES_CACHE_SECONDS, default 60).
    from django.core.cache import cache
    from django.test.utils import override_settings

    reused = []
    with override_settings(OVERSTAP_FIGURES_CACHE_SECONDS=60):
        cache.clear()
        client.get(url, HTTP_HOST="127.0.0.1")
        for _i in range(runs):
            start = time.perf_counter()
            client.get(url, HTTP_HOST="127.0.0.1")
            reused.append(time.perf_counter() - start)

    # A change (here: one case saved) is rebuilt by the next read of the figures.
    changed = []
    for case in Case.objects.filter(region_id=region_id).order_by("pk")[: max(runs // 2, 3)]:
        case.save()
        start = time.perf_counter()
        client.get(url, HTTP_HOST="127.0.0.1")
        changed.append(time.perf_counter() - start)

    # Baseline: the per-case Python loop a first version would write, on a sample.
    sample = min(2000, n_cases)
    cases = list(region_cases(coordinator.organisation.region_id).order_by("pk")[:sample])
    start = time.perf_counter()
    _naive(cases)
    naive_s = (time.perf_counter() - start) * n_cases / sample
    median = statistics.median(times)
    return {
        "cases": n_cases,
        "runs": runs,
        "generate_s": round(generate_s, 1),
        "median_ms": round(median * 1000, 1),
        "p95_ms": round(_p95(times) * 1000, 1),
        "filtered_median_ms": round(statistics.median(filtered) * 1000, 1),
        "changed_median_ms": round(statistics.median(changed) * 1000, 1),
        "reused_median_ms": round(statistics.median(reused) * 1000, 1),
        "rebuild_s": round(rebuild_s, 1),
        "queries": len(queries),
        "naive_sample": sample,
        "naive_scaled_s": round(naive_s, 1),
        "ratio": round(naive_s / median, 1),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _first_route(coordinator: Any) -> int:
    from overstap.cases.models import Route

    return (
        Route.objects.filter(region_id=coordinator.organisation.region_id).order_by("number")[0].pk
    )


def _naive(cases: list[Any]) -> dict[str, Any]:
    """One query per related object per case, counting in Python (the baseline)."""
    from collections import Counter

    from django.utils import timezone

    from overstap.cases.models import Intake, Outcome

    today = timezone.localdate()
    counts: dict[str, Counter[Any]] = {
        k: Counter() for k in ("edu", "age", "tenure", "route", "outcome", "services", "source")
    }
    for case in cases:
        counts["source"][case.signal_source] += 1
        person = case.person
        if person.birth_date:
            counts["age"][(today - person.birth_date).days // 3652] += 1
        try:
            counts["edu"][case.intake.education_level] += 1
        except Intake.DoesNotExist:
            counts["edu"]["unknown"] += 1
        employer = case.releasing_employer.name if case.releasing_employer else None
        for job in person.work_history.all():
            if employer and job.employer_name.lower() == employer.lower() and job.start_year:
                counts["tenure"][today.year - job.start_year] += 1
        counts["route"][case.route.number if case.route else None] += 1
        for referral in case.referrals.all():
            counts["services"][(referral.offering.category, referral.status)] += 1
        with contextlib.suppress(Outcome.DoesNotExist):
            counts["outcome"][case.outcome.kind] += 1
    return counts


def _generate(n: int) -> Any:
    """Generate a region with ``n`` cases (``overstap generate_region``); its coordinator."""
    from overstap.demo.generator import generate_region

    result = generate_region(code="bench", name="Benchmarkregio", people=n)
    return result.coordinator


# --- docs ---------------------------------------------------------------------------------


def markdown(r: dict[str, Any]) -> str:
    cpu = platform.processor() or platform.machine()
    generated = (
        f"generating took {r['generate_s']} s"
        if r["generate_s"]
        else "data generated by an earlier run, BENCH_REUSE=1"
    )
    met = "met" if r["median_ms"] < 1000 else "**not met** on this shared machine"
    return f"""## Dashboard

Measured {dt.date.today().isoformat()} on {cpu}, {os.cpu_count()} cores (shared with other work),
{r["engine"]} scratch database, {r["cases"]:,} generated cases (`benchmarks/dashboard_bench.py`,
seeded; {generated}). 1-minute load average at the end: {os.getloadavg()[0]:.1f}. Server time of `/insights/` for a coordinator through
the Django test client (all figures, {r["queries"]} queries including session and filter
choices), {r["runs"]} runs after a warm-up. Baseline: a per-case Python loop (one query per
related object) on {r["naive_sample"]:,} cases, scaled linearly to all cases, measured in the
same run; ratio = baseline / dashboard median.

| benchmark | target | result | baseline | ratio |
|---|---|---|---|---|
| dashboard, {r["cases"]:,} cases | < 1 s | median {r["median_ms"]} ms, p95 {r["p95_ms"]} ms | {r["naive_scaled_s"]} s | {r["ratio"]}x |
| dashboard filtered on one route | - | median {r["filtered_median_ms"]} ms | - | - |
| dashboard right after a case changed | - | median {r["changed_median_ms"]} ms | - | - |
| dashboard with the figures reused (within 60 s) | - | median {r["reused_median_ms"]} ms | - | - |
| rebuilding the read model of all {r["cases"]:,} cases | - | {r["rebuild_s"]} s | - | - |

Target < 1 s: {met}. The figures read the dashboard's read model (`insights.CaseFact`, ADR
0017): one narrow row per case with the categories, dates and ids the figures group by, kept
current through an outbox (`StaleCaseFact`) that every change of a case, its person, intake
or outcome writes in its own transaction; the next read rebuilds those rows first ("right
after a case changed" above). Before (median 1,020 ms) every figure joined the case with its
person, intake and outcome. A full rebuild (after a restore or a bulk load) takes the time in
the last row; `overstap rebuild_figures` runs it. The main rows compute every figure on
every request (`OVERSTAP_FIGURES_CACHE_SECONDS=0`); in normal use a computed dashboard and
its rendered charts are reused for 60 s per region and filter combination ("reused" row).
"""


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        figures = _worker(int(sys.argv[2]), int(sys.argv[3]))
        print(json.dumps(figures, default=float))
        return
    figures = run()
    write_section("Dashboard", markdown(figures))
    print(json.dumps(figures, indent=2, default=float))


if __name__ == "__main__":
    main()
