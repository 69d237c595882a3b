"""The front of case management through the test client: work lists, registration ("no wrong
door"), the intake queue with warm handover, merging duplicates and route configuration."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from overstap.accounts.constants import OrganisationKind, Role
from overstap.cases.constants import CaseStatus, ReferralStatus, RouteIntensity, SignalSource
from overstap.cases.models import (
    Case,
    FollowUp,
    Person,
    PlanAction,
    Referral,
    ReferralUpdate,
    Route,
)
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.models import AuditLogEntry

from ..factories import (
    CaseFactory,
    OfferingFactory,
    OrganisationFactory,
    PersonFactory,
    RouteFactory,
    UserFactory,
)

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def english(settings):
    """Assert on the English message ids; the Dutch catalogue is produced separately."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def employer(region):
    return OrganisationFactory(
        region=region, name="Drukkerij De Pers", kind=OrganisationKind.EMPLOYER
    )


@pytest.fixture
def other_coordinator(other_region):
    rmt = OrganisationFactory(
        region=other_region, name="RMT Rijnmond", kind=OrganisationKind.MOBILITY_TEAM
    )
    return UserFactory(username="coord-rijnmond", organisation=rmt, role=Role.COORDINATOR)


def managed_case(user, **kwargs):
    person_kwargs = {k[8:]: kwargs.pop(k) for k in list(kwargs) if k.startswith("person__")}
    person = PersonFactory(region=user.organisation.region, **person_kwargs)
    kwargs.setdefault("case_manager", user)
    return CaseFactory(person=person, registered_by=user, **kwargs)


def queued_case(registered_by, **kwargs):
    person_kwargs = {k[8:]: kwargs.pop(k) for k in list(kwargs) if k.startswith("person__")}
    person = PersonFactory(region=registered_by.organisation.region, **person_kwargs)
    return CaseFactory(person=person, registered_by=registered_by, queued=True, **kwargs)


def form_data(**overrides):
    data = {
        "first_name": "Anja",
        "last_name": "de Vries",
        "birth_date": "1968-03-01",
        "email": "anja@example.nl",
        "phone": "06 12345678",
        "bsn": "",
        "postcode": "5211 ab",
        "municipality": "Den Bosch",
        "signal_source": SignalSource.UNION,
        "releasing_employer": "",
        "note": "",
    }
    data.update(overrides)
    return data


def listed(user, purpose):
    return set(
        AuditLogEntry.objects.filter(
            actor=user, action=AuditAction.LIST, purpose=purpose
        ).values_list("case_ref", flat=True)
    )


# --- My day ---------------------------------------------------------------------------


def test_my_day_shows_every_section_with_links_and_audits(
    client, case_manager, provider_user, provider_org
):
    today = TODAY()
    overdue = managed_case(case_manager, next_contact_due=today - dt.timedelta(days=3))
    due = managed_case(case_manager, next_contact_due=today + dt.timedelta(days=2))
    later = managed_case(case_manager, next_contact_due=today + dt.timedelta(days=30))
    action_case = managed_case(case_manager, status=CaseStatus.ACTIVE)
    PlanAction.objects.create(
        case=action_case,
        description="CV bijwerken",
        owner=case_manager,
        due_date=today - dt.timedelta(days=2),
    )
    follow_case = managed_case(case_manager, status=CaseStatus.ACTIVE)
    FollowUp.objects.create(case=follow_case, months=3, due_date=today + dt.timedelta(days=5))
    referral_case = managed_case(case_manager, status=CaseStatus.ACTIVE)
    offering = OfferingFactory(region=case_manager.organisation.region, provider=provider_org)
    referral = Referral.objects.create(
        case=referral_case,
        offering=offering,
        provider=provider_org,
        status=ReferralStatus.ACCEPTED,
        created_by=case_manager,
    )
    ReferralUpdate.objects.create(
        referral=referral,
        from_status=ReferralStatus.SENT,
        to_status=ReferralStatus.ACCEPTED,
        author=provider_user,
    )

    client.force_login(case_manager)
    response = client.get(reverse("cases:my_day"))

    assert response.status_code == 200
    ctx = response.context
    assert ctx["contacts_overdue"] == [overdue]
    assert ctx["contacts_due"] == [due]
    assert [a.case for a in ctx["actions_overdue"]] == [action_case]
    assert [f.case for f in ctx["follow_ups"]] == [follow_case]
    assert [u.referral for u in ctx["referral_updates"]] == [referral]
    # every case above is also a fresh case waiting for intake (status intake, no intake)
    assert overdue in ctx["new_cases"] and later in ctx["new_cases"]
    content = response.content.decode()
    assert reverse("cases:case_detail", args=[overdue.pk]) in content
    assert "CV bijwerken" in content
    assert "overdue since" in content
    shown = {overdue.pk, due.pk, later.pk, action_case.pk, follow_case.pk, referral_case.pk}
    assert shown <= listed(case_manager, Purpose.CASE_MANAGEMENT)


