"""The dashboard's and the report's figures: aggregates computed in the database.

Every figure is one ``values()``/``annotate()``/``Count`` query over the cases in scope, so
the number of queries does not grow with the number of cases. No names leave this module:
only counts per category (and, for the caseload, per case manager).

Definitions (also in docs/insights.md):

* **Inflow** is the registration date (``Case.created_at``); the period filter applies to it.
* **Age band** is the age today from the date of birth.
* **Tenure** is the number of years at the releasing employer, from the work-history entry
  whose employer name equals the releasing employer's name (``end_year`` or this year minus
  ``start_year``). Cases without such an entry count as "unknown". With several such
  entries, each case counts once, with the longest one. The services copy that entry onto
  the case (``Case.releasing_job_*``, see ``cases.services.derived``), so the figures read
  one table.
* **Function group** is "staff" when that job title contains one of ``STAFF_KEYWORDS``,
  otherwise "operational" (the pilot report's figure 9).
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models import Case as CaseWhen
from django.db.models.functions import Coalesce, NullIf
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import Role
from overstap.accounts.models import Organisation
from overstap.cases import access
from overstap.cases.constants import (
    EducationLevel,
    OutcomeKind,
    ReferralStatus,
    SignalSource,
)
from overstap.cases.models import Case, FollowUp, Referral
from overstap.catalogue.constants import OfferingCategory
from overstap.catalogue.models import Offering
from overstap.insights import readmodel
from overstap.insights.models import CaseFact

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from overstap.accounts.models import User

#: Words in a job title that make it a staff function (Dutch and English, lower case).
STAFF_KEYWORDS = (
    "manager",
    "administrat",
    "account",
    "marketing",
    "communicatie",
    "communication",
    "personeelszaken",
    "hrm",
    "financ",
    "controller",
    "boekhoud",
    "planner",
    "secretar",
    "office",
    "teamleider",
    "leidinggevende",
    "coördinator",
    "coordinator",
    "directeur",
    "director",
    "beleid",
    "staf",
)

AGE_BANDS = (
    ("lt25", _("Under 25")),
    ("25_34", _("25–34")),
    ("35_44", _("35–44")),
    ("45_54", _("45–54")),
    ("55plus", _("55 and over")),
    ("unknown", _("Unknown")),
)
TENURE_BANDS = (
    ("lt2", _("Less than 2 years")),
    ("2_5", _("2–5 years")),
    ("5_10", _("5–10 years")),
    ("gt10", _("More than 10 years")),
    ("unknown", _("Unknown")),
)
FUNCTION_GROUPS = (
    ("staff", _("Staff")),
    ("operational", _("Operational")),
    ("unknown", _("Unknown")),
)
#: Referral statuses that count as "referred" (the case side sent it to the provider).
REFERRED_STATUSES = (
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.DECLINED,
    ReferralStatus.STARTED,
    ReferralStatus.COMPLETED,
    ReferralStatus.CANCELLED,
)


@dataclass(frozen=True)
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    releasing_employer_ids: tuple[int, ...] = ()
    organisation_id: int | None = None
    route_id: int | None = None

    def describe(self) -> dict[str, str]:
        out = {}
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        return out


@dataclass
class Table:
    """One figure: a table (first column the category) that is also drawn as a bar chart."""

    key: str
    title: str | Promise
    columns: list[str | Promise]
    rows: list[list[Any]]
    chart_column: int = 1
    note: str | Promise = ""
    figure: str = ""  # the pilot report's figure number, if any
    chart: bool = True

    @property
    def bars(self) -> list[tuple[str, float, Any]]:
        """(label, fraction of the largest value, value) for the chart column."""
        values = [
            row[self.chart_column]
            for row in self.rows
            if isinstance(row[self.chart_column], (int, float, Decimal))
        ]
        top = max([float(v) for v in values] + [0.0])
        bars = []
        for row in self.rows:
            value = row[self.chart_column]
            if not isinstance(value, (int, float, Decimal)):
                continue
            bars.append((str(row[0]), float(value) / top if top else 0.0, value))
        return bars

    @property
    def geometry(self) -> dict[str, Any]:
        """Coordinates for the server-rendered SVG bar chart (viewBox 0 0 640 height)."""
        row_height, label_width, bar_space = 26, 230, 330
        bars = []
        for index, (label, fraction, value) in enumerate(self.bars):
            width = round(bar_space * fraction, 1)
            bars.append(
                {
                    "label": label if len(label) <= 34 else label[:33] + "…",
                    "full_label": label,
                    "value": value,
                    "y": index * row_height + 4,
                    "text_y": index * row_height + 19,
                    "x": label_width,
                    "width": max(width, 1.0) if value else 0,
                    "value_x": label_width + width + 6,
                }
            )
        return {
            "bars": bars,
            "height": max(len(bars), 1) * row_height + 8,
            "label_x": label_width - 8,
        }

    @property
    def total(self) -> Any:
        values = [row[self.chart_column] for row in self.rows]
        if all(isinstance(v, int) for v in values):
            return sum(values)
        return None


@dataclass
class Dashboard:
    tables: list[Table] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


# --- scope and filters ----------------------------------------------------------------


def region_cases(region_id: int) -> QuerySet[Case]:
    return Case.objects.filter(region_id=region_id)


def scoped_cases(user: User, *, mine: bool = False) -> QuerySet[Case]:
    """The cases whose figures ``user`` may see: a coordinator's whole region, or (``mine``
    and for case managers) the user's visible cases."""
    if user.role == Role.COORDINATOR and not mine and user.organisation is not None:
        return region_cases(user.organisation.region_id)
    return access.visible_cases(user)


