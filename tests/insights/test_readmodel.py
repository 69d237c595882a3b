"""The dashboard's read model (``CaseFact``) stays equal to a rebuild from the cases, whatever
path changed them: model saves (services, factories), bulk updates, deletes, merges."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from overstap.cases.constants import CaseStatus, ContactKind, OutcomeKind
from overstap.cases.models import Case, Person
from overstap.cases.services import trajectory
from overstap.cases.services.registration import merge_people
from overstap.insights import readmodel
from overstap.insights.figures import compute, region_facts
from overstap.insights.models import CaseFact, StaleCaseFact
from tests.factories import CaseFactory, IntakeFactory, OutcomeFactory

FIELDS = [f.attname for f in CaseFact._meta.concrete_fields]


def snapshot() -> list[tuple]:
    readmodel.refresh_stale()
    return list(CaseFact.objects.order_by("case_id").values_list(*FIELDS))


def rebuilt() -> list[tuple]:
    readmodel.rebuild()
    return list(CaseFact.objects.order_by("case_id").values_list(*FIELDS))


def test_every_case_gets_a_row_and_changes_reach_it(world):
    assert {row[0] for row in snapshot()} == set(Case.objects.values_list("pk", flat=True))
    a = world.cases["a"]
    a.intake.education_level = "hbo"
    a.intake.save()
    a.person.birth_date = dt.date(1960, 5, 1)
    a.person.save()
    a.outcome.delete()
    assert CaseFact.objects.get(case=a).education_level == "mbo"  # not yet read
    assert snapshot() == rebuilt()
    fact = CaseFact.objects.get(case=a)
    assert (fact.education_level, fact.birth_date, fact.outcome_kind) == (
        "hbo",
        dt.date(1960, 5, 1),
        "",
    )
    assert not StaleCaseFact.objects.exists()


def test_bulk_update_paths_mark_their_cases(world, case_manager, coordinator):
    """add_contact sets next_contact_due with QuerySet.update; the work history changes the
    derived releasing job with bulk_update; a merge moves cases with update()."""
    snapshot()
    b = Case.objects.get(pk=world.cases["b"].pk)
    trajectory.add_contact(
        actor=case_manager,
        case=b,
        date=timezone.localdate(),
        kind=ContactKind.PHONE,
        summary="Gebeld",
        next_contact_due=timezone.localdate() + dt.timedelta(days=40),
    )
    due = region_facts(world.region.pk).get(case=b).next_contact_due
    assert due == timezone.localdate() + dt.timedelta(days=40)
    trajectory.save_work_history(
        actor=case_manager,
        case=b,
        entries=[
            {
                "employer_name": "Cateraar",
                "job_title": "administrateur",
                "start_year": 1990,
                "end_year": None,
            }
        ],
    )
    fact = region_facts(world.region.pk).get(case=b)
    assert (fact.job_start_year, fact.function_group) == (1990, "staff")

    d = world.cases["d"]
    twin = Person.objects.create(region=world.region, first_name="Dirk", last_name="Dubbel")
    other = CaseFactory(person=twin, region=world.region, status=CaseStatus.CLOSED)
    merge_people(actor=coordinator, keep_id=d.person_id, merge_id=twin.pk)
    assert snapshot() == rebuilt()
    assert Case.objects.get(pk=other.pk).person_id == d.person_id


def test_deleted_case_leaves_no_row_and_the_figures_follow(world):
    before = compute(region_facts(world.region.pk)).totals["registered"]
    world.cases["d"].delete()
    new = CaseFactory(region=world.region, status=CaseStatus.ACTIVE)
    IntakeFactory(case=new, education_level="wo", completed_at=timezone.now())
    OutcomeFactory(case=new, kind=OutcomeKind.NEW_JOB, date=timezone.localdate())
    totals = compute(region_facts(world.region.pk)).totals
    assert totals["registered"] == before  # one gone, one new
    assert totals["edu_wo"] == 1
    assert snapshot() == rebuilt()


def test_rebuild_command_rebuilds_one_region_or_all(world, other_region):
    CaseFactory(region=other_region)
    snapshot()
    CaseFact.objects.all().delete()
    out = StringIO()
    call_command("rebuild_figures", "--region", world.region.code, stdout=out)
    assert CaseFact.objects.filter(region=world.region).count() == 4
    assert not CaseFact.objects.filter(region=other_region).exists()
    call_command("rebuild_figures", stdout=out)
    assert CaseFact.objects.count() == 5
    assert "5 cases" in out.getvalue()


def test_dashboard_is_reused_for_the_configured_seconds_and_says_when_it_was_computed(
    client, world, coordinator, settings
):
    from django.core.cache import cache
    from django.urls import reverse

    settings.OVERSTAP_FIGURES_CACHE_SECONDS = 60
    cache.clear()
    client.force_login(coordinator)
    first = client.get(reverse("insights:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Figures computed at" in first.content.decode()
    CaseFactory(region=world.region)
    again = client.get(reverse("insights:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert again.context["totals"]["registered"] == first.context["totals"]["registered"]
    filtered = client.get(
        reverse("insights:dashboard"), {"route": world.route1.pk}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert filtered.context["computed_at"] > first.context["computed_at"]  # other filters
    settings.OVERSTAP_FIGURES_CACHE_SECONDS = 0
    fresh = client.get(reverse("insights:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert fresh.context["totals"]["registered"] == first.context["totals"]["registered"] + 1
    cache.clear()
