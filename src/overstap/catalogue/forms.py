"""Forms of the service catalogue: the search/filter form and the offering form."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import Role
from overstap.accounts.models import Organisation
from overstap.catalogue import selectors
from overstap.catalogue.constants import FundingSourceCode, OfferingCategory, OfferingKind
from overstap.catalogue.models import Offering
from overstap.taxonomy.models import Skill

if TYPE_CHECKING:
    from overstap.accounts.models import User


def normalise_amount(value: str) -> str:
    """Accept amounts as people type them: "€ 1.250,50", "1250,50" or "1250.50"."""
    text = value.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    return text


class EuroField(forms.DecimalField):
    """An amount in euro, shown in the local format and read in Dutch or English notation."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.widget.is_localized = True  # display as "1250,00" in Dutch

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = normalise_amount(value)
        return super().to_python(value)


YES_NO_ANY = [("", _("Either")), ("yes", _("Online")), ("no", _("On location"))]


class OfferingFilterForm(forms.Form):
    """Search and filters of the catalogue (GET). Invalid values simply filter nothing."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Name, description, target group or provider."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *OfferingCategory.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OfferingKind.choices]
    )
    funding = forms.ChoiceField(
        label=_("Funding"),
        required=False,
        choices=[("", _("Any funding")), *FundingSourceCode.choices],
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("All providers"),
    )
    online = forms.ChoiceField(label=_("Online or on location"), required=False, choices=YES_NO_ANY)
    max_price = EuroField(label=_("Maximum price (euro)"), required=False, min_value=Decimal(0))
    free_capacity = forms.BooleanField(label=_("Only with free places"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = selectors.providers_with_offerings(  # type: ignore[attr-defined]
            user=user
        )

    def filters(self) -> selectors.OfferingFilters:
        """The filters to apply: only the valid ones (a typo in one field filters nothing)."""
        if not self.is_bound:
            return selectors.OfferingFilters()
        self.is_valid()
        data = self.cleaned_data
        online = data.get("online")
        provider = data.get("provider")
        return selectors.OfferingFilters(
            query=(data.get("q") or "").strip(),
            category=data.get("category") or "",
            kind=data.get("kind") or "",
            funding=data.get("funding") or "",
            provider_id=provider.pk if provider else None,
            online={"yes": True, "no": False}.get(online or ""),
            max_price=data.get("max_price"),
            has_capacity=bool(data.get("free_capacity")),
        )


class SkillsField(forms.ModelMultipleChoiceField):
    """Skill ids from checkboxes plus the autocomplete's hidden input (empty values ignored)."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            value = [v for v in value if str(v).strip()]
        return super().clean(value)


class OfferingForm(forms.ModelForm):
    """Create or change an offering. ``provider`` and funding are set by the service."""

    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Organisation.objects.none())
    funding_sources = forms.MultipleChoiceField(
        label=_("Funding sources"),
        required=False,
        choices=FundingSourceCode.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who can pay for this service."),
    )
    skills = SkillsField(
        label=_("Skills this offering teaches"),
        required=False,
        queryset=Skill.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Used to suggest this offering for the skills a person still has to learn. "
            "Uncheck a skill to remove it."
        ),
    )

    class Meta:
        model = Offering
        fields = [
            "name",
            "kind",
            "category",
            "description",
            "target_group",
            "duration",
            "price",
            "capacity",
            "location",
            "online",
            "is_active",
        ]
        field_classes = {"price": EuroField}
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "duration": _("For example: 6 weeks, 4 meetings of 2 hours."),
            "price": _("Price per participant in euro, for example 450,00."),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        providers = selectors.editable_providers(user=user)
        field = self.fields["provider"]
        field.queryset = providers  # type: ignore[attr-defined]
        if self.instance.pk:
            field.initial = self.instance.provider_id
            self.fields["funding_sources"].initial = [
                source.code for source in self.instance.funding_sources.all()
            ]
        # Only the skills already chosen (or just posted) are rendered as checkboxes; new
        # ones are added through the autocomplete, so the full taxonomy is never listed.
        posted: list[Any] = getattr(self.data, "getlist", lambda _key: [])(
            self.add_prefix("skills")
        )
        chosen = {str(v) for v in posted} if self.is_bound else set()
        chosen = {v for v in chosen if v.isdigit()}
        current = Q(pk__in=chosen)
        if self.instance.pk:
            current |= Q(offerings=self.instance)
            self.fields["skills"].initial = list(self.instance.skills.values_list("pk", flat=True))
        self.fields["skills"].queryset = Skill.objects.filter(current).distinct()  # type: ignore[attr-defined]
        if user.role == Role.PROVIDER_STAFF:
            # Provider staff only ever manage their own organisation's offerings.
            field.initial = user.organisation_id
            field.disabled = True
            field.widget = forms.HiddenInput()
        self.fields["capacity"].help_text = _(
            "Number of participants at the same time. Leave empty for no limit."
        )

    def clean_price(self) -> Decimal:
        price = self.cleaned_data.get("price")
        if price is None:
            return Decimal(0)
        if price < 0:
            raise forms.ValidationError(_("The price cannot be negative."))
        return price

    def clean_capacity(self) -> int | None:
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise forms.ValidationError(
                _("Capacity must be at least 1 place, or leave it empty for no limit.")
            )
        return capacity

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self._meta.fields or ()}
        data["funding_sources"] = self.cleaned_data.get("funding_sources") or []
        data["skills"] = list(self.cleaned_data.get("skills") or [])
        return data
