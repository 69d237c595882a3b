from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontdoorConfig(AppConfig):
    """The public front door: information, self-registration, the employer desk, schemes."""

    name = "overstap.frontdoor"
    label = "frontdoor"
    verbose_name = _("Front door")
