"""Forms of the front door. Public forms carry the spam protection of ``spam.py``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from overstap.cases.constants import ContractType, EducationLevel
from overstap.core.validators import validate_phone, validate_postcode
from overstap.frontdoor import spam
from overstap.frontdoor.constants import (
    RESIDENT_SITUATIONS,
    ContactChannel,
    DeskRequestStatus,
    SchemeKind,
    SchemeScope,
    Situation,
    TimePreference,
)
from overstap.frontdoor.models import Scheme


class PublicForm(forms.Form):
    """A public form with a honeypot and a signed start time."""

    form_name = "public"

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_spam = False
        self.submitted_token = ""
        if self.is_bound:
            self.submitted_token = str(self.data.get("started", ""))
            # A re-rendered form starts a new clock, so sending it again works.
            data = self.data.copy()  # type: ignore[attr-defined]
            data["started"] = spam.issue_token(self.form_name)
            self.data = data
        else:
            self.initial["started"] = spam.issue_token(self.form_name)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("website"):
            self.is_spam = True
            return cleaned
        problem = spam.check_token(self.form_name, self.submitted_token)
        if problem == spam.TokenProblem.TOO_FAST:
            raise ValidationError(
                _("That went very fast. Please check your answers and send the form again."),
                code="too_fast",
            )
        if problem is not None:
            raise ValidationError(
                _("This form was open for a long time. Please send it again."),
                code="expired",
            )
        return cleaned


class ResidentForm(PublicForm):
    form_name = "register"

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("We send you a confirmation. Fill in your e-mail address or phone number."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=20,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        validators=[validate_postcode],
        help_text=_("For example 5211 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    situation = forms.ChoiceField(
        label=_("What is your situation?"),
        choices=RESIDENT_SITUATIONS,
        widget=forms.RadioSelect,
    )
    current_employer = forms.CharField(
        label=_("Your employer now or until recently"), required=False, max_length=200
    )
    current_job = forms.CharField(label=_("Your job"), required=False, max_length=200)
    consent = forms.BooleanField(
        label=_("I agree that the team stores these details to help me find work."),
        required=True,
        error_messages={
            "required": _("Tick the box to say you agree. Without it we cannot help you.")
        },
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "postcode",
        "situation",
        "current_employer",
        "current_job",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["current_job"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["current_employer"].widget.attrs["autocomplete"] = "organization"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            not self.is_spam
            and not cleaned.get("email")
            and not cleaned.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error(
                "email",
                _("Fill in your e-mail address or phone number, so we can reach you."),
            )
        return cleaned


class ConversationForm(ResidentForm):
    form_name = "conversation"

    time_preference = forms.ChoiceField(
        label=_("When may we call you?"),
        choices=TimePreference.choices,
        widget=forms.RadioSelect,
    )
    channel = forms.ChoiceField(
        label=_("How would you like to talk?"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    question = forms.CharField(
        label=_("What would you like to talk about?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeskContactForm(PublicForm):
    organisation_name = forms.CharField(label=_("Name of your organisation"), max_length=200)
    contact_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(
        label=_("Phone number"), required=False, max_length=20, validators=[validate_phone]
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            not self.is_spam
            and not cleaned.get("email")
            and not cleaned.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error(
                "email",
                _("Fill in an e-mail address or phone number, so we can reach you."),
            )
        return cleaned


class DeskReportForm(DeskContactForm):
    """A surplus (too many staff) or a shortage (too few staff)."""

    form_name = "desk_report"

    people_count = forms.IntegerField(
        label=_("About how many people?"), min_value=1, max_value=10000
    )
    occupations = forms.CharField(
        label=_("Which jobs?"),
        max_length=300,
        required=False,
        help_text=_("For example: order picker, driver, cook."),
    )
    expected_date = forms.DateField(
        label=_("From when?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    description = forms.CharField(
        label=_("Anything else we should know?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeskVacancyForm(DeskContactForm):
    form_name = "desk_vacancy"

    title = forms.CharField(label=_("Job title"), max_length=200)
    description = forms.CharField(
        label=_("What does the job involve?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    people_count = forms.IntegerField(
        label=_("Number of positions"), min_value=1, max_value=500, initial=1
    )
    hours_min = forms.IntegerField(
        label=_("Minimum hours per week"), required=False, min_value=1, max_value=60
    )
    hours_max = forms.IntegerField(
        label=_("Maximum hours per week"), required=False, min_value=1, max_value=60
    )
    contract_type = forms.ChoiceField(
        label=_("Contract type"),
        required=False,
        choices=[("", _("Not decided yet")), *ContractType.choices],
    )
    postcode = forms.CharField(
        label=_("Postcode of the workplace"),
        required=False,
        max_length=7,
        validators=[validate_postcode],
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=100)
    expected_date = forms.DateField(
        label=_("Start date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("hours_min"), cleaned.get("hours_max")
        if low and high and low > high:
            self.add_error(
                "hours_max", _("The maximum hours cannot be less than the minimum hours.")
            )
        return cleaned


# --- Staff forms -------------------------------------------------------------------------


class RequestStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DeskRequestStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class RequestAssignForm(forms.Form):
    assignee: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Assignee"), queryset=None, required=False, empty_label=_("Nobody")
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, assignees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignees  # type: ignore[attr-defined]


class ConvertForm(forms.Form):
    employer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Employer"), queryset=None
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers  # type: ignore[attr-defined]


class SchemeForm(forms.ModelForm):
    situations = forms.MultipleChoiceField(
        label=_("Work situations"),
        choices=Situation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when the situation does not matter."),
    )
    education_levels = forms.MultipleChoiceField(
        label=_("Education levels"),
        choices=[c for c in EducationLevel.choices if c[0] != EducationLevel.UNKNOWN],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when the education level does not matter."),
    )
    sectors = forms.CharField(
        label=_("Sectors of the releasing employer"),
        required=False,
        help_text=_("Separate with commas. Leave empty when the sector does not matter."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=SchemeKind.choices)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    scope = forms.ChoiceField(label=_("Scope"), choices=SchemeScope.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Scheme
        fields = [
            "name",
            "slug",
            "kind",
            "scope",
            "provider",
            "summary",
            "conditions_text",
            "pays",
            "how_to_apply",
            "url",
            "for_employers",
            "is_active",
            "age_min",
            "age_max",
            "situations",
            "education_levels",
            "sectors",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["sectors"] = ", ".join(self.instance.sectors or [])
            self.initial["version"] = self.instance.version

    def clean_sectors(self) -> list[str]:
        raw = self.cleaned_data.get("sectors") or ""
        return [s.strip() for s in raw.split(",") if s.strip()]
