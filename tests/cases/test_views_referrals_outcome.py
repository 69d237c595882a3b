"""Referrals (case side and provider side), outcome, follow-up, closing and reopening."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from overstap.accounts.constants import OrganisationKind, Role
from overstap.cases.constants import (
    CaseEventKind,
    CaseStatus,
    OutcomeKind,
    ReferralStatus,
    WageBand,
)
from overstap.cases.models import CaseEvent, FollowUp, Outcome, Referral, WorkHistoryEntry
from overstap.privacy.models import AuditLogEntry
from tests.factories import CaseFactory, OfferingFactory, OrganisationFactory, UserFactory


def login(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def case(region, case_manager):
    return CaseFactory(
        person__region=region,
        person__first_name="Anja",
        person__last_name="de Vries",
        person__email="anja@example.nl",
        person__phone="0612345678",
        registered_by=case_manager,
        active=True,
    )


@pytest.fixture
def offering(region, provider_org):
    return OfferingFactory(region=region, provider=provider_org, name="Sollicitatietraining")


def referrals_url(case):
    return reverse("cases:case_referrals", args=[case.pk])


def update_url(referral):
    return reverse("cases:case_referral_update", args=[referral.case_id, referral.pk])


def provider_url(referral):
    return reverse("cases:provider_referral", args=[referral.pk])


def refer(client, case, offering, action="send", motivation="Wil weer solliciteren."):
    return client.post(
        referrals_url(case),
        # issue #7: the person's consent to share with the provider is recorded with it
        {"offering": offering.pk, "motivation": motivation, "action": action, "sharing": "signed"},
    )


def step(client, url, referral, to_status, note="", version=None):
    """Post one step. The case page prefixes each referral's form; the provider page not."""
    referral.refresh_from_db()
    prefix = f"referral{referral.pk}-" if url == update_url(referral) else ""
    return client.post(
        url,
        {
            f"{prefix}to_status": to_status,
            f"{prefix}note": note,
            f"{prefix}version": referral.version if version is None else version,
        },
    )


# --- Referral life cycle ----------------------------------------------------------------


def test_full_referral_life_cycle(db, case, offering, case_manager, provider_user):
    cm = login(case_manager)
    provider = login(provider_user)

    response = refer(cm, case, offering)
    assert response.status_code == 302
    referral = Referral.objects.get(case=case)
    assert referral.status == ReferralStatus.SENT
    assert referral.motivation == "Wil weer solliciteren."

    # The provider sees it in their list, with the case manager to contact.
    listing = provider.get(reverse("cases:provider_referrals")).content.decode()
    assert "Anja de Vries" in listing
    assert "Sollicitatietraining" in listing
    assert str(case_manager) in listing
    assert str(case_manager.organisation) in listing

    detail = provider.get(provider_url(referral))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "0612345678" in html and "anja@example.nl" in html
    assert "Wil weer solliciteren." in html
    assert AuditLogEntry.objects.filter(
        actor=provider_user, action="read", purpose="referral", case_ref=case.pk
    ).exists()

    for to_status, note in [
        (ReferralStatus.ACCEPTED, ""),
        (ReferralStatus.STARTED, "Eerste bijeenkomst gehad."),
        (ReferralStatus.STARTED, "Cv is af."),  # same status + note = progress note
        (ReferralStatus.COMPLETED, "Afgerond met certificaat."),
    ]:
        response = step(provider, provider_url(referral), referral, to_status, note)
        assert response.status_code == 302, response.content.decode()
        referral.refresh_from_db()
        assert referral.status == to_status

    assert referral.started_on is not None and referral.completed_on is not None
    history = [(u.from_status, u.to_status) for u in referral.updates.all()]
    assert history == [
        ("", "sent"),
        ("sent", "accepted"),
        ("accepted", "started"),
        ("started", "started"),
        ("started", "completed"),
    ]
    events = CaseEvent.objects.filter(case=case, kind=CaseEventKind.REFERRAL).order_by("at", "id")
    assert [e.data["status"] for e in events] == [
        "sent",
        "accepted",
        "started",
        "started",
        "completed",
    ]
    assert events[3].data["note"] == "Cv is af."

    # The case side sees the whole history with the notes and who wrote them.
    page = cm.get(referrals_url(case)).content.decode()
    assert "Cv is af." in page and "Afgerond met certificaat." in page
    assert str(provider_user) in page
    assert "Completed" in page


