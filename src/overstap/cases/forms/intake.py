"""Forms of the intake page: the person's details with the intake, and work history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from overstap.cases.constants import ContractType, DigitalSkills, EducationLevel, WageBand
from overstap.cases.models import Intake, Person, WorkHistoryEntry
from overstap.core.validators import validate_bsn, validate_phone, validate_postcode
from overstap.privacy.constants import BsnLegalBasis
from overstap.privacy.crypto import mask_bsn
from overstap.taxonomy.models import Occupation

#: Plausible age range of a participant, checked on the date of birth.
MIN_AGE = 15
MAX_AGE = 80
#: Earliest year a work-history entry may start.
FIRST_WORK_YEAR = 1950


__all__ = ["mask_bsn"]  # re-exported: the one masking function lives in privacy.crypto


def age_on(birth_date: dt.date | None, day: dt.date) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("— choose —")), *choices]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


PERSON_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "bsn",
    "postcode",
    "municipality",
)
INTAKE_FIELDS = (
    "education_level",
    "education_field",
    "digital_skills",
    "network",
    "motivation",
    "wishes",
    "constraints",
    "min_hours_per_week",
    "max_travel_minutes",
    "min_wage_band",
    "private_circumstances",
)


class IntakeForm(forms.Form):
    """Person details plus the structured intake, saved as draft or completed.

    The BSN is never put back into the form: the field is empty, shows the masked number in
    its help text, and an empty value keeps the recorded BSN (``remove_bsn`` clears it).
    """

    person_version = forms.IntegerField(widget=forms.HiddenInput)
    intake_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        required=False,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    bsn_legal_basis = forms.ChoiceField(
        label=_("Legal basis for the BSN"),
        choices=_blank(BsnLegalBasis.choices),
        required=False,
        help_text=_("Required when you enter a BSN: the law that allows recording it."),
    )
    remove_bsn = forms.BooleanField(label=_("Remove the recorded BSN"), required=False)
    postcode = forms.CharField(
        label=_("Postcode"), max_length=7, required=False, validators=[validate_postcode]
    )
    municipality = forms.CharField(label=_("Municipality"), max_length=100, required=False)

    education_level = forms.ChoiceField(
        label=_("Education level"), choices=_blank(EducationLevel.choices), required=False
    )
    education_field = forms.CharField(label=_("Field of education"), max_length=200, required=False)
    digital_skills = forms.ChoiceField(
        label=_("Digital skills"), choices=_blank(DigitalSkills.choices), required=False
    )
    network = forms.CharField(
        label=_("Network"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who can help: family, former colleagues, clubs, contacts at employers."),
    )
    motivation = forms.CharField(
        label=_("Motivation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    wishes = forms.CharField(
        label=_("Wishes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Work, sector or occupation the person would like."),
    )
    constraints = forms.CharField(
        label=_("Constraints"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example health, care for others, transport."),
    )
    min_hours_per_week = forms.IntegerField(
        label=_("Minimum hours per week"), required=False, min_value=1, max_value=60
    )
    max_travel_minutes = forms.IntegerField(
        label=_("Maximum travel time (minutes, one way)"),
        required=False,
        min_value=0,
        max_value=240,
    )
    min_wage_band = forms.ChoiceField(
        label=_("Minimum wage (gross per month)"), choices=_blank(WageBand.choices), required=False
    )
    private_circumstances = forms.CharField(
        label=_("Private circumstances"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sensitive: only the people working on this case see this."),
    )

    def __init__(self, *args: Any, current_bsn: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current_bsn = current_bsn
        if current_bsn:
            self.fields["bsn"].help_text = _(
                "Recorded: %(masked)s. Leave empty to keep it; type a new number to replace it."
            ) % {"masked": mask_bsn(current_bsn)}
        else:
            del self.fields["remove_bsn"]
            self.fields["bsn"].help_text = _("Only where there is a legal basis for it.")

    @classmethod
    def initial_for(cls, person: Person, intake: Intake | None) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(person, name) for name in PERSON_FIELDS if name != "bsn"
        }
        initial["person_version"] = person.version
        initial["bsn_legal_basis"] = person.bsn_legal_basis
        if intake is not None:
            initial.update({name: getattr(intake, name) for name in INTAKE_FIELDS})
            initial["intake_version"] = intake.version
        return initial

    def clean_birth_date(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("birth_date")
        if value is None:
            return None
        today = timezone.localdate()
        if value > today:
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        age = age_on(value, today)
        if age is None or not MIN_AGE <= age <= MAX_AGE:
            raise forms.ValidationError(
                _(
                    "Check the date of birth: the person should be between %(min)s and "
                    "%(max)s years old."
                )
                % {"min": MIN_AGE, "max": MAX_AGE}
            )
        return value

    def clean_bsn(self) -> str:
        value = "".join((self.cleaned_data.get("bsn") or "").split())
        if value:
            validate_bsn(value)
            if len(value) == 8:
                value = "0" + value
        return value

    def clean_first_name(self) -> str:
        return str(self.cleaned_data["first_name"]).strip()

    def clean_last_name(self) -> str:
        return str(self.cleaned_data["last_name"]).strip()

    def person_data(self) -> dict[str, Any]:
        """The person fields for ``services.save_intake`` (the BSN only when it changes)."""
        data = {name: self.cleaned_data[name] for name in PERSON_FIELDS if name != "bsn"}
        for name in ("email", "phone", "postcode", "municipality"):
            data[name] = data[name] or ""
        basis = self.cleaned_data.get("bsn_legal_basis") or ""
        if self.cleaned_data.get("bsn"):
            data["bsn"] = self.cleaned_data["bsn"]
            data["bsn_legal_basis"] = basis
        elif self.cleaned_data.get("remove_bsn"):
            data["bsn"] = ""
            data["bsn_legal_basis"] = ""
        elif basis and self.current_bsn:
            data["bsn_legal_basis"] = basis
        return data

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("bsn") and not cleaned.get("bsn_legal_basis"):
            self.add_error(
                "bsn_legal_basis",
                _("Choose the legal basis for recording the BSN, or leave the BSN empty."),
            )
        return cleaned

    def intake_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in INTAKE_FIELDS}


def _display(form: forms.Form, name: str, value: Any) -> str:
    """A value as the user reads it: the label of a choice, a date as d-m-Y."""
    if value in (None, ""):
        return "—"
    if name == "bsn":
        return mask_bsn(str(value))
    field = form.fields.get(name)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def conflict_summary(
    form: IntakeForm, person: Person, intake: Intake | None
) -> list[dict[str, str]]:
    """The fields whose saved value differs from the user's input, for merging by hand."""
    rows = []
    for name in (*PERSON_FIELDS, *INTAKE_FIELDS):
        if name == "bsn":
            saved: Any = person.bsn
            mine: Any = form.cleaned_data.get("bsn") or (
                "" if form.cleaned_data.get("remove_bsn") else person.bsn
            )
        elif name in PERSON_FIELDS:
            saved = getattr(person, name)
            mine = form.cleaned_data.get(name)
        else:
            saved = getattr(intake, name) if intake is not None else None
            mine = form.cleaned_data.get(name)
        if (saved or None) == (mine or None):
            continue
        rows.append(
            {
                "label": str(form.fields[name].label),
                "saved": _display(form, name, saved),
                "mine": _display(form, name, mine),
            }
        )
    return rows


