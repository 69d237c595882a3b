"""The public front door: self-registration, spam protection, e-mail, employer desk."""

from __future__ import annotations

import time

import pytest
from django.core import mail
from django.urls import reverse

from overstap.cases import selectors as case_selectors
from overstap.cases.constants import CaseEventKind, SignalSource
from overstap.cases.models import Case, Person
from overstap.frontdoor import spam
from overstap.frontdoor.constants import DeskRequestKind, DeskRequestStatus
from overstap.frontdoor.models import DeskRequest, SelfRegistration
from overstap.privacy.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def _token(form_name: str, age: float = 10) -> str:
    return spam.issue_token(form_name, now=time.time() - age)


def _resident(**overrides):
    data = {
        "first_name": "Sanne",
        "last_name": "de Vries",
        "email": "sanne@example.org",
        "phone": "",
        "postcode": "5211 AB",
        "situation": "at_risk",
        "current_employer": "Cateringgroep",
        "current_job": "Kok",
        "consent": "on",
        "website": "",
        "started": _token("register"),
    }
    data.update(overrides)
    return data


def test_public_pages_need_no_login(client, region):
    for name, kwargs in [
        ("frontdoor:home", {}),
        ("frontdoor:guide", {"slug": "baan-in-gevaar"}),
        ("frontdoor:guide", {"slug": "werkgever-te-veel"}),
        ("frontdoor:register", {}),
        ("frontdoor:conversation", {}),
        ("frontdoor:scheme_list", {}),
        ("frontdoor:employer_desk", {}),
        ("frontdoor:desk_report", {"kind_slug": "overschot"}),
        ("frontdoor:desk_vacancy", {}),
        ("frontdoor:privacy", {}),
    ]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name
        assert b"frontdoor/frontdoor.css" in response.content
    assert client.get(reverse("frontdoor:guide", kwargs={"slug": "nope"})).status_code == 404


def test_anonymous_root_goes_to_front_door_staff_to_work_list(client, case_manager):
    assert client.get("/")["Location"] == reverse("frontdoor:home")
    client.force_login(case_manager)
    assert client.get("/")["Location"] == reverse("cases:my_day")


def test_self_registration_lands_in_intake_queue(
    client, region, rmt, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("frontdoor:register"), _resident())
    assert response.status_code == 302
    assert response["Location"] == reverse("frontdoor:register_done")
    case = Case.objects.get(person__last_name="de Vries")
    assert case.signal_source == SignalSource.SELF_REGISTRATION
    assert case.case_manager is None
    assert case.registered_by.username == "frontdoor-noordoost-brabant"
    assert not case.registered_by.is_active
    assert case.person.postcode == "5211 AB"
    assert case.person.work_history.get().job_title == "Kok"
    registration = SelfRegistration.objects.get(case=case)
    assert registration.situation == "at_risk"
    assert registration.consent_version
    event = case.events.get()
    assert event.kind == CaseEventKind.REGISTERED
    assert AuditLogEntry.objects.filter(case_ref=case.pk, action="create").exists()
    assert case in case_selectors.intake_queue(user=coordinator)
    # Confirmation page says what happens next and by when
    done = client.get(reverse("frontdoor:register_done"))
    assert registration.respond_by.strftime("%-d") in done.content.decode()
    assert "Sanne" in done.content.decode()
    # Confirmation e-mail
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sanne@example.org"]
    assert "Sanne" in message.body


def test_conversation_request_keeps_time_preference(client, region, rmt):
    data = _resident(
        started=_token("conversation"),
        time_preference="morning",
        channel="phone",
        question="Ik wil iets anders",
        email="",
        phone="06-12345678",
    )
    response = client.post(reverse("frontdoor:conversation"), data)
    assert response.status_code == 302
    registration = SelfRegistration.objects.get()
    assert registration.kind == "conversation"
    assert registration.time_preference == "morning"
    assert "career conversation" in registration.case.registration_note
    assert len(mail.outbox) == 0  # no e-mail address given


