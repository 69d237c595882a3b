from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from overstap.national.figures import NationalFilters

MONTH = forms.TextInput(attrs={"type": "month", "placeholder": "2026-01"})
_MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


class MonthField(forms.CharField):
    """A month as ``YYYY-MM`` (the browser's ``<input type=month>``); cleans to its first day."""

    widget = MONTH

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        value = super().to_python(value)
        if not value:
            return None
        match = _MONTH_PATTERN.match(value.strip())
        if match is None:
            raise forms.ValidationError(
                _("Enter a month as year and month, for example 2026-03."), code="invalid"
            )
        year, month = int(match.group(1)), int(match.group(2))
        if not (1 <= month <= 12 and 2000 <= year <= 2100):
            raise forms.ValidationError(
                _("Enter a month as year and month, for example 2026-03."), code="invalid"
            )
        return dt.date(year, month, 1)


class NationalFilterForm(forms.Form):
    month_from = MonthField(label=_("Registered from (month)"), required=False)
    month_to = MonthField(label=_("Registered until (month)"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(self, *args: Any, sectors: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["sector"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All sectors")), *[(s, s) for s in sectors]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("month_from"), cleaned.get("month_to")
        if start and end and start > end:
            self.add_error("month_to", _("The last month cannot be before the first month."))
        return cleaned

    def filters(self) -> NationalFilters:
        """The filters to apply: none when the form is unbound or invalid."""
        if not self.is_bound or not self.is_valid():
            return NationalFilters()
        return NationalFilters(
            month_from=self.cleaned_data["month_from"],
            month_to=self.cleaned_data["month_to"],
            sector=self.cleaned_data["sector"] or "",
        )