class WorkHistoryForm(forms.Form):
    """One job in the person's work history (add or edit)."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    employer_name = forms.CharField(label=_("Employer"), max_length=200)
    job_title = forms.CharField(label=_("Job title"), max_length=200)
    start_year = forms.IntegerField(label=_("From (year)"), required=False)
    end_year = forms.IntegerField(
        label=_("Until (year)"),
        required=False,
        help_text=_("Leave empty if the person still works there."),
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week"), required=False, min_value=1, max_value=80
    )
    wage_band = forms.ChoiceField(
        label=_("Wage (gross per month)"), choices=_blank(WageBand.choices), required=False
    )
    contract_type = forms.ChoiceField(
        label=_("Contract type"), choices=_blank(ContractType.choices), required=False
    )
    # Filled by the taxonomy autocomplete (hidden input with the occupation id).
    occupation = forms.ModelChoiceField(
        queryset=Occupation.objects.all(),
        label=_("Occupation (ESCO)"),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Choose an occupation from the suggestions.")},
    )

    def __init__(self, *args: Any, entry_ids: set[int] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "work")
        super().__init__(*args, **kwargs)
        self.entry_ids = entry_ids or set()

    @property
    def occupation_label(self) -> str:
        """The chosen occupation's label, to put back into the autocomplete's text input."""
        value = self.cleaned_data.get("occupation") if hasattr(self, "cleaned_data") else None
        if value is None:
            raw = self["occupation"].value()
            if isinstance(raw, Occupation):
                value = raw
            elif raw and str(raw).isdigit():
                value = Occupation.objects.filter(pk=int(raw)).first()
        return value.label(get_language() or "nl") if value is not None else ""

    @classmethod
    def initial_for(cls, entry: WorkHistoryEntry) -> dict[str, Any]:
        return {
            "id": entry.pk,
            "employer_name": entry.employer_name,
            "job_title": entry.job_title,
            "start_year": entry.start_year,
            "end_year": entry.end_year,
            "hours_per_week": entry.hours_per_week,
            "wage_band": entry.wage_band,
            "contract_type": entry.contract_type,
            "occupation": entry.occupation_id,
        }

    def _clean_year(self, name: str) -> int | None:
        value: int | None = self.cleaned_data.get(name)
        if value is None:
            return None
        this_year = timezone.localdate().year
        if not FIRST_WORK_YEAR <= value <= this_year:
            raise forms.ValidationError(
                _("Enter a year between %(first)s and %(last)s.")
                % {"first": FIRST_WORK_YEAR, "last": this_year}
            )
        return value

    def clean_start_year(self) -> int | None:
        return self._clean_year("start_year")

    def clean_end_year(self) -> int | None:
        return self._clean_year("end_year")

    def clean_id(self) -> int | None:
        value: int | None = self.cleaned_data.get("id")
        if value is not None and value not in self.entry_ids:
            raise forms.ValidationError(_("This job is not in this person's work history."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year cannot be before the start year."))
        return cleaned

    def entry_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
