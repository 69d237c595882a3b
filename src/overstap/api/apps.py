from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """Partner API clients, their tokens and the REST endpoints for partner systems."""

    name = "overstap.api"
    verbose_name = _("Partner API")
    default_auto_field = "django.db.models.BigAutoField"
