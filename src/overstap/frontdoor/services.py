"""Writes of the front door. Each public function is one transaction.

Public surface for other apps: ``register_resident``, ``submit_desk_request``,
``pick_up_request``, ``set_request_status``, ``assign_request``, ``convert_to_vacancy``,
``save_scheme``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from overstap.accounts.models import Region
from overstap.cases import services as case_services
from overstap.cases.services import SelfRegistrationData
from overstap.core.exceptions import ConflictError, DomainError, PermissionDenied
from overstap.core.validators import normalise_phone, normalise_postcode
from overstap.frontdoor import access
from overstap.frontdoor.constants import (
    DeskRequestKind,
    DeskRequestStatus,
    RegistrationKind,
    SchemeScope,
)
from overstap.frontdoor.models import DeskRequest, Scheme, SelfRegistration
from overstap.privacy import audit
from overstap.privacy.constants import AuditAction, Purpose

if TYPE_CHECKING:
    from overstap.accounts.models import User
    from overstap.employers.models import Vacancy

#: Version of the consent text on the registration forms (templates/frontdoor/_consent.html).
CONSENT_VERSION = "2026-11"


def front_door_region() -> Region:
    """The region whose intake queue receives the website's registrations."""
    region = Region.objects.filter(code=settings.FRONTDOOR_REGION_CODE).first()
    if region is None:
        regions = list(Region.objects.all()[:2])
        if len(regions) == 1:
            return regions[0]
        raise DomainError(
            _("The front door of this region is not set up yet. Please call us instead."),
            code="no_region",
        )
    return region


def respond_by(start: dt.date, working_days: int) -> dt.date:
    """The date ``working_days`` working days (Monday to Friday) after ``start``.

    >>> respond_by(dt.date(2026, 11, 20), 3)  # a Friday
    datetime.date(2026, 11, 25)
    """
    day = start
    left = working_days
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


@dataclass
class ResidentData:
    first_name: str
    last_name: str
    situation: str
    email: str = ""
    phone: str = ""
    postcode: str = ""
    current_employer: str = ""
    current_job: str = ""
    kind: str = RegistrationKind.SELF_REGISTRATION
    time_preference: str = ""
    channel: str = ""
    question: str = ""
    consent: bool = False


