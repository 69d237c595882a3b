"""Forms of the rapid-response pages: signal, playbook step, and the occupation rows shared
by the signal form and the scenario planner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from overstap.accounts.constants import OrganisationKind, Role
from overstap.accounts.models import Organisation
from overstap.rapidresponse import selectors
from overstap.rapidresponse.constants import MAX_DEADLINE_DAYS, MAX_PEOPLE, SignalKind, SignalStatus
from overstap.taxonomy.constants import ConceptKind
from overstap.taxonomy.models import Occupation

if TYPE_CHECKING:
    from overstap.accounts.models import User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SignalForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of signal"), choices=SignalKind.choices)
    employer = forms.ModelChoiceField(
        label=gettext_lazy("Employer"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("Only a sector signal can do without an employer."),
    )
    sector = forms.CharField(
        label=gettext_lazy("Sector"),
        max_length=120,
        required=False,
        help_text=gettext_lazy(
            "For example “Hotels and restaurants”. Required for a sector signal."
        ),
    )
    people_affected = forms.IntegerField(
        label=gettext_lazy("Number of people affected"),
        min_value=1,
        max_value=MAX_PEOPLE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": gettext_lazy("Give the number of people affected."),
            "min_value": gettext_lazy("The number of people affected must be at least 1."),
        },
    )
    received_on = forms.DateField(
        label=gettext_lazy("Date received"),
        widget=DATE,
        error_messages={"required": gettext_lazy("Give the date the signal was received.")},
    )
    first_contract_end = forms.DateField(
        label=gettext_lazy("Expected date of the first contract ends"),
        widget=DATE,
        required=False,
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What is known: departments, locations, reasons. No names."),
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=SignalStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: User, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = selectors.region_employers(user)  # type: ignore[attr-defined]
        self.fields["employer"].empty_label = _("No employer (sector signal)")  # type: ignore[attr-defined]
        if not editing:
            del self.fields["status"]


class StepForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(
        label=gettext_lazy("What to do"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    partner_kind = forms.ChoiceField(
        label=gettext_lazy("Partner (kind of organisation)"),
        required=False,
        choices=[
            ("", gettext_lazy("— choose —")),
            # a national organisation (issue #9) is no partner in a region's playbook
            *[c for c in OrganisationKind.choices if c[0] != OrganisationKind.NATIONAL],
        ],
        help_text=gettext_lazy(
            "The task goes to the only organisation of this kind in the region; for “Employer” "
            "to the employer of the signal."
        ),
    )
    partner_organisation = forms.ModelChoiceField(
        label=gettext_lazy("Or a specific organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    owner_role = forms.ChoiceField(
        label=gettext_lazy("Default owner role"),
        required=False,
        choices=[
            ("", gettext_lazy("Nobody in particular")),
            *[(r.value, r.label) for r in Role if r in selectors.access.TASK_ROLES],
        ],
    )
    deadline_days = forms.IntegerField(
        label=gettext_lazy("Deadline (days after the signal date)"),
        min_value=0,
        max_value=MAX_DEADLINE_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": gettext_lazy("Give the deadline as a number of days after the signal date.")
        },
    )
    signal_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Applies to signals of kind"),
        choices=SignalKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Choose at least one kind of signal this step applies to.")
        },
    )
    order = forms.IntegerField(
        label=gettext_lazy("Order"),
        min_value=0,
        initial=10,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner_organisation"].queryset = selectors.region_partners(user)  # type: ignore[attr-defined]
        self.fields["partner_organisation"].empty_label = _("— none —")  # type: ignore[attr-defined]


# --- occupation rows --------------------------------------------------------------------------

#: Empty rows shown under the filled ones.
EXTRA_ROWS = 3
MAX_ROWS = 20


@dataclass
class OccupationRow:
    index: int
    occupation: Occupation | None
    text: str
    headcount: str
    error: str = ""

    @property
    def input_id(self) -> str:
        return f"occupation-{self.index}"

    @property
    def name(self) -> str:
        return f"occupation_{self.index}"

    @property
    def headcount_name(self) -> str:
        return f"headcount_{self.index}"


@dataclass
class ParsedRows:
    rows: list[OccupationRow]
    lines: list[tuple[Occupation, int]]
    errors: list[str]
    any_input: bool


def blank_rows(lines: list[tuple[Occupation, int]], lang: str) -> list[OccupationRow]:
    rows = [
        OccupationRow(i, occupation, occupation.label(lang), str(count))
        for i, (occupation, count) in enumerate(lines)
    ]
    rows += [OccupationRow(len(rows) + i, None, "", "") for i in range(EXTRA_ROWS)]
    return rows


def parse_rows(data: QueryDict, lang: str) -> ParsedRows:
    """Occupation rows from a request: ``occupation_<i>`` (id from the autocomplete, or the
    typed text as the i-th ``q`` without JavaScript) and ``headcount_<i>``."""
    from overstap.employers.services import ConceptResolver

    texts = data.getlist("q")
    count = 0
    for key in data:
        if key.startswith(("occupation_", "headcount_")) and key.split("_", 1)[1].isdigit():
            count = max(count, int(key.split("_", 1)[1]) + 1)
    count = min(max(count, len(texts)), MAX_ROWS)
    rows: list[OccupationRow] = []
    lines: list[tuple[Occupation, int]] = []
    errors: list[str] = []
    resolver = ConceptResolver(ConceptKind.OCCUPATION)
    any_input = False
    for i in range(count):
        raw_id = (data.get(f"occupation_{i}") or "").strip()
        text = texts[i].strip() if i < len(texts) else ""
        raw_count = (data.get(f"headcount_{i}") or "").strip()
        occupation: Occupation | None = None
        if raw_id.isdigit():
            occupation = Occupation.objects.filter(pk=int(raw_id)).first()
        elif text:
            found, _suggestion = resolver.resolve(text)
            occupation = found if isinstance(found, Occupation) else None
        if occupation is not None and occupation.replaced_by_id:
            occupation = occupation.replaced_by
        row = OccupationRow(
            i, occupation, occupation.label(lang) if occupation else text, raw_count
        )
        rows.append(row)
        if not text and not raw_id and not raw_count:
            continue
        any_input = True
        if occupation is None:
            row.error = (
                _("“%(value)s” was not found. Choose an occupation from the suggestions.")
                % {"value": text}
                if text
                else _("Choose an occupation for this number of people.")
            )
        else:
            try:
                headcount = int(raw_count)
            except ValueError:
                headcount = 0
                row.error = _("Give the number of people as a whole number of at least 1.")
            else:
                if headcount < 1:
                    row.error = _("The number of people must be at least 1.")
                elif headcount > MAX_PEOPLE:
                    row.error = _("The number of people can be at most %(max)s.") % {
                        "max": MAX_PEOPLE
                    }
            if not row.error:
                if any(o.pk == occupation.pk for o, _h in lines):
                    row.error = _("This occupation is listed twice: give it once with the total.")
                else:
                    lines.append((occupation, headcount))
        if row.error:
            errors.append(_("Row %(row)s: %(error)s") % {"row": i + 1, "error": row.error})
    rows += [OccupationRow(len(rows) + i, None, "", "") for i in range(EXTRA_ROWS)]
    return ParsedRows(rows, lines, errors, any_input)