def test_proposal_is_sent_later_and_invisible_to_provider_until_then(
    db, case, offering, case_manager, provider_user
):
    cm = login(case_manager)
    refer(cm, case, offering, action="propose")
    referral = Referral.objects.get(case=case)
    assert referral.status == ReferralStatus.PROPOSED
    provider = login(provider_user)
    assert provider.get(provider_url(referral)).status_code == 404
    assert "Anja" not in provider.get(reverse("cases:provider_referrals")).content.decode()

    page = cm.get(referrals_url(case)).content.decode()
    assert "Send to the provider" in page and "Cancel the referral" in page
    assert step(cm, update_url(referral), referral, ReferralStatus.SENT).status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert provider.get(provider_url(referral)).status_code == 200


def test_case_manager_cancels(db, case, offering, case_manager):
    cm = login(case_manager)
    refer(cm, case, offering)
    referral = Referral.objects.get(case=case)
    response = step(cm, update_url(referral), referral, ReferralStatus.CANCELLED, "Niet meer nodig")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CANCELLED


def test_referral_form_preselects_offering_from_catalogue(db, case, offering, case_manager):
    response = login(case_manager).get(referrals_url(case), {"offering": offering.pk})
    assert response.context["form"]["offering"].value() == offering.pk
    html = response.content.decode()
    assert "Choose from the catalogue" in html
    assert f"{reverse('catalogue:offering_list')}?case={case.pk}" in html


def test_duplicate_open_referral_is_refused_with_message(db, case, offering, case_manager):
    cm = login(case_manager)
    refer(cm, case, offering)
    response = refer(cm, case, offering)
    assert response.status_code == 200
    assert "There is already an open referral to this offering." in response.content.decode()
    assert Referral.objects.filter(case=case).count() == 1


def test_offering_of_other_region_cannot_be_chosen(db, case, case_manager, other_region):
    elsewhere = OfferingFactory(region=other_region)
    response = refer(login(case_manager), case, elsewhere)
    assert response.status_code == 200
    assert "Choose a service from the list." in response.content.decode()
    assert not Referral.objects.exists()


def test_case_manager_cannot_accept(db, case, offering, case_manager):
    cm = login(case_manager)
    refer(cm, case, offering)
    referral = Referral.objects.get(case=case)
    response = step(cm, update_url(referral), referral, ReferralStatus.ACCEPTED)
    assert response.status_code == 200
    assert "Only the provider can do this." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_provider_cannot_cancel_or_skip_steps(db, case, offering, case_manager, provider_user):
    refer(login(case_manager), case, offering)
    referral = Referral.objects.get(case=case)
    provider = login(provider_user)
    response = step(provider, provider_url(referral), referral, ReferralStatus.CANCELLED)
    assert "Only the people working on the case can do this." in response.content.decode()
    response = step(provider, provider_url(referral), referral, ReferralStatus.COMPLETED)
    assert "A referral that is sent cannot become completed." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_decline_needs_a_reason(db, case, offering, case_manager, provider_user):
    refer(login(case_manager), case, offering)
    referral = Referral.objects.get(case=case)
    provider = login(provider_user)
    response = step(provider, provider_url(referral), referral, ReferralStatus.DECLINED)
    assert response.status_code == 200
    assert "Give the reason for declining" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    response = step(provider, provider_url(referral), referral, ReferralStatus.DECLINED, "Vol")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert referral.updates.last().note == "Vol"


def test_capacity_full_shows_message(db, region, case, case_manager, provider_user, provider_org):
    offering = OfferingFactory(region=region, provider=provider_org, capacity=1)
    other_case = CaseFactory(person__region=region, registered_by=case_manager, active=True)
    cm = login(case_manager)
    refer(cm, case, offering)
    refer(cm, other_case, offering)
    first, second = Referral.objects.filter(offering=offering).order_by("pk")
    provider = login(provider_user)
    assert step(provider, provider_url(first), first, ReferralStatus.ACCEPTED).status_code == 302
    response = step(provider, provider_url(second), second, ReferralStatus.ACCEPTED)
    assert response.status_code == 200
    assert "This offering is full (1 places)." in response.content.decode()
    second.refresh_from_db()
    assert second.status == ReferralStatus.SENT