def region_facts(region_id: int) -> QuerySet[CaseFact]:
    """The dashboard rows of a region's cases, current (stale rows are rebuilt first)."""
    readmodel.refresh_stale()
    return CaseFact.objects.filter(region_id=region_id)


def scoped_facts(user: User, *, mine: bool = False) -> QuerySet[CaseFact]:
    """The dashboard rows of the cases in ``scoped_cases``."""
    if user.role == Role.COORDINATOR and not mine and user.organisation is not None:
        return region_facts(user.organisation.region_id)
    readmodel.refresh_stale()
    return CaseFact.objects.filter(case__in=access.visible_cases(user).values("pk"))


def apply_filters(cases: QuerySet[Any], filters: Filters) -> QuerySet[Any]:
    """The filters on cases or on their dashboard rows (``CaseFact``)."""
    registered = "registered_on" if cases.model is CaseFact else "created_at__date"
    if filters.date_from:
        cases = cases.filter(**{f"{registered}__gte": filters.date_from})
    if filters.date_to:
        cases = cases.filter(**{f"{registered}__lte": filters.date_to})
    if filters.releasing_employer_ids:
        cases = cases.filter(releasing_employer_id__in=filters.releasing_employer_ids)
    if filters.organisation_id:
        cases = cases.filter(registering_organisation_id=filters.organisation_id)
    if filters.route_id:
        cases = cases.filter(route_id=filters.route_id)
    return cases


# --- helpers -------------------------------------------------------------------------


def _years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _labelled(
    counts: dict[Any, int], choices: Iterable[tuple[Any, Any]], *, keep_unlisted: bool = True
) -> list[list[Any]]:
    """Rows in the order of ``choices`` (zeros included), then any unlisted keys."""
    rows: list[list[Any]] = []
    seen = set()
    for value, label in choices:
        rows.append([label, counts.get(value, 0)])
        seen.add(value)
    if keep_unlisted:
        for value, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            if value not in seen:
                rows.append([value or _("Unknown"), n])
    return rows


