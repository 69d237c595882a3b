"""``overstap load_demo``: the demo region has every state, real audit records, and loads once."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from overstap.accounts.constants import Role
from overstap.accounts.models import Region, User
from overstap.accounts.views import DEMO_LOGINS
from overstap.cases.constants import (
    CaseEventKind,
    CaseStatus,
    OutcomeKind,
    ReferralStatus,
    RouteIntensity,
)
from overstap.cases.models import (
    Case,
    CaseEvent,
    CaseMember,
    FollowUp,
    Intake,
    Outcome,
    Person,
    PlanAction,
    Referral,
    WorkHistoryEntry,
)
from overstap.demo import DEMO_PASSWORD, DEMO_REGION_CODE
from overstap.demo.content import DOCUMENTED_LOGINS
from overstap.privacy.audit import verify_chain
from overstap.privacy.models import AuditLogEntry

from .factories import CaseFactory, RegionFactory


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo once for this module, inside a transaction rolled back afterwards.

    A fast password hasher keeps the login tests quick; the demo hashes the password with
    whatever hasher is configured, so the logins prove the same thing.
    """
    fast_hasher = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with fast_hasher, django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    return Region.objects.get(code=DEMO_REGION_CODE)


def test_command_reports_what_it_built(demo_output):
    assert "60" in demo_output
    assert "casemanager" in demo_output and DEMO_PASSWORD in demo_output


def test_every_case_state_exists(demo):
    cases = Case.objects.filter(region=demo)
    assert 55 <= cases.count() <= 65
    by_status = Counter(cases.values_list("status", flat=True))
    assert set(by_status) == set(CaseStatus.values)
    # the intake queue: registered, nobody assigned yet
    queue = cases.filter(case_manager__isnull=True)
    assert queue.exists()
    assert set(queue.values_list("status", flat=True)) == {CaseStatus.REGISTERED}
    # intake without intake form, draft intake, completed intake not yet triaged
    in_intake = cases.filter(status=CaseStatus.INTAKE)
    assert in_intake.filter(intake__isnull=True).exists()
    assert Intake.objects.filter(case__in=in_intake, completed_at__isnull=True).exists()
    assert Intake.objects.filter(case__in=in_intake, completed_at__isnull=False).exists()
    # every route is in use by open cases
    intensities = set(
        cases.filter(status=CaseStatus.ACTIVE).values_list("route__intensity", flat=True)
    )
    assert intensities == set(RouteIntensity.values)
    # closed cases carry a reason and a time
    closed = cases.filter(status=CaseStatus.CLOSED)
    assert not closed.filter(closed_at__isnull=True).exists()
    assert not closed.filter(close_reason="").exists()


def test_routes_are_regional_configuration(demo):
    routes = {r.number: r for r in demo.routes.all()}
    assert routes[1].name == "Zelfredzaam"
    assert routes[1].intensity == RouteIntensity.SELF_RELIANT
    assert routes[2].intensity == RouteIntensity.SHORT
    assert routes[3].name == "Maatwerk"
    assert routes[3].intensity == RouteIntensity.INTENSIVE
    assert all(r.description for r in routes.values())


def test_every_referral_status_and_outcome_kind_exists(demo):
    statuses = set(Referral.objects.filter(case__region=demo).values_list("status", flat=True))
    assert statuses == set(ReferralStatus.values)
    kinds = set(Outcome.objects.filter(case__region=demo).values_list("kind", flat=True))
    assert kinds == set(OutcomeKind.values)


def test_work_is_due_and_overdue(demo):
    today = timezone.localdate()
    open_cases = Case.objects.filter(region=demo).exclude(status=CaseStatus.CLOSED)
    assert open_cases.filter(next_contact_due__lt=today).exists(), "overdue contacts"
    assert open_cases.filter(next_contact_due__gte=today).exists(), "contacts on schedule"
    assert PlanAction.objects.filter(
        case__in=open_cases, done_at__isnull=True, due_date__lt=today
    ).exists(), "overdue actions"
    assert PlanAction.objects.filter(case__region=demo, done_at__isnull=False).exists()
    follow_ups = FollowUp.objects.filter(case__region=demo)
    assert follow_ups.filter(answered_at__isnull=True, due_date__lte=today).exists()
    assert follow_ups.filter(answered_at__isnull=False).exists()
    assert follow_ups.filter(due_date__gt=today).exists()


def test_demo_login_sees_a_full_caseload_and_shared_cases(demo):
    casemanager = User.objects.get(username="casemanager")
    colleague = User.objects.get(username="casemanager2")
    open_cases = Case.objects.filter(region=demo).exclude(status=CaseStatus.CLOSED)
    mine = open_cases.filter(case_manager=casemanager).count()
    assert mine >= 20
    assert mine > open_cases.filter(case_manager=colleague).count()
    assert CaseMember.objects.filter(case__case_manager=casemanager, user=colleague).exists()


