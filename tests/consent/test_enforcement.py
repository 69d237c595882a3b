"""Consent enforced where personal data leaves the case team (issue #7)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from overstap.cases import services as case_services
from overstap.cases.models import Case, Referral
from overstap.consent import selectors, services
from overstap.consent.constants import ConsentChannel, ConsentPurpose, IntroductionStatus
from overstap.consent.models import ConsentOverride
from overstap.privacy.models import AuditLogEntry
from tests.factories import OfferingFactory, OrganisationFactory, UserFactory


def login(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def share(case_manager, case):
    return services.give_consent(
        actor=case_manager,
        person=case.person,
        purpose=ConsentPurpose.SHARE_PROGRESS,
        recipient=case.releasing_employer,
        channel=ConsentChannel.SIGNED,
    )


# --- releasing employer -----------------------------------------------------------------


def test_employer_sees_counts_and_only_consented_names(former_staff, case_manager, employer_user):
    share(case_manager, former_staff[0])
    client = login(employer_user)
    before = AuditLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    html = client.get(reverse("consent:employer_progress")).content.decode()
    assert "Anja Former" in html
    for other in former_staff[1:]:
        assert other.person.first_name not in html
    assert "0612345678" not in html
    assert ">7<" in html  # seven in trajectory: a count of 5 or more is shown
    rows = AuditLogEntry.objects.filter(id__gt=before)
    assert [(e.purpose, e.person_ref) for e in rows] == [
        ("share_with_employer", former_staff[0].person_id)
    ]

    # withdrawal: gone at once, counts remain
    services.withdraw_consent(
        actor=case_manager,
        person=former_staff[0].person,
        purpose=ConsentPurpose.SHARE_PROGRESS,
        recipient=former_staff[0].releasing_employer,
    )
    html = client.get(reverse("consent:employer_progress")).content.decode()
    assert "Anja" not in html
    assert ">7<" in html


def test_small_counts_are_masked(former_staff, employer_user):
    former_staff[0].status = "intake"
    Case.objects.filter(pk=former_staff[0].pk).update(status="intake")
    progress = selectors.releasing_employer_progress(user=employer_user)
    assert dict(progress.by_status) == {"Intake": "< 5", "In trajectory": "6"}


def test_other_employer_and_other_roles_get_nothing(
    former_staff, case_manager, other_employer, provider_user
):
    share(case_manager, former_staff[0])
    other = UserFactory(username="emp2", organisation=other_employer, role="employer_user")
    progress = selectors.releasing_employer_progress(user=other)
    assert progress.total == 0 and progress.rows == []
    assert "Anja" not in login(other).get(reverse("consent:employer_progress")).content.decode()
    for user in (case_manager, provider_user):
        assert login(user).get(reverse("consent:employer_progress")).status_code == 403


def test_consent_for_another_employer_does_not_count(
    former_staff, case_manager, employer_user, other_employer
):
    services.give_consent(
        actor=case_manager,
        person=former_staff[0].person,
        purpose=ConsentPurpose.SHARE_PROGRESS,
        recipient=other_employer,
        channel=ConsentChannel.SIGNED,
    )
    assert selectors.releasing_employer_progress(user=employer_user).rows == []


# --- referrals to providers -------------------------------------------------------------


@pytest.fixture
def offering(region, provider_org):
    return OfferingFactory(region=region, provider=provider_org)


def test_provider_sees_referral_only_with_consent(
    former_staff, case_manager, provider_user, offering
):
    case = former_staff[0]
    referral = case_services.create_referral(actor=case_manager, case=case, offering=offering)
    provider = login(provider_user)
    url = reverse("cases:provider_referral", args=[referral.pk])
    assert provider.get(url).status_code == 404
    assert "Anja" not in provider.get(reverse("cases:provider_referrals")).content.decode()
    record = services.give_consent(
        actor=case_manager,
        person=case.person,
        purpose=ConsentPurpose.REFERRAL,
        recipient=offering.provider,
        channel=ConsentChannel.SIGNED,
    )
    assert record.pk
    assert provider.get(url).status_code == 200
    services.withdraw_consent(
        actor=case_manager,
        person=case.person,
        purpose=ConsentPurpose.REFERRAL,
        recipient=offering.provider,
    )
    assert provider.get(url).status_code == 404


def test_referral_form_records_consent_or_override(
    former_staff, case_manager, provider_user, offering
):
    client = login(case_manager)
    url = reverse("cases:case_referrals", args=[former_staff[0].pk])
    data = {"offering": offering.pk, "motivation": "x", "action": "send"}
    response = client.post(url, data)
    assert (
        response.status_code == 200 and "Say whether the person agreed" in response.content.decode()
    )
    response = client.post(url, {**data, "sharing": "override"})
    assert "Give the lawful basis" in response.content.decode()
    response = client.post(url, {**data, "sharing": "signed"})
    assert response.status_code == 302
    assert selectors.has_consent(former_staff[0].person, ConsentPurpose.REFERRAL, offering.provider)
    # an override for the second person, with its reason
    url = reverse("cases:case_referrals", args=[former_staff[1].pk])
    response = client.post(
        url, {**data, "sharing": "override", "override_reason": "Wettelijke taak gemeente (Pw)"}
    )
    assert response.status_code == 302
    referral = Referral.objects.get(case=former_staff[1])
    assert ConsentOverride.objects.get(referral=referral).reason.startswith("Wettelijke")
    provider = login(provider_user)
    assert provider.get(reverse("cases:provider_referral", args=[referral.pk])).status_code == 200


def test_other_provider_sees_nothing_even_with_consent(
    former_staff, case_manager, offering, region
):
    case_services.create_referral(
        actor=case_manager, case=former_staff[0], offering=offering, sharing_channel="signed"
    )
    other_org = OrganisationFactory(region=region, name="Ander", kind="provider")
    other = UserFactory(username="p2", organisation=other_org, role="provider_staff")
    assert "Anja" not in login(other).get(reverse("cases:provider_referrals")).content.decode()


# --- research export --------------------------------------------------------------------


def _export(client, **extra):
    return client.post(
        reverse("insights:research_export"),
        {"export_key": "k", "purpose": "Evaluatie", "format": "xlsx", **extra},
    )


def test_research_export_only_with_consent_unless_override(former_staff, case_manager, coordinator):
    for case in former_staff[:2]:
        services.give_consent(
            actor=case_manager,
            person=case.person,
            purpose=ConsentPurpose.RESEARCH,
            channel=ConsentChannel.ONLINE,
        )
    client = login(coordinator)
    page = client.get(reverse("insights:research_export")).content.decode()
    assert "2 people consented" in page and "5 people did not consent" in page
    book = openpyxl.load_workbook(io.BytesIO(_export(client).content))
    assert book.worksheets[0].max_row == 3  # header + two consented people
    assert book.worksheets[2].cell(2, 2).value == 5
    entry = AuditLogEntry.objects.order_by("-id").first()
    assert entry.details["left_out_without_consent"] == 5

    book = openpyxl.load_workbook(
        io.BytesIO(_export(client, override_reason="CBS-wet: statistiek bij wet").content)
    )
    assert book.worksheets[0].max_row == 8
    assert ConsentOverride.objects.filter(purpose="research").count() == 1
    assert AuditLogEntry.objects.filter(details__override=True).exists()


# --- receiving employers ----------------------------------------------------------------


@pytest.fixture
def vacancy(employer_user, region):
    from overstap.employers.models import Vacancy

    return Vacancy.objects.create(
        employer=employer_user.organisation, region=region, title="Kok", positions=1
    )


def test_candidates_allowlist_and_introduction(
    monkeypatch, former_staff, vacancy, employer_user, case_manager, other_employer
):
    case = former_staff[0]
    monkeypatch.setattr(selectors, "_matched_cases", lambda vacancy, top: ([(case, [])], ""))
    result = selectors.anonymous_candidates(user=employer_user, vacancy_id=vacancy.pk)
    [row] = result.candidates
    assert row.visible_fields() == set(selectors.ALLOWED_CANDIDATE_FIELDS)
    assert row.name is None and row.phone is None
    assert str(case.pk) not in row.token and str(case.person_id) != row.token
    other_token = selectors.candidate_token(other_employer.pk, case.person_id)
    assert other_token != row.token
    html = (
        login(employer_user)
        .get(reverse("consent:vacancy_candidates", args=[vacancy.pk]))
        .content.decode()
    )
    assert "Anja" not in html and "0612345678" not in html and case.number not in html

    intro = services.request_introduction(actor=employer_user, vacancy=vacancy, token=row.token)
    assert intro.case == case and intro.status == IntroductionStatus.REQUESTED
    # a request alone shows nothing more
    [row] = selectors.anonymous_candidates(user=employer_user, vacancy_id=vacancy.pk).candidates
    assert row.name is None
    services.accept_introduction(actor=case_manager, introduction=intro, channel="in_person")
    [row] = selectors.anonymous_candidates(user=employer_user, vacancy_id=vacancy.pk).candidates
    assert row.visible_fields() == set(selectors.ALLOWED_CANDIDATE_FIELDS) | set(
        selectors.CONSENTED_CANDIDATE_FIELDS
    )
    assert row.name == "Anja Former" and row.phone == "0612345678"
    # withdrawal hides the name again at once
    services.withdraw_consent(
        actor=case_manager,
        person=case.person,
        purpose=ConsentPurpose.INTRODUCTION,
        recipient=employer_user.organisation,
    )
    [row] = selectors.anonymous_candidates(user=employer_user, vacancy_id=vacancy.pk).candidates
    assert row.visible_fields() == set(selectors.ALLOWED_CANDIDATE_FIELDS)


def test_candidates_of_another_employers_vacancy_are_404(vacancy, other_employer, case_manager):
    other = UserFactory(username="emp3", organisation=other_employer, role="employer_user")
    url = reverse("consent:vacancy_candidates", args=[vacancy.pk])
    assert login(other).get(url).status_code == 404
    assert login(case_manager).get(url).status_code == 403


def test_unknown_token_is_404(monkeypatch, vacancy, employer_user, former_staff):
    monkeypatch.setattr(selectors, "_matched_cases", lambda vacancy, top: ([], ""))
    response = login(employer_user).post(
        reverse("consent:vacancy_candidates", args=[vacancy.pk]), {"token": "abc"}
    )
    assert response.status_code == 404
