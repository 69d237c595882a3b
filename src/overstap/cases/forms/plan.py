"""Forms of the triage, plan and contacts pages, and of the case team."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import Role
from overstap.accounts.models import User
from overstap.cases.constants import ContactKind
from overstap.cases.forms.intake import DateInput
from overstap.cases.models import PlanGoal, Route

if TYPE_CHECKING:
    from overstap.cases.models import Case

#: Roles that can be added to a case team (mirrors ``services.add_case_member``).
TEAM_ROLES = (Role.CASE_MANAGER, Role.COORDINATOR, Role.ACCOUNT_MANAGER)
#: Roles that can own an action in a plan.
ACTION_OWNER_ROLES = (
    Role.CASE_MANAGER,
    Role.COORDINATOR,
    Role.ACCOUNT_MANAGER,
    Role.PROVIDER_STAFF,
)
PARTICIPANT = "participant"


def region_users(case: Case, roles: tuple[str, ...]) -> QuerySet[User]:
    """Active users of the case's region in one of ``roles``."""
    return (
        User.objects.filter(is_active=True, role__in=roles, organisation__region_id=case.region_id)
        .select_related("organisation")
        # only what the option labels show: a region has hundreds of users
        .only("pk", "first_name", "last_name", "username", "organisation__name")
        .order_by("first_name", "last_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.organisation})"


class TeamMemberForm(forms.Form):
    """Add a colleague to the case team."""

    user = UserChoiceField(
        label=_("Colleague"), queryset=User.objects.none(), empty_label=_("— choose —")
    )

    def __init__(self, *args: Any, case: Case, exclude_ids: set[int], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "team")
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = region_users(case, TEAM_ROLES).exclude(pk__in=exclude_ids)


class RouteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number}. {obj.name}"


class RouteRadioSelect(forms.RadioSelect):
    """Radio buttons whose field-level label target is the first option, so the error
    summary can link to it."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


class TriageForm(forms.Form):
    """Choose one of the region's active routes, with the reason why."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    route = RouteChoiceField(
        label=_("Route"),
        queryset=Route.objects.none(),
        widget=RouteRadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose a route.")},
    )
    rationale = forms.CharField(
        label=_("Why this route"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What in the intake makes this route fit? Others will read this."),
        error_messages={"required": _("Explain why this route fits.")},
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "triage")
        super().__init__(*args, **kwargs)
        field = self.fields["route"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Route.objects.filter(region_id=case.region_id, is_active=True).order_by(
            "number"
        )

    def clean_rationale(self) -> str:
        value = str(self.cleaned_data.get("rationale") or "").strip()
        if not value:
            raise forms.ValidationError(_("Explain why this route fits."))
        return value


class ContactRhythmForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    days = forms.IntegerField(
        label=_("Contact at least every (days)"),
        min_value=1,
        max_value=180,
        initial=14,
        help_text=_("The regional agreement is at least every two weeks (14 days)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "rhythm")
        super().__init__(*args, **kwargs)


class GoalForm(forms.Form):
    description = forms.CharField(label=_("Goal"), max_length=300)
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "goal")
        super().__init__(*args, **kwargs)

    def clean_target_date(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("target_date")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("A target date cannot be in the past."))
        return value


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput)
    owner = forms.ChoiceField(label=_("Who does this"))
    goal = forms.ModelChoiceField(
        label=_("For goal"),
        queryset=PlanGoal.objects.none(),
        required=False,
        empty_label=_("— no specific goal —"),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "action")
        super().__init__(*args, **kwargs)
        self.users = {user.pk: user for user in region_users(case, ACTION_OWNER_ROLES)}
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = [
            ("", _("— choose —")),
            (PARTICIPANT, _("The participant")),
            *[(str(pk), f"{user} ({user.organisation})") for pk, user in self.users.items()],
        ]
        goal = self.fields["goal"]
        assert isinstance(goal, forms.ModelChoiceField)
        goal.queryset = PlanGoal.objects.filter(case_id=case.pk, achieved_at__isnull=True)

    def clean_due_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["due_date"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("A due date cannot be in the past."))
        return value

    def owner_user(self) -> User | None:
        value = self.cleaned_data["owner"]
        if value == PARTICIPANT:
            return None
        return self.users[int(value)]

    def owner_is_participant(self) -> bool:
        return bool(self.cleaned_data["owner"] == PARTICIPANT)


class ContactForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    kind = forms.ChoiceField(
        label=_("Kind of contact"), choices=[("", _("— choose —")), *ContactKind.choices]
    )
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was discussed and agreed. Write it so the person could read it."),
        error_messages={"required": _("Write a short summary of the contact.")},
    )
    next_contact_due = forms.DateField(
        label=_("Next contact on"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty to plan it after the contact rhythm."),
    )

    def clean_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A contact cannot be in the future."))
        return value

    def clean_summary(self) -> str:
        value = str(self.cleaned_data.get("summary") or "").strip()
        if not value:
            raise forms.ValidationError(_("Write a short summary of the contact."))
        return value

    def clean_next_contact_due(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("next_contact_due")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("The next contact cannot be in the past."))
        return value
