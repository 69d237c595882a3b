from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from overstap.cases import services as case_services
from overstap.cases.constants import PriorProvision, ReferralStatus
from overstap.catalogue.constants import FundingSourceCode
from overstap.catalogue.models import FundingSource
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.insights import finance
from overstap.insights.figures import region_cases
from overstap.insights.finance import Parameters, cohorts, cost_benefit, euro
from overstap.insights.models import Budget
from overstap.insights.services import set_budget, set_referral_funding
from overstap.privacy.models import AuditLogEntry

from ..factories import CaseFactory, OfferingFactory, ReferralFactory


def source(code):
    return FundingSource.objects.get_or_create(code=code)[0]


def test_create_referral_takes_the_offering_price(world, case_manager):
    case = world.cases["b"]
    referral = case_services.create_referral(actor=case_manager, case=case, offering=world.coaching)
    assert referral.cost == Decimal("300.00")


def test_regional_budget_refused_when_a_prior_provision_applies(world, case_manager):
    referral = world.cases["b"].referrals.first()
    with pytest.raises(DomainError) as exc:
        set_referral_funding(
            actor=case_manager,
            referral=referral,
            funding_source=source(FundingSourceCode.REGIONAL_BUDGET),
            cost=Decimal("450"),
            prior_provision_checked=True,
            prior_provisions=[PriorProvision.SOCIAL_PLAN],
        )
    assert exc.value.message == (
        "The regional pooled budget pays only when no prior provision applies. "
        "Employer's social plan applies to this person: that must pay first."
    )
    referral.refresh_from_db()
    assert referral.funding_source is None


def test_regional_budget_needs_the_check(world, case_manager):
    referral = world.cases["b"].referrals.first()
    with pytest.raises(DomainError, match="confirm that none applies"):
        set_referral_funding(
            actor=case_manager,
            referral=referral,
            funding_source=source(FundingSourceCode.REGIONAL_BUDGET),
            cost=Decimal("450"),
            prior_provision_checked=False,
            prior_provisions=[],
        )


def test_funding_saved_with_provisions_event_and_audit(world, case_manager):
    referral = world.cases["b"].referrals.first()
    before = AuditLogEntry.objects.count()
    set_referral_funding(
        actor=case_manager,
        referral=referral,
        funding_source=source(FundingSourceCode.SOCIAL_PLAN),
        cost=Decimal("400"),
        prior_provision_checked=True,
        prior_provisions=[PriorProvision.SOCIAL_PLAN],
    )
    referral.refresh_from_db()
    referral.case.refresh_from_db()
    assert referral.funding_source.code == "social_plan"
    assert referral.cost == Decimal("400")
    assert referral.case.prior_provisions == ["social_plan"]
    assert AuditLogEntry.objects.count() == before + 1
    # now the regional budget is refused for this person, without naming the provision again
    with pytest.raises(DomainError, match="social plan"):
        set_referral_funding(
            actor=case_manager,
            referral=referral,
            funding_source=source(FundingSourceCode.REGIONAL_BUDGET),
            cost=Decimal("400"),
            prior_provision_checked=True,
            prior_provisions=referral.case.prior_provisions,
        )
    set_referral_funding(
        actor=case_manager,
        referral=referral,
        funding_source=source(FundingSourceCode.REGIONAL_BUDGET),
        cost=Decimal("400"),
        prior_provision_checked=True,
        prior_provisions=[],
    )


def test_funding_by_someone_outside_the_case_is_refused(world, other_case_manager):
    referral = world.cases["b"].referrals.first()
    with pytest.raises(PermissionDenied):
        set_referral_funding(
            actor=other_case_manager,
            referral=referral,
            funding_source=None,
            cost=Decimal("1"),
            prior_provision_checked=False,
            prior_provisions=[],
        )