def test_my_day_empty_sections_say_so_and_hide_other_peoples_cases(
    client, case_manager, other_case_manager
):
    managed_case(other_case_manager, next_contact_due=TODAY() - dt.timedelta(days=3))
    client.force_login(case_manager)
    response = client.get(reverse("cases:my_day"))
    content = response.content.decode()
    assert "No overdue contacts" in content
    assert "No new cases waiting for you" in content
    assert response.context["contacts_overdue"] == []
    assert not listed(case_manager, Purpose.CASE_MANAGEMENT)


def test_my_day_redirects_other_roles_home(client, coordinator, provider_user):
    for user in (coordinator, provider_user):
        client.force_login(user)
        response = client.get(reverse("cases:my_day"))
        assert response.status_code == 302
        assert response.url == reverse("core:home")


# --- Caseload -------------------------------------------------------------------------


def test_caseload_lists_filters_and_audits_only_visible_cases(
    client, case_manager, other_case_manager, region, employer
):
    route = RouteFactory(
        region=region, number=1, name="Zelfredzaam", intensity=RouteIntensity.SELF_RELIANT
    )
    late = managed_case(
        case_manager,
        person__first_name="Karin",
        person__last_name="Bakker",
        next_contact_due=TODAY() - dt.timedelta(days=1),
        route=route,
        releasing_employer=employer,
    )
    fine = managed_case(
        case_manager,
        person__first_name="Piet",
        person__last_name="Smit",
        next_contact_due=TODAY() + dt.timedelta(days=10),
    )
    closed = managed_case(case_manager, status=CaseStatus.CLOSED)
    hidden = managed_case(other_case_manager)
    client.force_login(case_manager)

    response = client.get(reverse("cases:caseload"))
    assert set(response.context["cases"]) == {late, fine}
    content = response.content.decode()
    assert "Karin Bakker" in content and "overdue" in content
    assert listed(case_manager, Purpose.CASE_MANAGEMENT) == {late.pk, fine.pk}
    assert "case_manager" not in response.context["form"].fields  # coordinators only

    assert client.get(reverse("cases:caseload"), {"overdue": "on"}).context["cases"] == [late]
    assert client.get(reverse("cases:caseload"), {"route": route.pk}).context["cases"] == [late]
    assert client.get(reverse("cases:caseload"), {"releasing_employer": employer.pk}).context[
        "cases"
    ] == [late]
    assert client.get(reverse("cases:caseload"), {"q": "smit"}).context["cases"] == [fine]
    with_closed = client.get(reverse("cases:caseload"), {"include_closed": "on"}).context["cases"]
    assert closed in with_closed and hidden not in with_closed


