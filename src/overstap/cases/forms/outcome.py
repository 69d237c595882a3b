"""Forms for the outcome of a case, follow-up (nazorg), closing and reopening."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overstap.cases.constants import ContractType, OutcomeKind, WageBand, WageComparison

JOB = (OutcomeKind.NEW_JOB, OutcomeKind.JOB_WITH_TRAINING)
WORK = (*JOB, OutcomeKind.SELF_EMPLOYED)

#: Which outcome kinds each optional field belongs to. Fields not listed are always shown.
#: The template puts these on ``data-show-for`` so overstap.js can hide what does not apply;
#: ``OutcomeForm.clean`` empties them on the server, so hidden input is never saved.
FIELD_KINDS: dict[str, tuple[str, ...]] = {
    "employer_name": JOB,
    "job_title": WORK,
    "sector": WORK,
    "changed_sector": WORK,
    "contract_type": JOB,
    "hours_per_week": WORK,
    "wage_band": WORK,
    "wage_compared": WORK,
    "training_name": (OutcomeKind.TRAINING, OutcomeKind.JOB_WITH_TRAINING),
    "stop_reason": (OutcomeKind.STOPPED,),
}

YES_NO = [("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def yes_no_initial(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "") if value is not None else ""


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("Choose the outcome")), *OutcomeKind.choices],
        error_messages={"required": _("Choose the outcome.")},
    )
    date = forms.DateField(
        label=_("Date"),
        help_text=_("For a job: the first working day."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Give the date.")},
    )
    employer_name = forms.CharField(
        label=_("New employer"),
        max_length=200,
        required=False,
        help_text=_("Required for a new job."),
    )
    job_title = forms.CharField(
        label=_("Job title"), max_length=200, required=False, help_text=_("Required for a new job.")
    )
    sector = forms.CharField(
        label=_("Sector"), max_length=120, required=False, help_text=_("Required for a new job.")
    )
    changed_sector = forms.TypedChoiceField(
        label=_("Moved to another sector"),
        choices=YES_NO,
        coerce=_yes_no,
        empty_value=None,
        required=False,
    )
    contract_type = forms.ChoiceField(
        label=_("Contract type"), choices=[("", "—"), *ContractType.choices], required=False
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week"), min_value=1, max_value=80, required=False
    )
    wage_band = forms.ChoiceField(
        label=_("Wage band (gross per month)"),
        choices=[("", "—"), *WageBand.choices],
        required=False,
    )
    wage_compared = forms.ChoiceField(
        label=_("Wage compared with before"),
        choices=[("", "—"), *WageComparison.choices],
        required=False,
    )
    training_name = forms.CharField(
        label=_("Training"),
        max_length=200,
        required=False,
        help_text=_("Required for training, and for a job plus training."),
    )
    stop_reason = forms.CharField(
        label=_("Reason for stopping"),
        required=False,
        help_text=_("Required when the person stopped."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate
        # overstap.js shows only the fields that apply to the chosen kind (see FIELD_KINDS).
        self.fields["kind"].widget.attrs["data-toggle-source"] = "kind"

    def clean_date(self) -> Any:
        date = self.cleaned_data["date"]
        if date and date.year < 2000:
            raise forms.ValidationError(_("Check the year."))
        return date

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind:
            for name, kinds in FIELD_KINDS.items():
                if kind not in kinds and name in cleaned:
                    cleaned[name] = None if name in ("changed_sector", "hours_per_week") else ""
        return cleaned

    def field_groups(self) -> list[tuple[Any, str]]:
        """(bound field, space-separated kinds it applies to, or "" for always)."""
        return [(self[name], " ".join(FIELD_KINDS.get(name, ()))) for name in self.fields]


class FollowUpForm(forms.Form):
    still_in_work = forms.TypedChoiceField(
        label=_("Still in work?"),
        choices=[("", _("Choose")), ("yes", _("Yes")), ("no", _("No"))],
        coerce=_yes_no,
        error_messages={"required": _("Answer whether the person is still in work.")},
    )
    same_employer = forms.TypedChoiceField(
        label=_("With the same employer?"),
        choices=[("", _("Choose")), ("yes", _("Yes")), ("no", _("No"))],
        coerce=_yes_no,
        empty_value=None,
        required=False,
        help_text=_("Only when still in work."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, follow_up_id: int, **kwargs: Any) -> None:
        # One form per follow-up moment on the page: prefix names and element ids.
        kwargs.setdefault("prefix", f"follow_up{follow_up_id}")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("still_in_work") is True and cleaned.get("same_employer") is None:
            self.add_error("same_employer", _("Answer whether it is the same employer."))
        return cleaned


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give a reason for closing.")},
        help_text=_("For example: started a new job, the follow-up has been arranged."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_close_%s")
        super().__init__(*args, **kwargs)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give a reason for reopening.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_reopen_%s")
        super().__init__(*args, **kwargs)
