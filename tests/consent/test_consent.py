"""Consent records: insert-only, give/withdraw/expiry, access and audit (issue #7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from overstap.cases.constants import CaseEventKind
from overstap.cases.models import CaseEvent
from overstap.consent import selectors, services
from overstap.consent.constants import ConsentChannel, ConsentPurpose, ConsentState
from overstap.consent.models import ConsentRecord, InsertOnlyError
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.privacy.models import AuditLogEntry


def login(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def give(actor, case, purpose=ConsentPurpose.SHARE_PROGRESS, recipient=None, **kwargs):
    if recipient is None and purpose != ConsentPurpose.RESEARCH:
        recipient = case.releasing_employer
    return services.give_consent(
        actor=actor,
        person=case.person,
        purpose=purpose,
        recipient=recipient,
        channel=kwargs.pop("channel", ConsentChannel.IN_PERSON),
        **kwargs,
    )


def test_records_are_insert_only(former_staff, case_manager):
    record = give(case_manager, former_staff[0])
    record.state = ConsentState.WITHDRAWN
    with pytest.raises(InsertOnlyError):
        record.save()
    with pytest.raises(InsertOnlyError):
        record.delete()
    with pytest.raises(InsertOnlyError):
        ConsentRecord.objects.filter(pk=record.pk).update(state=ConsentState.WITHDRAWN)
    with pytest.raises(InsertOnlyError):
        ConsentRecord.objects.filter(pk=record.pk).delete()
    assert ConsentRecord.objects.get(pk=record.pk).state == ConsentState.GIVEN


def test_give_and_withdraw_at_once(former_staff, case_manager):
    case = former_staff[0]
    employer = case.releasing_employer
    assert not selectors.has_consent(case.person, ConsentPurpose.SHARE_PROGRESS, employer)
    record = give(case_manager, case)
    assert record.text_version == "2026-1"
    assert selectors.has_consent(case.person, ConsentPurpose.SHARE_PROGRESS, employer)
    assert [r.pk for r in selectors.active_consents(case.person)] == [record.pk]
    services.withdraw_consent(
        actor=case_manager,
        person=case.person,
        purpose=ConsentPurpose.SHARE_PROGRESS,
        recipient=employer,
    )
    assert not selectors.has_consent(case.person, ConsentPurpose.SHARE_PROGRESS, employer)
    assert selectors.active_consents(case.person) == []
    # the history keeps both; the moment before the withdrawal still had consent
    assert ConsentRecord.objects.filter(person=case.person).count() == 2
    assert selectors.has_consent(
        case.person, ConsentPurpose.SHARE_PROGRESS, employer, at=record.recorded_at
    )
    with pytest.raises(DomainError):
        services.withdraw_consent(
            actor=case_manager,
            person=case.person,
            purpose=ConsentPurpose.SHARE_PROGRESS,
            recipient=employer,
        )


def test_consent_is_per_recipient_and_purpose(former_staff, case_manager, other_employer):
    case = former_staff[0]
    give(case_manager, case)
    assert not selectors.has_consent(case.person, ConsentPurpose.SHARE_PROGRESS, other_employer)
    assert not selectors.has_consent(
        case.person, ConsentPurpose.INTRODUCTION, case.releasing_employer
    )


def test_expiry(former_staff, case_manager):
    case = former_staff[0]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    give(case_manager, case, expires_on=tomorrow)
    employer = case.releasing_employer
    assert selectors.has_consent(case.person, ConsentPurpose.SHARE_PROGRESS, employer)
    later = timezone.now() + dt.timedelta(days=2)
    assert not selectors.has_consent(case.person, ConsentPurpose.SHARE_PROGRESS, employer, at=later)
    assert selectors.active_consents(case.person, at=later) == []
    with pytest.raises(ValidationError):
        give(case_manager, former_staff[1], expires_on=timezone.localdate())


def test_recipient_rules(former_staff, case_manager):
    case = former_staff[0]
    with pytest.raises(ValidationError):
        services.give_consent(
            actor=case_manager,
            person=case.person,
            purpose=ConsentPurpose.SHARE_PROGRESS,
            recipient=None,
            channel=ConsentChannel.SIGNED,
        )
    with pytest.raises(ValidationError):
        services.give_consent(
            actor=case_manager,
            person=case.person,
            purpose=ConsentPurpose.RESEARCH,
            recipient=case.releasing_employer,
            channel=ConsentChannel.SIGNED,
        )
    with pytest.raises(ValidationError):
        give(case_manager, case, text_version="1999-9")


def test_only_the_case_team_records_consent(
    former_staff, other_case_manager, provider_user, employer_user, coordinator
):
    case = former_staff[0]
    for user in (other_case_manager, provider_user, employer_user):
        with pytest.raises(PermissionDenied):
            give(user, case)
    assert not ConsentRecord.objects.exists()


def test_give_writes_timeline_and_audit(former_staff, case_manager):
    case = former_staff[0]
    before = AuditLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    record = give(case_manager, case)
    entry = AuditLogEntry.objects.filter(id__gt=before).get()
    assert entry.purpose == "consent" and entry.action == "create"
    assert entry.person_ref == case.person_id
    assert entry.object_id == str(record.pk)
    assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.CONSENT).exists()


def test_consent_tab_give_and_withdraw_with_one_button(former_staff, case_manager):
    case = former_staff[0]
    client = login(case_manager)
    url = reverse("consent:case_consent", args=[case.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Former staff can see" not in page.content.decode()
    assert "They do not see your notes" in page.content.decode()  # the full text is shown
    response = client.post(
        url,
        {
            "purpose": ConsentPurpose.SHARE_PROGRESS,
            "recipient": case.releasing_employer_id,
            "channel": ConsentChannel.SIGNED,
            "text_version": "2026-1",
            "expires_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert selectors.has_consent(
        case.person, ConsentPurpose.SHARE_PROGRESS, case.releasing_employer
    )
    response = client.post(
        reverse("consent:withdraw", args=[case.pk]),
        {"purpose": ConsentPurpose.SHARE_PROGRESS, "recipient": case.releasing_employer_id},
    )
    assert response.status_code == 302
    assert not selectors.has_consent(
        case.person, ConsentPurpose.SHARE_PROGRESS, case.releasing_employer
    )


def test_consent_form_errors_keep_input(former_staff, case_manager):
    case = former_staff[0]
    client = login(case_manager)
    response = client.post(
        reverse("consent:case_consent", args=[case.pk]),
        {"purpose": ConsentPurpose.SHARE_PROGRESS, "channel": "signed", "text_version": "2026-1"},
    )
    assert response.status_code == 200
    assert "Choose who may receive the data." in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_other_case_manager_gets_404(former_staff, other_case_manager):
    client = login(other_case_manager)
    case = former_staff[0]
    assert client.get(reverse("consent:case_consent", args=[case.pk])).status_code == 404
    response = client.post(reverse("consent:withdraw", args=[case.pk]), {"purpose": "research"})
    assert response.status_code == 404