def test_caseload_htmx_returns_only_the_results(client, case_manager):
    managed_case(case_manager, person__first_name="Karin")
    client.force_login(case_manager)
    response = client.get(reverse("cases:caseload"), HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Karin" in content
    assert "<html" not in content and "<form" not in content
    restore = client.get(
        reverse("cases:caseload"), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restore.content.decode()  # htmx history restore needs the whole page
    full = client.get(reverse("cases:caseload")).content.decode()
    assert 'hx-get="' in full and 'hx-push-url="true"' in full and "<html" in full


def test_caseload_coordinator_filters_by_case_manager(
    client, coordinator, case_manager, other_case_manager
):
    mine = managed_case(case_manager)
    theirs = managed_case(other_case_manager)
    client.force_login(coordinator)
    response = client.get(reverse("cases:caseload"))
    assert set(response.context["cases"]) == {mine, theirs}
    response = client.get(reverse("cases:caseload"), {"case_manager": other_case_manager.pk})
    assert response.context["cases"] == [theirs]


def test_caseload_paginates_by_fifty(client, case_manager):
    for _ in range(55):
        managed_case(case_manager)
    client.force_login(case_manager)
    first = client.get(reverse("cases:caseload"))
    assert len(first.context["cases"]) == 50
    second = client.get(reverse("cases:caseload"), {"page": 2})
    assert len(second.context["cases"]) == 5
    assert len(listed(case_manager, Purpose.CASE_MANAGEMENT)) == 55


def test_caseload_query_count_does_not_grow_with_cases(
    client, case_manager, region, employer, django_assert_num_queries
):
    """5 and 40 cases (with route, employer, person, overdue actions) cost the same queries."""
    route = RouteFactory(region=region, number=2)

    def make(n):
        for _ in range(n):
            case = managed_case(
                case_manager,
                route=route,
                releasing_employer=employer,
                next_contact_due=TODAY() - dt.timedelta(days=1),
            )
            PlanAction.objects.create(
                case=case, description="x", due_date=TODAY() - dt.timedelta(days=1)
            )

    client.force_login(case_manager)
    make(5)
    client.get(reverse("cases:caseload"))  # warm up: session, first audit chain head
    with CaptureQueriesContext(connection) as few:
        response = client.get(reverse("cases:caseload"))
    assert len(response.context["cases"]) == 5
    make(35)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("cases:caseload"))
    assert len(response.context["cases"]) == 40


def test_intake_queue_query_count_does_not_grow(
    client, coordinator, provider_user, django_assert_num_queries
):
    client.force_login(coordinator)
    for _ in range(3):
        queued_case(provider_user)
    client.get(reverse("cases:intake_queue"))  # warm up: session, first audit chain head
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("cases:intake_queue"))
    for _ in range(20):
        queued_case(provider_user)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("cases:intake_queue"))
    assert len(response.context["rows"]) == 23


def test_caseload_forbidden_for_provider(client, provider_user):
    client.force_login(provider_user)
    assert client.get(reverse("cases:caseload")).status_code == 403


# --- Intake queue and warm handover ------------------------------------------------------


def test_intake_queue_lists_oldest_first_and_is_coordinator_only(
    client, coordinator, provider_user, case_manager, other_coordinator, employer
):
    first = queued_case(provider_user, releasing_employer=employer)
    second = queued_case(provider_user)
    Case.objects.filter(pk=first.pk).update(created_at=timezone.now() - dt.timedelta(days=4))
    managed_case(case_manager)  # has a case manager: not in the queue

    client.force_login(coordinator)
    response = client.get(reverse("cases:intake_queue"))
    assert [row["case"] for row in response.context["rows"]] == [first, second]
    assert response.context["rows"][0]["waiting_days"] == 4
    content = response.content.decode()
    assert "Loopbaan BV" in content  # registering organisation
    assert "Drukkerij De Pers" in content
    assert {first.pk, second.pk} <= listed(coordinator, Purpose.INTAKE_QUEUE)

    client.force_login(case_manager)
    assert client.get(reverse("cases:intake_queue")).status_code == 403

    client.force_login(other_coordinator)
    response = client.get(reverse("cases:intake_queue"))
    assert response.context["rows"] == []
    assert first.person.full_name not in response.content.decode()


