"""The form to move a case to another region (issue #9)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Region
from overstap.cases.models import Case


class TransferForm(forms.Form):
    to_region = forms.ModelChoiceField(
        label=_("New region"),
        queryset=Region.objects.none(),
        empty_label=_("Choose the region the person moves to"),
        error_messages={"required": _("Choose the region the person moves to.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: moved house to another municipality. The receiving region reads this."
        ),
        error_messages={"required": _("Give the reason for the move.")},
    )
    confirm = forms.BooleanField(
        label=_("Yes, move this case"),
        error_messages={"required": _("Confirm that you want to move the case.")},
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("expected_version", case.version)
        super().__init__(*args, **kwargs)
        field = self.fields["to_region"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Region.objects.exclude(pk=case.region_id).order_by("name")
