"""National figures (issue #9): anonymised aggregates per region and for the country.

Every figure is one grouped query over all regions (``GROUP BY region``), so the number of
queries does not grow with the number of regions or cases. Nothing here returns a person,
a case number or a name of a person: only counts, sums and medians per region.

Small cells are suppressed before anything leaves this module:

* a count of 1–4 is shown as ``"< 5"`` (primary suppression);
* in a column with a national total, a single suppressed region would be the total minus
  the others, so the smallest other non-zero cell is hidden as well (secondary
  suppression); the funding table, whose rows add up to the referrals of the main table,
  gets the same treatment per row;
* derived figures (share to work, median days, costs) are hidden when a count they are
  built on is suppressed or fewer than five.

The period is a range of registration months: the case figures describe the people
registered in those months (a cohort), their outcomes and their referrals; signals count by
the date received and bottlenecks by the date recorded. The sector is the releasing
employer's sector (cases) or the signal's sector; bottlenecks have no sector.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, FloatField, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from overstap.accounts.constants import OrganisationKind
from overstap.accounts.models import Organisation, Region
from overstap.cases.constants import CaseStatus, OutcomeKind, ReferralStatus
from overstap.cases.models import Case, Referral
from overstap.catalogue.constants import FundingSourceCode
from overstap.insights.constants import BottleneckStatus
from overstap.insights.models import Bottleneck
from overstap.rapidresponse.constants import SignalStatus
from overstap.rapidresponse.models import Signal

#: The smallest count shown as a number.
MIN_CELL = 5
SMALL = "< 5"

WORK = (OutcomeKind.NEW_JOB, OutcomeKind.SELF_EMPLOYED)
WORK_WITH_TRAINING = (OutcomeKind.JOB_WITH_TRAINING,)
OTHER_OUTCOMES = (OutcomeKind.TRAINING, OutcomeKind.STAYED, OutcomeKind.STOPPED)
#: Referrals that reached a provider (a proposal never sent is not a referral).
REFERRED = (
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.DECLINED,
    ReferralStatus.STARTED,
    ReferralStatus.COMPLETED,
)
#: Referrals whose cost is committed or spent.
COSTED = (
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.STARTED,
    ReferralStatus.COMPLETED,
)
NO_FUNDING = "none"


@dataclass(frozen=True)
class NationalFilters:
    """A range of registration months (first days of months) and a sector."""

    month_from: dt.date | None = None
    month_to: dt.date | None = None
    sector: str = ""

    def describe(self) -> dict[str, str]:
        out = {}
        if self.month_from:
            out["from"] = self.month_from.strftime("%Y-%m")
        if self.month_to:
            out["to"] = self.month_to.strftime("%Y-%m")
        if self.sector:
            out["sector"] = self.sector
        return out

    @property
    def end(self) -> dt.date | None:
        """The first day after the last month of the period."""
        if self.month_to is None:
            return None
        year, month = self.month_to.year, self.month_to.month + 1
        if month == 13:
            year, month = year + 1, 1
        return dt.date(year, month, 1)


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    kind: str = "count"  # count | share | days | money


MAIN_COLUMNS = [
    Column("registered", _("Registrations")),
    Column("open", _("Open cases")),
    Column("intake_done", _("Intake completed")),
    Column("routed", _("With a route")),
    Column("out_work", _("Outcome: work")),
    Column("out_work_training", _("Outcome: work plus training")),
    Column("out_other", _("Outcome: other")),
    Column("share_work", _("Share to work (%)"), "share"),
    Column("median_days", _("Median days to outcome"), "days"),
    Column("referrals", _("Referrals")),
    Column("cost", _("Costs (euro)"), "money"),
    Column("bottlenecks", _("Bottlenecks open")),
    Column("signals", _("Signals open")),
]
MAIN_COUNT_KEYS = [c.key for c in MAIN_COLUMNS if c.kind == "count"]


@dataclass
class Grid:
    """One table: a row per region plus the national total, already suppressed."""

    key: str
    title: str | Promise
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)  # [region name, *cells]
    total: list[Any] = field(default_factory=list)  # [label, *cells]

    def header(self) -> list[str]:
        return [str(_("Region")), *[str(c.label) for c in self.columns]]

    def export_rows(self) -> list[list[Any]]:
        return [[str(v) if isinstance(v, Promise) else v for v in row] for row in self.all_rows]

    @property
    def all_rows(self) -> list[list[Any]]:
        return [*self.rows, self.total]


@dataclass
class NationalFigures:
    regions: Grid
    funding: Grid
    region_count: int = 0


class _Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5)`` over ``a - b`` (two dates: whole days)."""

    function = "percentile_cont"
    template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY (%(expressions)s))"
    arg_joiner = " - "
    output_field = FloatField()  # type: ignore[assignment]


# --- the queries -----------------------------------------------------------------------------


def _case_filter(filters: NationalFilters, prefix: str = "") -> Q:
    """The filters as a condition on cases (``prefix`` ``"case__"`` from a referral)."""
    tz = timezone.get_current_timezone()
    q = Q()
    if filters.month_from:
        start = dt.datetime.combine(filters.month_from, dt.time.min, tzinfo=tz)
        q &= Q(**{f"{prefix}created_at__gte": start})
    if filters.end:
        end = dt.datetime.combine(filters.end, dt.time.min, tzinfo=tz)
        q &= Q(**{f"{prefix}created_at__lt": end})
    if filters.sector:
        q &= Q(**{f"{prefix}releasing_employer__sector": filters.sector})
    return q


def filtered_cases(filters: NationalFilters) -> QuerySet[Case]:
    return Case.objects.filter(_case_filter(filters))


def _case_counts(cases: QuerySet[Case]) -> dict[int, dict[str, int]]:
    closed = Q(status=CaseStatus.CLOSED)
    rows: Any = (
        cases.values("region_id")
        .annotate(
            registered=Count("pk"),
            open=Count("pk", filter=~closed),
            intake_done=Count("pk", filter=Q(intake__completed_at__isnull=False)),
            routed=Count("pk", filter=Q(route__isnull=False)),
            out_work=Count("pk", filter=Q(outcome__kind__in=WORK)),
            out_work_training=Count("pk", filter=Q(outcome__kind__in=WORK_WITH_TRAINING)),
            out_other=Count("pk", filter=Q(outcome__kind__in=OTHER_OUTCOMES)),
        )
        .order_by()
    )
    return {row.pop("region_id"): row for row in rows}


def _medians(cases: QuerySet[Case]) -> dict[int, float]:
    """Median whole days from registration to outcome per region (not "in mediation")."""
    with_outcome = cases.filter(outcome__isnull=False).exclude(
        outcome__kind=OutcomeKind.IN_MEDIATION
    )
    if connection.vendor == "postgresql":
        rows = (
            with_outcome.values("region_id")
            .annotate(median=_Median("outcome__date", TruncDate("created_at")))
            .order_by()
        )
        return {row["region_id"]: row["median"] for row in rows if row["median"] is not None}
    days: dict[int, list[int]] = defaultdict(list)
    for region_id, date, created in with_outcome.values_list(
        "region_id", "outcome__date", "created_at"
    ).iterator(chunk_size=5000):
        days[region_id].append((date - timezone.localtime(created).date()).days)
    return {region_id: float(statistics.median(values)) for region_id, values in days.items()}


def _referrals(filters: NationalFilters) -> dict[int, dict[str, tuple[int, Decimal]]]:
    """(referrals, cost) per region and funding source code, of the filtered cases (one join
    to the case, no ``IN`` subquery: a third faster at 100,000 cases)."""
    rows = (
        Referral.objects.filter(_case_filter(filters, "case__"), status__in=REFERRED)
        .values("case__region_id", "funding_source__code")
        .annotate(n=Count("pk"), cost=Sum("cost", filter=Q(status__in=COSTED)))
        .order_by()
    )
    out: dict[int, dict[str, tuple[int, Decimal]]] = defaultdict(dict)
    for row in rows:
        code = row["funding_source__code"] or NO_FUNDING
        out[row["case__region_id"]][code] = (row["n"], row["cost"] or Decimal(0))
    return out


def _bottlenecks(filters: NationalFilters) -> dict[int, int]:
    qs = Bottleneck.objects.exclude(status=BottleneckStatus.RESOLVED)
    if filters.month_from:
        qs = qs.filter(created_at__date__gte=filters.month_from)
    if filters.end:
        qs = qs.filter(created_at__date__lt=filters.end)
    return dict(qs.values_list("region_id").annotate(n=Count("pk")).order_by())  # type: ignore[arg-type]


def _signals(filters: NationalFilters) -> dict[int, int]:
    qs = Signal.objects.exclude(status=SignalStatus.CLOSED)
    if filters.month_from:
        qs = qs.filter(received_on__gte=filters.month_from)
    if filters.end:
        qs = qs.filter(received_on__lt=filters.end)
    if filters.sector:
        qs = qs.filter(Q(sector=filters.sector) | Q(employer__sector=filters.sector))
    return dict(qs.values_list("region_id").annotate(n=Count("pk")).order_by())  # type: ignore[arg-type]


def sectors() -> list[str]:
    """Sectors to filter on: of employers (releasing staff) and of signals. Two queries."""
    found = set(
        Organisation.objects.filter(kind=OrganisationKind.EMPLOYER)
        .exclude(sector="")
        .values_list("sector", flat=True)
        .distinct()
    )
    found |= set(Signal.objects.exclude(sector="").values_list("sector", flat=True).distinct())
    return sorted(found, key=str.casefold)


# --- suppression -----------------------------------------------------------------------------


def is_small(value: int) -> bool:
    return 0 < value < MIN_CELL


@dataclass
class Suppression:
    """Which cells of a table to hide, and which of its totals."""

    cells: list[list[bool]]
    column_totals: list[bool]
    row_totals: list[bool] = field(default_factory=list)
    grand_total: bool = False


def suppress(grid: Sequence[Sequence[int]], *, row_totals: bool = False) -> Suppression:
    """Which cells of ``grid`` (rows × columns of counts) and of its totals to hide.

    The table is taken with its column totals (the national total row) and, with
    ``row_totals``, its row totals and the grand total. Primary: every count of 1–4.
    Secondary: while a line (a column or row, with its total) has exactly one hidden
    non-zero cell, that cell is the total minus the others, so the smallest visible
    non-zero cell of the line is hidden too (an inner cell if there is one, else the
    total).
    """
    n_rows = len(grid)
    n_cols = len(grid[0]) if grid else 0
    matrix = [list(row) for row in grid]
    matrix.append([sum(row[c] for row in grid) for c in range(n_cols)])
    if row_totals:
        for row in matrix:
            row.append(sum(row))
    width = len(matrix[0]) if matrix else 0
    hidden = [[is_small(v) for v in row] for row in matrix]

    def inner(r: int, c: int) -> bool:
        return r < n_rows and c < n_cols

    def fix(line: list[tuple[int, int]]) -> bool:
        if sum(1 for r, c in line if hidden[r][c] and matrix[r][c]) != 1:
            return False
        visible = [(r, c) for r, c in line if not hidden[r][c] and matrix[r][c]]
        if not visible:
            return False
        preferred = [cell for cell in visible if inner(*cell)] or visible
        r, c = min(preferred, key=lambda cell: matrix[cell[0]][cell[1]])
        hidden[r][c] = True
        return True

    lines = [[(r, c) for r in range(n_rows + 1)] for c in range(width)]
    if row_totals:
        lines += [[(r, c) for c in range(width)] for r in range(n_rows + 1)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            changed |= fix(line)
    return Suppression(
        cells=[row[:n_cols] for row in hidden[:n_rows]],
        column_totals=hidden[n_rows][:n_cols],
        row_totals=[row[n_cols] for row in hidden[:n_rows]] if row_totals else [],
        grand_total=bool(row_totals and hidden[n_rows][n_cols]),
    )


HIDDEN = _("hidden")


def _shown(value: Any, hidden: bool) -> Any:
    if not hidden:
        return value
    if isinstance(value, int) and is_small(value):
        return SMALL
    return HIDDEN


def _money(value: Decimal, hidden: bool) -> Any:
    return HIDDEN if hidden and value else value


# --- the tables ------------------------------------------------------------------------------


FUNDING_CODES = [*FundingSourceCode.values, NO_FUNDING]


def compute(filters: NationalFilters | None = None) -> NationalFigures:
    filters = filters or NationalFilters()
    regions = list(Region.objects.order_by("name").only("pk", "name"))
    cases = filtered_cases(filters)
    counts = _case_counts(cases)
    medians = _medians(cases)
    referrals = _referrals(filters)
    bottlenecks = _bottlenecks(filters)
    signals = _signals(filters)

    def per_source(region: Region, code: str) -> tuple[int, Decimal]:
        return referrals.get(region.pk, {}).get(code, (0, Decimal(0)))

    funding_counts = [[per_source(r, code)[0] for code in FUNDING_CODES] for r in regions]
    funding_costs = [[per_source(r, code)[1] for code in FUNDING_CODES] for r in regions]
    # the referrals and costs of the main table are the row totals of the funding table: one
    # suppression over both, so neither table gives away what the other hides
    funding_hidden = suppress(funding_counts, row_totals=True)

    empty = dict.fromkeys(MAIN_COUNT_KEYS, 0)
    raw: list[dict[str, Any]] = []
    for index, region in enumerate(regions):
        values: dict[str, Any] = {**empty, **counts.get(region.pk, {})}
        values["referrals"] = sum(funding_counts[index])
        values["cost"] = sum(funding_costs[index], Decimal(0))
        values["bottlenecks"] = bottlenecks.get(region.pk, 0)
        values["signals"] = signals.get(region.pk, 0)
        values["median_days"] = medians.get(region.pk)
        raw.append(values)

    main = _main_grid(regions, raw, cases, funding_hidden)
    funding = _funding_grid(regions, funding_counts, funding_costs, funding_hidden)
    return NationalFigures(regions=main, funding=funding, region_count=len(regions))


def _outcomes(values: dict[str, Any]) -> int:
    return int(values["out_work"] + values["out_work_training"] + values["out_other"])


def _share(values: dict[str, Any]) -> float | None:
    outcomes = _outcomes(values)
    if not outcomes:
        return None
    return round(100 * (values["out_work"] + values["out_work_training"]) / outcomes, 1)


OUTCOME_KEYS = ("out_work", "out_work_training", "out_other")
#: Counted and suppressed per column here; "referrals" comes from the funding table.
OWN_COUNT_KEYS = [key for key in MAIN_COUNT_KEYS if key != "referrals"]


def _main_grid(
    regions: list[Region],
    raw: list[dict[str, Any]],
    cases: QuerySet[Case],
    funding_hidden: Suppression,
) -> Grid:
    grid = Grid("regions", _("Figures per region"), MAIN_COLUMNS)
    own = suppress([[values[key] for key in OWN_COUNT_KEYS] for values in raw])
    totals: dict[str, Any] = {key: sum(values[key] for values in raw) for key in MAIN_COUNT_KEYS}
    totals["cost"] = sum((values["cost"] for values in raw), Decimal(0))
    total_hidden = dict(zip(OWN_COUNT_KEYS, own.column_totals, strict=True))
    total_hidden["referrals"] = funding_hidden.grand_total

    rows: list[tuple[str | Promise, dict[str, Any], dict[str, bool]]] = []
    for index, values in enumerate(raw):
        hidden = dict(zip(OWN_COUNT_KEYS, own.cells[index], strict=True))
        hidden["referrals"] = funding_hidden.row_totals[index]
        rows.append((regions[index].name, values, hidden))
    rows.append((_("The Netherlands (total)"), totals, total_hidden))

    national_median = _national_median(cases)
    for position, (label, values, hidden) in enumerate(rows):
        median = values["median_days"] if position < len(raw) else national_median
        row: list[Any] = [label]
        for column in MAIN_COLUMNS:
            if column.kind == "count":
                row.append(_shown(values[column.key], hidden[column.key]))
            elif column.key == "share_work":
                share = _share(values)
                unsafe = any(hidden[k] for k in OUTCOME_KEYS) or _outcomes(values) < MIN_CELL
                row.append(HIDDEN if share is not None and unsafe else _blank(share))
            elif column.key == "median_days":
                unsafe = _outcomes(values) < MIN_CELL
                row.append(HIDDEN if median is not None and unsafe else _blank(median))
            elif column.key == "cost":
                row.append(_money(values["cost"], hidden["referrals"]))
        if position < len(raw):
            grid.rows.append(row)
        else:
            grid.total = row
    return grid


def _national_median(cases: QuerySet[Case]) -> float | None:
    with_outcome = cases.filter(outcome__isnull=False).exclude(
        outcome__kind=OutcomeKind.IN_MEDIATION
    )
    if connection.vendor == "postgresql":
        result = with_outcome.aggregate(median=_Median("outcome__date", TruncDate("created_at")))
        return result["median"]
    days = [
        (date - timezone.localtime(created).date()).days
        for date, created in with_outcome.values_list("outcome__date", "created_at").iterator(
            chunk_size=5000
        )
    ]
    return float(statistics.median(days)) if days else None


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _funding_label(code: str) -> str | Promise:
    if code == NO_FUNDING:
        return _("No funding source")
    return FundingSourceCode(code).label


def _funding_grid(
    regions: list[Region],
    counts: list[list[int]],
    costs: list[list[Decimal]],
    hidden: Suppression,
) -> Grid:
    columns: list[Column] = []
    for code in FUNDING_CODES:
        label = _funding_label(code)
        columns.append(Column(f"{code}_n", label, "count"))
        columns.append(
            Column(f"{code}_cost", _("%(source)s: costs (euro)") % {"source": label}, "money")
        )
    grid = Grid("funding", _("Referrals and costs per funding source"), columns)
    for region, count_row, cost_row, hidden_row in zip(
        regions, counts, costs, hidden.cells, strict=True
    ):
        row: list[Any] = [region.name]
        for n, cost, is_hidden in zip(count_row, cost_row, hidden_row, strict=True):
            row += [_shown(n, is_hidden), _money(cost, is_hidden)]
        grid.rows.append(row)
    total_row: list[Any] = [_("The Netherlands (total)")]
    for index in range(len(FUNDING_CODES)):
        n = sum(row[index] for row in counts)
        cost = sum((row[index] for row in costs), Decimal(0))
        total_row += [
            _shown(n, hidden.column_totals[index]),
            _money(cost, hidden.column_totals[index]),
        ]
    grid.total = total_row
    return grid
