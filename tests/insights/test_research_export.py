from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from overstap.insights.exports import MIN_CELL, SUPPRESSED, pseudonym, research_rows, suppress
from overstap.insights.figures import region_cases
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.models import AuditLogEntry

from ..factories import CaseFactory, IntakeFactory, PersonFactory


@pytest.fixture(autouse=True)
def _research_consent(request):
    """Issue #7: the export holds only people with a research consent; give it to all."""
    if "world" not in request.fixturenames:
        return
    from django.utils import timezone

    from overstap.cases.models import Person
    from overstap.consent.models import ConsentRecord

    world = request.getfixturevalue("world")
    recorder = next(iter(world.cases.values())).registered_by
    for person in Person.objects.filter(region=world.region):
        ConsentRecord.objects.create(
            person=person,
            purpose="research",
            state="given",
            text_version="2026-1",
            channel="online",
            recorded_at=timezone.now(),
            recorded_by=recorder,
        )


def _post(client, key="study-1", fmt="csv"):
    return client.post(
        reverse("insights:research_export"),
        {"export_key": key, "purpose": "Evaluatie", "format": fmt},
    )


def _rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_pseudonyms_stable_per_key_and_different_across_keys(world):
    person_id = world.cases["a"].person_id
    assert pseudonym("k1", person_id) == pseudonym("k1", person_id)
    assert pseudonym("k1", person_id) != pseudonym("k2", person_id)
    assert pseudonym("k1", person_id) != pseudonym("k1", world.cases["b"].person_id)
    assert len(pseudonym("k1", person_id)) == 16


def test_export_has_no_direct_identifiers(client, world, coordinator):
    a = world.cases["a"]
    a.person.bsn = "111222333"
    a.person.email = "anna@example.com"
    a.person.phone = "0612345678"
    a.person.save()
    client.force_login(coordinator)
    first = _post(client)
    assert first.status_code == 200
    text = first.content.decode("utf-8-sig")
    for value in (
        "111222333",
        "anna@example.com",
        "0612345678",
        a.person.first_name,
        a.person.last_name,
        a.number,
        str(a.person.birth_date),
        "5211 AB",
    ):
        assert value not in text
    rows = _rows(first)
    assert len(rows) == 4
    assert {r["postcode area"] for r in rows} == {"52"}
    again = _rows(_post(client))
    assert [r["pseudonym"] for r in rows] == [r["pseudonym"] for r in again]
    other = _rows(_post(client, key="study-2"))
    assert not {r["pseudonym"] for r in rows} & {r["pseudonym"] for r in other}


def test_small_groups_suppressed(world):
    rows = research_rows(region_cases(world.region.pk), "k")
    # four people, each a different combination: everything suppressed
    assert all(r["age_band"] == SUPPRESSED and r["route"] == SUPPRESSED for r in rows)
    assert all(r["outcome"] != SUPPRESSED for r in rows)  # only the quasi-identifiers


def test_groups_of_five_are_kept(world):
    for _ in range(MIN_CELL):
        person = PersonFactory(region=world.region, birth_date=world.cases["c"].person.birth_date)
        case = CaseFactory(person=person, route=world.route1, releasing_employer=world.hotel)
        IntakeFactory(case=case, education_level="hbo")
    rows = research_rows(region_cases(world.region.pk), "k")
    kept = [r for r in rows if r["age_band"] != SUPPRESSED]
    assert len(kept) == MIN_CELL + 1  # the five plus Carla, who shares their combination
    assert {(r["age_band"], r["education_level"], r["sector"], r["route"]) for r in kept} == {
        ("45_54", "hbo", "Horeca", 1)
    }


def test_suppress_helper():
    rows = [{"a": 1, "b": 2}] * 4 + [{"a": 1, "b": 3}]
    rows = [dict(r) for r in rows]
    assert suppress(rows, ("a", "b")) == 5
    assert all(r["a"] == SUPPRESSED for r in rows)


def test_export_is_audited_and_xlsx_opens(client, world, coordinator):
    client.force_login(coordinator)
    before = AuditLogEntry.objects.count()
    response = _post(client, fmt="xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert sheet.cell(1, 1).value == "pseudonym"
    assert sheet.max_row == 5
    summary = book.worksheets[1]
    assert {summary.cell(r, 2).value for r in range(2, summary.max_row + 1)} == {"<5"}
    entry = AuditLogEntry.objects.order_by("-id").first()
    assert AuditLogEntry.objects.count() == before + 1
    assert entry.action == AuditAction.EXPORT and entry.purpose == Purpose.RESEARCH
    assert entry.details["rows"] == 4
    assert "study-1" not in str(entry.details)


def test_research_export_coordinators_only(client, world, case_manager):
    client.force_login(case_manager)
    assert client.get(reverse("insights:research_export")).status_code == 403
    assert _post(client).status_code == 403
