from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulkIntakeConfig(AppConfig):
    name = "overstap.bulkintake"
    verbose_name = _("Bulk intake")

    def ready(self) -> None:
        # Registers the handler of the bulk intake job.
        from overstap.bulkintake import services  # noqa: F401
