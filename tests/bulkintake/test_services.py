"""Bulk intake services: the per-row check, the import through the job queue, idempotency,
resuming after a crash, and who may do it."""

from __future__ import annotations

import pytest

from overstap.bulkintake import services
from overstap.bulkintake.constants import ImportStatus, Problem, RowStatus, RowWarning
from overstap.bulkintake.models import ImportRow, IntakeRowKey
from overstap.cases.constants import CaseEventKind, CaseStatus, SignalSource
from overstap.cases.models import Case, CaseEvent, Person, WorkHistoryEntry
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.jobs import services as job_services
from overstap.jobs.constants import JobStatus
from overstap.passport.constants import SkillStatus
from overstap.passport.models import Passport
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.models import AuditLogEntry

from .conftest import csv_bytes

GOOD = [
    "1001;Fatima;;El Amrani;02-04-1969;fatima@example.nl;orderpicker;01-03-2004",
    "1002;Kees;van der;Berg;1975-06-30;;heftruckchauffeur;2010-01-01",
    "1003;Anna;;Smit;12-12-1980;;medewerker expeditie 2e ploeg;",
]


def _preview(actor, employer, raw, **kwargs):
    return services.preview(actor=actor, employer=employer, raw=raw, filename="lijst.csv", **kwargs)


