"""Budgets per funding source and the cost–benefit calculation.

Budget overview (per region, funding source and calendar year of the referral's creation):

* **committed**: cost of referrals that are sent, accepted or started;
* **spent**: cost of completed referrals;
* **remaining**: budget − committed − spent.

Cost–benefit (parameters in settings, see docs/insights.md):

* **costs**: the cost of every referral that was sent, accepted, started or completed;
* **benefit**: people whose outcome is one of ``OVERSTAP_AVOIDED_BENEFIT_OUTCOMES`` ×
  ``OVERSTAP_ASSUMED_BENEFIT_MONTHS`` × ``OVERSTAP_MONTHLY_BENEFIT``, minus the months the
  person already received a benefit (none: the team works job to job, before dismissal).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from overstap.cases.constants import OutcomeKind
from overstap.cases.models import Case, Referral
from overstap.catalogue.constants import FundingSourceCode
from overstap.catalogue.models import FundingSource
from overstap.insights.figures import COMMITTED_STATUSES, COSTED_STATUSES, SPENT_STATUSES
from overstap.insights.models import Budget

if TYPE_CHECKING:
    from overstap.accounts.models import Region

ZERO = Decimal("0.00")


@dataclass
class BudgetLine:
    code: str
    label: str
    budget: Decimal | None
    committed: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal | None:
        if self.budget is None:
            return None
        return self.budget - self.committed - self.spent

    @property
    def overspent(self) -> bool:
        return self.remaining is not None and self.remaining < 0


def budget_overview(region: Region, year: int) -> list[BudgetLine]:
    """One line per funding source: budget, committed, spent, remaining. Two queries."""
    budgets = {
        b.funding_source.code: b.amount
        for b in Budget.objects.filter(region=region, year=year).select_related("funding_source")
    }
    sums = {
        row["funding_source__code"]: row
        for row in Referral.objects.filter(
            case__region=region, created_at__year=year, funding_source__isnull=False
        )
        .values("funding_source__code")
        .annotate(
            committed=Sum("cost", filter=Q(status__in=COMMITTED_STATUSES)),
            spent=Sum("cost", filter=Q(status__in=SPENT_STATUSES)),
        )
        .order_by()
    }
    lines = []
    for code, label in FundingSourceCode.choices:
        row: Any = sums.get(code, {})
        lines.append(
            BudgetLine(
                code=code,
                label=str(label),
                budget=budgets.get(code),
                committed=row.get("committed") or ZERO,
                spent=row.get("spent") or ZERO,
            )
        )
    return lines


def unfunded_total(region: Region, year: int) -> tuple[int, Decimal]:
    result = Referral.objects.filter(
        case__region=region,
        created_at__year=year,
        funding_source__isnull=True,
        status__in=COSTED_STATUSES,
    ).aggregate(n=Count("pk"), total=Sum("cost"))
    return result["n"], result["total"] or ZERO


def funding_sources() -> list[FundingSource]:
    """All funding sources (created on first use: they are fixed codes)."""
    existing = {f.code: f for f in FundingSource.objects.all()}
    for code in FundingSourceCode.values:
        if code not in existing:
            existing[code], _created = FundingSource.objects.get_or_create(code=code)
    return [existing[code] for code in FundingSourceCode.values]


# --- cost–benefit ----------------------------------------------------------------------


@dataclass(frozen=True)
class Parameters:
    months: int
    monthly_benefit: Decimal
    outcomes: tuple[str, ...]

    @classmethod
    def from_settings(cls) -> Parameters:
        return cls(
            months=int(settings.ASSUMED_BENEFIT_MONTHS),
            monthly_benefit=Decimal(settings.MONTHLY_BENEFIT),
            outcomes=tuple(settings.AVOIDED_BENEFIT_OUTCOMES),
        )

    @property
    def outcome_labels(self) -> list[str]:
        return [str(OutcomeKind(o).label) for o in self.outcomes if o in OutcomeKind.values]


@dataclass
class CostBenefit:
    label: str
    participants: int
    placed: int
    costs: Decimal
    params: Parameters
    steps: list[str] = field(default_factory=list)

    @property
    def benefit(self) -> Decimal:
        return self.placed * self.params.months * self.params.monthly_benefit

    @property
    def net(self) -> Decimal:
        return self.benefit - self.costs

    @property
    def cost_per_participant(self) -> Decimal | None:
        if not self.participants:
            return None
        return (self.costs / self.participants).quantize(Decimal("0.01"))

    @property
    def ratio(self) -> Decimal | None:
        if not self.costs:
            return None
        return (self.benefit / self.costs).quantize(Decimal("0.1"))


def euro(amount: Decimal | int | None) -> str:
    if amount is None:
        return "–"
    return "€ " + number_format(Decimal(amount), decimal_pos=0, use_l10n=True, force_grouping=True)


def explain(result: CostBenefit) -> list[str]:
    """The calculation written out, one step per line."""
    p = result.params
    steps = [
        _(
            "Costs: the cost of every referral sent, accepted, started or completed for "
            "%(participants)s participants = %(costs)s."
        )
        % {"participants": result.participants, "costs": euro(result.costs)},
        _("%(placed)s people to %(outcomes)s × %(months)s months × %(monthly)s = %(benefit)s.")
        % {
            "placed": result.placed,
            "outcomes": ", ".join(p.outcome_labels).lower() or _("(no outcomes counted)"),
            "months": p.months,
            "monthly": euro(p.monthly_benefit),
            "benefit": euro(result.benefit),
        },
        _("Minus months already on benefit: none (job to job)."),
        _("Benefit %(benefit)s − costs %(costs)s = %(net)s.")
        % {"benefit": euro(result.benefit), "costs": euro(result.costs), "net": euro(result.net)},
    ]
    if result.ratio is not None:
        steps.append(
            _("Every euro spent avoided an estimated %(ratio)s euro of benefit.")
            % {"ratio": number_format(result.ratio, decimal_pos=1, use_l10n=True)}
        )
    return steps


def cost_benefit(
    cases: QuerySet[Case], *, params: Parameters | None = None, label: str = ""
) -> CostBenefit:
    """Cost–benefit of a group of cases (a cohort or everybody in scope). Two queries."""
    params = params or Parameters.from_settings()
    participants = cases.count()
    costs = (
        Referral.objects.filter(case__in=cases.values("pk"), status__in=COSTED_STATUSES).aggregate(
            total=Sum("cost")
        )["total"]
        or ZERO
    )
    placed = cases.filter(outcome__kind__in=params.outcomes).count()
    result = CostBenefit(
        label=label, participants=participants, placed=placed, costs=costs, params=params
    )
    result.steps = explain(result)
    return result


def cohorts(cases: QuerySet[Case], *, params: Parameters | None = None) -> list[CostBenefit]:
    """Cost–benefit per releasing employer (cohort). Two queries."""
    params = params or Parameters.from_settings()
    rows = (
        cases.values("releasing_employer_id", "releasing_employer__name")
        .annotate(
            participants=Count("pk"),
            placed=Count("pk", filter=Q(outcome__kind__in=params.outcomes)),
        )
        .order_by("-participants")
    )
    costs = dict(
        Referral.objects.filter(case__in=cases.values("pk"), status__in=COSTED_STATUSES)
        .values("case__releasing_employer_id")
        .annotate(total=Sum("cost"))
        .values_list("case__releasing_employer_id", "total")
    )
    results = []
    for row in rows:
        result = CostBenefit(
            label=row["releasing_employer__name"] or _("No releasing employer"),
            participants=row["participants"],
            placed=row["placed"],
            costs=costs.get(row["releasing_employer_id"]) or ZERO,
            params=params,
        )
        result.steps = explain(result)
        results.append(result)
    return results


def per_participant(
    cases: QuerySet[Case], *, params: Parameters | None = None
) -> list[dict[str, Any]]:
    """Per case (by case number, no names): costs, outcome, estimated benefit. One query."""
    params = params or Parameters.from_settings()
    rows = (
        cases.values("pk", "number", "outcome__kind", "releasing_employer__name")
        .annotate(
            costs=Sum("referrals__cost", filter=Q(referrals__status__in=COSTED_STATUSES)),
            n_referrals=Count("referrals", filter=Q(referrals__status__in=COSTED_STATUSES)),
        )
        .order_by("number")
    )
    out = []
    for row in rows:
        counted = row["outcome__kind"] in params.outcomes
        benefit = params.months * params.monthly_benefit if counted else ZERO
        costs = row["costs"] or ZERO
        out.append(
            {
                "number": row["number"],
                "employer": row["releasing_employer__name"] or "",
                "outcome": OutcomeKind(row["outcome__kind"]).label if row["outcome__kind"] else "",
                "referrals": row["n_referrals"],
                "costs": costs,
                "benefit": benefit,
                "net": benefit - costs,
            }
        )
    return out