def _sorted_rows(counts: Iterable[tuple[Any, int]]) -> list[list[Any]]:
    rows = [[label or _("Unknown"), n] for label, n in counts]
    rows.sort(key=lambda r: (-int(r[1]), str(r[0])))
    return rows


def age_band_aggregates(today: dt.date) -> dict[str, Count]:
    b25, b35, b45, b55 = (_years_ago(today, n) for n in (25, 35, 45, 55))
    birth = "person__birth_date"
    return {
        "age_lt25": Count("pk", filter=Q(**{f"{birth}__gt": b25})),
        "age_25_34": Count("pk", filter=Q(**{f"{birth}__gt": b35, f"{birth}__lte": b25})),
        "age_35_44": Count("pk", filter=Q(**{f"{birth}__gt": b45, f"{birth}__lte": b35})),
        "age_45_54": Count("pk", filter=Q(**{f"{birth}__gt": b55, f"{birth}__lte": b45})),
        "age_55plus": Count("pk", filter=Q(**{f"{birth}__lte": b55})),
        "age_unknown": Count("pk", filter=Q(**{f"{birth}__isnull": True})),
    }


def age_band_expression(today: dt.date) -> CaseWhen:
    b25, b35, b45, b55 = (_years_ago(today, n) for n in (25, 35, 45, 55))
    birth = "person__birth_date"
    return CaseWhen(
        When(**{f"{birth}__isnull": True}, then=Value("unknown")),
        When(**{f"{birth}__gt": b25}, then=Value("lt25")),
        When(**{f"{birth}__gt": b35}, then=Value("25_34")),
        When(**{f"{birth}__gt": b45}, then=Value("35_44")),
        When(**{f"{birth}__gt": b55}, then=Value("45_54")),
        default=Value("55plus"),
    )


def with_releasing_job(cases: QuerySet[Case], today: dt.date) -> QuerySet[Case]:
    """Annotate ``tenure_band`` and ``job_title`` from the case's stored releasing job
    (``Case.releasing_job_*``, kept by ``cases.services.derived``): one row per case."""
    tenure = Coalesce("releasing_job_end_year", Value(today.year)) - F("releasing_job_start_year")
    return cases.annotate(
        tenure_band=CaseWhen(
            When(releasing_job_start_year__isnull=True, then=Value("unknown")),
            When(_tenure_lt(tenure, 2), then=Value("lt2")),
            When(_tenure_lt(tenure, 5), then=Value("2_5")),
            When(_tenure_lt(tenure, 10), then=Value("5_10")),
            default=Value("gt10"),
        ),
        job_title=NullIf(F("releasing_job_title"), Value("")),
    )


def tenure_band(years: int | None) -> str:
    """The ``TENURE_BANDS`` key for a tenure in whole years (``None``: "unknown")."""
    if years is None:
        return "unknown"
    if years < 2:
        return "lt2"
    if years < 5:
        return "2_5"
    if years < 10:
        return "5_10"
    return "gt10"


