"""CSV and schema.org JobPosting imports: report, confirmation, idempotency, encodings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from freezegun import freeze_time

from overstap.core.exceptions import DomainError
from overstap.employers import services
from overstap.employers.constants import ImportFormat, ImportStatus, VacancySource, VacancyStatus
from overstap.employers.models import Vacancy, VacancyImport

from .conftest import future, occupation, skill

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
HEADER = (
    "external_id,title,occupation,must_skills,nice_skills,hours_min,hours_max,wage_band,"
    "contract_type,postcode,place,shifts,start_date,positions,description"
)


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def good_row(ext: str = "A1", title: str = "Orderpicker", **kw: str) -> str:
    values = {
        "occupation": "orderpicker",
        "must": "orders verzamelen (orderpicken);handscanner gebruiken",
        "nice": "heftruck besturen",
        "start": future(20).isoformat(),
        "postcode": "5462 GH",
    }
    values.update(kw)
    return (
        f"{ext},{title},{values['occupation']},{values['must']},{values['nice']},32,40,2450,"
        f"fixed_term,{values['postcode']},Veghel,evening;night,{values['start']},2,Orders verzamelen"
    )


def _start(actor, employer, raw: bytes, filename: str = "vacatures.csv") -> VacancyImport:
    return services.start_import(actor=actor, employer=employer, raw=raw, filename=filename)


def _preview(record: VacancyImport) -> services.ImportPreview:
    return services.preview_import(employer=record.employer, fmt=record.format, text=record.content)


def _problems(preview: services.ImportPreview) -> list[tuple[int, str, str]]:
    return [(row.number, e.field, e.message) for row in preview.bad_rows for e in row.errors]


def test_good_csv_imports_everything(taxonomy, employer_user, employer_org):
    record = _start(employer_user, employer_org, _csv(good_row("A1"), good_row("A2", "Inpakker")))
    assert record.format == ImportFormat.CSV
    preview = _preview(record)
    assert not preview.bad_rows
    assert preview.new == 2
    result = services.run_import(actor=employer_user, record=record)
    assert result.as_dict() == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 0}
    vacancy = Vacancy.objects.get(external_id="A1")
    assert vacancy.source == VacancySource.CSV
    assert vacancy.status == VacancyStatus.OPEN
    assert vacancy.occupation == occupation("orderpicker")
    assert vacancy.wage_band == "2000_2500"
    assert vacancy.shifts == ["evening", "night"]
    assert vacancy.positions == 2
    links = dict(vacancy.skill_links.values_list("skill__uri", "importance"))
    assert links == {
        skill("order-picking").uri: "must",
        skill("scanner").uri: "must",
        skill("forklift").uri: "nice",
    }
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE
    with pytest.raises(DomainError):
        services.run_import(actor=employer_user, record=record)


def test_bad_rows_are_reported_with_row_numbers_and_reasons(taxonomy, employer_user, employer_org):
    raw = _csv(
        good_row("A1"),
        good_row("A2", occupation="astronaut"),
        good_row("A3", must="vliegen met een raket"),
        good_row("A4", start="2020-01-01", postcode="123"),
        "A5,Inpakker,inpakker,,,50,40,,x,5462 GH,Veghel,,,0,",
        good_row("A1", "Dubbel"),
        good_row("", "Zonder id"),
    )
    preview = _preview(_start(employer_user, employer_org, raw))
    problems = _problems(preview)
    assert len(preview.good_rows) == 1
    by_row = {}
    for number, field, message in problems:
        by_row.setdefault(number, []).append((field, message))
    assert by_row[3][0][0] == "occupation" and "Unknown occupation “astronaut”" in by_row[3][0][1]
    assert by_row[4][0][0] == "must_skills" and "Unknown skill" in by_row[4][0][1]
    assert {f for f, _m in by_row[5]} == {"start_date", "postcode"}
    fields_6 = {f for f, _m in by_row[6]}
    assert fields_6 == {"contract_type", "hours_max", "positions"}
    assert any("also used in row 2" in m for _f, m in by_row[7])
    assert any("its own id" in m for _f, m in by_row[8])
    with pytest.raises(DomainError, match="6 rows have problems"):
        services.run_import(actor=employer_user, record=VacancyImport.objects.get())
    assert not Vacancy.objects.exists()


def test_good_rows_only_after_confirmation(taxonomy, employer_user, employer_org):
    raw = _csv(good_row("A1"), good_row("A2", occupation="astronaut"), good_row("A3"))
    record = _start(employer_user, employer_org, raw)
    result = services.run_import(actor=employer_user, record=record, good_rows_only=True)
    assert result.as_dict() == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 1}
    assert set(Vacancy.objects.values_list("external_id", flat=True)) == {"A1", "A3"}
    assert "1 row with problems skipped" in result.message()


def test_reimport_is_idempotent_and_updates_changes(taxonomy, employer_user, employer_org):
    raw = _csv(good_row("A1"), good_row("A2", "Inpakker"), good_row("A3", "Retouren"))
    services.run_import(actor=employer_user, record=_start(employer_user, employer_org, raw))
    again = services.run_import(
        actor=employer_user, record=_start(employer_user, employer_org, raw)
    )
    assert again.as_dict() == {"created": 0, "updated": 0, "unchanged": 3, "skipped": 0}
    assert again.message() == "0 new, 3 unchanged, 0 updated"
    changed = _csv(good_row("A1"), good_row("A2", "Inpakker avond"), good_row("A3", "Retouren"))
    result = services.run_import(
        actor=employer_user, record=_start(employer_user, employer_org, changed)
    )
    assert result.message() == "0 new, 2 unchanged, 1 updated"
    assert Vacancy.objects.count() == 3
    updated = Vacancy.objects.get(external_id="A2")
    assert updated.title == "Inpakker avond"
    assert updated.version == 2


def test_reimport_keeps_status_set_by_hand(taxonomy, employer_user, employer_org):
    raw = _csv(good_row("A1"))
    services.run_import(actor=employer_user, record=_start(employer_user, employer_org, raw))
    vacancy = Vacancy.objects.get()
    services.set_vacancy_status(actor=employer_user, vacancy=vacancy, status=VacancyStatus.FILLED)
    result = services.run_import(
        actor=employer_user, record=_start(employer_user, employer_org, raw)
    )
    assert result.unchanged == 1
    assert Vacancy.objects.get().status == VacancyStatus.FILLED


def test_semicolon_delimiter_and_bom(taxonomy, employer_user, employer_org):
    header = HEADER.replace(",", ";")
    row = (
        f'B1;Heftruckchauffeur;heftruckchauffeur;"heftruck besturen;heftruckcertificaat";;38;38;'
        f"2500_3000;vast;5462GH;Veghel;dag;{future(10).strftime('%d-%m-%Y')};1;Laden en lossen"
    )
    raw = b"\xef\xbb\xbf" + _csv(row, header=header)
    record = _start(employer_user, employer_org, raw)
    preview = _preview(record)
    assert not preview.bad_rows, _problems(preview)
    assert any("semicolons" in note for note in preview.notes)
    services.run_import(actor=employer_user, record=record)
    vacancy = Vacancy.objects.get(external_id="B1")
    assert vacancy.contract_type == "permanent"
    assert vacancy.postcode == "5462 GH"
    assert vacancy.shifts == ["day"]
    assert vacancy.skill_links.count() == 2


def test_latin1_file_gets_a_clear_message(taxonomy, employer_user, employer_org):
    raw = _csv(good_row("C1", "Medewerker café")).decode().encode("latin-1")
    with pytest.raises(DomainError) as exc:
        _start(employer_user, employer_org, raw)
    assert "not UTF-8" in exc.value.message
    assert "line 2" in exc.value.message
    assert not VacancyImport.objects.exists()


def test_missing_columns_are_reported(taxonomy, employer_user, employer_org):
    with pytest.raises(DomainError, match="external_id"):
        _start(employer_user, employer_org, b"title,hours_min\nKok,32\n")


def test_another_employer_cannot_be_imported_for(taxonomy, employer_user, other_employer_user):
    from overstap.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _start(employer_user, other_employer_user.organisation, _csv(good_row()))


def test_account_manager_imports_for_chosen_employer(taxonomy, account_manager, security):
    record = _start(account_manager, security, _csv(good_row("D1")))
    services.run_import(actor=account_manager, record=record)
    assert Vacancy.objects.get().employer == security


# --- JobPosting JSON / JSON-LD -----------------------------------------------------------------


def posting(**overrides):
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": "J1",
        "title": "Beveiliger",
        "description": "<p>Objectbeveiliging &amp; surveillance.</p>",
        "hiringOrganization": {"@type": "Organization", "name": "Wordt genegeerd"},
        "employmentType": "PART_TIME",
        "workHours": "24 - 32 uur",
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {"@type": "QuantitativeValue", "value": 2900, "unitText": "MONTH"},
        },
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "postalCode": "5341AB", "addressLocality": "Oss"},
        },
        "jobStartDate": future(40).isoformat(),
        "totalJobOpenings": 2,
        "occupationalCategory": "urn:overstap:demo:occupation:beveiliger",
        "skills": [
            "surveilleren",
            {"@type": "DefinedTerm", "url": "urn:overstap:demo:skill:first-aid"},
        ],
    }
    data.update(overrides)
    return data


def _json(value) -> bytes:
    return json.dumps(value).encode()


def test_single_jobposting(taxonomy, employer_user, employer_org):
    record = _start(employer_user, employer_org, _json(posting()), "vacature.json")
    assert record.format == ImportFormat.JSONLD
    result = services.run_import(actor=employer_user, record=record)
    assert result.created == 1
    vacancy = Vacancy.objects.get()
    assert vacancy.source == VacancySource.JSONLD
    assert vacancy.external_id == "J1"
    assert vacancy.title == "Beveiliger"
    assert vacancy.description == "Objectbeveiliging & surveillance."
    assert (vacancy.hours_min, vacancy.hours_max) == (24, 32)
    assert vacancy.contract_type == "permanent"
    assert vacancy.wage_band == "2500_3000"
    assert (vacancy.postcode, vacancy.place) == ("5341 AB", "Oss")
    assert vacancy.positions == 2
    assert vacancy.occupation == occupation("beveiliger")
    assert vacancy.employer == employer_org
    assert set(vacancy.skill_links.values_list("skill__uri", flat=True)) == {
        skill("surveillance").uri,
        skill("first-aid").uri,
    }


def test_list_of_postings_and_graph(taxonomy, employer_user, employer_org):
    listed = [posting(identifier="L1"), posting(identifier="L2", employmentType="TEMPORARY")]
    record = _start(employer_user, employer_org, _json(listed), "lijst.json")
    assert services.run_import(actor=employer_user, record=record).created == 2
    assert Vacancy.objects.get(external_id="L2").contract_type == "fixed_term"
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "name": "X"},
            posting(identifier="G1", **{"@type": "schema:JobPosting"}),
        ],
    }
    preview = _preview(_start(employer_user, employer_org, _json(graph), "graph.jsonld"))
    assert [r.external_id for r in preview.good_rows] == ["G1"]
    assert preview.notes


@pytest.mark.parametrize(
    ("salary", "hours", "band"),
    [
        ({"value": {"value": 14, "unitText": "HOUR"}}, "38", "2000_2500"),  # 14*38*52/12 = 2305
        ({"value": {"minValue": 18, "maxValue": 22, "unitText": "HOUR"}}, "36", "3000_3500"),
        ({"value": {"value": 48000, "unitText": "YEAR"}}, "40", "3500_4500"),
        ({"value": {"value": 1800, "unitText": "MONTH"}}, "20", "lt2000"),
        ({"value": 4800}, "40", "gt4500"),
    ],
)
def test_salary_mapping(taxonomy, employer_user, employer_org, salary, hours, band):
    salary = {"@type": "MonetaryAmount", "currency": "EUR", **salary}
    record = _start(
        employer_user, employer_org, _json(posting(baseSalary=salary, workHours=hours)), "s.json"
    )
    preview = _preview(record)
    assert not preview.bad_rows, _problems(preview)
    assert preview.good_rows[0].data.wage_band == band


def test_jobposting_problems(taxonomy, employer_user, employer_org):
    postings = [
        posting(identifier="P1", skills=["vliegen met een raket", "surveilleren"]),
        posting(identifier="P2", baseSalary={"currency": "USD", "value": 3000}),
        posting(identifier="P3", workHours="09:00-17:00", employmentType="VOLUNTEER"),
        {"@type": "Organization", "name": "Geen vacature"},
        posting(identifier="P5", occupationalCategory="beveiligr"),
    ]
    preview = _preview(_start(employer_user, employer_org, _json(postings), "p.json"))
    problems = _problems(preview)
    assert problems[0][:2] == (1, "skills") and "vliegen met een raket" in problems[0][2]
    assert any(p[:2] == (2, "baseSalary") and "USD" in p[2] for p in problems)
    assert any(p[:2] == (3, "workHours") for p in problems)
    assert any(p[:2] == (3, "employmentType") and "VOLUNTEER" in p[2] for p in problems)
    assert any(p[:2] == (4, "@type") for p in problems)
    p5 = [p for p in problems if p[0] == 5]
    assert p5 and p5[0][1] == "occupationalCategory" and "Did you mean “beveiliger”" in p5[0][2]
    assert preview.good_rows == []


def test_skills_by_label_english_and_plural(taxonomy, employer_user, employer_org):
    record = _start(
        employer_user,
        employer_org,
        _json(
            posting(
                skills="patrol premises, provide first aid", occupationalCategory="security guards"
            )
        ),
        "e.json",
    )
    preview = _preview(record)
    assert not preview.bad_rows, _problems(preview)
    data = preview.good_rows[0].data
    assert data.occupation == occupation("beveiliger")
    assert {s.uri for s, _imp in data.skills} == {skill("surveillance").uri, skill("first-aid").uri}


def test_invalid_json_is_reported(taxonomy, employer_user, employer_org):
    with pytest.raises(DomainError, match="not valid JSON"):
        _start(employer_user, employer_org, b'{"@type": "JobPosting",', "x.json")
    with pytest.raises(DomainError, match=r"no schema\.org JobPosting"):
        _start(employer_user, employer_org, b"[]", "x.json")


@freeze_time("2026-12-01")
def test_documented_examples_import_cleanly(taxonomy, employer_user, employer_org):
    for name, count in (("vacancies.csv", 4), ("vacancies.jsonld", 2)):
        raw = (EXAMPLES / name).read_bytes()
        record = _start(employer_user, employer_org, raw, name)
        preview = _preview(record)
        assert not preview.bad_rows, (name, _problems(preview))
        assert services.run_import(actor=employer_user, record=record).created == count
    assert Vacancy.objects.filter(status=VacancyStatus.OPEN).count() == 6