def _import(actor, staff_import, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        staff_import = services.start(actor=actor, staff_import=staff_import)
    staff_import.refresh_from_db()
    return staff_import


def test_preview_reports_every_row_and_registers_nobody(coordinator, employer, occupations):
    raw = csv_bytes(
        *GOOD,
        "1004;;;Jansen;01-01-1970;;orderpicker;",  # missing first name
        "1005;Piet;;Pietersen;31-02-1970;;orderpicker;",  # no such date
        "1006;Els;;de Vries;01-01-1970;els@;orderpicker;",  # bad e-mail
        "1001;Fatima;;El Amrani;02-04-1969;;orderpicker;",  # personnel number again
        ";Zonder;;Nummer;;;orderpicker;",  # nothing to recognise the row by
    )
    staff_import = _preview(coordinator, employer, raw)
    rows = {r.number: r for r in ImportRow.objects.filter(staff_import=staff_import)}
    assert [rows[n].status for n in (2, 3, 4)] == [RowStatus.READY] * 3
    assert rows[5].problems == [Problem.MISSING_NAME]
    assert rows[6].problems == [Problem.INVALID_BIRTH_DATE]
    assert rows[7].problems == [Problem.INVALID_EMAIL]
    assert rows[8].problems == [Problem.DUPLICATE_IN_FILE]
    assert rows[9].problems == [Problem.NO_IDENTIFIER]
    assert rows[2].occupation == occupations["orderpicker"]
    assert rows[3].occupation == occupations["heftruck"]
    assert rows[4].occupation is None and rows[4].warnings == [RowWarning.NOT_CODED]
    assert staff_import.summary["counts"] == {
        "ready": 3,
        "invalid": 5,
        "already": 0,
        "created": 0,
        "error": 0,
    }
    assert staff_import.status == ImportStatus.PREVIEWED
    assert staff_import.content  # kept, encrypted, until the import ends
    assert Case.objects.count() == 0 and Person.objects.count() == 0
    messages = services.problem_messages(rows[6].problems)
    assert messages == ["Date of birth is not a valid date. Write it as 31-12-1970 or 1970-12-31."]


def test_import_registers_people_with_work_history_and_draft_passports(
    coordinator, employer, occupations, django_capture_on_commit_callbacks
):
    staff_import = _preview(coordinator, employer, csv_bytes(*GOOD))
    before_audit = AuditLogEntry.objects.count()
    staff_import = _import(coordinator, staff_import, django_capture_on_commit_callbacks)

    assert staff_import.status == ImportStatus.DONE
    assert staff_import.content == ""  # the file is deleted after the import
    job = staff_import.job
    assert (job.status, job.progress_done, job.progress_total) == (JobStatus.SUCCEEDED, 3, 3)
    cases = {c.person.last_name: c for c in Case.objects.select_related("person")}
    assert set(cases) == {"El Amrani", "van der Berg", "Smit"}
    for case in cases.values():
        assert case.status == CaseStatus.REGISTERED and case.case_manager is None  # intake queue
        assert case.releasing_employer == employer
        assert case.signal_source == SignalSource.RELEASING_EMPLOYER
        assert case.registered_by == coordinator
        assert not case.number.startswith("tmp-")
    fatima = cases["El Amrani"]
    assert fatima.person.email == "fatima@example.nl"
    job_entry = WorkHistoryEntry.objects.get(person=fatima.person)
    assert (job_entry.employer_name, job_entry.job_title, job_entry.start_year) == (
        employer.name,
        "orderpicker",
        2004,
    )
    assert job_entry.occupation == occupations["orderpicker"]
    assert (fatima.releasing_job_title, fatima.releasing_job_start_year) == ("orderpicker", 2004)
    passport = Passport.objects.get(person=fatima.person)
    assert [po.occupation for po in passport.occupations.all()] == [occupations["orderpicker"]]
    assert passport.skills.count() == 2
    assert set(passport.skills.values_list("status", flat=True)) == {SkillStatus.PENDING}
    assert not Passport.objects.filter(person=cases["Smit"].person).exists()  # not coded
    assert CaseEvent.objects.filter(kind=CaseEventKind.REGISTERED).count() == 3
    assert CaseEvent.objects.filter(kind=CaseEventKind.PASSPORT_UPDATED).count() == 2
    created = AuditLogEntry.objects.filter(
        pk__gt=0, action=AuditAction.CREATE, purpose=Purpose.REGISTRATION, object_type="cases.Case"
    )
    assert sorted(created.values_list("case_ref", flat=True)) == sorted(
        c.pk for c in cases.values()
    )
    assert AuditLogEntry.objects.count() > before_audit
    statuses = set(
        ImportRow.objects.filter(staff_import=staff_import).values_list("status", flat=True)
    )
    assert statuses == {RowStatus.CREATED}
    assert IntakeRowKey.objects.count() == 3
    # the dashboard counts them (bulk_create sends no signals: the service marks them)
    from overstap.insights.figures import region_facts

    facts = region_facts(employer.region_id)
    assert facts.count() == 3
    assert facts.get(case=fatima).job_start_year == 2004


def test_importing_the_same_or_an_overlapping_file_registers_nobody_twice(
    coordinator, employer, occupations, django_capture_on_commit_callbacks
):
    first = _preview(coordinator, employer, csv_bytes(*GOOD))
    _import(coordinator, first, django_capture_on_commit_callbacks)

    again = _preview(coordinator, employer, csv_bytes(*GOOD))
    assert again.summary["counts"]["already"] == 3 and again.summary["counts"]["ready"] == 0
    with pytest.raises(DomainError):
        services.start(actor=coordinator, staff_import=again)

    overlapping = _preview(
        coordinator,
        employer,
        csv_bytes(GOOD[0], GOOD[1], "1007;Henk;;Bos;03-03-1963;;orderpicker;1990-01-01"),
    )
    assert overlapping.summary["counts"]["ready"] == 1
    overlapping = _import(coordinator, overlapping, django_capture_on_commit_callbacks)
    assert overlapping.summary["counts"]["created"] == 1
    assert Case.objects.count() == 4
    assert Person.objects.filter(last_name="El Amrani").count() == 1


def test_rows_imported_meanwhile_by_another_list_are_reported_already_registered(
    coordinator, employer, occupations, django_capture_on_commit_callbacks
):
    first = _preview(coordinator, employer, csv_bytes(*GOOD))
    second = _preview(coordinator, employer, csv_bytes(*GOOD))  # checked before the first ran
    _import(coordinator, first, django_capture_on_commit_callbacks)
    second = _import(coordinator, second, django_capture_on_commit_callbacks)
    assert second.summary["counts"]["already"] == 3
    assert second.job.status == JobStatus.SUCCEEDED
    assert Case.objects.count() == 3


def test_a_crash_in_the_middle_loses_nothing_and_the_rerun_resumes(
    coordinator, employer, occupations, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_MAX_ATTEMPTS = 1
    monkeypatch.setattr(services, "CHUNK_SIZE", 2)
    lines = [
        f"{2000 + i};Voornaam{i};;Achternaam{i};01-01-1970;;orderpicker;2000-01-01"
        for i in range(5)
    ]
    staff_import = _preview(coordinator, employer, csv_bytes(*lines))
    crash = {"at": 2}

    def after_chunk(_import, chunk_number):
        if chunk_number == crash["at"]:
            raise RuntimeError("worker killed")

    monkeypatch.setattr(services, "_after_chunk", after_chunk)
    staff_import = _import(coordinator, staff_import, django_capture_on_commit_callbacks)

    job = staff_import.job
    assert job.status == JobStatus.FAILED
    assert job.last_error == "RuntimeError"
    assert (job.progress_done, job.progress_total) == (2, 5)  # chunk 1 committed, chunk 2 not
    assert staff_import.status == ImportStatus.FAILED
    assert staff_import.content  # kept for the rerun
    assert Case.objects.count() == 2 and IntakeRowKey.objects.count() == 2
    assert Passport.objects.count() == 2

    crash["at"] = None
    with django_capture_on_commit_callbacks(execute=True):
        job_services.restart(actor=coordinator, job=job)
    job.refresh_from_db()
    staff_import.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.progress_done == 5
    assert staff_import.status == ImportStatus.DONE
    assert Case.objects.count() == 5 and Person.objects.count() == 5
    assert IntakeRowKey.objects.count() == 5 and Passport.objects.count() == 5
    assert staff_import.summary["counts"]["created"] == 5
    assert CaseEvent.objects.filter(kind=CaseEventKind.REGISTERED).count() == 5


def test_bsn_needs_a_legal_basis_and_is_stored_encrypted(
    coordinator, employer, occupations, django_capture_on_commit_callbacks
):
    header = "personeelsnummer;voornaam;achternaam;bsn\n"
    raw = (header + "1;Jan;Jansen;111222333\n").encode()
    with pytest.raises(DomainError) as exc:
        _preview(coordinator, employer, raw)
    assert exc.value.code == "bsn_legal_basis"
    staff_import = _preview(coordinator, employer, raw, bsn_legal_basis="suwi")
    _import(coordinator, staff_import, django_capture_on_commit_callbacks)
    person = Person.objects.get()
    assert person.bsn == "111222333" and person.bsn_legal_basis == "suwi" and person.bsn_digest
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT bsn FROM cases_person WHERE id = %s", [person.pk])
        assert "111222333" not in cursor.fetchone()[0]


def test_only_account_managers_and_coordinators_of_the_region_may_import(
    case_manager, account_manager, other_coordinator, employer, occupations
):
    raw = csv_bytes(*GOOD)
    with pytest.raises(PermissionDenied):
        _preview(case_manager, employer, raw)
    with pytest.raises(DomainError):  # the employer is in another region
        _preview(other_coordinator, employer, raw)
    staff_import = _preview(account_manager, employer, raw)
    with pytest.raises(PermissionDenied):
        services.start(actor=other_coordinator, staff_import=staff_import)
    assert Case.objects.count() == 0


def test_account_manager_imports_into_the_queue_they_cannot_see(
    account_manager, employer, occupations, django_capture_on_commit_callbacks
):
    staff_import = _preview(account_manager, employer, csv_bytes(*GOOD))
    staff_import = _import(account_manager, staff_import, django_capture_on_commit_callbacks)
    assert staff_import.summary["counts"]["created"] == 3
    assert Passport.objects.count() == 2


def test_cancel_deletes_the_file(coordinator, employer, occupations):
    staff_import = _preview(coordinator, employer, csv_bytes(*GOOD))
    services.cancel(actor=coordinator, staff_import=staff_import)
    staff_import.refresh_from_db()
    assert staff_import.status == ImportStatus.CANCELLED and staff_import.content == ""
    with pytest.raises(DomainError):
        services.start(actor=coordinator, staff_import=staff_import)


def test_report_csv_has_a_line_per_row_and_no_formulas(
    coordinator, employer, occupations, django_capture_on_commit_callbacks
):
    raw = csv_bytes(GOOD[0], "=1+1;Bad;;Row;31-02-1970;;orderpicker;")
    staff_import = _preview(coordinator, employer, raw)
    _import(coordinator, staff_import, django_capture_on_commit_callbacks)
    report = services.report_csv(actor=coordinator, staff_import=staff_import)
    lines = report.strip().splitlines()
    assert lines[0].startswith("Row;Personnel number;Outcome")
    assert lines[1].startswith("2;1001;Registered;")
    assert lines[2].startswith("3;'=1+1;Not imported")
    assert "Date of birth is not a valid date" in lines[2]


def test_anonymising_a_person_empties_their_personnel_number(
    coordinator, employer, occupations, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from overstap.privacy.retention import anonymise_person

    staff_import = _preview(coordinator, employer, csv_bytes(GOOD[0]))
    _import(coordinator, staff_import, django_capture_on_commit_callbacks)
    row = ImportRow.objects.get(staff_import=staff_import)
    assert row.personnel_number == "1001"
    with transaction.atomic():
        anonymise_person(person_id=row.case.person_id, case_ids=[row.case_id])
    row.refresh_from_db()
    assert row.personnel_number == "" and row.case_id is not None
