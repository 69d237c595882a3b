"""``overstap load_demo``: load the demo region (idempotent; ``--reset`` rebuilds it)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from overstap.core.exceptions import DomainError
from overstap.demo import DEMO_PASSWORD, build_demo, delete_demo, demo_region_exists
from overstap.demo.content import DOCUMENTED_LOGINS, REGION_NAME


class Command(BaseCommand):
    help = (
        "Load the demo region Noordoost-Brabant: partner organisations, users, routes, "
        "offerings and about 60 made-up participants in every state. Does nothing when "
        "the demo region exists; --reset deletes the demo data and builds it again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo region's cases, people, offerings and routes, then rebuild.",
        )

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                _("The demo can only be loaded in demo mode (OVERSTAP_DEMO), never in production.")
            )
        self._ensure_taxonomy()
        if demo_region_exists() and not reset:
            self.stdout.write(
                _("The demo region %(region)s is already loaded. Use --reset to rebuild it.")
                % {"region": REGION_NAME}
            )
            self._build_extensions()
            return
        try:
            with transaction.atomic():
                if reset and delete_demo():
                    self.stdout.write(
                        _("Deleted the demo data of %(region)s.") % {"region": REGION_NAME}
                    )
                summary = build_demo()
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo region %(region)s loaded in %(seconds).1f s.")
                % {"region": REGION_NAME, "seconds": summary.seconds}
            )
        )
        lines = [
            _(
                "%(count)s organisations, %(users)s users, %(routes)s routes, "
                "%(offerings)s offerings"
            )
            % {
                "count": summary.organisations,
                "users": summary.users,
                "routes": summary.routes,
                "offerings": summary.offerings,
            },
            _("%(count)s cases: %(detail)s")
            % {"count": summary.cases, "detail": _format(summary.cases_by_status)},
            _("referrals: %(detail)s") % {"detail": _format(summary.referrals_by_status)},
            _("outcomes: %(detail)s") % {"detail": _format(summary.outcomes_by_kind)},
            _("Log in as %(users)s with the password %(password)s.")
            % {"users": ", ".join(DOCUMENTED_LOGINS), "password": DEMO_PASSWORD},
        ]
        for line in lines:
            self.stdout.write("  " + line)
        self._build_extensions()

    def _ensure_taxonomy(self) -> None:
        """The demo taxonomy (or an imported ESCO) must be there for passports and vacancies."""
        from overstap.taxonomy.models import Occupation

        if not Occupation.objects.exists():
            call_command("load_demo_taxonomy", no_progress=True, stdout=self.stdout)

    def _build_extensions(self) -> None:
        """Vacancies, skills taught, passports and figures: each builder is idempotent."""
        from overstap.accounts.models import Region
        from overstap.demo import insights, passports, rapidresponse, training_skills, vacancies
        from overstap.demo.content import REGION_CODE

        region = Region.objects.get(code=REGION_CODE)
        with transaction.atomic():
            # First: it adds a receiving employer that the vacancies below are spread over.
            from overstap.demo import network as demo_network

            demo_network.build(region)
            counts = {
                "vacancies": vacancies.build(region),
                "offerings_with_skills": training_skills.build(region),
                "passports": passports.build(region),
            }
            figures = insights.build(region)
            rapidresponse.build(region)
            from overstap.demo import consent as demo_consent

            demo_consent.build(region)
            from overstap.demo import schemes as demo_schemes

            demo_schemes.build(region)
            from overstap.demo import api_clients as demo_api_clients

            demo_api_clients.build(region)
            from overstap.demo import national as demo_national

            demo_national.build(region)

            # The demo backdates cases with bulk updates, which send no signals.
            from overstap.insights import readmodel

            readmodel.rebuild()
        self.stdout.write(
            "  "
            + _(
                "new: %(vacancies)s vacancies, %(passports)s skills passports, "
                "%(offerings)s offerings tagged with skills"
            )
            % {
                "vacancies": counts["vacancies"],
                "passports": counts["passports"],
                "offerings": counts["offerings_with_skills"],
            }
            + (f"; {_format(figures)}" if figures else "")
        )


def _format(counts: dict[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in sorted(counts.items()))
