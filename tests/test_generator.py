"""``overstap generate_region``: realistic volumes, seeded, all or nothing."""

import pytest
from django.core.management import CommandError, call_command

from overstap.accounts.models import Region
from overstap.cases.models import Case, Contact, WorkHistoryEntry
from overstap.core.exceptions import DomainError
from overstap.demo.generator import generate_region
from overstap.insights.figures import compute, region_facts


def test_generates_a_consistent_region(db):
    result = generate_region(code="gen", people=120, contacts_per_case=3, batch=50)
    cases = Case.objects.filter(region=result.region)
    assert cases.count() == result.counts["cases"] == 120
    assert Contact.objects.filter(case__region=result.region).count() == result.counts["contacts"]
    assert result.counts["contacts"] > 120  # about 3 per case
    assert WorkHistoryEntry.objects.filter(person__region=result.region).count() == 120
    # the derived columns are set as the services set them: every case with a releasing
    # employer has its job there on the case
    with_employer = cases.exclude(releasing_employer=None)
    assert with_employer.exists()
    assert not with_employer.filter(releasing_job_title="").exists()
    assert not cases.filter(releasing_employer=None).exclude(releasing_job_title="").exists()
    dash = compute(region_facts(result.region.pk))
    assert dash.totals["registered"] == 120
    assert sum(r[1] for r in dash.table("tenure").rows) == 120
    # registrations are spread over time
    assert cases.dates("created_at", "month").count() > 1


def test_same_seed_same_data_and_existing_region_refused(db):
    first = generate_region(code="a", people=30, seed=3)
    names = list(
        Case.objects.filter(region=first.region).order_by("pk").values_list("person__last_name")
    )
    with pytest.raises(DomainError):
        generate_region(code="a", people=30, seed=3)
    second = generate_region(code="b", people=30, seed=3)
    assert names == list(
        Case.objects.filter(region=second.region).order_by("pk").values_list("person__last_name")
    )


def test_command_refuses_outside_demo_mode(db, settings):
    settings.DEMO_MODE = False
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("generate_region", "--people", "5", "--code", "x")
    assert not Region.objects.filter(code="x").exists()
    call_command("generate_region", "--people", "5", "--code", "x", "--force", verbosity=0)
    assert Case.objects.filter(region__code="x").count() == 5


def test_many_regions_named_after_the_labour_market_regions(db):
    from overstap.demo.generator import LABOUR_MARKET_REGIONS, generate_regions, region_specs

    assert len(LABOUR_MARKET_REGIONS) == 35
    specs = region_specs(37)
    assert specs[0] == ("groningen", "Groningen")
    assert ("zaanstreek-waterland", "Zaanstreek/Waterland") in specs
    assert specs[35] == ("groningen-2", "Groningen 2")
    assert len({code for code, _name in specs}) == 37
    generate_region(code="drenthe", people=3)  # exists already: skipped, not an error
    generated, skipped = generate_regions(count=3, people=4)
    assert skipped == ["drenthe"]
    assert [r.region.name for r in generated] == ["Groningen", "Friesland"]
    for result in generated:
        assert Case.objects.filter(region=result.region).count() == 4
    # the cases of different regions differ (a seed per region)
    names = [
        list(Case.objects.filter(region=r.region).values_list("person__last_name", flat=True))
        for r in generated
    ]
    assert names[0] != names[1]


def test_long_region_codes_keep_case_numbers_short(db):
    from overstap.cases.models import Case as CaseModel

    result = generate_region(code="stedendriehoek-en-noordwest-veluwe", people=3)
    numbers = list(CaseModel.objects.filter(region=result.region).values_list("number", flat=True))
    max_length = CaseModel._meta.get_field("number").max_length
    assert all(len(n) <= max_length for n in numbers), numbers
    assert len(set(numbers)) == 3


def test_command_with_regions_and_region_alias(db):
    call_command("generate_region", "--regions", "2", "--people", "3", verbosity=0)
    assert Case.objects.filter(region__code__in=["groningen", "friesland"]).count() == 6
    call_command("generate_region", "--region", "eigen", "--people", "2", verbosity=0)
    assert Case.objects.filter(region__code="eigen").count() == 2
    with pytest.raises(CommandError):
        call_command("generate_region", "--regions", "0", verbosity=0)