def test_conversation_needs_time_preference(client, region, rmt):
    response = client.post(
        reverse("frontdoor:conversation"), _resident(started=_token("conversation"))
    )
    assert response.status_code == 200
    assert "time_preference" in response.context["form"].errors
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"first_name": ""}, "first_name"),
        ({"email": "", "phone": ""}, "email"),
        ({"email": "geen-mail"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"postcode": "ABCD"}, "postcode"),
        ({"situation": "rich"}, "situation"),
        ({"consent": ""}, "consent"),
    ],
)
def test_bad_input_is_refused_with_a_message(client, region, rmt, overrides, field):
    response = client.post(reverse("frontdoor:register"), _resident(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert b"fd-error-summary" in response.content
    assert not Person.objects.exists()
    # the user's input is kept
    assert response.context["form"]["last_name"].value() == "de Vries"


def test_honeypot_pretends_success_and_stores_nothing(client, region, rmt):
    response = client.post(reverse("frontdoor:register"), _resident(website="http://spam"))
    assert response.status_code == 302
    assert not Person.objects.exists()
    assert len(mail.outbox) == 0


def test_too_fast_is_refused(client, region, rmt):
    response = client.post(reverse("frontdoor:register"), _resident(started=_token("register", 0)))
    assert response.status_code == 200
    assert "too_fast" in [e.code for e in response.context["form"].errors.as_data()["__all__"]]
    assert not Person.objects.exists()
    # the re-rendered form carries a fresh token: sending it again later works
    fresh = response.context["form"].data["started"]
    assert spam.check_token("register", fresh, now=time.time() + 5) is None


def test_forged_or_expired_token_is_refused(client, region, rmt):
    for token in ("forged", _token("register", spam.MAX_FORM_AGE + 10), _token("desk_report")):
        response = client.post(reverse("frontdoor:register"), _resident(started=token))
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
    assert not Person.objects.exists()


def test_rate_limit_per_ip(client, region, rmt, settings):
    settings.FRONTDOOR_RATE_LIMIT = 2
    for i in range(2):
        response = client.post(reverse("frontdoor:register"), _resident(email=f"p{i}@example.org"))
        assert response.status_code == 302
    response = client.post(reverse("frontdoor:register"), _resident(email="p3@example.org"))
    assert response.status_code == 429
    assert Person.objects.count() == 2
    # another address is not affected
    response = client.post(
        reverse("frontdoor:register"),
        _resident(email="p4@example.org"),
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302


def test_no_front_door_without_mobility_team(client, region):
    response = client.post(reverse("frontdoor:register"), _resident())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Person.objects.exists()


def test_employer_reports_a_surplus(client, region, rmt):
    response = client.post(
        reverse("frontdoor:desk_report", kwargs={"kind_slug": "overschot"}),
        {
            "organisation_name": "Cateringgroep",
            "contact_name": "Peter Smulders",
            "email": "peter@example.org",
            "people_count": "12",
            "occupations": "kok, bediening",
            "started": _token("desk_report"),
        },
    )
    assert response.status_code == 302
    request = DeskRequest.objects.get()
    assert request.kind == DeskRequestKind.SURPLUS
    assert request.status == DeskRequestStatus.NEW
    assert request.region == region
    assert request.people_count == 12


def test_desk_vacancy_bad_input(client, region, rmt):
    response = client.post(
        reverse("frontdoor:desk_vacancy"),
        {
            "organisation_name": "X",
            "contact_name": "Y",
            "title": "",
            "people_count": "1",
            "hours_min": "30",
            "hours_max": "20",
            "started": _token("desk_vacancy"),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"title", "hours_max", "email"} <= set(errors)
    assert not DeskRequest.objects.exists()


def test_rate_limit_behind_a_trusted_proxy_counts_the_client(client, region, rmt, settings):
    """Behind a proxy every request has the proxy's REMOTE_ADDR: the limit counts the
    address the trusted proxy saw, as the login lock-out does."""
    settings.FRONTDOOR_RATE_LIMIT = 1
    settings.OVERSTAP_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.post(
        reverse("frontdoor:register"),
        _resident(email="a@example.org"),
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **proxy,
    )
    assert first.status_code == 302
    other_resident = client.post(
        reverse("frontdoor:register"),
        _resident(email="b@example.org"),
        HTTP_X_FORWARDED_FOR="203.0.113.6",
        **proxy,
    )
    assert other_resident.status_code == 302
    again = client.post(
        reverse("frontdoor:register"),
        _resident(email="c@example.org"),
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **proxy,
    )
    assert again.status_code == 429


def test_public_pages_need_no_second_factor(client, region, rmt, case_manager, settings):
    """A staff member logged in with a password only may still read the public pages."""
    settings.OVERSTAP_REQUIRE_2FA = True
    client.force_login(case_manager)
    assert client.get(reverse("frontdoor:home")).status_code == 200
    assert client.get(reverse("frontdoor:scheme_list")).status_code == 200
    # staff pages still ask for the code
    assert client.get(reverse("cases:my_day")).status_code == 302
