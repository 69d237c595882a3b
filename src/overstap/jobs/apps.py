from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "overstap.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # The handlers of the jobs that other apps do not register themselves.
        from overstap.jobs import builtin  # noqa: F401
