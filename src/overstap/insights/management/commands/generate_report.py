"""Write the pilot-style report (HTML and PDF) for a period, e.g. from cron every month.

overstap generate_report --period last-month --output /var/lib/overstap/reports
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from overstap.accounts.models import Organisation, Region
from overstap.insights.figures import Filters, apply_filters, region_facts
from overstap.insights.report import build_report, previous_month, write_files
from overstap.insights.views import report_html

PERIODS = ("last-month", "this-year", "last-year", "all")


def period_dates(period: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    if period == "last-month":
        return previous_month(today)
    if period == "this-year":
        return today.replace(month=1, day=1), today
    if period == "last-year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if period == "all":
        return None, None
    if ":" in period:  # FROM:TO as ISO dates
        start, end = period.split(":", 1)
        return dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    raise CommandError(f"Unknown period {period!r}: use one of {', '.join(PERIODS)} or FROM:TO.")


class Command(BaseCommand):
    help = "Write the region's report (figures 7–13 and the funnel) as HTML and PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period", default="last-month", help=f"{', '.join(PERIODS)} or YYYY-MM-DD:YYYY-MM-DD"
        )
        parser.add_argument("--output", default=str(Path(settings.DATA_DIR) / "reports"))
        parser.add_argument("--region", help="Region code (default: every region)")
        parser.add_argument(
            "--employer", action="append", default=[], help="Releasing employer name (repeatable)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = period_dates(options["period"], timezone.localdate())
        regions = Region.objects.all()
        if options["region"]:
            regions = regions.filter(code=options["region"])
            if not regions.exists():
                raise CommandError(f"No region with code {options['region']!r}.")
        output = Path(options["output"])
        css = Path(settings.SRC_DIR) / "static" / "overstap" / "css" / "overstap.css"
        for region in regions:
            employers = list(
                Organisation.objects.filter(region=region, name__in=options["employer"])
            )
            filters = Filters(
                date_from=start,
                date_to=end,
                releasing_employer_ids=tuple(o.pk for o in employers),
            )
            cases = apply_filters(region_facts(region.pk), filters)
            report = build_report(
                region=region, cases=cases, filters=filters, employers=[o.name for o in employers]
            )
            html_path, pdf_path = write_files(report, report_html(report), output)
            if css.exists():
                shutil.copyfile(css, output / "overstap.css")
            self.stdout.write(f"{region.code}: {html_path} {pdf_path}")
