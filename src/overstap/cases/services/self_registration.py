"""Self-registration through the public front door: no staff member is the actor.

A resident who registers on the website is recorded as registered by the region's
*front-door system user*: an inactive account without a role (so it can never log in or
see a case) that belongs to the region's mobility-team organisation. It exists only so
``Case.registered_by``, the timeline and the audit log name who brought the case in
(docs/adr/0010-front-door.md).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from overstap.accounts.constants import OrganisationKind
from overstap.accounts.models import Organisation, Region, User
from overstap.cases.constants import CaseEventKind, CaseStatus, SignalSource
from overstap.cases.models import Case, Person, WorkHistoryEntry
from overstap.cases.services.common import audit_change, log_event
from overstap.cases.services.registration import _default_rhythm, _next_case_number
from overstap.core.exceptions import DomainError
from overstap.core.validators import normalise_phone, normalise_postcode
from overstap.privacy.constants import AuditAction, Purpose


@dataclass
class SelfRegistrationData:
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    postcode: str = ""
    current_employer: str = ""
    current_job: str = ""
    note: str = ""


def front_door_actor(region: Region) -> User:
    """The region's front-door system user (created on first use)."""
    organisation = (
        Organisation.objects.filter(
            region=region, kind=OrganisationKind.MOBILITY_TEAM, is_active=True
        )
        .order_by("pk")
        .first()
    )
    if organisation is None:
        raise DomainError(
            _("The front door of this region is not set up yet. Please call us instead."),
            code="no_mobility_team",
        )
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=f"frontdoor-{region.code}"[:150],
        defaults={
            "organisation": organisation,
            "first_name": "Website",
            "last_name": "(front door)",
            "is_active": False,
            "role": "",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user  # type: ignore[return-value]


@transaction.atomic
def register_self(*, region: Region, data: SelfRegistrationData) -> Case:
    """A resident registers themselves: a new person and case in the intake queue.

    Always a new person record: the website cannot tell who is typing, so matching with
    earlier records is left to the coordinator's duplicate check in the intake queue.
    """
    actor = front_door_actor(region)
    person = Person(
        region=region,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email.strip().lower(),
        phone=normalise_phone(data.phone),
        postcode=normalise_postcode(data.postcode),
    )
    person.full_clean()
    person.save()
    if data.current_employer.strip() or data.current_job.strip():
        WorkHistoryEntry.objects.create(
            person=person,
            employer_name=data.current_employer.strip()[:200] or "?",
            job_title=data.current_job.strip()[:200] or "?",
        )
    case = Case.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}",
        person=person,
        region=region,
        status=CaseStatus.REGISTERED,
        signal_source=SignalSource.SELF_REGISTRATION,
        registered_by=actor,
        registering_organisation=actor.organisation,  # type: ignore[misc]
        registration_note=data.note.strip(),
        contact_rhythm_days=_default_rhythm(),
    )
    case.number = _next_case_number(case)
    case.save(update_fields=["number"])
    log_event(
        case=case,
        kind=CaseEventKind.REGISTERED,
        actor=actor,
        summary=_("Registered themselves on the website"),
        data={"signal_source": SignalSource.SELF_REGISTRATION},
    )
    audit_change(actor=actor, case=case, action=AuditAction.CREATE, purpose=Purpose.REGISTRATION)
    return case