def test_stale_version_shows_conflict_and_keeps_input(
    db, case, offering, case_manager, provider_user
):
    refer(login(case_manager), case, offering)
    referral = Referral.objects.get(case=case)
    provider = login(provider_user)
    stale = referral.version
    step(provider, provider_url(referral), referral, ReferralStatus.ACCEPTED)
    response = step(
        provider, provider_url(referral), referral, ReferralStatus.ACCEPTED, "Mijn notitie", stale
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this in the meantime." in html
    assert "Mijn notitie" in html  # the user's input is not lost
    referral.refresh_from_db()
    # the re-rendered form carries the current version, so saving again works
    assert response.context["form"]["version"].value() == str(referral.version)
    assert referral.updates.count() == 2


def test_stale_version_on_case_side(db, case, offering, case_manager):
    cm = login(case_manager)
    refer(cm, case, offering, action="propose")
    referral = Referral.objects.get(case=case)
    response = step(
        cm, update_url(referral), referral, ReferralStatus.SENT, "Nu sturen", version=99
    )
    html = response.content.decode()
    assert "Someone else changed this in the meantime." in html
    assert "Nu sturen" in html
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PROPOSED


# --- Provider access: only the referral, never the case ---------------------------------


def test_provider_of_other_organisation_gets_404(db, region, case, offering, case_manager):
    refer(login(case_manager), case, offering)
    referral = Referral.objects.get(case=case)
    other_org = OrganisationFactory(
        region=region, name="Andere aanbieder", kind=OrganisationKind.SERVICE_PROVIDER
    )
    stranger = UserFactory(organisation=other_org, role=Role.PROVIDER_STAFF)
    client = login(stranger)
    assert client.get(provider_url(referral)).status_code == 404
    assert (
        step(client, provider_url(referral), referral, ReferralStatus.ACCEPTED).status_code == 404
    )
    assert "Anja" not in client.get(reverse("cases:provider_referrals")).content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


@pytest.mark.parametrize(
    "name", ["case_detail", "case_intake", "case_referrals", "case_outcome", "case_plan"]
)
def test_provider_staff_get_404_on_case_pages(
    db, case, offering, case_manager, provider_user, name
):
    refer(login(case_manager), case, offering)
    response = login(provider_user).get(reverse(f"cases:{name}", args=[case.pk]))
    assert response.status_code == 404


def test_provider_staff_cannot_post_case_side_updates(
    db, case, offering, case_manager, provider_user
):
    refer(login(case_manager), case, offering)
    referral = Referral.objects.get(case=case)
    client = login(provider_user)
    assert step(client, update_url(referral), referral, ReferralStatus.ACCEPTED).status_code == 404
    assert (
        client.post(reverse("cases:case_close", args=[case.pk]), {"reason": "x"}).status_code == 404
    )


def test_provider_page_shows_no_case_internals(db, case, offering, case_manager, provider_user):
    from overstap.cases.models import Intake

    Intake.objects.create(case=case, private_circumstances="Scheiding, zorg voor moeder")
    refer(login(case_manager), case, offering)
    referral = Referral.objects.get(case=case)
    html = login(provider_user).get(provider_url(referral)).content.decode()
    assert "Scheiding" not in html
    assert reverse("cases:case_detail", args=[case.pk]) not in html


def test_other_roles_cannot_open_provider_pages(db, case, offering, case_manager, coordinator):
    refer(login(case_manager), case, offering)
    referral = Referral.objects.get(case=case)
    for user in (case_manager, coordinator):
        client = login(user)
        assert client.get(reverse("cases:provider_referrals")).status_code == 403
        assert client.get(provider_url(referral)).status_code == 404


def test_post_only_urls_answer_405_to_the_team_and_404_to_others(
    db, case, offering, case_manager, other_case_manager
):
    refer(login(case_manager), case, offering)
    referral = Referral.objects.get(case=case)
    urls = [
        update_url(referral),
        reverse("cases:case_close", args=[case.pk]),
        reverse("cases:case_reopen", args=[case.pk]),
    ]
    for url in urls:
        assert login(case_manager).get(url).status_code == 405
        assert login(other_case_manager).get(url).status_code == 404


def test_provider_list_filters(
    db, case, offering, case_manager, provider_user, region, provider_org
):
    cm = login(case_manager)
    refer(cm, case, offering)
    done = OfferingFactory(region=region, provider=provider_org, name="Talentenscan")
    refer(cm, case, done)
    referral = Referral.objects.get(offering=done)
    provider = login(provider_user)
    step(provider, provider_url(referral), referral, ReferralStatus.DECLINED, "Geen plek")
    url = reverse("cases:provider_referrals")
    assert [r.offering.name for r in provider.get(url).context["referrals"]] == [
        "Sollicitatietraining"
    ]
    assert len(provider.get(url, {"show": "all"}).context["referrals"]) == 2
    declined = provider.get(url, {"status": "declined"}).context["referrals"]
    assert [r.offering.name for r in declined] == ["Talentenscan"]


# --- Outcome ----------------------------------------------------------------------------


def outcome_url(case):
    return reverse("cases:case_outcome", args=[case.pk])


def post_outcome(client, case, **data):
    base = {"kind": OutcomeKind.NEW_JOB, "date": "2025-01-31"}
    base.update(data)
    return client.post(outcome_url(case), base)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": OutcomeKind.NEW_JOB}, "employer_name", "Required for a new job."),
        (
            {
                "kind": OutcomeKind.JOB_WITH_TRAINING,
                "employer_name": "A",
                "job_title": "B",
                "sector": "C",
            },
            "training_name",
            "Name the training.",
        ),
        ({"kind": OutcomeKind.TRAINING}, "training_name", "Name the training."),
        ({"kind": OutcomeKind.STOPPED}, "stop_reason", "Give the reason for stopping."),
        ({"kind": ""}, "kind", "Choose the outcome."),
        ({"kind": OutcomeKind.STAYED, "date": ""}, "date", "Give the date."),
    ],
)
def test_outcome_validation_per_kind(db, case, case_manager, data, field, message):
    response = post_outcome(login(case_manager), case, **data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in form.errors[field]
    assert message in response.content.decode()
    assert not Outcome.objects.exists()


def test_placement_outcome_creates_three_follow_ups(db, case, case_manager):
    response = post_outcome(
        login(case_manager),
        case,
        employer_name="Bouwbedrijf Van Dam",
        job_title="Werkvoorbereider",
        sector="Bouw",
        changed_sector="yes",
        contract_type="permanent",
        hours_per_week="36",
        wage_band=WageBand.FROM_3000,
        wage_compared="higher",
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(case=case)
    assert outcome.changed_sector is True
    assert outcome.hours_per_week == 36
    due = {f.months: f.due_date for f in FollowUp.objects.filter(case=case)}
    assert due == {
        3: dt.date(2025, 4, 30),
        6: dt.date(2025, 7, 31),
        12: dt.date(2026, 1, 31),
    }
    assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.OUTCOME).exists()


def test_fields_that_do_not_apply_are_not_saved(db, case, case_manager):
    response = post_outcome(
        login(case_manager),
        case,
        kind=OutcomeKind.STOPPED,
        stop_reason="Met pensioen",
        employer_name="Verborgen veld",
        hours_per_week="20",
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(case=case)
    assert outcome.stop_reason == "Met pensioen"
    assert outcome.employer_name == "" and outcome.hours_per_week is None
    assert not FollowUp.objects.filter(case=case).exists()


def test_outcome_page_shows_previous_job_and_toggle_attributes(db, case, case_manager):
    WorkHistoryEntry.objects.create(
        person=case.person,
        employer_name="Drukkerij Oss",
        job_title="Drukker",
        start_year=2001,
        end_year=2024,
        hours_per_week=38,
        wage_band=WageBand.FROM_2500,
        contract_type="permanent",
    )
    WorkHistoryEntry.objects.create(
        person=case.person,
        employer_name="Bakkerij",
        job_title="Bakker",
        start_year=1990,
        end_year=2000,
    )
    html = login(case_manager).get(outcome_url(case)).content.decode()
    assert "Drukkerij Oss" in html and "Bakkerij" not in html
    assert "€ 2,500 – 3,000" in html
    assert "data-toggle-source" in html
    assert 'data-show-for="training job_with_training"' in html


def test_follow_up_answer_and_overdue_badge(db, case, case_manager):
    client = login(case_manager)
    post_outcome(client, case, employer_name="A", job_title="B", sector="C")
    page = client.get(outcome_url(case)).content.decode()
    assert "overdue" in page  # the 2025 moments are in the past
    first = FollowUp.objects.get(case=case, months=3)
    url = reverse("cases:follow_up", args=[case.pk, first.pk])
    prefix = f"follow_up{first.pk}-"
    response = client.post(url, {f"{prefix}still_in_work": "yes", f"{prefix}same_employer": ""})
    assert response.status_code == 200
    assert "Answer whether it is the same employer." in response.content.decode()
    response = client.post(
        url,
        {
            f"{prefix}still_in_work": "yes",
            f"{prefix}same_employer": "no",
            f"{prefix}notes": "Ander bedrijf",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.answered_at is not None
    assert first.still_in_work is True and first.same_employer is False
    assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.FOLLOW_UP).count() == 1


def test_follow_up_of_another_case_is_404(db, case, case_manager, region):
    client = login(case_manager)
    other = CaseFactory(person__region=region, registered_by=case_manager, active=True)
    post_outcome(client, other, employer_name="A", job_title="B", sector="C")
    moment = FollowUp.objects.filter(case=other).first()
    url = reverse("cases:follow_up", args=[case.pk, moment.pk])
    assert client.post(url, {f"follow_up{moment.pk}-still_in_work": "no"}).status_code == 404


# --- Close and reopen -------------------------------------------------------------------


def close(client, case, reason="Werk gevonden", version=None):
    case.refresh_from_db()
    return client.post(
        reverse("cases:case_close", args=[case.pk]),
        {"reason": reason, "version": case.version if version is None else version},
    )


def test_closing_without_outcome_is_refused(db, case, case_manager):
    response = close(login(case_manager), case)
    assert response.status_code == 200
    assert "Register the outcome before closing the case." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


def test_closing_in_mediation_is_refused(db, case, case_manager):
    client = login(case_manager)
    post_outcome(client, case, kind=OutcomeKind.IN_MEDIATION)
    response = close(client, case)
    assert "register the final outcome first" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


def test_close_needs_reason_then_close_and_reopen(db, case, case_manager):
    client = login(case_manager)
    post_outcome(client, case, kind=OutcomeKind.STAYED)
    response = close(client, case, reason="")
    assert "Give a reason for closing." in response.content.decode()
    assert close(client, case).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.close_reason == "Werk gevonden"
    page = client.get(outcome_url(case)).content.decode()
    assert "Reopen the case" in page and "Save outcome" not in page

    reopen_url = reverse("cases:case_reopen", args=[case.pk])
    response = client.post(reopen_url, {"reason": ""})
    assert "Give a reason for reopening." in response.content.decode()
    assert client.post(reopen_url, {"reason": "Baan toch niet doorgegaan"}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert CaseEventKind.CLOSED in kinds and CaseEventKind.REOPENED in kinds


def test_close_with_stale_version_keeps_reason(db, case, case_manager):
    client = login(case_manager)
    post_outcome(client, case, kind=OutcomeKind.STAYED)
    response = close(client, case, reason="Mijn reden", version=99)
    html = response.content.decode()
    assert "Someone else changed this in the meantime." in html
    assert "Mijn reden" in html
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


def test_other_case_manager_gets_404_on_outcome(db, case, other_case_manager):
    client = login(other_case_manager)
    assert client.get(outcome_url(case)).status_code == 404
    assert post_outcome(client, case, kind=OutcomeKind.STAYED).status_code == 404
    assert not Outcome.objects.exists()
