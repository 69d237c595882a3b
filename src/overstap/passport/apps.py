from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PassportConfig(AppConfig):
    name = "overstap.passport"
    label = "passport"
    verbose_name = _("Skills passport")

    def ready(self) -> None:
        from overstap.taxonomy.services.relink import register_reference

        # Every reference to a taxonomy concept follows the demo → ESCO re-link.
        register_reference(
            "passport.PassportOccupation",
            "occupation",
            kind="occupation",
            unique_with=("passport",),
        )
        register_reference(
            "passport.PassportSkill", "skill", kind="skill", unique_with=("passport",)
        )
        register_reference(
            "passport.CertificateSkill", "skill", kind="skill", unique_with=("certificate",)
        )
        register_reference(
            "passport.LearningSkill", "skill", kind="skill", unique_with=("learning",)
        )
        register_reference("passport.Ambition", "occupation", kind="occupation")
        # The intake codes work history to occupations (cases.WorkHistoryEntry.occupation).
        register_reference("cases.WorkHistoryEntry", "occupation", kind="occupation")
