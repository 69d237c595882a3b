"""``overstap apply_retention [--dry-run]``: anonymise closed cases past retention.

Run it daily from cron until the task queue schedules it, for example::

    15 3 * * *  overstap apply_retention --json >> /var/log/overstap/retention.log

Exit code 0 when the run had no errors, 1 otherwise (the report lists the person ids).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from overstap.privacy.retention import apply_retention


class Command(BaseCommand):
    help = "Anonymise closed cases (and their people) whose retention period has passed."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; change nothing."
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = apply_retention(dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), sort_keys=True))
        else:
            if report.dry_run:
                self.stdout.write(_("Dry run: nothing was changed."))
            lines = [
                _("Retention period ends on or before %(cutoff)s.")
                % {"cutoff": report.cutoff.isoformat()},
                _("People anonymised: %(count)s") % {"count": report.persons_anonymised},
                _("Cases anonymised: %(count)s") % {"count": report.cases_anonymised},
                _("Skipped for a legal hold: %(count)s") % {"count": report.skipped_legal_hold},
                _("Kept, another case is open: %(count)s") % {"count": report.skipped_open_case},
                _("Kept, another case is not yet due: %(count)s")
                % {"count": report.skipped_not_due},
                _("Errors: %(count)s") % {"count": len(report.errors)},
            ]
            for line in lines:
                self.stdout.write(line)
            for error in report.errors:
                self.stderr.write(error)
        if report.errors:
            raise CommandError(_("Retention finished with errors."), returncode=1)
