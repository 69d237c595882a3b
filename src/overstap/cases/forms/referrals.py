"""Forms for referrals: referring a case to an offering, and moving a referral along."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from overstap.cases.constants import ReferralStatus
from overstap.catalogue.constants import OfferingCategory
from overstap.catalogue.models import Offering

SEND = "send"
PROPOSE = "propose"
OVERRIDE = "override"


def _offering_label(offering: Offering) -> str:
    label = f"{offering.name} — {offering.provider}"
    used = getattr(offering, "places_used", None)
    if offering.capacity is not None and used is not None and used >= offering.capacity:
        label += " " + str(_("(full)"))
    return label


class ReferralForm(forms.Form):
    """Refer the person to an offering of the regional catalogue."""

    offering = forms.TypedChoiceField(
        label=_("Service"),
        coerce=int,
        help_text=_("Grouped by category. Or choose from the catalogue, where you can search."),
        error_messages={
            "required": _("Choose a service."),
            "invalid_choice": _("Choose a service from the list."),
        },
    )
    motivation = forms.CharField(
        label=_("Why this service"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The provider reads this. Write only what they need to know."),
    )
    action = forms.ChoiceField(
        label=_("What to do now"),
        choices=[
            (SEND, _("Send to the provider now")),
            (PROPOSE, _("Save as a proposal (send later)")),
        ],
        initial=SEND,
        widget=forms.RadioSelect,
    )

    # Issue #7: the provider sees the referral only with the person's consent or a lawful basis.
    sharing = forms.ChoiceField(
        label=_("Sharing with the provider"),
        choices=[
            ("in_person", _("The person agreed in a conversation")),
            ("signed", _("The person signed a consent form")),
            ("online", _("The person agreed online")),
            (OVERRIDE, _("No consent: another lawful basis applies")),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "The provider gets the person's name and contact details. Ask the person first; "
            "their consent is recorded on the consent tab."
        ),
        error_messages={"required": _("Say whether the person agreed to sharing.")},
    )
    override_reason = forms.CharField(
        label=_("Lawful basis (if there is no consent)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, offerings: QuerySet[Offering], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._offerings = {offering.pk: offering for offering in offerings}
        groups: dict[str, list[tuple[int, str]]] = {}
        for offering in self._offerings.values():
            groups.setdefault(offering.category, []).append(
                (offering.pk, _offering_label(offering))
            )
        choices: list[Any] = [("", _("Choose a service"))]
        for category in OfferingCategory:
            if category.value in groups:
                options = sorted(groups[category.value], key=lambda option: option[1].lower())
                choices.append((str(category.label), options))
        self.fields["offering"].choices = choices  # type: ignore[attr-defined]

    def clean_offering(self) -> Offering:
        pk = self.cleaned_data["offering"]
        try:
            return self._offerings[pk]
        except KeyError:
            raise forms.ValidationError(_("Choose a service from the list.")) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("sharing") == OVERRIDE
            and not (cleaned.get("override_reason") or "").strip()
        ):
            self.add_error(
                "override_reason", _("Give the lawful basis for sharing without consent.")
            )
        return cleaned

    @property
    def send(self) -> bool:
        return self.cleaned_data.get("action", SEND) == SEND

    @property
    def sharing_channel(self) -> str:
        sharing = self.cleaned_data.get("sharing", "")
        return "" if sharing == OVERRIDE else sharing

    @property
    def lawful_basis(self) -> str:
        if self.cleaned_data.get("sharing") != OVERRIDE:
            return ""
        return str(self.cleaned_data.get("override_reason") or "")


class ReferralUpdateForm(forms.Form):
    """One step in a referral's life cycle, or (same status) a progress note.

    ``to_status`` comes from the button the user pressed; the service decides whether the
    step is allowed for this user.
    """

    to_status = forms.ChoiceField(
        label=_("Action"),
        choices=ReferralStatus.choices,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose what to do."),
            "invalid_choice": _("Choose what to do."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self, *args: Any, current_status: str, referral_id: int, side: str = "case", **kwargs: Any
    ) -> None:
        # The case page shows one of these per referral: prefix names and element ids.
        if side == "case":
            kwargs.setdefault("prefix", f"referral{referral_id}")
        super().__init__(*args, **kwargs)
        self.current_status = current_status
        note = self.fields["note"]
        if side == "provider":
            note.label = _("Note for the case manager")
            note.help_text = _(
                "Required when you decline (give the reason) or add a progress note. "
                "Write only what the case manager needs to know."
            )
        else:
            note.label = _("Note")
            note.help_text = _("Required for a note on its own; optional when you send or cancel.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        to_status = cleaned.get("to_status")
        note = (cleaned.get("note") or "").strip()
        if to_status == ReferralStatus.DECLINED and not note:
            self.add_error("note", _("Give the reason for declining, so the case manager knows."))
        elif to_status == self.current_status and not note:
            self.add_error("note", _("Write a progress note."))
        return cleaned


#: The button text for each step of a referral's life cycle.
ACTION_LABELS: dict[str, Any] = {
    ReferralStatus.SENT: _("Send to the provider"),
    ReferralStatus.CANCELLED: _("Cancel the referral"),
    ReferralStatus.ACCEPTED: _("Accept"),
    ReferralStatus.DECLINED: _("Decline"),
    ReferralStatus.STARTED: _("Mark as started"),
    ReferralStatus.COMPLETED: _("Mark as completed"),
}

OPEN = "open"
ALL = "all"


class ProviderReferralFilterForm(forms.Form):
    """Filters of the provider's referral list (GET)."""

    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(OPEN, _("Open referrals")), (ALL, _("All referrals"))],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ReferralStatus.choices],
    )

    def open_only(self) -> bool:
        if not self.is_bound or not self.is_valid():
            return True
        return self.cleaned_data.get("show") != ALL

    def status_filter(self) -> str:
        if not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data.get("status") or ""
