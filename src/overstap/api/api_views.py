"""Partner API endpoints (``/api/v1/…``). Same access rules, services and audit as the pages.

A token acts as its client's service user, so ``overstap.cases.access`` decides what it
sees: a case or referral outside that scope is a 404. Each view declares the scope a token
needs (``overstap.api.permissions``). Errors are RFC 9457 problem documents.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from overstap.accounts.constants import OrganisationKind
from overstap.api import services as api_services
from overstap.api.constants import OAUTH_TOKEN_SECONDS, Scope
from overstap.api.pagination import ApiPagination
from overstap.api.serializers import (
    MAX_ID,
    CaseSerializer,
    ConceptSerializer,
    ReferralDetailSerializer,
    ReferralSerializer,
    ReferralStatusInSerializer,
    RegistrationInSerializer,
    RegistrationOutSerializer,
    VacancyInSerializer,
    VacancySerializer,
    VacancyUpdateSerializer,
)
from overstap.cases import access, selectors
from overstap.cases.constants import CaseStatus, ReferralStatus
from overstap.cases.services import RegistrationData, register_person, update_referral_status
from overstap.core.exceptions import PermissionDenied as ServicePermissionDenied
from overstap.employers import selectors as vacancy_selectors
from overstap.employers import services as vacancy_services
from overstap.employers.constants import VacancyStatus
from overstap.privacy.constants import Purpose
from overstap.taxonomy import selectors as taxonomy
from overstap.taxonomy.constants import LANGUAGES
from overstap.taxonomy.models import Occupation, Skill

ERRORS: dict[int | str, Any] = {
    400: OpenApiResponse(description="Bad input (problem document with field errors)."),
    401: OpenApiResponse(description="No valid token (problem document)."),
    403: OpenApiResponse(description="The token lacks the scope, or the role may not do this."),
    429: OpenApiResponse(description="Rate limit of the client reached (problem document)."),
}
NOT_FOUND = {404: OpenApiResponse(description="Unknown or outside the client's scope.")}
CONFLICT = {409: OpenApiResponse(description="Changed by someone else, or a business rule.")}


def _user(request: Request) -> Any:
    return cast(Any, request.user)


@contextmanager
def service_errors() -> Iterator[None]:
    """Turn service exceptions into API errors: field errors 400, refusals 403.

    ``DomainError`` and ``ConflictError`` pass through to the problem handler (400/409).
    """
    try:
        yield
    except DjangoValidationError as exc:
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        raise exceptions.ValidationError(detail) from None
    except ServicePermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc.message)) from None


def _choice(request: Request, name: str, choices: list[str]) -> str:
    value = request.query_params.get(name, "")
    if value and value not in choices:
        raise exceptions.ValidationError(
            {name: [_("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)}]}
        )
    return value


def _flag(request: Request, name: str) -> bool:
    raw = request.query_params.get(name, "").lower()
    if raw in ("", "0", "false", "no"):
        return False
    if raw in ("1", "true", "yes"):
        return True
    raise exceptions.ValidationError({name: [_("Use true or false.")]})


def _positive_int(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name, "")
    if not raw:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_ID:
        raise exceptions.ValidationError({name: [_("Use a whole number of at least 1.")]})
    return int(raw)


def _text(request: Request, name: str, max_length: int = 100) -> str:
    """A free-text query parameter (NUL characters, which databases refuse, removed)."""
    return request.query_params.get(name, "").replace("\x00", "")[:max_length]


def _pk(pk: int) -> int:
    """A path id; beyond what the database stores it cannot exist (404, not a crash)."""
    if pk > MAX_ID:
        raise exceptions.NotFound
    return pk


def _paginate(request: Request, view: APIView, qs: Any) -> tuple[ApiPagination, list[Any]]:
    paginator = ApiPagination()
    page: list[Any] | None = paginator.paginate_queryset(qs, request, view=view)
    return paginator, list(page or [])


def paginated(name: str, item: type[serializers.Serializer]) -> Any:
    """The schema of a page of ``item`` (``count``, ``next``, ``previous``, ``results``)."""
    return inline_serializer(
        name,
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": item(many=True),
        },
    )


PAGE_PARAMS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="Items per page, 1 to 200."),
]


# --- registrations ---------------------------------------------------------------------------


class RegistrationCreateView(APIView):
    required_scope = Scope.REGISTRATIONS_WRITE

    @extend_schema(
        operation_id="registrations_create",
        summary="Register a person (no wrong door): the case lands in the intake queue",
        request=RegistrationInSerializer,
        responses={201: RegistrationOutSerializer, **ERRORS},
        tags=["registrations"],
    )
    def post(self, request: Request) -> Response:
        form = RegistrationInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        registration = RegistrationData(
            first_name=data["first_name"],
            last_name=data["last_name"],
            signal_source=data["signal_source"],
            birth_date=data.get("birth_date"),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            bsn=data.get("bsn", ""),
            bsn_legal_basis=data.get("bsn_legal_basis", ""),
            postcode=data.get("postcode", ""),
            municipality=data.get("municipality", ""),
            releasing_employer_id=data.get("releasing_employer_id"),
            note=data.get("note", ""),
        )
        with service_errors():
            case = register_person(actor=_user(request), data=registration)
        body = {
            "id": case.pk,
            "number": case.number,
            "status": case.status,
            "in_intake_queue": case.case_manager_id is None,
        }
        return Response(RegistrationOutSerializer(body).data, status=status.HTTP_201_CREATED)


# --- cases -----------------------------------------------------------------------------------


class CaseListView(APIView):
    required_scope = Scope.CASES_READ

    @extend_schema(
        operation_id="cases_list",
        summary="Cases the client may see (as a worker of its organisation)",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(CaseStatus.values)),
            OpenApiParameter("q", OpenApiTypes.STR, description="Name or case number."),
            OpenApiParameter("include_closed", OpenApiTypes.BOOL),
            *PAGE_PARAMS,
        ],
        responses={200: paginated("PaginatedCaseList", CaseSerializer), **ERRORS},
        tags=["cases"],
    )
    def get(self, request: Request) -> Response:
        filters = selectors.CaseloadFilters(
            status=_choice(request, "status", list(CaseStatus.values)) or None,
            query=_text(request, "q"),
            include_closed=_flag(request, "include_closed"),
        )
        user = _user(request)
        paginator, cases = _paginate(request, self, selectors.caseload(user=user, filters=filters))
        selectors.audit_listed(user=user, cases=cases, purpose=Purpose.CASE_MANAGEMENT)
        return paginator.get_paginated_response(CaseSerializer(cases, many=True).data)


class CaseDetailView(APIView):
    required_scope = Scope.CASES_READ

    @extend_schema(
        operation_id="cases_retrieve",
        summary="One case (audited read)",
        responses={200: CaseSerializer, **ERRORS, **NOT_FOUND},
        tags=["cases"],
    )
    def get(self, request: Request, pk: int) -> Response:
        case = selectors.get_case(user=_user(request), case_id=_pk(pk))
        return Response(CaseSerializer(case).data)


# --- referrals (provider side) ---------------------------------------------------------------


def _require_provider(request: Request) -> None:
    if not access.is_provider_staff(_user(request)):
        raise exceptions.PermissionDenied(_("Only service providers receive referrals."))


class ReferralListView(APIView):
    required_scope = Scope.REFERRALS_READ

    @extend_schema(
        operation_id="referrals_list",
        summary="Referrals sent to the client's organisation (service providers)",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(ReferralStatus.values)),
            OpenApiParameter("open", OpenApiTypes.BOOL, description="Only open referrals."),
            OpenApiParameter(
                "updated_since",
                OpenApiTypes.DATETIME,
                description="Only referrals changed at or after this moment (ISO 8601).",
            ),
            *PAGE_PARAMS,
        ],
        responses={200: paginated("PaginatedReferralList", ReferralSerializer), **ERRORS},
        tags=["referrals"],
    )
    def get(self, request: Request) -> Response:
        _require_provider(request)
        user = _user(request)
        status_filter = _choice(request, "status", list(ReferralStatus.values))
        qs = selectors.provider_referrals(user=user, open_only=_flag(request, "open"))
        if status_filter:
            qs = qs.filter(status=status_filter)
        since_raw = _text(request, "updated_since", 40)
        if since_raw:
            try:
                since = parse_datetime(since_raw)
                if since is not None:
                    # PostgreSQL accepts offsets up to ±15:59 only; ISO allows ±23:59.
                    if timezone.is_naive(since):
                        since = timezone.make_aware(since)
                    since = since.astimezone(UTC)
            except (ValueError, OverflowError):
                since = None
            if since is None:
                raise exceptions.ValidationError(
                    {"updated_since": [_("Use an ISO 8601 date and time.")]}
                )
            qs = qs.filter(updated_at__gte=since)
        paginator, referrals = _paginate(request, self, qs)
        selectors.audit_listed(
            user=user, cases=[r.case for r in referrals], purpose=Purpose.REFERRAL
        )
        return paginator.get_paginated_response(ReferralSerializer(referrals, many=True).data)


class ReferralDetailView(APIView):
    required_scope = Scope.REFERRALS_READ

    @extend_schema(
        operation_id="referrals_retrieve",
        summary="One referral with the person's contact details and its history (audited)",
        responses={200: ReferralDetailSerializer, **ERRORS, **NOT_FOUND},
        tags=["referrals"],
    )
    def get(self, request: Request, pk: int) -> Response:
        referral = selectors.get_provider_referral(user=_user(request), referral_id=_pk(pk))
        return Response(ReferralDetailSerializer(referral).data)


class ReferralStatusView(APIView):
    required_scope = Scope.REFERRALS_WRITE

    @extend_schema(
        operation_id="referrals_update_status",
        summary="Accept, decline, start or complete a referral, or add a progress note",
        request=ReferralStatusInSerializer,
        responses={200: ReferralSerializer, **ERRORS, **NOT_FOUND, **CONFLICT},
        tags=["referrals"],
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        referral = selectors.get_provider_referral(user=user, referral_id=_pk(pk), audit_read=False)
        form = ReferralStatusInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        with service_errors():
            referral = update_referral_status(
                actor=user,
                referral=referral,
                to_status=form.validated_data["to_status"],
                note=form.validated_data.get("note", ""),
                expected_version=form.validated_data.get("expected_version"),
            )
        return Response(ReferralSerializer(referral).data)


# --- vacancies -------------------------------------------------------------------------------


def _require_vacancies(request: Request) -> None:
    if not vacancy_selectors.can_use_vacancies(_user(request)):
        raise exceptions.PermissionDenied(_("This client has no access to vacancies."))


def _vacancy_data(validated: dict[str, Any]) -> vacancy_services.VacancyData:
    errors: dict[str, list[str]] = {}
    occupation = None
    if validated.get("occupation"):
        occupation = Occupation.objects.filter(pk=validated["occupation"]).first()
        if occupation is None:
            errors["occupation"] = [_("Unknown occupation.")]
    links = validated.get("skills") or []
    found = Skill.objects.in_bulk([link["skill"] for link in links])
    missing = sorted({link["skill"] for link in links} - set(found))
    if missing:
        errors["skills"] = [
            _("Unknown skill: %(ids)s.") % {"ids": ", ".join(str(m) for m in missing)}
        ]
    if errors:
        raise exceptions.ValidationError(errors)
    return vacancy_services.VacancyData(
        title=validated["title"],
        occupation=occupation,
        description=validated.get("description", ""),
        hours_min=validated.get("hours_min"),
        hours_max=validated.get("hours_max"),
        wage_band=validated.get("wage_band", ""),
        contract_type=validated.get("contract_type", ""),
        postcode=validated.get("postcode", ""),
        place=validated.get("place", ""),
        shifts=list(validated.get("shifts") or []),
        start_date=validated.get("start_date"),
        positions=validated.get("positions", 1),
        open_to_other_sectors=validated.get("open_to_other_sectors", True),
        skills=[(found[link["skill"]], link["importance"]) for link in links],
    )


def _employer(request: Request, employer_id: int | None) -> Any:
    user = _user(request)
    editable = vacancy_selectors.editable_employers(user=user)
    if employer_id is None:
        own = editable.filter(pk=user.organisation_id or 0, kind=OrganisationKind.EMPLOYER).first()
        if own is not None:
            return own
        raise exceptions.ValidationError({"employer": [_("Choose the employer.")]})
    employer = editable.filter(pk=employer_id).first()
    if employer is None:
        raise exceptions.ValidationError(
            {"employer": [_("You cannot manage the vacancies of this employer.")]}
        )
    return employer


class VacancyListView(APIView):
    read_scope = Scope.VACANCIES_READ
    write_scope = Scope.VACANCIES_WRITE

    @extend_schema(
        operation_id="vacancies_list",
        summary="Vacancies the client may read (employers: their own, in every status)",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, enum=list(VacancyStatus.values)),
            OpenApiParameter("employer", OpenApiTypes.INT),
            OpenApiParameter("occupation", OpenApiTypes.INT),
            OpenApiParameter("q", OpenApiTypes.STR, description="Words in title or text."),
            *PAGE_PARAMS,
        ],
        responses={200: paginated("PaginatedVacancyList", VacancySerializer), **ERRORS},
        tags=["vacancies"],
    )
    def get(self, request: Request) -> Response:
        _require_vacancies(request)
        filters = vacancy_selectors.VacancyFilters(
            text=_text(request, "q"),
            occupation_id=_positive_int(request, "occupation"),
            employer_id=_positive_int(request, "employer"),
            status=_choice(request, "status", list(VacancyStatus.values)),
        )
        qs = vacancy_selectors.vacancies(user=_user(request), filters=filters)
        paginator, items = _paginate(request, self, qs)
        return paginator.get_paginated_response(VacancySerializer(items, many=True).data)

    @extend_schema(
        operation_id="vacancies_create",
        summary="Add a vacancy (the employer's own, or any employer for account managers)",
        request=VacancyInSerializer,
        responses={201: VacancySerializer, **ERRORS},
        tags=["vacancies"],
    )
    def post(self, request: Request) -> Response:
        _require_vacancies(request)
        form = VacancyInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        employer = _employer(request, form.validated_data.get("employer"))
        data = _vacancy_data(form.validated_data)
        with service_errors():
            vacancy = vacancy_services.create_vacancy(
                actor=_user(request),
                employer=employer,
                data=data,
                status=form.validated_data.get("status", VacancyStatus.DRAFT),
            )
        vacancy = vacancy_selectors.get_vacancy(user=_user(request), vacancy_id=vacancy.pk)
        return Response(VacancySerializer(vacancy).data, status=status.HTTP_201_CREATED)


class VacancyDetailView(APIView):
    read_scope = Scope.VACANCIES_READ
    write_scope = Scope.VACANCIES_WRITE

    @extend_schema(
        operation_id="vacancies_retrieve",
        summary="One vacancy",
        responses={200: VacancySerializer, **ERRORS, **NOT_FOUND},
        tags=["vacancies"],
    )
    def get(self, request: Request, pk: int) -> Response:
        _require_vacancies(request)
        vacancy = vacancy_selectors.get_vacancy(user=_user(request), vacancy_id=_pk(pk))
        return Response(VacancySerializer(vacancy).data)

    @extend_schema(
        operation_id="vacancies_update",
        summary="Replace a vacancy (send expected_version; 409 when changed meanwhile)",
        request=VacancyUpdateSerializer,
        responses={200: VacancySerializer, **ERRORS, **NOT_FOUND, **CONFLICT},
        tags=["vacancies"],
    )
    def put(self, request: Request, pk: int) -> Response:
        _require_vacancies(request)
        user = _user(request)
        try:
            vacancy = vacancy_selectors.get_editable_vacancy(user=user, vacancy_id=_pk(pk))
        except vacancy_selectors.NotEditable:
            raise exceptions.PermissionDenied(
                _("You may read this vacancy but not change it.")
            ) from None
        form = VacancyUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        employer_id = form.validated_data.get("employer")
        employer = _employer(request, employer_id) if employer_id else None
        data = _vacancy_data(form.validated_data)
        with service_errors():
            vacancy_services.update_vacancy(
                actor=user,
                vacancy=vacancy,
                data=data,
                expected_version=form.validated_data["expected_version"],
                status=form.validated_data.get("status"),
                employer=employer,
            )
        vacancy = vacancy_selectors.get_vacancy(user=user, vacancy_id=_pk(pk))
        return Response(VacancySerializer(vacancy).data)


# --- taxonomy --------------------------------------------------------------------------------

SEARCH_PARAMS = [
    OpenApiParameter("q", OpenApiTypes.STR, required=True, description="Words to look for."),
    OpenApiParameter("lang", OpenApiTypes.STR, enum=list(LANGUAGES)),
    OpenApiParameter("limit", OpenApiTypes.INT, description="1 to 50 (default 10)."),
]


def _search_args(request: Request) -> tuple[str, str, int]:
    query = _text(request, "q", 200).strip()
    if not query:
        raise exceptions.ValidationError({"q": [_("Type what you are looking for.")]})
    lang = _choice(request, "lang", list(LANGUAGES)) or "nl"
    limit = _positive_int(request, "limit") or 10
    if limit > taxonomy.MAX_LIMIT:
        raise exceptions.ValidationError(
            {"limit": [_("At most %(max)s results.") % {"max": taxonomy.MAX_LIMIT}]}
        )
    return query[:200], lang, limit


class OccupationSearchView(APIView):
    required_scope = Scope.TAXONOMY_READ

    @extend_schema(
        operation_id="taxonomy_occupations_search",
        summary="Search occupations (ESCO and regional) by label, typo tolerant",
        parameters=SEARCH_PARAMS,
        responses={200: ConceptSerializer(many=True), **ERRORS},
        tags=["taxonomy"],
    )
    def get(self, request: Request) -> Response:
        query, lang, limit = _search_args(request)
        results = taxonomy.search_occupations(query, lang=lang, limit=limit)
        return Response(ConceptSerializer([r.as_dict() for r in results], many=True).data)


class SkillSearchView(APIView):
    required_scope = Scope.TAXONOMY_READ

    @extend_schema(
        operation_id="taxonomy_skills_search",
        summary="Search skills and knowledge by label, typo tolerant",
        parameters=SEARCH_PARAMS,
        responses={200: ConceptSerializer(many=True), **ERRORS},
        tags=["taxonomy"],
    )
    def get(self, request: Request) -> Response:
        query, lang, limit = _search_args(request)
        results = taxonomy.search_skills(query, lang=lang, limit=limit)
        return Response(ConceptSerializer([r.as_dict() for r in results], many=True).data)


# --- OAuth2 client credentials ---------------------------------------------------------------


def _oauth_error(error: str, description: str, status_code: int) -> Response:
    response = Response(
        {"error": error, "error_description": description},
        status=status_code,
        headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
    )
    if status_code == 401:
        response["WWW-Authenticate"] = 'Basic realm="api"'
    return response


class OAuthTokenView(APIView):
    """RFC 6749 section 4.4. The answer follows OAuth2 (``error``), not problem documents."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes: list[Any] = []
    parser_classes = [FormParser, JSONParser]

    @extend_schema(
        operation_id="oauth_token",
        summary="OAuth2 client credentials: a bearer token valid for one hour",
        request=inline_serializer(
            "ClientCredentialsRequest",
            {
                "grant_type": serializers.ChoiceField(choices=["client_credentials"]),
                "client_id": serializers.CharField(required=False),
                "client_secret": serializers.CharField(required=False),
            },
        ),
        responses={
            200: inline_serializer(
                "AccessToken",
                {
                    "access_token": serializers.CharField(),
                    "token_type": serializers.CharField(),
                    "expires_in": serializers.IntegerField(),
                    "scope": serializers.CharField(),
                },
            ),
            400: OpenApiResponse(description="Bad request (OAuth2 error document)."),
            401: OpenApiResponse(description="Unknown client or wrong secret."),
        },
        auth=[],
        tags=["oauth"],
    )
    def post(self, request: Request) -> Response:
        data: Any = request.data
        client_id = str(data.get("client_id", "") or "")
        client_secret = str(data.get("client_secret", "") or "")
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header.lower().startswith("basic "):
            try:
                decoded = base64.b64decode(header[6:].strip()).decode()
                client_id, _sep, client_secret = decoded.partition(":")
            except (binascii.Error, UnicodeDecodeError):
                return _oauth_error("invalid_client", "Malformed Basic credentials.", 401)
        if data.get("grant_type") != "client_credentials":
            return _oauth_error(
                "unsupported_grant_type", "Only client_credentials is supported.", 400
            )
        if not client_id or not client_secret:
            return _oauth_error("invalid_request", "Send client_id and client_secret.", 400)
        try:
            new, client = api_services.issue_oauth_token(
                client_id=client_id, client_secret=client_secret
            )
        except api_services.InvalidClient:
            return _oauth_error("invalid_client", "Unknown client or wrong secret.", 401)
        return Response(
            {
                "access_token": new.secret,
                "token_type": "Bearer",
                "expires_in": OAUTH_TOKEN_SECONDS,
                "scope": " ".join(client.scopes),
            },
            headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
        )
