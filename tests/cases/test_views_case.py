"""One case through the test client: overview with team and timeline, intake with work
history, triage and plan, contacts — and who may (not) open them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from overstap.accounts.constants import Role
from overstap.cases import services
from overstap.cases.constants import CaseEventKind, CaseStatus, ContactKind, RouteIntensity
from overstap.cases.models import (
    Case,
    CaseEvent,
    CaseMember,
    Contact,
    Intake,
    Outcome,
    PlanAction,
    PlanGoal,
    WorkHistoryEntry,
)
from overstap.privacy.constants import AuditAction
from overstap.privacy.models import AuditLogEntry

from ..factories import CaseFactory, OrganisationFactory, PersonFactory, RouteFactory, UserFactory

VALID_BSN = "111222333"
HTMX = {"HTTP_HX_REQUEST": "true"}


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture(autouse=True)
def english(settings):
    """Assert on the English message ids; the Dutch catalogue is produced separately.
    A fast password hasher keeps the many users of these tests cheap."""
    settings.LANGUAGE_CODE = "en"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def case(region, case_manager):
    person = PersonFactory(
        region=region,
        first_name="Anja",
        last_name="de Vries",
        bsn=VALID_BSN,
        email="anja@example.nl",
        phone="0612345678",
        municipality="Meierijstad",
    )
    return CaseFactory(person=person, registered_by=case_manager, registration_note="Via de bond")


@pytest.fixture
def colleague(case, case_manager, other_case_manager):
    services.add_case_member(actor=case_manager, case=case, user=other_case_manager)
    return other_case_manager


@pytest.fixture
def foreign_case_manager(region):
    org = OrganisationFactory(region=region, name="Gemeente Oss")
    return UserFactory(username="cm-oss", organisation=org, role=Role.CASE_MANAGER)


@pytest.fixture
def routes(region):
    return [
        RouteFactory(
            region=region,
            number=1,
            name="Zelfredzaam",
            description="Lichte ondersteuning via de website.",
            intensity=RouteIntensity.SELF_RELIANT,
        ),
        RouteFactory(region=region, number=2, name="Kort traject", intensity=RouteIntensity.SHORT),
    ]


@pytest.fixture
def action(case):
    return PlanAction.objects.create(
        case=case, description="CV bijwerken", due_date=today() - dt.timedelta(days=2)
    )


def login(client, user):
    client.force_login(user)
    return client


def url(name, case, **kwargs):
    return reverse(f"cases:{name}", kwargs={"pk": case.pk, **kwargs})


def intake_data(person, intake=None, **overrides):
    data = {
        "person_version": person.version,
        "intake_version": intake.version if intake else "",
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": "1970-05-17",
        "email": person.email,
        "phone": person.phone,
        "bsn": "",
        "postcode": "5211 AB",
        "municipality": "Meierijstad",
        "education_level": "",
        "education_field": "",
        "digital_skills": "",
        "network": "",
        "motivation": "",
        "wishes": "",
        "constraints": "",
        "min_hours_per_week": "",
        "max_travel_minutes": "",
        "min_wage_band": "",
        "private_circumstances": "",
    }
    data.update(overrides)
    return data


def fresh(case):
    return Case.objects.select_related("person").get(pk=case.pk)


# --- Access -----------------------------------------------------------------------------

PAGES = ["case_detail", "case_intake", "case_plan", "case_contacts"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("who", ["case_manager", "colleague", "coordinator"])
def test_pages_render_for_the_team_and_the_coordinator(client, case, request, page, who):
    user = request.getfixturevalue(who)
    response = login(client, user).get(url(page, case))
    assert response.status_code == 200
    assert "Anja de Vries" in response.content.decode()
    assert response.context["case_tab"] in {"overview", "intake", "plan", "contacts"}


def _requests(case, action, route):
    """Every URL of this area with a request that would change something if allowed."""
    return [
        ("get", url("case_detail", case), {}),
        ("post", url("case_detail", case), {}),
        ("get", url("case_team", case), {}),
        ("post", url("case_team", case), {"team-user": case.case_manager_id}),
        ("get", url("case_intake", case), {}),
        (
            "post",
            url("case_intake", case),
            intake_data(case.person, first_name="Hacked", motivation="x"),
        ),
        ("get", url("work_history", case), {}),
        ("post", url("work_history", case), {"work-employer_name": "X", "work-job_title": "Y"}),
        ("get", url("case_triage", case), {}),
        (
            "post",
            url("case_triage", case),
            {"triage-version": case.version, "triage-route": route.pk, "triage-rationale": "x"},
        ),
        ("get", url("case_plan", case), {}),
        ("post", url("case_plan", case), {"plan_form": "goal", "goal-description": "Hack"}),
        ("get", url("action_done", case, action_pk=action.pk), {}),
        ("post", url("action_done", case, action_pk=action.pk), {"done": "1"}),
        ("get", url("case_contacts", case), {}),
        (
            "post",
            url("case_contacts", case),
            {"date": today().isoformat(), "kind": ContactKind.PHONE, "summary": "Hack"},
        ),
    ]


def _state(case):
    case = fresh(case)
    return (
        case.version,
        case.route_id,
        case.person.first_name,
        CaseEvent.objects.filter(case=case).count(),
        CaseMember.objects.filter(case=case).count(),
        Contact.objects.filter(case=case).count(),
        PlanGoal.objects.filter(case=case).count(),
        list(PlanAction.objects.filter(case=case).values_list("done_at", flat=True)),
        WorkHistoryEntry.objects.filter(person=case.person).count(),
        Intake.objects.filter(case=case).exists(),
    )


@pytest.mark.parametrize("who", ["foreign_case_manager", "provider_user", "employer_user"])
def test_outsiders_get_404_everywhere_and_nothing_changes(
    client, case, action, routes, request, who
):
    user = request.getfixturevalue(who)
    login(client, user)
    before = _state(case)
    for method, address, data in _requests(case, action, routes[0]):
        response = getattr(client, method)(address, data, **({} if method == "get" else HTMX))
        assert response.status_code == 404, (method, address)
        response = getattr(client, method)(address, data)
        assert response.status_code == 404, (method, address)
    assert _state(case) == before
    assert not AuditLogEntry.objects.filter(actor=user, case_ref=case.pk).exists()


def test_anonymous_users_are_sent_to_the_login_page(client, case):
    response = client.get(url("case_detail", case))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- Overview ---------------------------------------------------------------------------


def test_case_detail_get_writes_a_read_audit_entry(client, case, case_manager):
    login(client, case_manager).get(url("case_detail", case))
    entry = AuditLogEntry.objects.filter(case_ref=case.pk, actor=case_manager).last()
    assert entry is not None
    assert entry.action == AuditAction.READ
    assert entry.person_ref == case.person_id


def test_overview_shows_key_facts_with_masked_bsn(client, case, case_manager):
    content = login(client, case_manager).get(url("case_detail", case)).content.decode()
    assert "******333" in content
    assert VALID_BSN not in content
    assert "anja@example.nl" in content
    assert "Via de bond" in content
    assert "Meierijstad" in content


def test_bsn_is_never_shown_in_full_on_the_intake_page(client, case, case_manager):
    content = login(client, case_manager).get(url("case_intake", case)).content.decode()
    assert VALID_BSN not in content
    assert "******333" in content


def test_timeline_shows_the_events_newest_first(client, case, case_manager, routes):
    services.add_contact(
        actor=case_manager, case=case, date=today(), kind=ContactKind.PHONE, summary="Gebeld"
    )
    services.triage_case(actor=case_manager, case=case, route=routes[1], rationale="Goed inzetbaar")
    response = login(client, case_manager).get(url("case_detail", case))
    events = response.context["events"]
    assert [e.kind for e in events[:2]] == [CaseEventKind.TRIAGED, CaseEventKind.CONTACT]
    content = response.content.decode()
    assert "2. Kort traject" in content
    assert content.index("Triage") < content.index("Phone")
    assert str(case_manager) in content


def test_add_and_remove_a_colleague(client, case, case_manager, other_case_manager):
    login(client, case_manager)
    response = client.post(url("case_team", case), {"team-user": other_case_manager.pk}, **HTMX)
    assert response.status_code == 200
    assert "cases/_case_team.html" in [t.name for t in response.templates]
    assert CaseMember.objects.filter(case=case, user=other_case_manager).exists()
    assert "was added to the case" in response.content.decode()
    # without htmx the same endpoint redirects back to the overview
    response = client.post(url("case_team", case), {"remove": other_case_manager.pk})
    assert response.status_code == 302
    assert not CaseMember.objects.filter(case=case, user=other_case_manager).exists()
    kinds = set(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {CaseEventKind.MEMBER_ADDED, CaseEventKind.MEMBER_REMOVED} <= kinds


def test_a_colleague_who_removes_themselves_leaves_the_case(client, case, colleague):
    login(client, colleague)
    response = client.post(url("case_team", case), {"remove": colleague.pk}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("cases:caseload")
    assert client.get(url("case_detail", case)).status_code == 404


def test_only_staff_of_the_region_can_be_added(
    client, case, case_manager, provider_user, other_region
):
    outsider = UserFactory(
        username="elsewhere",
        organisation=OrganisationFactory(region=other_region),
        role=Role.CASE_MANAGER,
    )
    login(client, case_manager)
    for candidate in (provider_user, outsider):
        response = client.post(url("case_team", case), {"team-user": candidate.pk}, **HTMX)
        assert response.status_code == 200
        assert response.context["team_form"].errors
    assert not CaseMember.objects.filter(case=case).exists()


# --- Intake -----------------------------------------------------------------------------


def test_intake_draft_then_complete(client, case, case_manager):
    login(client, case_manager)
    response = client.post(
        url("case_intake", case), intake_data(case.person, wishes="Iets met mensen")
    )
    assert response.status_code == 302
    intake = Intake.objects.get(case=case)
    assert intake.is_draft and intake.wishes == "Iets met mensen"
    page = client.get(url("case_intake", case)).content.decode()
    assert "draft" in page and "last saved on" in page

    # completing without the required fields: a clear message, nothing completed
    data = intake_data(fresh(case).person, intake, wishes="Iets met mensen", complete="1")
    response = client.post(url("case_intake", case), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Fill this in to complete the intake." in content
    assert "The intake is not complete yet" in content
    assert Intake.objects.get(case=case).is_draft

    data.update(education_level="mbo", digital_skills="basic", motivation="Wil door")
    response = client.post(url("case_intake", case), data)
    assert response.status_code == 302
    intake = Intake.objects.get(case=case)
    assert not intake.is_draft and intake.completed_by == case_manager
    page = client.get(url("case_intake", case)).content.decode()
    assert "completed on" in page and str(case_manager) in page
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert CaseEventKind.INTAKE_SAVED in kinds and CaseEventKind.INTAKE_COMPLETED in kinds


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", "2099-01-01", "cannot be in the future"),
        ("birth_date", "2020-01-01", "between 15 and 80 years old"),
        ("birth_date", "1900-01-01", "between 15 and 80 years old"),
        ("postcode", "12345", "Dutch postcode"),
        ("bsn", "123456789", "not a valid BSN"),
        ("phone", "12", "phone number"),
        ("min_hours_per_week", "61", "60"),
        ("min_hours_per_week", "0", "1"),
        ("max_travel_minutes", "241", "240"),
        ("first_name", "", "required"),
    ],
)
def test_intake_validation(client, case, case_manager, field, value, message):
    login(client, case_manager)
    response = client.post(url("case_intake", case), intake_data(case.person, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert not Intake.objects.filter(case=case).exists()


def test_intake_replaces_and_removes_the_bsn(client, case, case_manager):
    login(client, case_manager)
    client.post(
        url("case_intake", case), intake_data(case.person, bsn="0123 456 72", bsn_legal_basis="ww")
    )
    assert fresh(case).person.bsn == "012345672"
    person = fresh(case).person
    intake = Intake.objects.get(case=case)
    client.post(url("case_intake", case), intake_data(person, intake))
    assert fresh(case).person.bsn == "012345672"  # empty field keeps the BSN
    person = fresh(case).person
    intake.refresh_from_db()
    client.post(url("case_intake", case), intake_data(person, intake, remove_bsn="on"))
    assert fresh(case).person.bsn == ""


def test_intake_conflict_keeps_the_second_users_input(
    client, case, case_manager, colleague, django_user_model
):
    from django.test import Client

    first, second = Client(), Client()
    login(first, case_manager)
    login(second, colleague)
    # both load the intake
    initial_first = first.get(url("case_intake", case)).context["form"].initial
    initial_second = second.get(url("case_intake", case)).context["form"].initial
    assert initial_first["person_version"] == initial_second["person_version"]

    def post(client, initial, **changes):
        data = intake_data(case.person, **changes)
        data["person_version"] = initial["person_version"]
        data["intake_version"] = initial.get("intake_version") or ""
        return client.post(url("case_intake", case), data)

    assert post(first, initial_first, motivation="Eerste versie").status_code == 302
    response = post(second, initial_second, motivation="Tweede versie", wishes="Buiten werken")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Someone else changed this in the meantime" in content
    # the second user's input is still in the form ...
    assert "Tweede versie" in content and "Buiten werken" in content
    # ... next to a summary of what is saved now
    assert "Eerste versie" in content
    rows = {row["label"]: row for row in response.context["conflict"]["rows"]}
    assert rows["Motivation"]["saved"] == "Eerste versie"
    assert rows["Motivation"]["mine"] == "Tweede versie"
    assert Intake.objects.get(case=case).motivation == "Eerste versie"

    # after merging by hand, saving again works (the form took over the current versions)
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["motivation"] = "Eerste en tweede versie"
    response = second.post(url("case_intake", case), data)
    assert response.status_code == 302
    intake = Intake.objects.get(case=case)
    assert intake.motivation == "Eerste en tweede versie"
    assert intake.wishes == "Buiten werken"


# --- Work history -----------------------------------------------------------------------


def work(**overrides):
    data = {
        "work-employer_name": "Drukkerij De Pers",
        "work-job_title": "Drukker",
        "work-start_year": "1995",
        "work-end_year": "2024",
        "work-hours_per_week": "38",
        "work-wage_band": "2500_3000",
        "work-contract_type": "permanent",
    }
    data.update(overrides)
    return data


def test_work_history_add_edit_delete_with_htmx(client, case, case_manager):
    login(client, case_manager)
    response = client.post(url("work_history", case), work(), **HTMX)
    assert response.status_code == 200
    assert response.templates[0].name == "cases/_intake_work_history.html"
    entry = WorkHistoryEntry.objects.get(person=case.person)
    assert entry.job_title == "Drukker" and entry.start_year == 1995
    assert "Drukkerij De Pers" in response.content.decode()

    response = client.get(url("work_history", case), {"edit": entry.pk}, **HTMX)
    assert response.context["work_form"].initial["id"] == entry.pk

    response = client.post(
        url("work_history", case),
        work(**{"work-id": entry.pk, "work-job_title": "Ploegleider"}),
        **HTMX,
    )
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.job_title == "Ploegleider"
    assert WorkHistoryEntry.objects.filter(person=case.person).count() == 1

    response = client.post(url("work_history", case), {"delete_id": entry.pk}, **HTMX)
    assert response.status_code == 200
    assert not WorkHistoryEntry.objects.filter(person=case.person).exists()


def test_work_history_without_javascript_redirects_back(client, case, case_manager):
    login(client, case_manager)
    response = client.post(url("work_history", case), work())
    assert response.status_code == 302
    assert response["Location"].startswith(url("case_intake", case))
    entry = WorkHistoryEntry.objects.get(person=case.person)
    response = client.get(url("work_history", case), {"edit": entry.pk})
    assert response.status_code == 302
    assert f"edit={entry.pk}" in response["Location"]
    page = client.get(url("case_intake", case), {"edit": entry.pk})
    assert page.context["work_form"].initial["id"] == entry.pk
    response = client.post(url("work_history", case), {"delete_id": entry.pk})
    assert response.status_code == 302
    assert not WorkHistoryEntry.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"work-start_year": "1949"}, "start_year"),
        ({"work-end_year": str(dt.date.today().year + 1)}, "end_year"),
        ({"work-start_year": "2010", "work-end_year": "2005"}, "end_year"),
        ({"work-job_title": ""}, "job_title"),
    ],
)
def test_work_history_rejects_bad_years(client, case, case_manager, overrides, field):
    login(client, case_manager)
    response = client.post(url("work_history", case), work(**overrides), **HTMX)
    assert response.status_code == 200
    assert field in response.context["work_form"].errors
    # without htmx the whole intake page comes back with the errors
    response = client.post(url("work_history", case), work(**overrides))
    assert response.status_code == 200
    assert field in response.context["work_form"].errors
    assert "cases/intake.html" in [t.name for t in response.templates]
    assert not WorkHistoryEntry.objects.exists()


def test_work_history_cannot_touch_another_persons_entry(client, case, case_manager, region):
    other = WorkHistoryEntry.objects.create(
        person=PersonFactory(region=region), employer_name="A", job_title="B"
    )
    login(client, case_manager)
    response = client.post(url("work_history", case), {"delete_id": other.pk})
    assert response.status_code == 404
    response = client.post(url("work_history", case), work(**{"work-id": other.pk}), **HTMX)
    assert "id" in response.context["work_form"].errors
    other.refresh_from_db()
    assert other.job_title == "B"


# --- Triage and plan --------------------------------------------------------------------


def test_plan_page_lists_routes_and_warns_about_the_intake(client, case, case_manager, routes):
    content = login(client, case_manager).get(url("case_plan", case)).content.decode()
    assert "1. Zelfredzaam" in content
    assert "Lichte ondersteuning via de website." in content
    assert "The intake is not completed yet" in content


def test_triage_requires_a_rationale(client, case, case_manager, routes):
    login(client, case_manager)
    data = {"triage-version": case.version, "triage-route": routes[1].pk, "triage-rationale": " "}
    response = client.post(url("case_triage", case), data)
    assert response.status_code == 200
    assert "Explain why this route fits." in response.content.decode()
    assert fresh(case).route_id is None

    data["triage-rationale"] = "Heeft werkervaring en netwerk"
    response = client.post(url("case_triage", case), data)
    assert response.status_code == 302
    case = fresh(case)
    assert case.route == routes[1]
    assert case.status == CaseStatus.ACTIVE
    assert case.triage_rationale == "Heeft werkervaring en netwerk"
    content = client.get(url("case_plan", case)).content.decode()
    assert "Heeft werkervaring en netwerk" in content
    assert str(case_manager) in content


def test_triage_refuses_a_route_of_another_region_or_a_stale_version(
    client, case, case_manager, routes, other_region
):
    foreign = RouteFactory(region=other_region, number=1, name="Elders")
    login(client, case_manager)
    data = {"triage-version": case.version, "triage-route": foreign.pk, "triage-rationale": "x"}
    response = client.post(url("case_triage", case), data)
    assert "route" in response.context["triage_form"].errors
    data.update({"triage-route": routes[0].pk, "triage-version": case.version - 1})
    response = client.post(url("case_triage", case), data)
    assert response.status_code == 200
    assert "Someone else changed this in the meantime" in response.content.decode()
    assert response.context["triage_form"]["rationale"].value() == "x"
    assert fresh(case).route_id is None


def test_plan_goal_action_and_rhythm(client, case, case_manager, other_case_manager):
    login(client, case_manager)
    response = client.post(
        url("case_plan", case),
        {"plan_form": "goal", "goal-description": "Nieuwe baan in de zorg"},
    )
    assert response.status_code == 302
    goal = PlanGoal.objects.get(case=case)
    due = (today() + dt.timedelta(days=7)).isoformat()
    response = client.post(
        url("case_plan", case),
        {
            "plan_form": "action",
            "action-description": "Open dag bezoeken",
            "action-due_date": due,
            "action-owner": "participant",
            "action-goal": goal.pk,
        },
    )
    assert response.status_code == 302
    action = PlanAction.objects.get(case=case)
    assert action.owner_is_participant and action.goal == goal
    response = client.post(
        url("case_plan", case),
        {
            "plan_form": "action",
            "action-description": "Vacatures sturen",
            "action-due_date": due,
            "action-owner": other_case_manager.pk,
        },
    )
    assert PlanAction.objects.get(description="Vacatures sturen").owner == other_case_manager
    # an action without an owner or due date is refused
    response = client.post(
        url("case_plan", case), {"plan_form": "action", "action-description": "Zonder"}
    )
    assert response.status_code == 200
    assert {"owner", "due_date"} <= set(response.context["action_form"].errors)
    # rhythm
    response = client.post(
        url("case_plan", case),
        {"plan_form": "rhythm", "rhythm-version": case.version, "rhythm-days": "7"},
    )
    assert response.status_code == 302
    assert fresh(case).contact_rhythm_days == 7
    response = client.post(
        url("case_plan", case),
        {"plan_form": "rhythm", "rhythm-version": fresh(case).version, "rhythm-days": "0"},
    )
    assert "days" in response.context["rhythm_form"].errors


def test_plan_action_done_with_htmx_and_without(client, case, case_manager, action):
    login(client, case_manager)
    page = client.get(url("case_plan", case)).content.decode()
    assert "overdue" in page
    response = client.post(url("action_done", case, action_pk=action.pk), {"done": "1"}, **HTMX)
    assert response.status_code == 200
    assert response.templates[0].name == "cases/_plan_actions.html"
    action.refresh_from_db()
    assert action.done_at == today()
    assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.ACTION_DONE).exists()
    response = client.post(url("action_done", case, action_pk=action.pk), {"done": "0"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done_at is None


def test_action_of_another_case_is_a_404(client, case, case_manager, region):
    other_case = CaseFactory(person=PersonFactory(region=region), registered_by=case_manager)
    other_action = PlanAction.objects.create(
        case=other_case, description="Elders", due_date=today()
    )
    login(client, case_manager)
    response = client.post(url("action_done", case, action_pk=other_action.pk))
    assert response.status_code == 404
    other_action.refresh_from_db()
    assert other_action.done_at is None


# --- Contacts ---------------------------------------------------------------------------


def test_contact_is_logged_and_sets_the_next_contact(client, case, case_manager):
    login(client, case_manager)
    response = client.post(
        url("case_contacts", case),
        {
            "date": today().isoformat(),
            "kind": ContactKind.WALK,
            "summary": "Wandeling, goed gesprek",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get(case=case)
    assert contact.author == case_manager
    assert fresh(case).next_contact_due == today() + dt.timedelta(days=14)
    content = client.get(url("case_contacts", case)).content.decode()
    assert "Wandeling, goed gesprek" in content and "Walk" in content


def test_contact_in_the_future_is_rejected(client, case, case_manager):
    login(client, case_manager)
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        url("case_contacts", case),
        {"date": tomorrow, "kind": ContactKind.PHONE, "summary": "Nog niet gebeurd"},
    )
    assert response.status_code == 200
    assert "A contact cannot be in the future." in response.content.decode()
    assert response.context["form"]["summary"].value() == "Nog niet gebeurd"
    assert not Contact.objects.exists()


def test_contact_requires_a_summary(client, case, case_manager):
    login(client, case_manager)
    response = client.post(
        url("case_contacts", case),
        {"date": today().isoformat(), "kind": ContactKind.PHONE, "summary": "  "},
    )
    assert "summary" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_overdue_next_contact_is_shown(client, case, case_manager):
    Case.objects.filter(pk=case.pk).update(next_contact_due=today() - dt.timedelta(days=3))
    content = login(client, case_manager).get(url("case_contacts", case)).content.decode()
    assert "overdue" in content


# --- Closed case ------------------------------------------------------------------------


def test_closed_case_is_read_only(client, case, case_manager, action):
    Outcome.objects.create(
        case=case, kind="stopped", date=today(), stop_reason="Verhuisd", registered_by=case_manager
    )
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_at=timezone.now())
    login(client, case_manager)
    for page in PAGES:
        response = client.get(url(page, case))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Its data is shown read-only" in content
        assert "<form" not in content.split('class="tabs"', 1)[1]
    before = _state(case)
    client.post(
        url("case_contacts", case), {"date": today().isoformat(), "kind": "phone", "summary": "x"}
    )
    client.post(url("action_done", case, action_pk=action.pk), {"done": "1"})
    client.post(url("case_team", case), {"team-user": case_manager.pk})
    client.post(url("work_history", case), work())
    assert _state(case) == before
