"""Forms of the vacancy pages: the list filters, the vacancy form and the upload form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from overstap.accounts.models import Organisation
from overstap.cases.constants import ContractType, WageBand
from overstap.employers import selectors
from overstap.employers.constants import (
    MAX_HOURS,
    MIN_HOURS,
    ImportFormat,
    Shift,
    VacancyStatus,
)

if TYPE_CHECKING:
    from overstap.accounts.models import User

HOUR_CHOICES = [
    ("", _("Any hours")),
    ("lt24", _("Fewer than 24 hours")),
    ("24_32", _("24 to 32 hours")),
    ("gte32", _("32 hours or more")),
]


class VacancyFilterForm(forms.Form):
    """Search and filters of the vacancy list (GET). Invalid values simply filter nothing."""

    text = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Job title, description, employer or place."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    occupation = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )
    employer = forms.ModelChoiceField(
        label=_("Employer"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("All employers"),
    )
    contract_type = forms.ChoiceField(
        label=_("Contract"),
        required=False,
        choices=[("", _("All contracts")), *ContractType.choices],
    )
    hours = forms.ChoiceField(label=_("Hours per week"), required=False, choices=HOUR_CHOICES)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *VacancyStatus.choices],
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = selectors.employers_with_vacancies(  # type: ignore[attr-defined]
            user=user
        )
        self.shows_status = user.role not in (selectors.REGION_READERS - selectors.REGION_MANAGERS)
        if not self.shows_status:
            del self.fields["status"]

    def filters(self, occupation_id: int | None = None) -> selectors.VacancyFilters:
        if not self.is_bound:
            return selectors.VacancyFilters()
        self.is_valid()
        data = self.cleaned_data
        employer = data.get("employer")
        return selectors.VacancyFilters(
            text=(data.get("text") or "").strip(),
            occupation_id=occupation_id or data.get("occupation") or None,
            employer_id=employer.pk if employer else None,
            contract_type=data.get("contract_type") or "",
            hours=data.get("hours") or "",
            status=data.get("status") or "",
        )


class VacancyForm(forms.Form):
    """The fields of a vacancy; the occupation and skills are posted by their own widgets."""

    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Organisation.objects.none())
    title = forms.CharField(
        label=_("Job title"),
        max_length=200,
        help_text=_("As the employer calls the job, for example “Zelfstandig werkend kok”."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the work is like, the team and the place. No personal data."),
    )
    hours_min = forms.IntegerField(
        label=_("Minimum hours per week"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    hours_max = forms.IntegerField(
        label=_("Maximum hours per week"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    wage_band = forms.ChoiceField(
        label=_("Wage band (gross per month)"),
        required=False,
        choices=[("", _("Not stated")), *WageBand.choices],
    )
    contract_type = forms.ChoiceField(
        label=_("Contract type"),
        required=False,
        choices=[("", _("Not stated")), *ContractType.choices],
    )
    postcode = forms.CharField(
        label=_("Postcode of the workplace"),
        max_length=10,
        help_text=_("For example 5211 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=100)
    shifts = forms.MultipleChoiceField(
        label=_("Shifts"),
        required=False,
        choices=Shift.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    start_date = forms.DateField(
        label=_("Start date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for “as soon as possible”."),
    )
    positions = forms.IntegerField(
        label=_("Number of positions"),
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    open_to_other_sectors = forms.BooleanField(
        label=_("Open to people from other sectors"), required=False, initial=True
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=VacancyStatus.choices,
        initial=VacancyStatus.OPEN,
        help_text=_(
            "Case managers see open vacancies only. An open vacancy needs an occupation or at "
            "least one must-have skill."
        ),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employers = selectors.editable_employers(user=user).order_by("name")
        field = self.fields["employer"]
        field.queryset = employers  # type: ignore[attr-defined]
        field.error_messages["required"] = _("Choose the employer.")
        if employers.count() == 1:
            field.initial = employers.first()
            field.disabled = True
            field.widget = forms.HiddenInput()
        for name in ("hours_min", "hours_max"):
            self.fields[name].error_messages["required"] = _(
                "Give the hours per week (%(min)s to %(max)s)."
            ) % {"min": MIN_HOURS, "max": MAX_HOURS}
        self.fields["postcode"].error_messages["required"] = _(
            "Give the postcode of the workplace, for example 5211 AB."
        )
        self.fields["positions"].error_messages["required"] = _(
            "Give the number of positions (at least 1)."
        )


class ImportForm(forms.Form):
    """Upload a CSV file or schema.org JobPosting JSON(-LD)."""

    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Organisation.objects.none())
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV file (UTF-8, comma or semicolon separated) or a JSON / JSON-LD file."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("Recognise from the file")), *ImportFormat.choices],
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employers = selectors.editable_employers(user=user).order_by("name")
        field = self.fields["employer"]
        field.queryset = employers  # type: ignore[attr-defined]
        field.error_messages["required"] = _("Choose the employer.")
        if employers.count() == 1:
            field.initial = employers.first()
            field.disabled = True
            field.widget = forms.HiddenInput()
