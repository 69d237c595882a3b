"""XSS: a script stored in every free-text field comes back escaped on every page.

The payload goes in through the services (as a user would through the forms); then every
page of the permission matrix that a role may open is fetched, and the raw markup must not
appear anywhere, while its escaped form must (so the text really was rendered).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from overstap.cases import services
from overstap.cases.constants import SignalSource
from overstap.cases.models import Referral
from overstap.cases.services import RegistrationData
from overstap.employers.services import VacancyData, create_vacancy
from overstap.insights.models import Bottleneck
from overstap.insights.services import save_bottleneck
from overstap.passport.constants import AmbitionKind
from overstap.passport.services import add_ambition

from ..test_permission_matrix import MATRIX, OK, _merge_query, _url

PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
RAW_MARKERS = ["<script>alert(1)", "<img src=x onerror", "\"'><img"]
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def poisoned(world):
    users = world["users"]
    cm = users["case_manager"]
    case = world["case"]
    services.register_person(
        actor=cm,
        data=RegistrationData(
            first_name="Xander",
            last_name="Script",
            signal_source=SignalSource.SELF,
            phone="0611111111",
            note=PAYLOAD,
        ),
        take_case=True,
    )
    services.add_goal(actor=cm, case=case, description="Doel " + PAYLOAD)
    services.add_plan_action(
        actor=cm,
        case=case,
        description="Actie " + PAYLOAD,
        due_date=timezone.localdate() + dt.timedelta(days=3),
    )
    services.add_contact(
        actor=cm,
        case=case,
        date=timezone.localdate(),
        kind=case.contacts.model._meta.get_field("kind").choices[0][0],
        summary="Gesprek " + PAYLOAD,
    )
    add_ambition(
        actor=cm,
        person=case.person,
        kind=AmbitionKind.DREAM_JOB,
        sector="Sector " + PAYLOAD,
        note="Wens " + PAYLOAD,
    )
    referral = Referral.objects.get(pk=world["ids"]["referral_pk"])
    referral.motivation = "Motivatie " + PAYLOAD  # as entered on the referral form
    referral.save(update_fields=["motivation"])
    bottleneck = Bottleneck.objects.get(pk=world["ids"]["bottleneck_pk"])
    save_bottleneck(
        actor=users["coordinator"],
        bottleneck=bottleneck,
        data={
            "category": bottleneck.category,
            "title": "Knelpunt " + PAYLOAD,
            "description": PAYLOAD,
            "affected_count": 1,
            "status": bottleneck.status,
            "owner": None,
        },
        cases=[],
    )
    employer = users["employer"]
    create_vacancy(
        actor=employer,
        employer=employer.organisation,
        data=VacancyData(
            title="Kok " + PAYLOAD,
            description=PAYLOAD,
            place="Oss " + PAYLOAD,
            hours_min=24,
            hours_max=32,
        ),
    )
    return world


PAGES = sorted(
    name
    for name, row in MATRIX.items()
    if not name.startswith(("api", "core:", "set_language"))
    and any(status == OK for role, status in row.items() if role != "anonymous")
)


@pytest.mark.parametrize("name", PAGES)
def test_stored_payload_is_escaped(client, poisoned, name):
    url = _url(name, poisoned["ids"]) + _merge_query(name, poisoned)
    for role, expected in MATRIX[name].items():
        if role == "anonymous" or expected != OK:
            continue
        client.force_login(poisoned["users"][role])
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for marker in RAW_MARKERS:
            assert marker not in html, f"{name} as {role}: unescaped {marker!r}"


def test_the_payload_really_is_shown_somewhere(client, poisoned):
    """Guards the sweep above: the escaped payload appears on the pages that show it."""
    from django.urls import reverse

    users = poisoned["users"]
    client.force_login(users["case_manager"])
    plan = client.get(reverse("cases:case_plan", kwargs={"pk": poisoned["ids"]["pk"]}))
    assert ESCAPED in plan.content.decode()
    contacts = client.get(reverse("cases:case_contacts", kwargs={"pk": poisoned["ids"]["pk"]}))
    assert ESCAPED in contacts.content.decode()
    passport = client.get(reverse("passport:case_passport", kwargs={"pk": poisoned["ids"]["pk"]}))
    assert "Wens &lt;script&gt;" in passport.content.decode()
    referrals = client.get(reverse("cases:case_referrals", kwargs={"pk": poisoned["ids"]["pk"]}))
    assert "Motivatie &lt;script&gt;" in referrals.content.decode()
    client.force_login(users["coordinator"])
    bottlenecks = client.get(reverse("insights:bottleneck_list"))
    assert ESCAPED in bottlenecks.content.decode()
    client.force_login(users["employer"])
    vacancies = client.get(reverse("employers:vacancy_list"))
    assert "Kok &lt;script&gt;" in vacancies.content.decode()