def test_registrations_spread_over_a_year(demo):
    now = timezone.now()
    cases = list(Case.objects.filter(region=demo))
    created = [c.created_at for c in cases]
    assert min(created) >= now - dt.timedelta(days=366)
    assert max(created) <= now
    assert len({(d.year, d.month) for d in created}) >= 9
    assert not CaseEvent.objects.filter(case__region=demo, at__gt=now).exists()
    # the timeline starts at the registration; the number carries its year
    for case in cases:
        registered = case.events.get(kind=CaseEventKind.REGISTERED)
        assert registered.at == case.created_at
        assert case.number.startswith(f"{case.created_at.year}-")
        assert case.person.created_at == case.created_at


def test_participants_resemble_the_pilot(demo):
    today = timezone.localdate()
    people = list(Person.objects.filter(region=demo))
    over_45 = [p for p in people if (today - p.birth_date).days / 365.25 > 45]
    assert len(over_45) >= 0.7 * len(people)
    assert all(p.postcode.startswith("5") for p in people)
    current_jobs = WorkHistoryEntry.objects.filter(person__region=demo, end_year__isnull=True)
    long_tenure = [w for w in current_jobs if (w.years or 0) > 10]
    assert len(long_tenure) >= 0.6 * current_jobs.count()
    employers = Counter(
        Case.objects.filter(region=demo).values_list("releasing_employer__name", flat=True)
    )
    assert employers["Cateringgroep Brabant"] and employers["Smaakmakers Bedrijfscatering"]
    assert employers["Hotel De Zwanenburg"]


def test_outflow_resembles_the_pilot(demo):
    outcomes = Outcome.objects.filter(case__region=demo).exclude(kind=OutcomeKind.IN_MEDIATION)
    to_work = outcomes.filter(kind__in=[OutcomeKind.NEW_JOB, OutcomeKind.JOB_WITH_TRAINING])
    assert 0.6 <= to_work.count() / outcomes.count() <= 0.8
    other_sector = to_work.filter(changed_sector=True)
    assert other_sector.count() >= 5
    assert {"Beveiliging", "Schoonmaak", "Logistiek", "Zorg", "Detailhandel"} <= set(
        other_sector.values_list("sector", flat=True)
    )


def test_demo_users_log_in_with_the_demo_password(demo, client):
    assert {name for name, _role in DEMO_LOGINS} == set(DOCUMENTED_LOGINS)
    for username in DOCUMENTED_LOGINS:
        assert client.login(username=username, password=DEMO_PASSWORD), username
        client.logout()
    admin = User.objects.get(username="admin")
    assert admin.role == Role.ADMINISTRATOR and admin.is_staff and admin.is_superuser
    assert User.objects.get(username="privacy").role == Role.PRIVACY_OFFICER
    assert User.objects.get(username="casemanager").organisation.name == "UWV Noordoost-Brabant"
    assert not client.login(username="casemanager", password="wrong-password")


def test_login_page_lists_the_demo_logins(demo, client):
    response = client.get(reverse("accounts:login"))
    content = response.content.decode()
    for username in DOCUMENTED_LOGINS:
        assert f"<code>{username}</code>" in content
    assert DEMO_PASSWORD in content


def test_audit_log_is_real_and_verifies(demo):
    report = verify_chain()
    assert report.ok, report
    assert report.checked > 500
    created = set(
        AuditLogEntry.objects.filter(action="create", object_type="cases.Case").values_list(
            "case_ref", flat=True
        )
    )
    assert set(Case.objects.filter(region=demo).values_list("pk", flat=True)) <= created


def test_running_again_creates_nothing(demo):
    counts = (Case.objects.count(), Person.objects.count(), User.objects.count())
    entries = AuditLogEntry.objects.count()
    out = io.StringIO()
    with translation.override("en"):
        call_command("load_demo", stdout=out)
    assert "is already loaded" in out.getvalue()
    assert "new: 0 vacancies, 0 skills passports, 0 offerings" in out.getvalue()
    assert (Case.objects.count(), Person.objects.count(), User.objects.count()) == counts
    assert AuditLogEntry.objects.count() == entries


def test_reset_rebuilds_only_the_demo_region(demo):
    other = CaseFactory(person__region=RegionFactory(code="rijnmond", name="Rijnmond"))
    before = Counter(Case.objects.filter(region=demo).values_list("status", flat=True))
    users = User.objects.count()
    out = io.StringIO()
    with translation.override("en"):
        call_command("load_demo", "--reset", stdout=out)
    assert "Deleted" in out.getvalue()
    assert Case.objects.filter(pk=other.pk).exists()
    after = Counter(Case.objects.filter(region=demo).values_list("status", flat=True))
    assert after == before
    assert User.objects.count() == users  # users kept: the audit log refers to them
    assert verify_chain().ok


def test_refuses_outside_demo_mode(db, settings):
    settings.DEMO_MODE = False
    cases = Case.objects.count()
    with pytest.raises(CommandError):
        call_command("load_demo", "--reset", stdout=io.StringIO())
    assert Case.objects.count() == cases
