"""Forms of the employer network pages. The services validate again; these give early,
field-level messages and keep the user's input when a save fails."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Organisation, User
from overstap.core.validators import validate_kvk, validate_phone, validate_postcode
from overstap.network import selectors
from overstap.network.constants import (
    MAX_HEADCOUNT,
    Arrangement,
    ProposalStatus,
    RegistrationStatus,
    SizeClass,
)
from overstap.network.models import validate_sbi_code

if TYPE_CHECKING:
    from overstap.network.models import Proposal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EmployerFilterForm(forms.Form):
    text = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Name or KvK number."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    account_manager = forms.ModelChoiceField(
        label=_("Account manager"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("All account managers"),
    )
    has_surplus = forms.BooleanField(label=_("With open surplus"), required=False)
    has_shortage = forms.BooleanField(label=_("With open shortage"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [  # type: ignore[attr-defined]
            ("", _("All sectors")),
            *((s, s) for s in selectors.sectors(user=user)),
        ]
        self.fields["account_manager"].queryset = selectors.account_managers(  # type: ignore[attr-defined]
            selectors.user_region_id(user)
        )

    def filters(self) -> selectors.EmployerFilters:
        if not self.is_bound or not self.is_valid():
            return selectors.EmployerFilters()
        data = self.cleaned_data
        manager = data.get("account_manager")
        return selectors.EmployerFilters(
            text=data.get("text") or "",
            sector=data.get("sector") or "",
            account_manager_id=manager.pk if manager else None,
            has_surplus=bool(data.get("has_surplus")),
            has_shortage=bool(data.get("has_shortage")),
        )


class ProfileForm(forms.Form):
    kvk_number = forms.CharField(
        label=_("KvK number"),
        required=False,
        max_length=9,
        validators=[validate_kvk],
        help_text=_("8 digits, from the Chamber of Commerce register."),
    )
    sector = forms.CharField(label=_("Sector"), required=False, max_length=120)
    sbi_code = forms.CharField(
        label=_("SBI code"),
        required=False,
        max_length=6,
        validators=[validate_sbi_code],
        help_text=_("The activity code of the Chamber of Commerce, for example 5510 for hotels."),
    )
    size_class = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", _("Unknown")), *SizeClass.choices]
    )
    account_manager = forms.ModelChoiceField(
        label=_("Account manager"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Nobody yet"),
    )
    exclude_same_sector = forms.BooleanField(
        label=_("Never propose moves to or from competitors in the same sector"), required=False
    )
    excluded_employers = forms.ModelMultipleChoiceField(
        label=_("Employers this employer does not want to work with"),
        required=False,
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, employer: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["account_manager"].queryset = selectors.account_managers(  # type: ignore[attr-defined]
            employer.region_id
        )
        self.fields["excluded_employers"].queryset = (  # type: ignore[attr-defined]
            selectors.region_employers(employer.region_id).exclude(pk=employer.pk).order_by("name")
        )

    def clean_kvk_number(self) -> str:
        return (self.cleaned_data.get("kvk_number") or "").replace(" ", "")


class LocationForm(forms.Form):
    name = forms.CharField(label=_("Name of the location"), max_length=120)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, validators=[validate_postcode])
    city = forms.CharField(label=_("Place"), required=False, max_length=100)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Job or role"), required=False, max_length=120)
    email = forms.EmailField(label=_("Email address"), required=False)
    phone = forms.CharField(
        label=_("Phone number"), required=False, max_length=20, validators=[validate_phone]
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class SurplusForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the hotel closes, a department moves, fewer orders."),
    )
    expected_date = forms.DateField(
        label=_("Expected date"),
        widget=DATE,
        help_text=_("From when people are expected to leave."),
    )
    social_plan = forms.BooleanField(label=_("There is a social plan"), required=False)
    lending_possible = forms.BooleanField(
        label=_("Temporary lending to another employer is possible"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_expected_date(self) -> Any:
        value = self.cleaned_data.get("expected_date")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("The expected date cannot be in the past."))
        return value


class ShortageForm(forms.Form):
    period_start = forms.DateField(label=_("From"), widget=DATE)
    period_end = forms.DateField(label=_("Until"), widget=DATE)
    open_to_other_sectors = forms.BooleanField(
        label=_("Open to people from other sectors"), required=False, initial=True
    )
    willing_to_train = forms.BooleanField(label=_("Willing to train people"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if end is not None and end < timezone.localdate():
            self.add_error("period_end", _("The period cannot end in the past."))
        elif start is not None and end is not None and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class RegistrationStatusForm(forms.Form):
    status = forms.ChoiceField(choices=RegistrationStatus.choices)
    version = forms.IntegerField(required=False)


class ProposalCreateForm(forms.Form):
    surplus_line = forms.IntegerField(widget=forms.HiddenInput)
    shortage_line = forms.IntegerField(widget=forms.HiddenInput)
    arrangement = forms.ChoiceField(label=_("Arrangement"), choices=Arrangement.choices)
    headcount = forms.IntegerField(
        label=_("Number of people"), min_value=1, max_value=MAX_HEADCOUNT
    )


class ProposalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ProposalStatus.choices)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ProposalResultForm(forms.Form):
    people_moved = forms.IntegerField(
        label=_("Number of people who moved"), min_value=0, max_value=MAX_HEADCOUNT
    )
    result_note = forms.CharField(
        label=_("How did it go?"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    @classmethod
    def for_proposal(cls, proposal: Proposal) -> ProposalResultForm:
        return cls(
            initial={
                "people_moved": proposal.people_moved,
                "result_note": proposal.result_note,
                "version": proposal.version,
            }
        )