def test_assign_from_queue_is_a_warm_handover(client, coordinator, provider_user, case_manager):
    case = queued_case(provider_user)
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:assign", args=[case.pk]),
        {
            f"case-{case.pk}-case_manager": case_manager.pk,
            f"case-{case.pk}-expected_version": case.version,
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("cases:intake_queue")
    assert "now has" in response.content.decode()
    case.refresh_from_db()
    assert case.case_manager == case_manager and case.status == CaseStatus.INTAKE

    client.force_login(case_manager)
    assert case in client.get(reverse("cases:my_day")).context["new_cases"]


def test_assign_with_stale_version_shows_conflict_and_keeps_old_manager(
    client, coordinator, provider_user, case_manager, other_case_manager
):
    case = queued_case(provider_user)
    stale = case.version
    Case.objects.filter(pk=case.pk).update(version=stale + 1)  # someone else saved meanwhile
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:assign", args=[case.pk]),
        {
            f"case-{case.pk}-case_manager": other_case_manager.pk,
            f"case-{case.pk}-expected_version": stale,
        },
    )
    assert response.status_code == 409
    assert "Someone else changed this in the meantime" in response.content.decode()
    case.refresh_from_db()
    assert case.case_manager is None
    # the user's choice is kept, now against the current version
    form = response.context["rows"][0]["form"]
    assert str(form["case_manager"].value()) == str(other_case_manager.pk)
    assert str(form["expected_version"].value()) == str(stale + 1)


def test_other_region_coordinator_cannot_assign(
    client, other_coordinator, provider_user, case_manager
):
    case = queued_case(provider_user)
    client.force_login(other_coordinator)
    response = client.post(
        reverse("cases:assign", args=[case.pk]),
        {f"case-{case.pk}-case_manager": case_manager.pk, f"case-{case.pk}-expected_version": 1},
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.case_manager is None


# --- Duplicates in the queue and merging ------------------------------------------------------


def test_queue_flags_possible_duplicate_and_links_to_merge(
    client, coordinator, provider_user, case_manager
):
    known = managed_case(
        case_manager,
        person__first_name="Anja",
        person__last_name="de Vries",
        person__email="anja@example.nl",
    )
    dup = queued_case(
        provider_user,
        person__first_name="A.",
        person__last_name="Vries",
        person__email="ANJA@example.nl",
    )
    unique = queued_case(provider_user, person__email="someone@example.nl")
    client.force_login(coordinator)
    rows = {row["case"]: row for row in client.get(reverse("cases:intake_queue")).context["rows"]}
    assert rows[dup]["duplicate_of"] == known.person_id
    assert rows[unique]["duplicate_of"] is None
    content = client.get(reverse("cases:intake_queue")).content.decode()
    assert f"?keep={known.person_id}&amp;merge={dup.person_id}" in content


def test_merge_shows_both_records_masked_and_audited_then_merges(
    client, coordinator, provider_user, case_manager
):
    known = managed_case(
        case_manager,
        person__first_name="Anja",
        person__bsn="111222333",
        person__email="anja@example.nl",
    )
    dup = queued_case(provider_user, person__first_name="Anja", person__email="anja@example.nl")
    url = reverse("cases:merge")
    client.force_login(coordinator)

    response = client.get(url, {"keep": known.person_id, "merge": dup.person_id})
    assert response.status_code == 200
    content = response.content.decode()
    assert "******333" in content and "111222333" not in content
    assert known.number in content and dup.number in content
    reads = AuditLogEntry.objects.filter(
        actor=coordinator, action=AuditAction.READ, purpose=Purpose.DUPLICATE_CHECK
    ).values_list("person_ref", flat=True)
    assert set(reads) == {known.person_id, dup.person_id}

    # keep the second record this time
    response = client.post(
        url, {"person_a": known.person_id, "person_b": dup.person_id, "keep": dup.person_id}
    )
    newest = max([known, dup], key=lambda c: (c.created_at, c.pk))
    assert response.status_code == 302
    assert response.url == reverse("cases:case_detail", args=[newest.pk])
    assert Person.objects.get(pk=known.person_id).merged_into_id == dup.person_id
    assert set(Case.objects.filter(person_id=dup.person_id)) == {known, dup}


def test_merge_needs_a_choice(client, coordinator, provider_user):
    a, b = queued_case(provider_user), queued_case(provider_user)
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:merge"), {"person_a": a.person_id, "person_b": b.person_id}
    )
    assert response.status_code == 200
    assert "Choose the record to keep." in response.content.decode()
    assert Person.objects.filter(merged_into__isnull=False).count() == 0


