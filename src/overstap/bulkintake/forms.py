from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Organisation
from overstap.bulkintake.constants import MAX_UPLOAD_BYTES
from overstap.bulkintake.services import releasing_employers
from overstap.privacy.constants import BsnLegalBasis

if TYPE_CHECKING:
    from overstap.accounts.models import User


class UploadForm(forms.Form):
    employer = forms.ModelChoiceField(
        label=_("Releasing employer"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose the employer"),
        error_messages={"required": _("Choose the releasing employer.")},
    )
    file = forms.FileField(
        label=_("Staff list"),
        help_text=_("An Excel file (.xlsx) or a CSV file, separated by semicolons or commas."),
        error_messages={"required": _("Choose the file with the staff list.")},
    )
    bsn_legal_basis = forms.ChoiceField(
        label=_("Legal basis for recording BSNs"),
        required=False,
        choices=[("", _("The file has no BSNs")), *BsnLegalBasis.choices],
        help_text=_("Only when the file has a BSN column."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = releasing_employers(user)  # type: ignore[attr-defined]
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv,.txt"

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB. Split it into smaller files.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload
