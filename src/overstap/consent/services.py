"""Writes of consent: give, withdraw, lawful-basis overrides and introductions.

Each function is one transaction that checks access, writes the insert-only record, a
timeline event on the person's open cases and an audit record.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.cases.constants import CaseEventKind, CaseStatus
from overstap.cases.services.common import log_event
from overstap.consent import selectors
from overstap.consent.constants import (
    PURPOSES_WITH_RECIPIENT,
    ConsentChannel,
    ConsentPurpose,
    ConsentState,
    IntroductionStatus,
    consent_text,
    current_text,
)
from overstap.consent.models import ConsentOverride, ConsentRecord, IntroductionRequest
from overstap.core.exceptions import DomainError, PermissionDenied
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import Organisation, User
    from overstap.cases.models import Person, Referral
    from overstap.employers.models import Vacancy

__all__ = [
    "accept_introduction",
    "decline_introduction",
    "give_consent",
    "mark_consent_asked",
    "record_override",
    "record_referral_sharing",
    "request_introduction",
    "withdraw_consent",
]


def _require_recorder(actor: User, person: Person) -> None:
    if not selectors.can_record_consent(actor, person):
        raise PermissionDenied(_("You do not work on a case of this person."))


def _check_key(purpose: str, recipient: Organisation | None) -> None:
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Choose a purpose.")})
    if purpose in PURPOSES_WITH_RECIPIENT and recipient is None:
        raise ValidationError({"recipient": _("Choose who may receive the data.")})
    if purpose not in PURPOSES_WITH_RECIPIENT and recipient is not None:
        raise ValidationError({"recipient": _("This purpose has no single recipient.")})


def _timeline(actor: User, person: Person, summary: str, data: dict[str, object]) -> None:
    for case in person.cases.exclude(status=CaseStatus.CLOSED):
        log_event(case=case, kind=CaseEventKind.CONSENT, actor=actor, summary=summary, data=data)


def _audit(actor: User, record: ConsentRecord | ConsentOverride, person: Person | None) -> None:
    details: dict[str, object] = {
        "purpose": record.purpose,
        "recipient": record.recipient_id,
    }
    if isinstance(record, ConsentRecord):
        details |= {"state": record.state, "channel": record.channel}
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        purpose=Purpose.CONSENT,
        obj=record,
        person_id=person.pk if person is not None else None,
        details=details,
    )


@transaction.atomic
def give_consent(
    *,
    actor: User,
    person: Person,
    purpose: str,
    recipient: Organisation | None = None,
    channel: str,
    text_version: str | None = None,
    expires_on: dt.date | None = None,
) -> ConsentRecord:
    """Record that the person consents. ``text_version`` defaults to the current text."""
    _require_recorder(actor, person)
    _check_key(purpose, recipient)
    if channel not in ConsentChannel.values:
        raise ValidationError({"channel": _("Choose how the person gave consent.")})
    version = text_version or current_text(purpose).version
    if consent_text(purpose, version) is None:
        raise ValidationError({"text_version": _("Unknown version of the consent text.")})
    if expires_on is not None and expires_on <= timezone.localdate():
        raise ValidationError({"expires_on": _("The end date must be in the future.")})
    return _insert(
        actor,
        person,
        purpose,
        recipient,
        ConsentState.GIVEN,
        version,
        channel,
        expires_on,
        _("Consent given: %(purpose)s%(recipient)s"),
    )


@transaction.atomic
def withdraw_consent(
    *,
    actor: User,
    person: Person,
    purpose: str,
    recipient: Organisation | None = None,
    channel: str = ConsentChannel.IN_PERSON,
) -> ConsentRecord:
    """Record a withdrawal: a new record, effective at once."""
    _require_recorder(actor, person)
    _check_key(purpose, recipient)
    if not selectors.has_consent(person, purpose, recipient):
        raise DomainError(_("There is no consent in force to withdraw."), code="no_consent")
    if channel not in ConsentChannel.values:
        raise ValidationError({"channel": _("Choose how the person withdrew consent.")})
    return _insert(
        actor,
        person,
        purpose,
        recipient,
        ConsentState.WITHDRAWN,
        current_text(purpose).version,
        channel,
        None,
        _("Consent withdrawn: %(purpose)s%(recipient)s"),
    )


def _insert(
    actor: User,
    person: Person,
    purpose: str,
    recipient: Organisation | None,
    state: str,
    version: str,
    channel: str,
    expires_on: dt.date | None,
    summary: str,
) -> ConsentRecord:
    """Insert one consent record (given or withdrawn), with its timeline event and audit."""
    record = ConsentRecord.objects.create(
        person=person,
        purpose=purpose,
        recipient=recipient,
        state=state,
        text_version=version,
        channel=channel,
        recorded_at=timezone.now(),
        recorded_by=actor,
        expires_on=expires_on,
    )
    _timeline(
        actor,
        person,
        summary
        % {
            "purpose": record.get_purpose_display(),
            "recipient": f" ({recipient})" if recipient else "",
        },
        {"consent": record.pk, "state": record.state},
    )
    _audit(actor, record, person)
    return record


@transaction.atomic
def record_override(
    *,
    actor: User,
    purpose: str,
    reason: str,
    person: Person | None = None,
    recipient: Organisation | None = None,
    referral: Referral | None = None,
) -> ConsentOverride:
    """Record a lawful basis other than consent, with its reason (audited)."""
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(
            {"override_reason": _("Give the lawful basis in a sentence (at least 10 characters).")}
        )
    if person is not None:
        _require_recorder(actor, person)
    override = ConsentOverride.objects.create(
        purpose=purpose,
        person=person,
        recipient=recipient,
        referral=referral,
        reason=reason,
        recorded_at=timezone.now(),
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        purpose=Purpose.CONSENT,
        obj=override,
        person_id=person.pk if person is not None else None,
        details={"purpose": purpose, "override": True, "reason": reason[:200]},
    )
    return override


def record_referral_sharing(
    *, actor: User, referral: Referral, channel: str = "", override_reason: str = ""
) -> None:
    """The basis for showing ``referral`` to its provider: a consent given through
    ``channel`` (unless one is already in force), or an override with its reason."""
    person = referral.case.person
    if override_reason.strip():
        record_override(
            actor=actor,
            purpose=ConsentPurpose.REFERRAL,
            reason=override_reason,
            person=person,
            recipient=referral.provider,
            referral=referral,
        )
    elif channel:
        if not selectors.has_consent(person, ConsentPurpose.REFERRAL, referral.provider):
            give_consent(
                actor=actor,
                person=person,
                purpose=ConsentPurpose.REFERRAL,
                recipient=referral.provider,
                channel=channel,
            )
    else:
        raise ValidationError(
            {"sharing": _("Record the person's consent or the lawful basis for sharing.")}
        )


# --- introductions ----------------------------------------------------------------------


@transaction.atomic
def request_introduction(
    *, actor: User, vacancy: Vacancy, token: str, message: str = ""
) -> IntroductionRequest:
    """A receiving employer asks to meet the anonymous candidate ``token``."""
    vacancy = selectors.get_own_vacancy(user=actor, vacancy_id=vacancy.pk)
    case = selectors.find_candidate(user=actor, vacancy=vacancy, token=token)
    intro, created = IntroductionRequest.objects.get_or_create(
        vacancy=vacancy,
        case=case,
        defaults={
            "employer_id": vacancy.employer_id,
            "token": token,
            "message": message.strip()[:2000],
            "requested_by": actor,
            "requested_at": timezone.now(),
        },
    )
    if not created:
        raise DomainError(_("You already asked for an introduction to this candidate."))
    log_event(
        case=case,
        kind=CaseEventKind.CONSENT,
        actor=actor,
        summary=_("%(employer)s asks for an introduction (%(vacancy)s)")
        % {"employer": vacancy.employer, "vacancy": vacancy.title},
        data={"introduction": intro.pk},
    )
    # The employer learns nothing about the person; the record links the request to them.
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        purpose=Purpose.INTRODUCTION,
        obj=intro,
        person_id=case.person_id,
        case_id=case.pk,
    )
    return intro


def _require_case_side(actor: User, intro: IntroductionRequest) -> None:
    if not selectors.can_record_consent(actor, intro.case.person):
        raise PermissionDenied(_("You do not work on this case."))
    if intro.status in (IntroductionStatus.ACCEPTED, IntroductionStatus.DECLINED):
        raise DomainError(_("This introduction has already been decided."))


def _decide(actor: User, intro: IntroductionRequest, status: str) -> None:
    intro.status = status
    intro.decided_by = actor
    intro.decided_at = timezone.now()
    intro.save(update_fields=["status", "decided_by", "decided_at", "consent"])
    log_event(
        case=intro.case,
        kind=CaseEventKind.CONSENT,
        actor=actor,
        summary=_("Introduction to %(employer)s: %(status)s")
        % {"employer": intro.employer, "status": intro.get_status_display()},
        data={"introduction": intro.pk, "status": status},
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        purpose=Purpose.INTRODUCTION,
        obj=intro,
        person_id=intro.case.person_id,
        case_id=intro.case_id,
        details={"status": status},
    )


@transaction.atomic
def accept_introduction(
    *,
    actor: User,
    introduction: IntroductionRequest,
    channel: str,
    expires_on: dt.date | None = None,
) -> IntroductionRequest:
    """The person agrees: record the consent (introduction, that employer) and accept."""
    _require_case_side(actor, introduction)
    introduction.consent = give_consent(
        actor=actor,
        person=introduction.case.person,
        purpose=ConsentPurpose.INTRODUCTION,
        recipient=introduction.employer,
        channel=channel,
        expires_on=expires_on,
    )
    _decide(actor, introduction, IntroductionStatus.ACCEPTED)
    return introduction


@transaction.atomic
def decline_introduction(*, actor: User, introduction: IntroductionRequest) -> IntroductionRequest:
    _require_case_side(actor, introduction)
    _decide(actor, introduction, IntroductionStatus.DECLINED)
    return introduction


@transaction.atomic
def mark_consent_asked(*, actor: User, introduction: IntroductionRequest) -> IntroductionRequest:
    """The case manager has put the question to the person (waiting for the answer)."""
    _require_case_side(actor, introduction)
    introduction.status = IntroductionStatus.CONSENT_ASKED
    introduction.save(update_fields=["status"])
    log_event(
        case=introduction.case,
        kind=CaseEventKind.CONSENT,
        actor=actor,
        summary=_("Introduction to %(employer)s: %(status)s")
        % {"employer": introduction.employer, "status": introduction.get_status_display()},
        data={"introduction": introduction.pk, "status": introduction.status},
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        purpose=Purpose.INTRODUCTION,
        obj=introduction,
        person_id=introduction.case.person_id,
        case_id=introduction.case_id,
        details={"status": introduction.status},
    )
    return introduction
