"""Forms of the skills passport page. Concepts are chosen with the taxonomy autocomplete,
which writes the concept id into a hidden input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from overstap.cases.constants import ContractType, WageBand
from overstap.passport.constants import AmbitionKind, EvidenceLevel, Shift, SkillAction
from overstap.passport.models import PassportConstraints
from overstap.taxonomy.constants import DEFAULT_LANGUAGE
from overstap.taxonomy.models import Occupation, Skill


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("— choose —")), *choices]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ConceptField(forms.ModelChoiceField):
    """A concept id from the autocomplete's hidden input."""

    def __init__(self, queryset: Any, *, label: Any, required: bool = True, **kwargs: Any) -> None:
        message = (
            _("Choose an occupation from the suggestions.")
            if queryset.model is Occupation
            else _("Choose a skill from the suggestions.")
        )
        super().__init__(
            queryset=queryset,
            label=label,
            required=required,
            widget=forms.HiddenInput,
            error_messages={"required": message, "invalid_choice": message},
            **kwargs,
        )


class ConceptFormMixin:
    """Gives templates the label of the chosen concept to put back into the text input."""

    concept_fields: tuple[str, ...] = ()
    lang: str = DEFAULT_LANGUAGE

    def concept_label(self, name: str) -> str:
        form: Any = self
        value = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        if value is None:
            raw = form[name].value()
            field = form.fields[name]
            try:
                value = field.queryset.filter(pk=int(raw)).first() if raw else None
            except (TypeError, ValueError):
                value = None
        return value.label(self.lang) if value is not None else ""


class OccupationAddForm(ConceptFormMixin, forms.Form):
    occupation = ConceptField(Occupation.objects.all(), label=_("Occupation"))
    years = forms.IntegerField(
        label=_("Years of experience"), required=False, min_value=0, max_value=60
    )

    @property
    def occupation_label(self) -> str:
        return self.concept_label("occupation")


class SkillAddForm(ConceptFormMixin, forms.Form):
    skill = ConceptField(Skill.objects.all(), label=_("Skill"))
    evidence = forms.ChoiceField(
        label=_("Evidence"),
        choices=EvidenceLevel.choices,
        initial=EvidenceLevel.SELF_DECLARED,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    @property
    def skill_label(self) -> str:
        return self.concept_label("skill")


class SkillBulkForm(forms.Form):
    """Act on several skills at once (the checkboxes of one group)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    skill = forms.TypedMultipleChoiceField(
        label=_("Skills"),
        coerce=int,
        error_messages={"required": _("Select at least one skill.")},
    )
    action = forms.ChoiceField(label=_("Action"), choices=SkillAction.choices)
    evidence = forms.ChoiceField(
        label=_("Evidence"), choices=_blank(EvidenceLevel.choices), required=False
    )

    def __init__(self, *args: Any, skill_ids: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["skill"]
        field.choices = [(str(i), str(i)) for i in sorted(skill_ids or set())]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == SkillAction.EVIDENCE and not cleaned.get("evidence"):
            self.add_error("evidence", _("Choose an evidence level."))
        return cleaned

    def selected(self) -> set[int]:
        """The ids the user ticked (also when the form is invalid), to keep them ticked."""
        ids = set()
        for raw in self.data.getlist("skill") if hasattr(self.data, "getlist") else []:
            if str(raw).isdigit():
                ids.add(int(raw))
        return ids


class CertificateForm(ConceptFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the certificate or diploma"),
        max_length=200,
        error_messages={"required": _("Enter the name of the certificate or diploma.")},
    )
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)
    obtained_on = forms.DateField(label=_("Date obtained"), required=False, widget=DateInput)
    expires_on = forms.DateField(label=_("Valid until"), required=False, widget=DateInput)
    skill = ConceptField(Skill.objects.all(), label=_("Skill it proves"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("obtained_on"), cleaned.get("expires_on")
        if start and end and end < start:
            self.add_error(
                "expires_on", _("The end of validity cannot be before the date obtained.")
            )
        return cleaned

    @property
    def skill_label(self) -> str:
        return self.concept_label("skill")


class LearningForm(ConceptFormMixin, forms.Form):
    description = forms.CharField(
        label=_("What did the person learn?"),
        max_length=300,
        help_text=_("For example: trained new colleagues, learned to work with the till system."),
        error_messages={"required": _("Describe what the person learned.")},
    )
    period = forms.CharField(
        label=_("When"),
        max_length=100,
        required=False,
        help_text=_("For example: 2015–2018."),
    )
    skill = ConceptField(Skill.objects.all(), label=_("Skill learned"), required=False)

    @property
    def skill_label(self) -> str:
        return self.concept_label("skill")


class AmbitionForm(ConceptFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of ambition"),
        choices=AmbitionKind.choices,
        widget=forms.RadioSelect,
        initial=AmbitionKind.DREAM_JOB,
    )
    occupation = ConceptField(
        Occupation.objects.all(), label=_("Target occupation"), required=False
    )
    sector = forms.CharField(
        label=_("Or a sector or kind of work"),
        max_length=200,
        required=False,
        help_text=_("For example: care, logistics, working outdoors."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not cleaned.get("occupation")
            and not (cleaned.get("sector") or "").strip()
            and "occupation" not in self.errors
        ):
            self.add_error("sector", _("Choose an occupation or type a sector or kind of work."))
        return cleaned

    @property
    def occupation_label(self) -> str:
        return self.concept_label("occupation")


class ConstraintsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    min_hours_per_week = forms.IntegerField(
        label=_("Minimum hours per week"), required=False, min_value=1, max_value=60
    )
    max_travel_minutes = forms.IntegerField(
        label=_("Maximum travel time (minutes, one way)"),
        required=False,
        min_value=0,
        max_value=240,
    )
    max_travel_km = forms.IntegerField(
        label=_("Maximum travel distance (km, one way)"),
        required=False,
        min_value=0,
        max_value=300,
    )
    min_wage_band = forms.ChoiceField(
        label=_("Minimum wage (gross per month)"), choices=_blank(WageBand.choices), required=False
    )
    shifts = forms.MultipleChoiceField(
        label=_("Shifts the person can work"),
        choices=Shift.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contract_types = forms.MultipleChoiceField(
        label=_("Contract types the person accepts"),
        choices=ContractType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @classmethod
    def initial_for(cls, constraints: PassportConstraints | None, version: int) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": version}
        if constraints is not None:
            for name in (
                "min_hours_per_week",
                "max_travel_minutes",
                "max_travel_km",
                "min_wage_band",
                "shifts",
                "contract_types",
            ):
                initial[name] = getattr(constraints, name)
        return initial

    def constraints_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        data["min_wage_band"] = data.get("min_wage_band") or ""
        return data