def test_merge_closed_to_other_region_and_other_roles(
    client, other_coordinator, case_manager, provider_user
):
    a, b = queued_case(provider_user), queued_case(provider_user)
    url = reverse("cases:merge")
    client.force_login(other_coordinator)
    assert client.get(url, {"keep": a.person_id, "merge": b.person_id}).status_code == 404
    assert (
        client.post(
            url, {"person_a": a.person_id, "person_b": b.person_id, "keep": a.person_id}
        ).status_code
        == 302
    )  # refused by the service, back to the queue with a message
    assert Person.objects.filter(merged_into__isnull=False).count() == 0
    assert not AuditLogEntry.objects.filter(
        actor=other_coordinator, person_ref=a.person_id
    ).exists()
    client.force_login(case_manager)
    assert client.get(url, {"keep": a.person_id, "merge": b.person_id}).status_code == 403


# --- Registration ("no wrong door") ------------------------------------------------------


def test_provider_registers_into_the_queue_but_cannot_open_the_case(
    client, provider_user, coordinator
):
    client.force_login(provider_user)
    form = client.get(reverse("cases:register")).context["form"]
    assert "take_case" not in form.fields  # providers are never case manager

    response = client.post(reverse("cases:register"), form_data())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("cases:register_done", args=[case.pk])
    assert case.registered_by == provider_user and case.case_manager is None
    assert case.person.postcode == "5211 AB"

    done = client.get(response.url)
    content = done.content.decode()
    assert case.number in content and "Anja de Vries" in content
    assert "intake queue" in content
    assert "anja@example.nl" not in content and "0612345678" not in content

    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    client.force_login(coordinator)  # did not register it: no receipt
    assert client.get(reverse("cases:register_done", args=[case.pk])).status_code == 404


