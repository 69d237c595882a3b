"""Regional configuration forms: triage routes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Region
from overstap.cases.models import Route


class RouteForm(forms.ModelForm):
    """A triage route of one region. The region comes from the user, never from the form."""

    class Meta:
        model = Route
        fields = ["number", "name", "intensity", "description", "is_active"]
        help_texts = {
            "number": _("The number people in your region know this route by."),
            "intensity": _("How much support this route gives; used in the regional figures."),
            "is_active": _("Inactive routes can no longer be chosen at triage."),
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        self.instance.region = region

    def clean_number(self) -> int:
        number: int = self.cleaned_data["number"]
        clash = Route.objects.filter(region=self.region, number=number)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _(
                    "Route number %(number)s is already used in your region. "
                    "To swap two numbers, first give one of the routes a free number."
                ),
                code="unique_number",
                params={"number": number},
            )
        return number