def _validate_resident(data: ResidentData) -> None:
    errors: dict[str, list[str]] = {}
    if not data.first_name.strip():
        errors["first_name"] = [_("Fill in your first name.")]
    if not data.last_name.strip():
        errors["last_name"] = [_("Fill in your last name.")]
    if not data.email.strip() and not data.phone.strip():
        errors["email"] = [_("Fill in your e-mail address or phone number, so we can reach you.")]
    if not data.consent:
        errors["consent"] = [_("Tick the box to say you agree. Without it we cannot help you.")]
    if data.kind == RegistrationKind.CONVERSATION and not data.time_preference:
        errors["time_preference"] = [_("Choose when we may call you.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def register_resident(*, data: ResidentData, today: dt.date | None = None) -> SelfRegistration:
    """A resident registers (or asks for a career conversation) on the public website.

    Opens a case in the region's intake queue (signal source "self-registration"), keeps
    the situation and consent next to it and sends a confirmation e-mail after commit.
    """
    _validate_resident(data)
    region = front_door_region()
    note_parts = []
    if data.kind == RegistrationKind.CONVERSATION:
        note_parts.append(_("Asked for a free career conversation on the website."))
    if data.question.strip():
        note_parts.append(data.question.strip())
    case = case_services.register_self(
        region=region,
        data=SelfRegistrationData(
            first_name=data.first_name,
            last_name=data.last_name,
            email=data.email,
            phone=data.phone,
            postcode=data.postcode,
            current_employer=data.current_employer,
            current_job=data.current_job,
            note="\n".join(note_parts),
        ),
    )
    now = timezone.now()
    registration = SelfRegistration.objects.create(
        case=case,
        kind=data.kind,
        situation=data.situation,
        current_employer=data.current_employer.strip()[:200],
        current_job=data.current_job.strip()[:200],
        time_preference=data.time_preference,
        channel=data.channel,
        question=data.question.strip(),
        consent_version=CONSENT_VERSION,
        consent_given_at=now,
        respond_by=respond_by(
            today or timezone.localdate(), settings.FRONTDOOR_RESPONSE_WORKING_DAYS
        ),
    )
    registration.full_clean()
    if case.person.email:
        transaction.on_commit(lambda: send_confirmation(registration))
    return registration


def send_confirmation(registration: SelfRegistration) -> None:
    """The confirmation e-mail: what happens next, by when, and how to withdraw."""
    person = registration.case.person
    context = {
        "first_name": person.first_name,
        "registration": registration,
        "region_name": settings.REGION_NAME,
        "phone": settings.FRONTDOOR_CONTACT_PHONE,
    }
    send_mail(
        subject=_("We have received your registration – %(region)s")
        % {"region": settings.REGION_NAME},
        message=render_to_string("frontdoor/email/confirmation.txt", context),
        from_email=None,
        recipient_list=[person.email],
        fail_silently=True,
    )


# --- Employer desk -----------------------------------------------------------------------


def _validate_desk(request: DeskRequest) -> None:
    errors: dict[str, list[str]] = {}
    if not request.email and not request.phone:
        errors["email"] = [_("Fill in an e-mail address or phone number, so we can reach you.")]
    if (
        request.kind in (DeskRequestKind.SURPLUS, DeskRequestKind.SHORTAGE)
        and not request.people_count
    ):
        errors["people_count"] = [_("Fill in about how many people it concerns.")]
    if request.kind == DeskRequestKind.VACANCY and not request.title.strip():
        errors["title"] = [_("Fill in the job title.")]
    if request.hours_min and request.hours_max and request.hours_min > request.hours_max:
        errors["hours_max"] = [_("The maximum hours cannot be less than the minimum hours.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_desk_request(*, kind: str, fields: dict[str, Any]) -> DeskRequest:
    """An employer reports a surplus, a shortage or a vacancy on the public website."""
    if kind not in DeskRequestKind.values:
        raise DomainError(_("Unknown kind of request."))
    region = front_door_region()
    request = DeskRequest(region=region, kind=kind, **fields)
    request.phone = normalise_phone(request.phone) if request.phone else ""
    request.postcode = normalise_postcode(request.postcode) if request.postcode else ""
    request.email = request.email.strip().lower()
    _validate_desk(request)
    request.full_clean()
    request.save()
    return request


def _require_desk_access(actor: User, request: DeskRequest) -> None:
    if not access.can_handle_desk_requests(actor) or request.region_id != access.region_id(actor):
        raise PermissionDenied(_("You cannot handle this request."))


def _bump(request: DeskRequest, expected_version: int | None) -> None:
    qs = DeskRequest.objects.filter(pk=request.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(version=F("version") + 1) == 0:
        raise ConflictError(
            _(
                "Someone else changed this request in the meantime. Your change has not been "
                "saved. Check the current state and try again."
            )
        )
    request.refresh_from_db(fields=["version"])


def _audit_desk(actor: User, request: DeskRequest, action: str, **details: Any) -> None:
    audit.record(
        actor=actor,
        action=action,
        purpose=Purpose.COORDINATION,
        obj=request,
        details=details,
    )


@transaction.atomic
def assign_request(
    *, actor: User, request: DeskRequest, assignee: User | None, expected_version: int | None
) -> DeskRequest:
    """Give the request to an account manager or coordinator of the region (or to nobody)."""
    _require_desk_access(actor, request)
    if assignee is not None and not (
        access.can_handle_desk_requests(assignee)
        and access.region_id(assignee) == request.region_id
    ):
        raise DomainError(_("Choose an account manager or coordinator of this region."))
    _bump(request, expected_version)
    request.assignee = assignee
    if assignee is not None and request.status == DeskRequestStatus.NEW:
        request.status = DeskRequestStatus.PICKED_UP
        request.picked_up_at = timezone.now()
    request.save(update_fields=["assignee", "status", "picked_up_at", "updated_at"])
    _audit_desk(actor, request, AuditAction.ASSIGN, assignee=assignee.pk if assignee else None)
    return request


@transaction.atomic
def pick_up_request(
    *, actor: User, request: DeskRequest, expected_version: int | None
) -> DeskRequest:
    """The actor takes the request: assignee = actor, status = picked up."""
    return assign_request(
        actor=actor, request=request, assignee=actor, expected_version=expected_version
    )


@transaction.atomic
def set_request_status(
    *, actor: User, request: DeskRequest, status: str, expected_version: int | None
) -> DeskRequest:
    _require_desk_access(actor, request)
    if status not in DeskRequestStatus.values:
        raise DomainError(_("Choose a status from the list."))
    _bump(request, expected_version)
    request.status = status
    now = timezone.now()
    if status == DeskRequestStatus.NEW:
        request.picked_up_at = None
        request.done_at = None
    elif status == DeskRequestStatus.PICKED_UP:
        request.picked_up_at = request.picked_up_at or now
        request.done_at = None
        if request.assignee_id is None:
            request.assignee = actor
    else:
        request.done_at = now
    request.save(update_fields=["status", "picked_up_at", "done_at", "assignee", "updated_at"])
    _audit_desk(actor, request, AuditAction.UPDATE, status=status)
    return request


@transaction.atomic
def convert_to_vacancy(
    *, actor: User, request: DeskRequest, employer_id: int, expected_version: int | None
) -> Vacancy:
    """Turn a vacancy request into a draft vacancy of ``employer`` (one click)."""
    from overstap.employers import selectors as employer_selectors
    from overstap.employers import services as employer_services

    _require_desk_access(actor, request)
    if request.kind != DeskRequestKind.VACANCY:
        raise DomainError(_("Only a vacancy request can become a vacancy."))
    if request.vacancy_id is not None:
        raise DomainError(_("This request is already a vacancy."))
    employer = employer_selectors.editable_employers(user=actor).filter(pk=employer_id).first()
    if employer is None:
        raise DomainError(_("Choose an employer of your region."))
    _bump(request, expected_version)
    description = request.description
    positions = request.people_count if request.people_count and request.people_count > 1 else 1
    vacancy = employer_services.create_vacancy(
        actor=actor,
        employer=employer,
        data=employer_services.VacancyData(
            title=request.title,
            description=description,
            hours_min=request.hours_min,
            hours_max=request.hours_max,
            contract_type=request.contract_type,
            postcode=request.postcode,
            place=request.place,
            start_date=(
                request.expected_date
                if request.expected_date and request.expected_date >= timezone.localdate()
                else None
            ),
            positions=positions,
        ),
    )
    request.vacancy = vacancy
    request.status = DeskRequestStatus.DONE
    request.done_at = timezone.now()
    if request.assignee_id is None:
        request.assignee = actor
    request.save(update_fields=["vacancy", "status", "done_at", "assignee", "updated_at"])
    _audit_desk(actor, request, AuditAction.UPDATE, vacancy=vacancy.pk)
    return vacancy


# --- Schemes -----------------------------------------------------------------------------


SCHEME_FIELDS = (
    "name",
    "slug",
    "kind",
    "provider",
    "summary",
    "conditions_text",
    "pays",
    "how_to_apply",
    "url",
    "scope",
    "is_active",
    "for_employers",
    "age_min",
    "age_max",
    "situations",
    "education_levels",
    "sectors",
)


@transaction.atomic
def save_scheme(
    *,
    actor: User,
    scheme: Scheme | None,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> Scheme:
    """Create or change a scheme (coordinators). Regional schemes belong to the actor's region."""
    if not access.can_manage_schemes(actor):
        raise PermissionDenied(_("Only a coordinator can manage schemes."))
    region_id = access.region_id(actor)
    if scheme is None:
        scheme = Scheme()
    else:
        if scheme.scope == SchemeScope.REGIONAL and scheme.region_id != region_id:
            raise PermissionDenied(_("This scheme belongs to another region."))
        _bump_scheme(scheme, expected_version)
    for name in SCHEME_FIELDS:
        if name in data:
            setattr(scheme, name, data[name])
    scheme.region_id = region_id if scheme.scope == SchemeScope.REGIONAL else None
    errors: dict[str, list[str]] = {}
    if (
        scheme.age_min is not None
        and scheme.age_max is not None
        and scheme.age_min > scheme.age_max
    ):
        errors["age_max"] = [_("The maximum age cannot be less than the minimum age.")]
    if errors:
        raise ValidationError(errors)
    scheme.full_clean()
    scheme.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE if scheme.version > 1 else AuditAction.CREATE,
        purpose=Purpose.COORDINATION,
        obj=scheme,
    )
    return scheme


def _bump_scheme(scheme: Scheme, expected_version: int | None) -> None:
    qs = Scheme.objects.filter(pk=scheme.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if qs.update(version=F("version") + 1) == 0:
        raise ConflictError(
            _(
                "Someone else changed this scheme in the meantime. Your input has not been "
                "saved. Check the current data and save again."
            )
        )
    scheme.version = Scheme.objects.values_list("version", flat=True).get(pk=scheme.pk)


__all__ = [
    "CONSENT_VERSION",
    "ResidentData",
    "assign_request",
    "convert_to_vacancy",
    "front_door_region",
    "pick_up_request",
    "register_resident",
    "respond_by",
    "save_scheme",
    "set_request_status",
    "submit_desk_request",
]
