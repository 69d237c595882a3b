"""Forms of the work lists: caseload filters and the intake-queue assignment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import OrganisationKind
from overstap.accounts.models import Organisation
from overstap.accounts.models import User as UserModel
from overstap.cases import access, selectors
from overstap.cases.constants import CaseStatus
from overstap.cases.models import Route
from overstap.cases.selectors import CaseloadFilters

if TYPE_CHECKING:
    from overstap.accounts.models import User


def manager_label(user: User) -> str:
    return f"{user} ({user.organisation})" if user.organisation_id else str(user)


class CaseManagerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return manager_label(obj)


class CaseloadFilterForm(forms.Form):
    """GET filters of the caseload. Works without JavaScript; htmx reloads on change."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Name or case number"),
    )
    route = forms.ModelChoiceField(
        label=_("Route"), queryset=Route.objects.none(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    releasing_employer = forms.ModelChoiceField(
        label=_("Releasing employer"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    case_manager = CaseManagerChoiceField(
        label=_("Case manager"),
        queryset=UserModel.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
    include_closed = forms.BooleanField(label=_("Include closed cases"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_id = user.region_id or 0  # 0 matches nothing: no organisation, no choices
        route_field: Any = self.fields["route"]
        route_field.queryset = Route.objects.filter(region_id=region_id)
        employer_field: Any = self.fields["releasing_employer"]
        employer_field.queryset = Organisation.objects.filter(
            region_id=region_id, kind=OrganisationKind.EMPLOYER
        )
        status_field: Any = self.fields["status"]
        status_field.choices = [("", _("All")), *CaseStatus.choices]
        if access.can_manage_intake_queue(user):
            manager_field: Any = self.fields["case_manager"]
            manager_field.queryset = selectors.case_managers_in_region(user=user)
        else:
            del self.fields["case_manager"]

    def to_filters(self) -> CaseloadFilters:
        """The selector filters; an invalid form filters nothing rather than failing."""
        if not self.is_valid():
            return CaseloadFilters()
        data = self.cleaned_data
        route = data.get("route")
        employer = data.get("releasing_employer")
        manager = data.get("case_manager")
        return CaseloadFilters(
            route_id=route.pk if route else None,
            status=data.get("status") or None,
            overdue=bool(data.get("overdue")),
            releasing_employer_id=employer.pk if employer else None,
            case_manager_id=manager.pk if manager else None,
            query=(data.get("q") or "").strip(),
            include_closed=bool(data.get("include_closed")),
        )


class AssignForm(forms.Form):
    """Assign a case manager to a case from the intake queue (optimistic locking).

    The choices come from an already loaded list, so a queue of fifty rows costs one query
    for the case managers, not fifty.
    """

    case_manager = forms.TypedChoiceField(
        label=_("Case manager"),
        coerce=int,
        error_messages={"required": _("Choose a case manager.")},
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, case_managers: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case_managers = {user.pk: user for user in case_managers}
        field: Any = self.fields["case_manager"]
        field.choices = [
            ("", _("Choose a case manager")),
            *((user.pk, manager_label(user)) for user in case_managers),
        ]

    def chosen_case_manager(self) -> User:
        return self.case_managers[self.cleaned_data["case_manager"]]
