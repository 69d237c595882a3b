# ruff: noqa: E501 - the Markdown table template is kept on one line per row
"""Benchmarks of the ESCO taxonomy import and label search (``python -m benchmarks.taxonomy_bench``).

``run()`` returns a dict of figures; ``main()`` also writes them into the "Taxonomy" section of
``docs/benchmarks.md``. The measurement runs in a child process with its own temporary SQLite
database file (``DATABASE_URL``), so it never touches the development database and works when
the caller has already configured Django.

Environment variables: ``ESCO_PATH`` (default ``../shared/data/esco`` from the repository
root), ``BENCH_SEARCH_REPEAT`` (default 10 repetitions of every query).
"""

from __future__ import annotations

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
from pathlib import Path
from typing import Any

from benchmarks.common import write_section

ROOT = Path(__file__).resolve().parent.parent

#: About 50 autocomplete queries: Dutch and English, typos, plurals, partial words, word order.
QUERIES = [
    "kok",
    "koks",
    "zelfstandig werkend kok",
    "werkend kok zelfstandig",
    "beveiliger",
    "beveiligr",
    "heftruck",
    "heftruckchauffeur",
    "cook",
    "forklift",
    "ko",
    "bev",
    "heft",
    "schoonmaker",
    "schoonmaakster",
    "orderpicker",
    "magazijnmedewerker",
    "magazijn",
    "receptionist",
    "hotel receptionist",
    "gastvrouw",
    "ober",
    "waiter",
    "afwasser",
    "verzorgende",
    "verpleegkundige",
    "nurse",
    "kassamedewerker",
    "cashier",
    "vrachtwagen chauffeur",
    "truck driver",
    "elektricien",
    "electrician",
    "programmeur",
    "software developer",
    "administratief medewerker",
    "secretaresse",
    "planner",
    "hygiene",
    "voedselveiligheid",
    "customer service",
    "klantvriendelijk",
    "samenwerken",
    "teamwork",
    "plannen",
    "Engels",
    "communiceren",
    "leidinggeven",
    "veiligheid",
    "excel",
]


def esco_path() -> Path:
    return Path(os.environ.get("ESCO_PATH", ROOT.parent / "shared" / "data" / "esco"))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _worker(path: Path, repeat: int) -> dict[str, Any]:
    """Runs inside the child process (Django configured for the temporary database)."""
    import django

    django.setup()
    from django.core.management import call_command

    from overstap.taxonomy import search
    from overstap.taxonomy.models import ConceptLabel, Occupation, OccupationSkill, Skill
    from overstap.taxonomy.services import import_esco, load_demo_taxonomy

    call_command("migrate", verbosity=0)
    out: dict[str, Any] = {}
    started = time.perf_counter()
    demo = load_demo_taxonomy()
    out["demo_seconds"] = time.perf_counter() - started
    out["demo_occupations"] = demo.counts["occupations"].created
    out["demo_skills"] = demo.counts["skills"].created

    started = time.perf_counter()
    report = import_esco(path, ["nl", "en"])
    out["import_seconds"] = time.perf_counter() - started
    out["occupations"] = Occupation.objects.filter(source="esco").count()
    out["skills"] = Skill.objects.filter(source="esco").count()
    out["relations"] = OccupationSkill.objects.filter(occupation__source="esco").count()
    out["labels"] = ConceptLabel.objects.count()
    out["skipped_rows"] = report.skipped_rows()
    out["relinked"] = report.relink.replaced if report.relink else {}

    started = time.perf_counter()
    again = import_esco(path, ["nl", "en"])
    out["reimport_seconds"] = time.perf_counter() - started
    out["reimport_created"] = again.created
    out["reimport_updated"] = again.updated

    search.clear_cache()
    for kind in ("occupation", "skill"):
        started = time.perf_counter()
        search.get_index(kind)
        out[f"index_build_{kind}_seconds"] = time.perf_counter() - started

    timings: list[float] = []
    for _ in range(repeat):
        for query in QUERIES:
            for kind in ("occupation", "skill"):
                started = time.perf_counter()
                search.search(kind, query, lang="nl", limit=10)
                timings.append((time.perf_counter() - started) * 1000)
    out["search_calls"] = len(timings)
    out["search_queries"] = len(QUERIES)
    out["search_p50_ms"] = statistics.median(timings)
    out["search_p95_ms"] = _percentile(timings, 0.95)
    out["search_max_ms"] = max(timings)
    return out


