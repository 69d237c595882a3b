"""``overstap rebuild_figures``: rebuild the dashboard's read model (``CaseFact``)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from overstap.accounts.models import Region
from overstap.insights import readmodel


class Command(BaseCommand):
    help = (
        "Rebuild the dashboard's figures table from the cases (all regions, or one). "
        "Normally not needed: changes keep it current. Run it after restoring a backup "
        "or loading data in bulk outside the services."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="region code (default: every region)")

    def handle(self, *args: Any, region: str | None = None, **options: Any) -> None:
        region_id = None
        if region:
            found = Region.objects.filter(code=region).first()
            if found is None:
                raise CommandError(_("Unknown region: %(code)s") % {"code": region})
            region_id = found.pk
        started = time.perf_counter()
        written = readmodel.rebuild(region_id=region_id)
        self.stdout.write(
            _("%(n)s cases in the figures table (%(seconds).1f s).")
            % {"n": written, "seconds": time.perf_counter() - started}
        )
