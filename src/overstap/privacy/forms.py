"""Forms of the privacy officer's pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.selectors import LogFilters


class AuditSearchForm(forms.Form):
    person = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=100,
        help_text=_("Case number (2026-000123), person number or name."),
    )
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All")), *AuditAction.choices]
    )
    purpose = forms.ChoiceField(
        label=_("Purpose"), required=False, choices=[("", _("All")), *Purpose.choices]
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, for example 01-11-2026.")},
    )
    date_to = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, for example 30-11-2026.")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return cleaned

    def filters(self) -> LogFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return LogFilters(
            person=data.get("person") or "",
            actor=data.get("actor") or "",
            organisation=data.get("organisation") or "",
            action=data.get("action") or "",
            purpose=data.get("purpose") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class LegalHoldForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    hold = forms.TypedChoiceField(
        label=_("Legal hold"),
        coerce=lambda v: v == "on",
        choices=[("on", _("Keep this case: legal hold")), ("off", _("No legal hold"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the legal hold applies.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example a complaint, objection or court case that needs the file. "
            "No personal details beyond what is needed."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("hold") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the legal hold."))
        return cleaned
