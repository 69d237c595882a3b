"""``overstap generate_region``: a region with realistic volumes, for benchmarks and load tests."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from overstap.core.exceptions import DomainError
from overstap.demo.generator import LABOUR_MARKET_REGIONS, generate_region, generate_regions


class Command(BaseCommand):
    help = _(
        "Generate a region with fake people and cases (for benchmarks and load tests; "
        "never in production)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--code",
            "--region",
            dest="code",
            default="generated",
            help=_("Code of the new region."),
        )
        parser.add_argument(
            "--regions",
            type=int,
            default=None,
            help=_(
                "Generate this many regions named after the %(count)s labour-market regions "
                "(existing ones are skipped); --people is then the number per region."
            )
            % {"count": len(LABOUR_MARKET_REGIONS)},
        )
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

        if options["regions"] is not None:
            self._many(options)
            return
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

    def _many(self, options: dict[str, Any]) -> None:
        if options["regions"] <= 0:
            raise CommandError(_("--regions must be positive."))

        def progress(code: str, done: int, total: int) -> None:
            self.stdout.write(f"  {code}: {done:,}/{total:,}")

        try:
            generated, skipped = generate_regions(
                count=options["regions"],
                people=options["people"],
                contacts_per_case=options["contacts"],
                seed=options["seed"],
                progress=progress,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        seconds = sum(result.seconds for result in generated)
        cases = sum(result.counts["cases"] for result in generated)
        self.stdout.write(
            self.style.SUCCESS(
                _("%(regions)s regions generated in %(seconds).1f s: %(cases)s cases.")
                % {"regions": len(generated), "seconds": seconds, "cases": f"{cases:,}"}
            )
        )
        if skipped:
            self.stdout.write(
                _("Skipped (already there): %(codes)s.") % {"codes": ", ".join(skipped)}
            )
