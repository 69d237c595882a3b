"""`make bench`: every benchmark, each writing its own section of docs/benchmarks.md.

Each module runs in its own process so one benchmark's memory and caches don't colour the
next one's figures.
"""

from __future__ import annotations

import subprocess
import sys
import time

MODULES = [
    "benchmarks.taxonomy_bench",
    "benchmarks.engine_bench",
    "benchmarks.dashboard_bench",
    "benchmarks.bulk_intake_bench",
    "benchmarks.load_bench",  # PostgreSQL only: skipped (exit 0) on SQLite
]


def main() -> int:
    failed = []
    for module in sys.argv[1:] or MODULES:
        start = time.perf_counter()
        print(f"==> {module}", flush=True)
        result = subprocess.run([sys.executable, "-m", module], check=False)  # noqa: S603
        print(f"<== {module}: exit {result.returncode} in {time.perf_counter() - start:.0f} s")
        if result.returncode:
            failed.append(module)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
