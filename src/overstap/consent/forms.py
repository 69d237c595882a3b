"""Forms for recording consent and deciding introductions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Organisation
from overstap.consent.constants import (
    DEFAULT_VALID_DAYS,
    PURPOSES_WITH_RECIPIENT,
    ConsentChannel,
    ConsentPurpose,
)


class GiveConsentForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("What the person agrees to"),
        choices=ConsentPurpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the person agrees to.")},
    )
    recipient = forms.ModelChoiceField(
        label=_("Who may receive the data"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Choose an organisation"),
        help_text=_("Leave empty for research: it has no single recipient."),
    )
    channel = forms.ChoiceField(
        label=_("How the person gave consent"),
        choices=ConsentChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the person gave consent.")},
    )
    text_version = forms.CharField(widget=forms.HiddenInput)
    expires_on = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Suggested: one year. Leave empty for no end date."),
        error_messages={"invalid": _("Enter a date, for example 31-12-2027.")},
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"expires_on": timezone.localdate() + dt.timedelta(days=DEFAULT_VALID_DAYS)},
        )
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        purpose = cleaned.get("purpose")
        recipient = cleaned.get("recipient")
        if purpose in PURPOSES_WITH_RECIPIENT and recipient is None:
            self.add_error("recipient", _("Choose who may receive the data."))
        if purpose == ConsentPurpose.RESEARCH and recipient is not None:
            self.add_error("recipient", _("Research has no single recipient: leave this empty."))
        expires_on = cleaned.get("expires_on")
        if expires_on is not None and expires_on <= timezone.localdate():
            self.add_error("expires_on", _("The end date must be in the future."))
        return cleaned


class AcceptIntroductionForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How the person gave consent"),
        choices=ConsentChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the person gave consent.")},
    )