def releasing_job_counts(
    cases: QuerySet[Case], today: dt.date
) -> list[tuple[int | None, str | None, int]]:
    """(tenure in years, job title, number of cases) over ``cases``: one grouped query over
    the case table's stored releasing job (no join with the work history)."""
    counts: dict[tuple[int | None, str | None], int] = {}
    rows = (
        cases.values("releasing_job_start_year", "releasing_job_end_year", "releasing_job_title")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        start = row["releasing_job_start_year"]
        years = None if start is None else (row["releasing_job_end_year"] or today.year) - start
        key = (years, row["releasing_job_title"] or None)  # "": no job there
        counts[key] = counts.get(key, 0) + row["n"]
    return [(years, title, n) for (years, title), n in counts.items()]


def _tenure_lt(tenure: Any, years: int) -> LessThan:
    return LessThan(ExpressionWrapper(tenure, output_field=IntegerField()), years)


_STAFF_PATTERN = re.compile("|".join(re.escape(w) for w in STAFF_KEYWORDS), re.IGNORECASE)


def function_group(job_title: str | None) -> str:
    """ "staff", "operational" or (no job at the releasing employer) "unknown".

    Classified in Python per distinct job title: the database groups by title, so this runs
    once per title, not once per case (a regular expression per row was the slowest part
    of the dashboard at 100,000 cases)."""
    if job_title is None:
        return "unknown"
    return "staff" if _STAFF_PATTERN.search(job_title) else "operational"


class _Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)`` over one integer column."""

    function = "percentile_cont"
    template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()  # type: ignore[assignment]


def median_days_to_outcome(facts: QuerySet[CaseFact]) -> tuple[float | None, int]:
    """Median whole days from registration to outcome (excluding "still in mediation")."""
    with_outcome = facts.filter(days_to_outcome__isnull=False).exclude(
        outcome_kind=OutcomeKind.IN_MEDIATION
    )
    if connection.vendor == "postgresql":
        result = with_outcome.aggregate(median=_Median("days_to_outcome"), n=Count("pk"))
        return result["median"], result["n"]
    days = [d for d in with_outcome.values_list("days_to_outcome", flat=True) if d is not None]
    if not days:
        return None, 0
    return float(statistics.median(days)), len(days)


# --- the figures ---------------------------------------------------------------------


def fact_age_aggregates(today: dt.date) -> dict[str, Count]:
    """Age bands today from ``CaseFact.birth_date`` (the same bands as ``AGE_BANDS``)."""
    b25, b35, b45, b55 = (_years_ago(today, n) for n in (25, 35, 45, 55))
    return {
        "age_lt25": Count("pk", filter=Q(birth_date__gt=b25)),
        "age_25_34": Count("pk", filter=Q(birth_date__gt=b35, birth_date__lte=b25)),
        "age_35_44": Count("pk", filter=Q(birth_date__gt=b45, birth_date__lte=b35)),
        "age_45_54": Count("pk", filter=Q(birth_date__gt=b55, birth_date__lte=b45)),
        "age_55plus": Count("pk", filter=Q(birth_date__lte=b55)),
        "age_unknown": Count("pk", filter=Q(birth_date__isnull=True)),
    }


def compute(facts: QuerySet[CaseFact], *, today: dt.date | None = None) -> Dashboard:
    """All dashboard figures for the cases behind ``facts`` (already scoped and filtered:
    ``region_facts``/``scoped_facts`` + ``apply_filters``)."""
    today = today or timezone.localdate()
    ids = facts.values("case_id")
    dash = Dashboard()
    add = dash.tables.append

    # 1. totals, the funnel, age bands, education and the inflow per month: one pass over
    # the narrow fact rows, grouped per month of registration (a few dozen groups)
    with_outcome = ~Q(outcome_kind="") & ~Q(outcome_kind=OutcomeKind.IN_MEDIATION)
    totals_aggregates: dict[str, Any] = dict(
        registered=Count("pk"),
        intake_done=Count("pk", filter=Q(intake_done=True)),
        routed=Count("pk", filter=Q(route__isnull=False)),
        with_outcome=Count("pk", filter=with_outcome),
        open=Count("pk", filter=Q(is_open=True)),
        overdue=Count("pk", filter=Q(is_open=True, next_contact_due__lt=today)),
        **fact_age_aggregates(today),
        **{
            f"edu_{level}": Count("pk", filter=Q(education_level=level))
            for level in EducationLevel.values
        },
    )
    totals: dict[str, Any] = dict.fromkeys(totals_aggregates, 0)
    per_month_counts: dict[str, int] = {}
    month_rows: Any = facts.values("registered_month").annotate(**totals_aggregates).order_by()
    for month_row in month_rows:
        for key in totals_aggregates:
            totals[key] += month_row[key]
        month = month_row["registered_month"].strftime("%Y-%m")
        per_month_counts[month] = per_month_counts.get(month, 0) + month_row["registered"]
    dash.totals = totals
    # one grouped query for the inflow per signal source, releasing employer and sector,
    # and for the participants per route (few groups: sources × employers × routes)
    per_source: dict[str, int] = {}
    employer_rows: dict[str, int] = {}
    sector_rows: dict[str, int] = {}
    route_counts: dict[Any, list[Any]] = {}
    for group_row in (
        facts.values(
            "signal_source",
            "releasing_employer__name",
            "releasing_employer__sector",
            "route__number",
            "route__name",
        )
        .annotate(n=Count("pk"))
        .order_by()
    ):
        n = group_row["n"]
        per_source[group_row["signal_source"]] = per_source.get(group_row["signal_source"], 0) + n
        name = group_row["releasing_employer__name"] or ""
        sector = group_row["releasing_employer__sector"] or ""
        employer_rows[name] = employer_rows.get(name, 0) + n
        sector_rows[sector] = sector_rows.get(sector, 0) + n
        route = route_counts.setdefault(group_row["route__number"], [group_row["route__name"], 0])
        route[1] += n

    # 2. inflow per month
    add(
        Table(
            "inflow_month",
            _("Inflow per month"),
            [_("Month"), _("Registrations")],
            [[month, n] for month, n in sorted(per_month_counts.items())],
        )
    )
    # 3. per signal source
    add(
        Table(
            "inflow_source",
            _("Inflow per signal source"),
            [_("Signal source"), _("Registrations")],
            _labelled(per_source, SignalSource.choices),
        )
    )
    # 4. per releasing employer and 5. per sector
    add(
        Table(
            "inflow_employer",
            _("Inflow per releasing employer"),
            [_("Releasing employer"), _("Registrations")],
            _sorted_rows(
                (name or _("No releasing employer"), n) for name, n in employer_rows.items()
            ),
        )
    )
    add(
        Table(
            "inflow_sector",
            _("Inflow per sector of the releasing employer"),
            [_("Sector"), _("Registrations")],
            _sorted_rows(sector_rows.items()),
        )
    )
    # 6. education (fig. 7) and age (fig. 7)
    per_education = {level: totals[f"edu_{level}"] for level in EducationLevel.values}
    unknown = totals["registered"] - sum(per_education.values())
    if unknown:
        per_education[EducationLevel.UNKNOWN] = per_education.get(EducationLevel.UNKNOWN, 0) + (
            unknown
        )
    add(
        Table(
            "education",
            _("Participants by education level"),
            [_("Education level"), _("Participants")],
            _labelled(per_education, EducationLevel.choices),
            figure="7",
        )
    )
    add(
        Table(
            "age",
            _("Participants by age"),
            [_("Age"), _("Participants")],
            [[label, totals[f"age_{key}"]] for key, label in AGE_BANDS],
            figure="7",
        )
    )
    # 7. tenure (fig. 8) and function (fig. 9): one query
    tenure_counts: dict[str, int] = {}
    function_counts: dict[str, int] = {}
    tenure_rows: Any = (
        facts.values("job_start_year", "job_end_year", "function_group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in tenure_rows:
        start = row["job_start_year"]
        years = None if start is None else (row["job_end_year"] or today.year) - start
        band = tenure_band(years)
        tenure_counts[band] = tenure_counts.get(band, 0) + row["n"]
        group = row["function_group"]
        function_counts[group] = function_counts.get(group, 0) + row["n"]
    add(
        Table(
            "tenure",
            _("Years at the releasing employer"),
            [_("Tenure"), _("Participants")],
            _labelled(tenure_counts, TENURE_BANDS),
            figure="8",
        )
    )
    add(
        Table(
            "function",
            _("Function at the releasing employer"),
            [_("Function group"), _("Participants")],
            _labelled(function_counts, FUNCTION_GROUPS),
            figure="9",
            note=_(
                "Staff: the job title contains a word such as manager, administration, "
                "account or marketing. Everything else is operational."
            ),
        )
    )
    # 8. participants per route (fig. 10)
    per_route = [
        {"route__number": number, "route__name": name, "n": n}
        for number, (name, n) in sorted(
            route_counts.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0)
        )
    ]
    add(
        Table(
            "route",
            _("Participants per route"),
            [_("Route"), _("Participants")],
            [
                [
                    f"{row['route__number']}. {row['route__name']}"
                    if row["route__number"] is not None
                    else _("No route yet"),
                    row["n"],
                ]
                for row in per_route
            ],
            figure="10",
        )
    )
    # 9. services referred and completed per category (fig. 11) and per provider
    referrals = Referral.objects.filter(case_id__in=ids)
    counts = {
        "referred": Count("pk", filter=Q(status__in=REFERRED_STATUSES)),
        "completed": Count("pk", filter=Q(status=ReferralStatus.COMPLETED)),
        "cost": Sum("cost", filter=Q(status__in=COSTED_STATUSES)),
    }
    per_category: dict[str, Any] = {}
    per_provider_rows: dict[str, dict[str, Any]] = {}
    # grouped by the ids (no joins over the referrals); the few names come from two
    # small lookups
    referral_rows: Any = list(
        referrals.values("offering_id", "provider_id").annotate(**counts).order_by()
    )
    categories = dict(
        Offering.objects.filter(pk__in={r["offering_id"] for r in referral_rows}).values_list(
            "pk", "category"
        )
    )
    providers = dict(
        Organisation.objects.filter(pk__in={r["provider_id"] for r in referral_rows}).values_list(
            "pk", "name"
        )
    )
    for row in referral_rows:
        for key, target in (
            (categories.get(row["offering_id"], ""), per_category),
            (providers.get(row["provider_id"], ""), per_provider_rows),
        ):
            acc = target.setdefault(key, {"referred": 0, "completed": 0, "cost": Decimal(0)})
            acc["referred"] += row["referred"]
            acc["completed"] += row["completed"]
            acc["cost"] += row["cost"] or 0
    add(
        Table(
            "services_category",
            _("Services referred and completed per category"),
            [_("Category"), _("Referred"), _("Completed")],
            [
                [label, per_category[value]["referred"], per_category[value]["completed"]]
                for value, label in OfferingCategory.choices
                if value in per_category
            ],
            figure="11",
        )
    )
    add(
        Table(
            "services_provider",
            _("Services referred and completed per provider"),
            [_("Provider"), _("Referred"), _("Completed"), _("Costs (euro)")],
            [
                [name, row["referred"], row["completed"], row["cost"]]
                for name, row in sorted(per_provider_rows.items())
            ],
        )
    )
    # 10. outflow by outcome (fig. 12)
    per_kind: dict[str, int] = {}
    sectors: dict[str, dict[str, Any]] = {}
    outcome_rows: Any = (
        facts.exclude(outcome_kind="")
        .values("outcome_kind", "outcome_sector")
        .annotate(n=Count("pk"), changed=Count("pk", filter=Q(outcome_changed_sector=True)))
        .order_by()
    )
    for row in outcome_rows:
        per_kind[row["outcome_kind"]] = per_kind.get(row["outcome_kind"], 0) + row["n"]
        if row["outcome_sector"]:
            acc = sectors.setdefault(
                row["outcome_sector"], {"sector": row["outcome_sector"], "n": 0, "changed": 0}
            )
            acc["n"] += row["n"]
            acc["changed"] += row["changed"]
    add(
        Table(
            "outflow",
            _("Outflow by outcome"),
            [_("Outcome"), _("Participants")],
            _labelled(per_kind, OutcomeKind.choices),
            figure="12",
        )
    )
    # 11. outflow by sector (fig. 13) and the share changing sector
    sector_list = sorted(sectors.values(), key=lambda r: (-r["n"], r["sector"]))
    changed = sum(r["changed"] for r in sector_list)
    placed = sum(r["n"] for r in sector_list)
    dash.totals["changed_sector"] = changed
    dash.totals["with_sector"] = placed
    add(
        Table(
            "outflow_sector",
            _("Outflow per sector"),
            [_("Sector"), _("Participants"), _("Of whom changed sector")],
            [[r["sector"], r["n"], r["changed"]] for r in sector_list],
            figure="13",
            note=_("%(changed)s of %(total)s people with a new sector recorded changed sector.")
            % {"changed": changed, "total": placed},
        )
    )
    # 12. time from registration to outcome
    median, n = median_days_to_outcome(facts)
    dash.totals["median_days"] = median
    dash.totals["median_n"] = n
    # 13. caseload and overdue contacts per case manager
    per_manager = (
        facts.filter(is_open=True)
        .values("case_manager__first_name", "case_manager__last_name", "case_manager__username")
        .annotate(
            n=Count("pk"),
            overdue=Count("pk", filter=Q(next_contact_due__lt=today)),
        )
        .order_by("-n", "case_manager__last_name")
    )
    add(
        Table(
            "caseload",
            _("Caseload per case manager (open cases)"),
            [_("Case manager"), _("Open cases"), _("Contact overdue")],
            [
                [
                    " ".join(
                        filter(None, [r["case_manager__first_name"], r["case_manager__last_name"]])
                    )
                    or r["case_manager__username"]
                    or _("Not yet assigned"),
                    r["n"],
                    r["overdue"],
                ]
                for r in per_manager
            ],
        )
    )
    # 14. follow-up at 3, 6 and 12 months
    per_moment = (
        FollowUp.objects.filter(case_id__in=ids)
        .values("months")
        .annotate(
            due=Count("pk", filter=Q(due_date__lte=today)),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            in_work=Count("pk", filter=Q(still_in_work=True)),
            same=Count("pk", filter=Q(same_employer=True)),
        )
        .order_by("months")
    )
    add(
        Table(
            "follow_up",
            _("Follow-up after placement"),
            [
                _("Moment"),
                _("Still in work"),
                _("Answered"),
                _("Due"),
                _("Same employer"),
            ],
            [
                [
                    _("%(months)s months") % {"months": r["months"]},
                    r["in_work"],
                    r["answered"],
                    r["due"],
                    r["same"],
                ]
                for r in per_moment
            ],
        )
    )
    return dash


#: Referral statuses whose cost counts: committed (sent/accepted/started) or spent (completed).
COMMITTED_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.STARTED)
SPENT_STATUSES = (ReferralStatus.COMPLETED,)
COSTED_STATUSES = COMMITTED_STATUSES + SPENT_STATUSES


def funnel_table(totals: dict[str, Any]) -> Table:
    return Table(
        "funnel",
        _("From registration to outcome"),
        [_("Step"), _("People")],
        [
            [_("Registered"), totals["registered"]],
            [_("Intake completed"), totals["intake_done"]],
            [_("Route chosen"), totals["routed"]],
            [_("Outcome recorded"), totals["with_outcome"]],
        ],
    )


def table_rows_for_export(table: Table) -> tuple[list[str], list[list[Any]]]:
    header = [str(c) for c in table.columns]
    rows = [
        [str(v) if not isinstance(v, (int, float, Decimal)) else v for v in row]
        for row in table.rows
    ]
    return header, rows


def mask_small(value: Any, threshold: int = 5) -> Any:
    """A count below ``threshold`` (but above zero) as "<5", for exports leaving the region."""
    if isinstance(value, int) and 0 < value < threshold:
        return f"<{threshold}"
    return value


def masked(rows: Sequence[Sequence[Any]], threshold: int = 5) -> list[list[Any]]:
    return [[row[0], *[mask_small(v, threshold) for v in row[1:]]] for row in rows]
