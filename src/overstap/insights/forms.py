from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import OrganisationKind
from overstap.accounts.models import Organisation, User
from overstap.cases.constants import PriorProvision
from overstap.cases.models import Case, Route
from overstap.catalogue.models import FundingSource
from overstap.insights.constants import BottleneckCategory, BottleneckStatus
from overstap.insights.figures import Filters
from overstap.insights.models import Bottleneck

if TYPE_CHECKING:
    from overstap.accounts.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids that cannot be database ids (Django lets 10**23 reach SQLite: a 500)."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if not str(pk).isdigit() or len(str(pk)) > 18:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)  # type: ignore[misc]


class FilterForm(forms.Form):
    date_from = forms.DateField(label=_("Registered from"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Registered until"), required=False, widget=DATE)
    employer = _IdMultipleChoiceField(
        label=_("Releasing employer"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Registered at"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All organisations"),
    )
    route = forms.ModelChoiceField(
        label=_("Route"), queryset=Route.objects.none(), required=False, empty_label=_("All routes")
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.filter(region=region).order_by("name")
        # only employers that actually released people in this region
        self.fields["employer"].queryset = orgs.filter(  # type: ignore[attr-defined]
            pk__in=Case.objects.filter(region=region, releasing_employer__isnull=False).values(
                "releasing_employer_id"
            )
        )
        self.fields["organisation"].queryset = orgs.exclude(kind=OrganisationKind.EMPLOYER)  # type: ignore[attr-defined]
        self.fields["route"].queryset = Route.objects.filter(region=region).order_by("number")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date lies before the start date."))
        return data

    def filters(self) -> Filters:
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            releasing_employer_ids=tuple(o.pk for o in data.get("employer") or []),
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
            route_id=data["route"].pk if data.get("route") else None,
        )

    def employer_names(self) -> list[str]:
        if not self.is_bound or not self.is_valid():
            return []
        return [o.name for o in self.cleaned_data.get("employer") or []]


class FundingForm(forms.Form):
    funding_source = forms.ModelChoiceField(
        label=_("Funding source"),
        queryset=FundingSource.objects.all(),
        required=False,
        empty_label=_("Not decided yet"),
    )
    cost = forms.DecimalField(
        label=_("Cost (euro)"), min_value=Decimal("0"), max_digits=9, decimal_places=2
    )
    prior_provisions = forms.MultipleChoiceField(
        label=_("Prior provisions that apply to this person"),
        choices=PriorProvision.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    prior_provision_checked = forms.BooleanField(
        label=_("I checked which prior provisions apply"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class BudgetForm(forms.Form):
    funding_source = forms.ModelChoiceField(
        label=_("Funding source"), queryset=FundingSource.objects.all()
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(
        label=_("Amount (euro)"), min_value=Decimal("0"), max_digits=12, decimal_places=2
    )


class BottleneckForm(forms.ModelForm):
    case_numbers = forms.CharField(
        label=_("Affected cases (optional)"),
        required=False,
        help_text=_("Case numbers separated by commas or spaces. Only cases you can open."),
    )

    class Meta:
        model = Bottleneck
        fields = ["category", "title", "description", "affected_count", "status", "owner"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            organisation__region=region, is_active=True
        ).order_by("first_name", "last_name")
        self.fields["category"].choices = BottleneckCategory.choices  # type: ignore[attr-defined]
        self.fields["status"].choices = BottleneckStatus.choices  # type: ignore[attr-defined]

    def numbers(self) -> list[str]:
        raw = self.cleaned_data.get("case_numbers") or ""
        return [n for n in raw.replace(",", " ").split() if n]


class ResearchExportForm(forms.Form):
    export_key = forms.CharField(
        label=_("Export key (research project)"),
        max_length=100,
        help_text=_(
            "The same key gives the same pseudonyms, so a project can link its exports. "
            "Use a new key for every project."
        ),
    )
    purpose = forms.CharField(label=_("Purpose of the export"), max_length=200)
    # Issue #7: without this, only people with an active research consent are exported.
    override_reason = forms.CharField(
        label=_("Lawful basis to include people without research consent"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Leave empty to export only people who consented to research. Fill in only when "
            "the law allows the export without consent (for example statistics by law). "
            "This is recorded in the audit log."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", "Excel (XLSX)"), ("csv", "CSV")],
        widget=forms.RadioSelect,
        initial="xlsx",
    )