def test_case_manager_takes_the_case_and_is_sent_to_intake(client, case_manager, employer):
    client.force_login(case_manager)
    response = client.post(
        reverse("cases:register"),
        form_data(
            take_case="on",
            releasing_employer=employer.pk,
            phone="",
            bsn="111222333",
            bsn_legal_basis="suwi",
        ),
        follow=True,
    )
    case = Case.objects.get()
    assert case.case_manager == case_manager and case.releasing_employer == employer
    assert case.person.bsn == "111222333"
    content = response.content.decode()
    assert "You are the case manager" in content
    assert reverse("cases:case_intake", args=[case.pk]) in content


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"postcode": "52111 AB"}, "postcode", "Enter a Dutch postcode"),
        ({"bsn": "123456789"}, "bsn", "eleven-test"),
        ({"birth_date": "2999-01-01"}, "birth_date", "cannot be in the future"),
        ({"birth_date": "2020-01-01"}, "birth_date", "between 15 and 80"),
        ({"phone": "12345"}, "phone", "Enter a phone number"),
        ({"email": "", "phone": ""}, None, "Fill in an e-mail address or a phone number"),
        ({"first_name": " ", "signal_source": ""}, "first_name", "Enter the first name."),
    ],
)
def test_registration_validation_messages_and_nothing_saved(
    client, case_manager, overrides, field, message
):
    client.force_login(case_manager)
    response = client.post(reverse("cases:register"), form_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors.get(field or "__all__", [])
    assert any(message in e for e in errors), form.errors
    content = response.content.decode()
    assert "Please correct the following" in content
    assert message in content
    assert 'value="Anja"' in content or overrides.get("first_name")  # input kept
    assert Person.objects.count() == 0 and Case.objects.count() == 0


def test_registration_requires_signal_source(client, case_manager):
    client.force_login(case_manager)
    response = client.post(reverse("cases:register"), form_data(signal_source=""))
    assert "Choose who brought this person in." in response.content.decode()
    assert Case.objects.count() == 0


def test_duplicate_warning_then_register_anyway(client, case_manager, other_case_manager):
    existing = managed_case(
        other_case_manager,
        person__first_name="Anja",
        person__last_name="de Vries",
        person__birth_date=dt.date(1968, 3, 1),
    )
    client.force_login(case_manager)
    response = client.post(reverse("cases:register"), form_data(email="other@example.nl", phone=""))
    assert response.status_code == 200
    content = response.content.decode()
    assert "This person may already be registered" in content
    assert "same name and date of birth" in content
    assert existing.number in content
    assert str(other_case_manager) in content  # whom to contact
    assert reverse("cases:case_detail", args=[existing.pk]) not in content  # not visible
    assert "Open a new case for this person" not in content
    assert Case.objects.count() == 1
    assert 'name="confirm" value="1"' in content

    response = client.post(
        reverse("cases:register"), form_data(email="other@example.nl", phone="", confirm="1")
    )
    assert response.status_code == 302
    assert Person.objects.count() == 2 and Case.objects.count() == 2


def test_duplicate_with_closed_case_can_get_a_new_case(client, case_manager):
    old = managed_case(case_manager, status=CaseStatus.CLOSED, person__email="anja@example.nl")
    client.force_login(case_manager)
    response = client.post(reverse("cases:register"), form_data())
    content = response.content.decode()
    assert reverse("cases:case_detail", args=[old.pk]) in content
    assert "Open a new case for this person" in content

    response = client.post(
        reverse("cases:register"), form_data(existing_person_id=old.person_id, take_case="on")
    )
    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert Case.objects.filter(person_id=old.person_id).count() == 2


def test_new_case_for_an_unseen_person_is_refused(client, case_manager, other_case_manager):
    theirs = managed_case(
        other_case_manager, status=CaseStatus.CLOSED, person__email="anja@example.nl"
    )
    client.force_login(case_manager)
    response = client.post(
        reverse("cases:register"), form_data(existing_person_id=theirs.person_id)
    )
    assert response.status_code == 200
    assert "You cannot open a new case for that record" in response.content.decode()
    assert Case.objects.count() == 1


def test_employer_user_cannot_register(client, employer_user):
    client.force_login(employer_user)
    assert client.get(reverse("cases:register")).status_code == 403
    assert client.post(reverse("cases:register"), form_data()).status_code == 403
    assert Case.objects.count() == 0


# --- Routes ----------------------------------------------------------------------------------


def test_coordinator_creates_and_edits_routes(client, coordinator, region, other_region):
    RouteFactory(region=other_region, number=1, name="Elders")
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:route_create"),
        {
            "number": 1,
            "name": "Intensief",
            "intensity": RouteIntensity.INTENSIVE,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    route = Route.objects.get(region=region)
    assert route.number == 1 and route.is_active
    response = client.post(
        reverse("cases:route_edit", args=[route.pk]),
        {"number": 3, "name": "Intensief maatwerk", "intensity": RouteIntensity.INTENSIVE},
    )
    route.refresh_from_db()
    assert route.number == 3 and route.name == "Intensief maatwerk" and not route.is_active
    content = client.get(reverse("cases:route_list")).content.decode()
    assert "Intensief maatwerk" in content and "Elders" not in content


def test_route_number_clash_gives_a_clear_message(client, coordinator, region):
    RouteFactory(region=region, number=1, name="Zelfredzaam")
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:route_create"),
        {"number": 1, "name": "Intensief", "intensity": RouteIntensity.INTENSIVE},
    )
    assert response.status_code == 200
    assert "Route number 1 is already used in your region" in response.content.decode()
    assert Route.objects.filter(region=region).count() == 1


def test_routes_are_per_region_and_for_configurers_only(
    client, case_manager, other_coordinator, region
):
    route = RouteFactory(region=region, number=1)
    client.force_login(case_manager)
    assert client.get(reverse("cases:route_list")).status_code == 403
    client.force_login(other_coordinator)
    assert client.get(reverse("cases:route_edit", args=[route.pk])).status_code == 404
