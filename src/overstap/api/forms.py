from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Organisation
from overstap.api.constants import (
    DEFAULT_RATE_PER_MINUTE,
    DEFAULT_TOKEN_DAYS,
    MAX_TOKEN_DAYS,
    Scope,
)


class ScopesMixin(forms.Form):
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Give only what the partner system needs."),
    )
    rate_per_minute = forms.IntegerField(
        label=_("Requests per minute"),
        min_value=1,
        max_value=10000,
        initial=DEFAULT_RATE_PER_MINUTE,
        help_text=_("Above this rate the API answers 429 (too many requests)."),
    )


class ClientCreateForm(ScopesMixin):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    name = forms.CharField(
        label=_("Name of the system"),
        max_length=120,
        help_text=_("For example: client administration of the provider."),
    )
    field_order = ["organisation", "name", "scopes", "rate_per_minute"]

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ClientSettingsForm(ScopesMixin):
    is_active = forms.BooleanField(
        label=_("Active (tokens of an inactive client stop working)"), required=False
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=120,
        help_text=_("Where it is used, e.g. production server."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_TOKEN_DAYS,
        initial=DEFAULT_TOKEN_DAYS,
    )
