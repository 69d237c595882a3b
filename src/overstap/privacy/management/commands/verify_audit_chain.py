"""``overstap verify_audit_chain``: recompute the audit log's hash chain.

Exit code 0 when every entry is intact; 1 (with the first broken entry) otherwise. Suitable
for a nightly cron job or monitoring check.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from overstap.privacy.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exit code 1 at the first broken entry."

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                _(
                    "The audit log chain is broken at entry %(entry)s "
                    "(after %(checked)s intact entries)."
                )
                % {"entry": report.broken_at, "checked": report.checked},
                returncode=1,
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("The audit log chain is intact (%(checked)s entries).")
                % {"checked": report.checked}
            )
        )
