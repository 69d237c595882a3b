from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "overstap.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from overstap.taxonomy.services.relink import register_reference

        # The skills an offering teaches follow the demo → ESCO re-link like every other
        # reference to a taxonomy concept.
        register_reference(
            "catalogue.Offering_skills", "skill", kind="skill", unique_with=("offering",)
        )
