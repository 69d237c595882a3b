# ruff: noqa: E501 - the Markdown table template is kept on one line per row
"""Benchmark of the bulk intake (``python -m benchmarks.bulk_intake_bench``).

Generates a realistic staff list of ``BENCH_INTAKE_ROWS`` (default 4,000) rows as XLSX (Faker
nl_NL, seeded; 10 job titles, most of them occupations of the demo taxonomy), then measures,
through the services the pages use:

* the check (upload → per-row report, ``bulkintake.services.preview``);
* the import (``services.start`` → the background job, run inline with the immediate
  backend): people, cases, work history, draft skills passports, timeline and audit records,
  in chunks of 200 rows;
* checking the same file again (every row "already registered").

Each engine runs in a child process with its own scratch database: a temporary SQLite file,
and PostgreSQL when ``DATABASE_URL`` points to a server (database ``overstap_intake``, created
if missing; the role needs CREATEDB). ``main()`` writes the "Bulk intake" section of
``docs/benchmarks.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
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
SCRATCH_DB = "overstap_intake"
TARGET_S = 60


def _engines() -> list[tuple[str, str]]:
    """(database URL, engine label) per engine to measure."""
    engines = [(scratch_sqlite("overstap-intake-bench-"), "SQLite")]
    url = postgres_url()
    if url:
        engines.append((scratch_postgres(url, SCRATCH_DB)[0], "PostgreSQL"))
    return engines


def run() -> list[dict[str, Any]]:
    rows = int(os.environ.get("BENCH_INTAKE_ROWS", "4000"))
    results = []
    for url, engine in _engines():
        env = child_env(url, OVERSTAP_TASKS_IMMEDIATE="true")
        result = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "benchmarks.bulk_intake_bench", "--worker", str(rows)],
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
        results.append(figures)
    return results


# --- the worker (child process) ----------------------------------------------------------


def _worker(n_rows: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from overstap.accounts.constants import OrganisationKind, Role
    from overstap.accounts.models import Organisation, Region, User
    from overstap.bulkintake import sample, services
    from overstap.bulkintake.models import StaffListImport
    from overstap.cases.models import Case
    from overstap.passport.models import Passport
    from overstap.privacy.models import AuditLogEntry
    from overstap.taxonomy.services import load_demo_taxonomy

    load_demo_taxonomy()
    region = Region.objects.create(code="bench", name="Benchmarkregio")
    rmt = Organisation.objects.create(
        region=region, name="RMT", kind=OrganisationKind.MOBILITY_TEAM
    )
    employer = Organisation.objects.create(
        region=region, name="Distributiecentrum Oss", kind=OrganisationKind.EMPLOYER
    )
    user = User.objects.create(
        username="bench-coordinator", organisation=rmt, role=Role.COORDINATOR
    )
    raw = sample.to_xlsx(sample.staff_rows(n_rows, seed=9))

    queries = {"n": 0}

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries["n"] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        staff_import = services.preview(
            actor=user, employer=employer, raw=raw, filename="personeelslijst.xlsx"
        )
        preview_s = time.perf_counter() - start
        preview_queries = queries["n"]
        start = time.perf_counter()
        staff_import = services.start(actor=user, staff_import=staff_import)
        import_s = time.perf_counter() - start
        import_queries = queries["n"] - preview_queries
    staff_import = StaffListImport.objects.get(pk=staff_import.pk)
    counts = staff_import.summary["counts"]
    start = time.perf_counter()
    again = services.preview(
        actor=user, employer=employer, raw=raw, filename="personeelslijst.xlsx"
    )
    again_s = time.perf_counter() - start
    totals = {
        "cases": Case.objects.count(),
        "passports": Passport.objects.count(),
        "audit_entries": AuditLogEntry.objects.count(),
    }
    baseline_rows = min(200, n_rows)
    queries["n"] = 0
    with connection.execute_wrapper(count):
        start = time.perf_counter()
        _row_by_row(user, employer, baseline_rows)
        baseline_s = (time.perf_counter() - start) * n_rows / baseline_rows
    baseline_queries_per_row = queries["n"] / baseline_rows
    return {
        "rows": n_rows,
        "file_kb": round(len(raw) / 1024),
        "preview_s": round(preview_s, 2),
        "import_s": round(import_s, 2),
        "total_s": round(preview_s + import_s, 2),
        "again_s": round(again_s, 2),
        "rows_per_s": round(n_rows / import_s),
        "preview_queries": preview_queries,
        "import_queries": import_queries,
        "created": counts["created"],
        "invalid": counts["invalid"],
        "already_again": again.summary["counts"]["already"],
        **totals,
        "not_coded": staff_import.summary.get("not_coded", 0),
        "job_status": staff_import.job.status if staff_import.job else "",
        "baseline_rows": baseline_rows,
        "baseline_scaled_s": round(baseline_s, 1),
        "baseline_queries_per_row": round(baseline_queries_per_row),
    }


def _row_by_row(user: Any, employer: Any, n: int) -> None:
    """The baseline: the same kind of rows through the one-person services (register, save
    the work history, build the passport from it), one transaction per person."""
    from overstap.bulkintake import parsing, sample
    from overstap.cases import services as cases
    from overstap.cases.constants import SignalSource
    from overstap.passport.services import build_from_work_history
    from overstap.taxonomy.models import Occupation

    occupation = Occupation.objects.filter(label_nl="orderpicker").first()
    columns = parsing.map_columns(sample.HEADER)
    for cells in sample.staff_rows(n, seed=77):
        row = parsing.parse_row(2, cells, columns, dt.date.today())
        case = cases.register_person(
            actor=user,
            data=cases.RegistrationData(
                first_name=row.first_name,
                last_name=row.full_last_name,
                signal_source=SignalSource.RELEASING_EMPLOYER,
                birth_date=row.birth_date,
                email=row.email,
                phone=row.phone,
                postcode=row.postcode,
                releasing_employer_id=employer.pk,
            ),
        )
        cases.save_work_history(
            actor=user,
            case=case,
            entries=[
                {
                    "employer_name": employer.name,
                    "job_title": row.job_title,
                    "start_year": row.start_date.year if row.start_date else None,
                    "occupation": occupation,
                }
            ],
        )
        if occupation is not None:
            build_from_work_history(actor=user, person=case.person)


# --- docs ---------------------------------------------------------------------------------


def markdown(results: list[dict[str, Any]]) -> str:
    cpu = platform.processor() or platform.machine()
    lines = []
    for r in results:
        met = "met" if r["total_s"] < TARGET_S else "**not met**"
        lines.append(
            f"| {r['engine']} | {r['rows']:,} rows ({r['file_kb']} kB XLSX) | < {TARGET_S} s ({met}) | "
            f"{r['preview_s']} s ({r['preview_queries']} queries) | {r['import_s']} s ({r['import_queries']} queries, {r['rows_per_s']} rows/s) | "
            f"{r['total_s']} s | {r['again_s']} s, {r['already_again']:,} already registered | "
            f"{r['baseline_scaled_s']} s ({r['baseline_queries_per_row']} queries per row) |"
        )
    first = results[0]
    return f"""## Bulk intake

