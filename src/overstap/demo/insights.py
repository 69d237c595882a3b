"""Insight data for the demo region (issue #6): funding of referrals, budgets, bottlenecks.

``build(region)`` is idempotent: it fills in what is missing and changes nothing twice.
The lead calls it from ``load_demo`` after the demo cases exist.

* Cases released by Cateringgroep Brabant fall under that employer's social plan, so their
  referrals are paid from the social plan (the pilot's "prior provision first" rule); the
  other referrals are paid from the regional pooled budget where the offering allows it.
* A budget per funding source for this year and last year.
* A few bottlenecks the pilot evaluation names.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from overstap.accounts.constants import Role
from overstap.accounts.models import Region, User
from overstap.cases.constants import PriorProvision, ReferralStatus
from overstap.cases.models import Case, Referral
from overstap.catalogue.constants import FundingSourceCode
from overstap.catalogue.models import FundingSource
from overstap.insights.constants import BottleneckCategory, BottleneckStatus
from overstap.insights.models import Bottleneck, Budget

#: Releasing employers (by name) whose cases a social plan covers.
SOCIAL_PLAN_EMPLOYERS = ("Cateringgroep Brabant",)

BUDGETS = {
    FundingSourceCode.REGIONAL_BUDGET: Decimal("60000"),
    FundingSourceCode.SOCIAL_PLAN: Decimal("25000"),
    FundingSourceCode.SECTOR_FUND: Decimal("15000"),
    FundingSourceCode.TRAINING_BUDGET: Decimal("10000"),
    FundingSourceCode.UWV: Decimal("20000"),
    FundingSourceCode.MUNICIPALITY: Decimal("12000"),
}

BOTTLENECKS = [
    (
        BottleneckCategory.PRIVACY,
        "AVG blokkeert terugkoppeling aan latende werkgever",
        "De latende werkgever wil weten wat er met zijn oud-medewerkers gebeurt, maar zonder "
        "toestemming van de deelnemer mogen we niets terugkoppelen. Werkgevers haken daardoor af.",
        7,
        BottleneckStatus.ESCALATED,
    ),
    (
        BottleneckCategory.SYSTEMS,
        "Geen zicht op vacatures bij UWV-systemen",
        "Casemanagers van de gemeente kunnen de vacatures van team Match niet inzien; "
        "vacatures gaan per e-mail rond.",
        12,
        BottleneckStatus.OPEN,
    ),
    (
        BottleneckCategory.FINANCE,
        "Scholing loopt over het einde van het sectorfonds heen",
        "Een mbo-opleiding duurt langer dan de looptijd van de regeling van het sectorfonds. "
        "Wie betaalt het laatste halfjaar?",
        3,
        BottleneckStatus.OPEN,
    ),
    (
        BottleneckCategory.REGULATION,
        "Werkzoekende mag geen scholing volgen met behoud van WW",
        "Bij ontslag tijdens een opleiding dreigt verlies van de uitkering; deelnemers stellen "
        "scholing daarom uit.",
        4,
        BottleneckStatus.RESOLVED,
    ),
    (
        BottleneckCategory.PROCESS,
        "Dubbele intake bij UWV en gemeente",
        "Deelnemers vertellen hun verhaal twee keer omdat intakes niet worden gedeeld.",
        9,
        BottleneckStatus.OPEN,
    ),
]


def _sources() -> dict[str, FundingSource]:
    out = {}
    for code in FundingSourceCode.values:
        out[code], _created = FundingSource.objects.get_or_create(code=code)
    return out


@transaction.atomic
def build(region: Region) -> dict[str, int]:
    """Add costs, funding, budgets and bottlenecks to the demo region. Idempotent."""
    sources = _sources()
    social_plan_cases = Case.objects.filter(
        region=region, releasing_employer__name__in=SOCIAL_PLAN_EMPLOYERS
    )
    for case in social_plan_cases.only("pk", "prior_provisions"):
        if PriorProvision.SOCIAL_PLAN not in (case.prior_provisions or []):
            case.prior_provisions = [*(case.prior_provisions or []), PriorProvision.SOCIAL_PLAN]
            case.save(update_fields=["prior_provisions"])
    covered = set(social_plan_cases.values_list("pk", flat=True))

    changed = []
    referrals = (
        Referral.objects.filter(case__region=region, funding_source__isnull=True)
        .exclude(status=ReferralStatus.PROPOSED)
        .select_related("offering")
        .prefetch_related("offering__funding_sources")
    )
    for referral in referrals:
        allowed = [f.code for f in referral.offering.funding_sources.all()]
        code: str
        if referral.case_id in covered:
            code = FundingSourceCode.SOCIAL_PLAN
        elif FundingSourceCode.REGIONAL_BUDGET in allowed or not allowed:
            code = FundingSourceCode.REGIONAL_BUDGET
        else:
            code = allowed[0]
        referral.funding_source = sources[code]
        if not referral.cost and referral.offering.price:
            referral.cost = referral.offering.price
        changed.append(referral)
    Referral.objects.bulk_update(changed, ["funding_source", "cost"], batch_size=500)

    year = timezone.localdate().year
    budgets = 0
    for y in (year - 1, year):
        for code, amount in BUDGETS.items():
            _budget, created = Budget.objects.get_or_create(
                region=region, funding_source=sources[code], year=y, defaults={"amount": amount}
            )
            budgets += int(created)

    coordinator = User.objects.filter(
        organisation__region=region, role=Role.COORDINATOR, is_active=True
    ).first()
    made = 0
    if coordinator is not None:
        for category, title, description, count, status in BOTTLENECKS:
            _item, created = Bottleneck.objects.get_or_create(
                region=region,
                title=title,
                defaults={
                    "category": category,
                    "description": description,
                    "affected_count": count,
                    "status": status,
                    "owner": coordinator,
                    "created_by": coordinator,
                },
            )
            made += int(created)
    return {"referrals_funded": len(changed), "budgets": budgets, "bottlenecks": made}
