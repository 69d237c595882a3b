"""Forms for "no wrong door" registration and for merging duplicate records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import OrganisationKind
from overstap.accounts.models import Organisation
from overstap.cases import access
from overstap.cases.constants import SignalSource
from overstap.cases.services import RegistrationData
from overstap.core.validators import (
    normalise_phone,
    normalise_postcode,
    validate_bsn,
    validate_phone,
    validate_postcode,
)
from overstap.privacy.constants import BsnLegalBasis

if TYPE_CHECKING:
    from overstap.accounts.models import User

MIN_AGE = 15
MAX_AGE = 80


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day``."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


class RegistrationForm(forms.Form):
    """Register a person who knocks on any door. Validated server-side with clear messages."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        error_messages={"required": _("Enter the first name.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        error_messages={"required": _("Enter the last name.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Including prefixes such as 'de' or 'van der'."),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date of birth as a date, for example 17-05-1970.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address like name@example.nl.")},
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        help_text=_(
            "Only fill this in when there is a legal basis to record the citizen service number."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    bsn_legal_basis = forms.ChoiceField(
        label=_("Legal basis for the BSN"),
        required=False,
        help_text=_("Required when you enter a BSN: the law that allows recording it."),
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=8)
    municipality = forms.CharField(label=_("Municipality"), required=False, max_length=100)
    signal_source = forms.ChoiceField(
        label=_("Who brought this person in?"),
        error_messages={"required": _("Choose who brought this person in.")},
    )
    releasing_employer = forms.ModelChoiceField(
        label=_("Releasing employer"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None or unknown"),
        help_text=_("The employer the person is leaving, if known."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the person asked for. No medical or other sensitive details."),
    )
    take_case = forms.BooleanField(label=_("I will be the case manager"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        signal_field: Any = self.fields["signal_source"]
        signal_field.choices = [("", _("Choose…")), *SignalSource.choices]
        basis_field: Any = self.fields["bsn_legal_basis"]
        basis_field.choices = [("", _("Choose…")), *BsnLegalBasis.choices]
        employer_field: Any = self.fields["releasing_employer"]
        employer_field.queryset = Organisation.objects.filter(
            region_id=user.region_id or 0, kind=OrganisationKind.EMPLOYER, is_active=True
        )
        if not access.can_be_case_manager(user):
            del self.fields["take_case"]

    def clean_first_name(self) -> str:
        return str(self.cleaned_data["first_name"]).strip()

    def clean_last_name(self) -> str:
        return str(self.cleaned_data["last_name"]).strip()

    def clean_birth_date(self) -> dt.date | None:
        birth_date: dt.date | None = self.cleaned_data.get("birth_date")
        if birth_date is None:
            return None
        today = timezone.localdate()
        if birth_date > today:
            raise forms.ValidationError(
                _("The date of birth cannot be in the future."), code="future"
            )
        age = age_on(birth_date, today)
        if not MIN_AGE <= age <= MAX_AGE:
            raise forms.ValidationError(
                _(
                    "Check the date of birth: the person would be %(age)s years old. "
                    "We register people between %(min)s and %(max)s."
                ),
                code="age",
                params={"age": age, "min": MIN_AGE, "max": MAX_AGE},
            )
        return birth_date

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone") or "").strip()
        if phone:
            validate_phone(phone)
            return normalise_phone(phone)
        return ""

    def clean_bsn(self) -> str:
        bsn = str(self.cleaned_data.get("bsn") or "").replace(" ", "").replace(".", "")
        if bsn:
            validate_bsn(bsn)
        return bsn

    def clean_postcode(self) -> str:
        postcode = str(self.cleaned_data.get("postcode") or "").strip()
        if postcode:
            validate_postcode(postcode)
            return normalise_postcode(postcode)
        return ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        email_ok = "email" not in self.errors
        phone_ok = "phone" not in self.errors
        if email_ok and phone_ok and not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(
                _(
                    "Fill in an e-mail address or a phone number, so that the case manager "
                    "can reach the person."
                ),
                code="no_contact",
            )
        if cleaned.get("bsn") and not cleaned.get("bsn_legal_basis"):
            self.add_error(
                "bsn_legal_basis",
                _("Choose the legal basis for recording the BSN, or leave the BSN empty."),
            )
        return cleaned

    def registration_data(self) -> RegistrationData:
        data = self.cleaned_data
        employer = data.get("releasing_employer")
        return RegistrationData(
            first_name=data["first_name"],
            last_name=data["last_name"],
            signal_source=data["signal_source"],
            birth_date=data.get("birth_date"),
            email=data.get("email") or "",
            phone=data.get("phone") or "",
            bsn=data.get("bsn") or "",
            bsn_legal_basis=(data.get("bsn_legal_basis") or "") if data.get("bsn") else "",
            postcode=data.get("postcode") or "",
            municipality=(data.get("municipality") or "").strip(),
            releasing_employer_id=employer.pk if employer else None,
            note=data.get("note") or "",
        )


class DuplicateDecisionForm(forms.Form):
    """What the user decided after seeing possible duplicates (sent as hidden fields)."""

    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
    existing_person_id = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MergeForm(forms.Form):
    """Choose which of two records to keep; the other is merged into it."""

    keep = forms.TypedChoiceField(
        label=_("Which record do you keep?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the record to keep.")},
    )

    def __init__(self, *args: Any, person_ids: tuple[int, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person_ids = person_ids
        field: Any = self.fields["keep"]
        field.choices = [(pk, _("Keep record %(number)s") % {"number": pk}) for pk in person_ids]

    def merge_id(self) -> int:
        keep = self.cleaned_data["keep"]
        return next(pk for pk in self.person_ids if pk != keep)
