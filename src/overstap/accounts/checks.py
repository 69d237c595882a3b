"""``check --deploy`` warns when production runs without two-factor authentication."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def two_factor_required(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if getattr(settings, "IS_PRODUCTION", False) and not settings.OVERSTAP_REQUIRE_2FA:
        return [
            Warning(
                "OVERSTAP_REQUIRE_2FA is off in production.",
                hint="Staff and employer accounts must use two-factor authentication.",
                id="overstap.W001",
            )
        ]
    return []
