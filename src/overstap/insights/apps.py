from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "overstap.insights"
    label = "insights"
    verbose_name = _("Insight")

    def ready(self) -> None:
        from overstap.cases.signals import cases_changed
        from overstap.insights import readmodel

        readmodel.connect()
        cases_changed.connect(
            lambda sender, case_ids, **kwargs: readmodel.mark_stale(case_ids),
            dispatch_uid="insights_fact_bulk",
            weak=False,
        )
