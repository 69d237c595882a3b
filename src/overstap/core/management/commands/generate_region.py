"""``overstap generate_region``: a region with realistic volumes, for benchmarks and load tests."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from overstap.core.exceptions import DomainError
from overstap.demo.generator import generate_region


class Command(BaseCommand):
    help = _(
        "Generate a region with fake people and cases (for benchmarks and load tests; "
        "never in production)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", default="generated", help=_("Code of the new region."))
        parser.add_argument("--name", default=None, help=_("Name of the new region."))
        parser.add_argument(
            "--people", type=int, default=1000, help=_("Number of people (one case each).")
        )
        parser.add_argument(
            "--contacts", type=int, default=10, help=_("Average number of contacts per case.")
        )
        parser.add_argument("--seed", type=int, default=6, help=_("Random seed."))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Allow generating outside demo mode (a scratch database only)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEMO_MODE or settings.DEBUG or options["force"]):
            raise CommandError(
                _("Generated data is for scratch databases: use demo mode or pass --force.")
            )
        if options["people"] <= 0 or options["contacts"] < 0:
            raise CommandError(_("--people must be positive and --contacts at least 0."))

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  {done:,}/{total:,}")

        try:
            result = generate_region(
                code=options["code"],
                name=options["name"],
                people=options["people"],
                contacts_per_case=options["contacts"],
                seed=options["seed"],
                progress=progress,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        counts = ", ".join(f"{key} {n:,}" for key, n in result.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                _("Region %(code)s generated in %(seconds).1f s: %(counts)s.")
                % {"code": result.region.code, "seconds": result.seconds, "counts": counts}
            )
        )
        self.stdout.write(
            _("Coordinator: %(user)s (no password; set one with changepassword).")
            % {"user": result.coordinator.username}
        )
