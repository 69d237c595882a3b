from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "overstap.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from overstap.privacy import dbguard

        connection_created.connect(dbguard.register_sqlite_function)
        dbguard.allow_flush()
