"""Retention: closed cases are anonymised after the period; legal hold and open cases keep
them; erasure leaves no name, BSN, e-mail or phone anywhere in the database."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from freezegun import freeze_time

from overstap.cases import services
from overstap.cases.constants import CaseStatus
from overstap.cases.models import Case, Person
from overstap.privacy import audit
from overstap.privacy.models import AuditLogEntry
from overstap.privacy.retention import apply_retention
from overstap.privacy.services import set_legal_hold

from .conftest import BSN, EMAIL, FIRST, LAST, PHONE, build_case

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC)


def _closed_without_follow_ups(actor, **kwargs) -> Case:
    case = build_case(actor, **kwargs)
    case.follow_ups.all().delete()
    return case


def test_nothing_happens_before_the_period_ends(case_manager, settings):
    settings.RETENTION_DAYS = 730
    with freeze_time(START):
        case = _closed_without_follow_ups(case_manager)
    with freeze_time(START + dt.timedelta(days=729)):
        report = apply_retention()
    assert report.persons_anonymised == 0
    assert Person.objects.get(pk=case.person_id).anonymised_at is None


def test_period_runs_from_the_last_follow_up(case_manager, settings):
    settings.RETENTION_DAYS = 730
    with freeze_time(START):
        case = build_case(case_manager)
    last = max(case.follow_ups.values_list("due_date", flat=True))
    assert last > START.date()  # a placement schedules follow-up up to 12 months on
    with freeze_time(dt.datetime.combine(last, dt.time(12)) + dt.timedelta(days=729)):
        assert apply_retention().persons_anonymised == 0
    with freeze_time(dt.datetime.combine(last, dt.time(12)) + dt.timedelta(days=731)):
        report = apply_retention()
    assert report.persons_anonymised == 1 and report.cases_anonymised == 1


def test_report_legal_hold_and_open_case(case_manager, coordinator, settings):
    settings.RETENTION_DAYS = 30
    with freeze_time(START):
        due = _closed_without_follow_ups(case_manager)
        held = _closed_without_follow_ups(
            case_manager, first="Hanna", last="Houden", email="h@x.nl", phone="0611111111", bsn=""
        )
        set_legal_hold(actor=coordinator, case=held, hold=True, reason="Bezwaarprocedure")
        busy = _closed_without_follow_ups(
            case_manager, first="Otto", last="Open", email="o@x.nl", phone="0622222222", bsn=""
        )
        # A second, still open case of the same person keeps the person.
        services.register_person(
            actor=case_manager,
            data=services.RegistrationData(
                first_name="x", last_name="y", signal_source="self", phone="0622222222"
            ),
            existing_person_id=busy.person_id,
        )
    with freeze_time(START + dt.timedelta(days=40)):
        dry = apply_retention(dry_run=True)
        assert (dry.persons_anonymised, dry.skipped_legal_hold, dry.skipped_open_case) == (1, 1, 1)
        assert Person.objects.get(pk=due.person_id).anonymised_at is None  # dry run
        out = io.StringIO()
        call_command("apply_retention", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["persons_anonymised"] == 1
    assert report["cases_anonymised"] == 1
    assert report["skipped_legal_hold"] == 1
    assert report["skipped_open_case"] == 1
    assert report["errors"] == []
    assert Person.objects.get(pk=due.person_id).anonymised_at is not None
    assert Person.objects.get(pk=held.person_id).first_name == "Hanna"
    assert Person.objects.get(pk=busy.person_id).first_name == "Otto"
    assert (
        Case.objects.filter(person_id=busy.person_id, status=CaseStatus.CLOSED).get().anonymised_at
        is None
    )
    entry = AuditLogEntry.objects.filter(action="anonymise").get()
    assert entry.person_ref == due.person_id and entry.purpose == "retention"
    assert audit.verify_chain().ok
    # Lifting the hold lets the next run anonymise the held person.
    set_legal_hold(actor=coordinator, case=Case.objects.get(pk=held.pk), hold=False)
    with freeze_time(START + dt.timedelta(days=41)):
        assert apply_retention().persons_anonymised == 1
    assert Person.objects.get(pk=held.person_id).anonymised_at is not None


def test_anonymised_person_keeps_what_the_figures_need(case_manager, settings):
    settings.RETENTION_DAYS = 1
    with freeze_time(START):
        case = _closed_without_follow_ups(case_manager)
    with freeze_time(START + dt.timedelta(days=3)):
        apply_retention()
    person = Person.objects.get(pk=case.person_id)
    assert person.birth_date == dt.date(1971, 1, 1)
    assert person.postcode == "5211"
    assert (person.first_name, person.last_name, person.email, person.phone, person.bsn) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert person.bsn_digest == "" and person.bsn_legal_basis == ""
    assert person.full_name == "Anonymised person"
    assert Case.objects.get(pk=case.pk).outcome.job_title == "Beveiliger"


# --- The erasure scan ---------------------------------------------------------------------

SECRETS = [FIRST, LAST, EMAIL, PHONE, BSN]
STAMP = f"{FIRST} {LAST} {EMAIL} {PHONE} {BSN}"


def _path_to_person(model: type[models.Model], depth: int = 0) -> list[str] | None:
    """A lookup path from ``model`` to ``Person`` along forward foreign keys (test's own
    walk, independent of the retention code's reverse walk)."""
    if model is Person:
        return []
    if depth > 3:
        return None
    for field in model._meta.concrete_fields:
        if (field.is_relation and field.related_model is not None and field.many_to_one) or (
            field.is_relation and field.one_to_one
        ):
            target = field.related_model
            if target is model or target is None:
                continue
            rest = _path_to_person(target, depth + 1)
            if rest is not None:
                return [field.name, *rest]
    return None


def _stamp_every_text_column(person_id: int) -> int:
    """Put the person's identifiers into every free-text column of every row linked to them."""
    stamped = 0
    for model in apps.get_models():
        path = _path_to_person(model)
        if path is None or model is Person:
            continue
        lookup = "__".join([*path, "pk"]) if path else "pk"
        columns = {}
        for f in model._meta.concrete_fields:
            if f.primary_key or f.choices or f.unique:
                continue
            if isinstance(f, models.JSONField):
                columns[f.name] = {"note": STAMP, "list": [STAMP]}
            elif isinstance(f, (models.CharField, models.TextField)):
                max_length = f.max_length or 1000
                columns[f.name] = STAMP[:max_length] if max_length >= len(STAMP) else FIRST
        if columns:
            stamped += model._base_manager.filter(**{lookup: person_id}).update(**columns)
    return stamped


def _scan_database() -> list[str]:
    """Every text value of every row of every table, searched for the identifiers."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the DB
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    text = value.decode(errors="ignore") if isinstance(value, bytes) else str(value)
                    for secret in SECRETS:
                        if secret.lower() in text.lower():
                            hits.append(f"{table}.{column}: {secret}")
    return hits


def test_erasure_leaves_no_identifier_in_any_column(case_manager, coordinator, settings):
    settings.RETENTION_DAYS = 30
    with freeze_time(START):
        case = build_case(case_manager)
        # A duplicate record, merged into this one, must go as well.
        other = build_case(case_manager)
        services.merge_people(actor=coordinator, keep_id=case.person_id, merge_id=other.person_id)
        from overstap.passport.models import Passport

        Passport.objects.get_or_create(person_id=case.person_id)
        stamped = _stamp_every_text_column(case.person_id)
        assert stamped >= 10
        assert _scan_database()  # the scan does find the identifiers before erasure
    with freeze_time(START + dt.timedelta(days=800)):
        report = apply_retention()
    assert report.errors == []
    assert report.persons_anonymised == 1 and report.cases_anonymised == 2
    assert _scan_database() == []