Measured {dt.date.today().isoformat()} on {cpu}, {os.cpu_count()} cores (shared with other work),
scratch databases (`benchmarks/bulk_intake_bench.py`). 1-minute load average at the end:
{os.getloadavg()[0]:.1f}. A generated staff list (Faker nl_NL, seeded) of {first["rows"]:,} rows as
XLSX, checked and imported by a coordinator through the services behind the pages; the import
runs as a background job (inline, immediate backend) in chunks of 200 rows, each chunk one
transaction. Per run: {first["created"]:,} people registered with a case in the intake queue,
their work history and {first["passports"]:,} draft skills passports ({first["not_coded"]:,} rows with
an in-house job title stay uncoded), one timeline event and one audit record per case and per
passport ({first["audit_entries"]:,} audit entries in all).

| database | file | target (check + import) | check | import | check + import | checking the same file again | baseline: row by row |
|---|---|---|---|---|---|---|---|
{chr(10).join(lines)}

Baseline, measured in the same run: the one-person services row by row
(`register_person`, `save_work_history`, `build_from_work_history`; one transaction each) on
{first["baseline_rows"]} rows, scaled linearly to {first["rows"]:,}. The import's bulk path
(`cases.services.bulk.register_people_bulk`,
`passport.services.draft_passports_for_registrations`) keeps the same rules, timeline events
and audit records but writes a chunk of 200 rows in a few dozen statements; case numbers are
set with one UPDATE and the chunk's report rows are rewritten with one DELETE and one INSERT,
because Django's `bulk_update` builds a CASE expression per row and cost seconds per chunk.
"""


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        figures = _worker(int(sys.argv[2]))
        print(json.dumps(figures, default=float))
        return
    results = run()
    write_section("Bulk intake", markdown(results))
    print(json.dumps(results, indent=2, default=float))


if __name__ == "__main__":
    main()
