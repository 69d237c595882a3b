from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "overstap.employers"
    label = "employers"
    verbose_name = _("Employers")

    def ready(self) -> None:
        from overstap.taxonomy.services.relink import register_reference

        # After an ESCO import, vacancies move from demo concepts to their ESCO twins.
        register_reference("employers.Vacancy", "occupation", kind="occupation")
        register_reference(
            "employers.VacancySkill", "skill", kind="skill", unique_with=("vacancy",)
        )