def run() -> dict[str, Any]:
    """Measure in a child process with a temporary SQLite database; return the figures."""
    path = esco_path()
    if not (path / "occupations_en.csv").exists():
        raise SystemExit(f"ESCO bundle not found at {path} (set ESCO_PATH)")
    repeat = int(os.environ.get("BENCH_SEARCH_REPEAT", "10"))
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="overstap-taxonomy-bench-") as folder:
        env = dict(os.environ)
        env["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        env["OVERSTAP_DATA_DIR"] = folder
        env["DJANGO_SETTINGS_MODULE"] = "overstap.conf.settings"
        completed = subprocess.run(  # noqa: S603 - our own module, same interpreter
            [sys.executable, "-m", "benchmarks.taxonomy_bench", "--worker", str(path), str(repeat)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if completed.returncode != 0:
        raise RuntimeError(f"taxonomy benchmark failed:\n{completed.stderr[-4000:]}")
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    figures["date"] = dt.date.today().isoformat()
    figures["machine"] = machine()
    figures["database"] = "SQLite (temporary file)"
    figures["load_average"] = max(load_before, os.getloadavg()[0])
    return figures


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        info = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout  # noqa: S607
        match = re.search(r"Model name:\s*(.+)", info)
        if match:
            model = match.group(1).strip()
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores"


def markdown(r: dict[str, Any]) -> str:
    return f"""## Taxonomy

Measured {r["date"]} on {r["machine"]} (shared with other work: 1-minute load average up to
{r["load_average"]:.1f} during the run), {r["database"]}, ESCO v1.1.1
with Dutch and English labels (`benchmarks/taxonomy_bench.py`; the demo taxonomy is loaded
first, so the import also re-links demo concepts).

| benchmark | target | result |
|---|---|---|
| full import: {r["occupations"]:,} occupations, {r["skills"]:,} skills, {r["relations"]:,} relations, {r["labels"]:,} search labels | < 2 min | {r["import_seconds"]:.1f} s |
| re-import of the same bundle (compare only) | - | {r["reimport_seconds"]:.1f} s ({r["reimport_created"]} created, {r["reimport_updated"]} updated) |
| label search, {r["search_queries"]} queries x occupations and skills, {r["search_calls"]:,} calls | p95 < 50 ms | p50 {r["search_p50_ms"]:.1f} ms, p95 {r["search_p95_ms"]:.1f} ms, max {r["search_max_ms"]:.1f} ms |
| search index build, once per process and import | - | occupations {r["index_build_occupation_seconds"]:.1f} s, skills {r["index_build_skill_seconds"]:.1f} s |
| demo taxonomy ({r["demo_occupations"]} occupations, {r["demo_skills"]} skills) | - | {r["demo_seconds"]:.1f} s |

Skipped during the import: {r["skipped_rows"]} rows (the 67 relations and one broader relation
of the occupation that v1.1.1 lists in its relations but not in its occupations). Demo concepts
replaced by their ESCO twin: {r["relinked"].get("occupation", 0)} occupations,
{r["relinked"].get("skill", 0)} skills.
"""


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        figures = _worker(Path(sys.argv[2]), int(sys.argv[3]))
        print(json.dumps(figures, default=float))
        return
    figures = run()
    write_section("Taxonomy", markdown(figures))
    print(json.dumps(figures, indent=2, default=float))


if __name__ == "__main__":
    main()
