"""``overstap load_demo_taxonomy``: load the demo taxonomy (works offline)."""

from __future__ import annotations

from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from overstap.taxonomy.progress import ProgressBar
from overstap.taxonomy.services import BundleError, load_demo_taxonomy

from ._report import write_report


class Command(BaseCommand):
    help = (
        "Load the Overstap demo taxonomy (about 80 occupations, 400 skills) via the ESCO importer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = None if options["no_progress"] else ProgressBar(cast(TextIO, self.stderr._out))
        try:
            report = load_demo_taxonomy(progress=progress)
        except BundleError as exc:  # pragma: no cover - the shipped files are tested
            raise CommandError(
                "\n".join([_("The demo taxonomy is broken:"), *exc.problems])
            ) from exc
        finally:
            if progress:
                progress.close()
        write_report(self.stdout, report, self.style.SUCCESS, self.style.WARNING)