def test_funding_form_on_the_referrals_tab_and_post(client, world, case_manager):
    case = world.cases["b"]
    referral = case.referrals.first()
    client.force_login(case_manager)
    page = client.get(reverse("cases:case_referrals", args=[case.pk])).content.decode()
    assert reverse("insights:referral_funding", args=[case.pk, referral.pk]) in page
    url = reverse("insights:referral_funding", args=[case.pk, referral.pk])
    regional = source(FundingSourceCode.REGIONAL_BUDGET)
    response = client.post(
        url,
        {
            "funding_source": regional.pk,
            "cost": "120",
            "prior_provisions": ["uwv"],
            "prior_provision_checked": "on",
        },
        follow=True,
    )
    assert "UWV applies to this person: that must pay first." in response.content.decode()
    response = client.post(
        url, {"funding_source": regional.pk, "cost": "not a number", "prior_provisions": ["uwv"]}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="not a number"' in page  # the typed input is kept
    assert "error-summary" in page and "Cost (euro)" in page
    assert re.search(r'value="uwv"[^>]*checked', page)
    referral.refresh_from_db()
    assert referral.cost != Decimal("120")
    response = client.post(
        url, {"funding_source": regional.pk, "cost": "120", "prior_provision_checked": "on"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.funding_source == regional and referral.cost == Decimal("120")
    assert client.get(url).status_code == 405


def test_budget_committed_spent_remaining(world, coordinator):
    regional = source(FundingSourceCode.REGIONAL_BUDGET)
    year = timezone.localdate().year
    set_budget(actor=coordinator, funding_source=regional, year=year, amount=Decimal("2000"))
    a = world.cases["a"]
    a.referrals.update(funding_source=regional)  # completed 450 + sent 300
    world.cases["b"].referrals.update(funding_source=regional)  # cancelled 999: not counted
    world.cases["c"].referrals.update(funding_source=regional)  # started 300
    line = next(
        x for x in finance.budget_overview(world.region, year) if x.code == "regional_budget"
    )
    assert line.budget == Decimal("2000")
    assert line.committed == Decimal("600")
    assert line.spent == Decimal("450")
    assert line.remaining == Decimal("950")
    other = next(x for x in finance.budget_overview(world.region, year) if x.code == "uwv")
    assert other.budget is None and other.remaining is None
    assert Budget.objects.count() == 1


def test_budget_page_coordinators_only(client, world, coordinator, case_manager):
    client.force_login(case_manager)
    assert client.get(reverse("insights:budgets")).status_code == 403
    client.force_login(coordinator)
    response = client.post(
        reverse("insights:budgets"),
        {"funding_source": source("uwv").pk, "year": 2026, "amount": "5000"},
    )
    assert response.status_code == 302
    page = client.get(reverse("insights:budgets") + "?year=2026").content.decode()
    assert "5,000.00" in page or "5000" in page


def test_cost_benefit_calculation(world):
    params = Parameters(
        months=12,
        monthly_benefit=Decimal("2000"),
        outcomes=("new_job", "job_with_training", "self_employed", "stayed"),
    )
    result = cost_benefit(region_cases(world.region.pk), params=params, label="all")
    assert result.participants == 4
    assert result.placed == 2  # new job + stayed
    assert result.costs == Decimal("1050")  # 450 + 300 + 300; cancelled 999 excluded
    assert result.benefit == Decimal("48000")
    assert result.net == Decimal("46950")
    assert (
        "2 people to new job, job plus training, self-employed, stayed with employer × 12 months × € 2,000 = € 48,000."
        in result.steps
    )
    assert "Minus months already on benefit: none (job to job)." in result.steps
    by_cohort = {c.label: c for c in cohorts(region_cases(world.region.pk), params=params)}
    assert by_cohort["Cateraar"].placed == 2
    assert by_cohort["Cateraar"].costs == Decimal("750")
    assert by_cohort["Hotel"].placed == 0 and by_cohort["Hotel"].costs == Decimal("300")


def test_cost_benefit_parameters_from_settings(world, settings):
    settings.ASSUMED_BENEFIT_MONTHS = 6
    settings.MONTHLY_BENEFIT = 1500
    settings.AVOIDED_BENEFIT_OUTCOMES = ["new_job"]
    result = cost_benefit(region_cases(world.region.pk))
    assert result.placed == 1
    assert result.benefit == Decimal("9000")
    assert euro(Decimal("9000")) == "€ 9,000"


def test_cost_benefit_page(client, world, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("insights:cost_benefit"), {"employer": world.caterer.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Minus months already on benefit: none (job to job)." in html
    assert world.cases["a"].number in html
    assert world.cases["a"].person.last_name not in html


def test_proposed_referrals_cost_nothing_yet(world):
    # a referral made just now but not yet sent costs nothing yet
    case = CaseFactory(person__region=world.region)
    ReferralFactory(
        case=case, offering=OfferingFactory(region=world.region), status=ReferralStatus.PROPOSED
    )
    assert cost_benefit(region_cases(world.region.pk)).costs == Decimal("1050")
