"""``overstap import_esco PATH [--lang nl --lang en]``: import the official ESCO CSV bundle."""

from __future__ import annotations

from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from overstap.taxonomy.constants import LANGUAGES
from overstap.taxonomy.progress import ProgressBar
from overstap.taxonomy.services import BundleError, import_esco

from ._report import write_report


class Command(BaseCommand):
    help = (
        "Import an ESCO CSV bundle (v1.1.x or v1.2.x layout). Atomic and idempotent; "
        "demo concepts are re-linked to their ESCO twins afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Folder with the unzipped ESCO CSV files.")
        parser.add_argument(
            "--lang",
            action="append",
            choices=LANGUAGES,
            dest="languages",
            help="Language to import (repeatable; default: nl and en).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        languages = options["languages"] or list(LANGUAGES)
        progress = None if options["no_progress"] else ProgressBar(cast(TextIO, self.stderr._out))
        try:
            report = import_esco(options["path"], languages, progress=progress)
        except BundleError as exc:
            lines = [_("The ESCO bundle cannot be imported; nothing was changed:")]
            lines += [f"  - {problem}" for problem in exc.problems]
            raise CommandError("\n".join(lines)) from exc
        finally:
            if progress:
                progress.close()
        write_report(self.stdout, report, self.style.SUCCESS, self.style.WARNING)
