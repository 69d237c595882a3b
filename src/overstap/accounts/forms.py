from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One code: from the authenticator app (or, at login, a backup code)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        error_messages={"required": _("Enter the code.")},
    )

    def __init__(self, *args: Any, allow_backup_code: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.widget.attrs.update({"autocomplete": "one-time-code", "autocapitalize": "none"})
        if allow_backup_code:
            field.help_text = _(
                "The 6-digit code from your authenticator app, or one of your backup codes."
            )
        else:
            field.help_text = _("The 6-digit code your authenticator app shows now.")
            field.widget.attrs["inputmode"] = "numeric"

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()
