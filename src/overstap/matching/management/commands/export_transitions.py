"""``overstap export_transitions --top 50 --output FILE``: the transition table as CSV.

Columns ``source_uri,target_uri,rank,score`` for every occupation of the imported taxonomy
(replaced demo occupations left out). Rows are written as the engine yields them, so memory
stays at the engine's score chunks, not the whole table as text.
"""

from __future__ import annotations

import contextlib
import csv
import sys
import time
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from overstap.matching import engine_inputs
from overstap.taxonomy.models import Occupation
from skillmatch import transition_table

HEADER = ("source_uri", "target_uri", "rank", "score")


class Command(BaseCommand):
    help = "Write the occupation transition table (source_uri,target_uri,rank,score) as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--top", type=int, default=50, help="Targets per occupation.")
        parser.add_argument(
            "--output", required=True, help="CSV file to write ('-' for standard output)."
        )
        parser.add_argument(
            "--min-score", type=float, default=0.0, help="Leave out targets at or below this."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        top = options["top"]
        if top < 1:
            raise CommandError("--top must be at least 1.")
        started = time.monotonic()
        tax = engine_inputs.get_taxonomy().taxonomy
        if tax is None:
            raise CommandError(
                "No taxonomy has been imported. Run load_demo_taxonomy or import_esco first."
            )
        built = time.monotonic()
        uris: dict[Any, str] = dict(Occupation.objects.values_list("pk", "uri"))
        output = options["output"]
        with contextlib.ExitStack() as stack:
            handle: TextIO = (
                sys.stdout
                if output == "-"
                else stack.enter_context(open(output, "w", newline="", encoding="utf-8"))
            )
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(HEADER)
            rows = 0
            for source, target, rank, score in transition_table(
                tax, top=top, min_score=options["min_score"]
            ):
                writer.writerow((uris[source], uris[target], rank, f"{score:.6f}"))
                rows += 1
        done = time.monotonic()
        self.stderr.write(
            f"{rows} rows for {tax.n_occupations} occupations written in {done - started:.1f} s "
            f"(taxonomy built in {built - started:.1f} s, table in {done - built:.1f} s)."
        )
