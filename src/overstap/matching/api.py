"""Matching API: the three queries of the matching pages, with the same access and audit.

* ``GET /api/v1/matching/cases/<id>/vacancies/`` — suitable vacancies (and other
  occupations) for the person of a case; audited READ with purpose MATCHING.
* ``GET /api/v1/matching/vacancies/<id>/candidates/`` — ranked people among the caller's
  open cases; one LIST audit record per person returned. Employer users get 403.
* ``GET /api/v1/matching/occupations/<pk or URI>/transitions/`` — transition paths.

Out-of-scope objects are 404; bad parameters a 400 problem document (``core.api``).
"""

from __future__ import annotations

from typing import Any, cast

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from overstap.api.constants import Scope
from overstap.matching import selectors
from overstap.matching.serializers import (
    OccupationTransitionsSerializer,
    PersonVacanciesSerializer,
    VacancyCandidatesSerializer,
)
from overstap.taxonomy.constants import LANGUAGES

TOP = OpenApiParameter(
    "top",
    OpenApiTypes.INT,
    description=f"Number of results, 1 to {selectors.MAX_TOP}.",
)
LANG = OpenApiParameter("lang", OpenApiTypes.STR, enum=list(LANGUAGES), description="Labels.")
ERRORS: dict[int | str, Any] = {
    400: OpenApiResponse(description="Bad parameter (problem document)."),
    403: OpenApiResponse(description="The role may not use this endpoint."),
    404: OpenApiResponse(description="Unknown or outside the caller's scope."),
}


def _top(request: Request, default: int) -> int:
    try:
        return selectors.parse_top(request.query_params.get("top"), default)
    except selectors.BadParameter as exc:
        raise ValidationError({"top": [str(exc)]}) from None


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", "nl")
    if lang not in LANGUAGES:
        raise ValidationError(
            {"lang": [_("lang must be one of %(choices)s.") % {"choices": ", ".join(LANGUAGES)}]}
        )
    return lang


def _flag(request: Request, name: str) -> bool:
    raw = request.query_params.get(name, "").lower()
    if raw in ("", "0", "false", "no"):
        return False
    if raw in ("1", "true", "yes"):
        return True
    raise ValidationError({name: [_("%(name)s must be true or false.") % {"name": name}]})


class CaseVacanciesView(APIView):
    required_scope = Scope.MATCHING_READ  # partner tokens (overstap.api)

    @extend_schema(
        operation_id="matching_case_vacancies",
        summary="Suitable vacancies for the person of a case",
        parameters=[TOP, LANG],
        responses={200: PersonVacanciesSerializer, **ERRORS},
        tags=["matching"],
    )
    def get(self, request: Request, pk: int) -> Response:
        result = selectors.person_vacancies(
            user=cast(Any, request.user),
            case_id=pk,
            top=_top(request, selectors.DEFAULT_TOP),
            lang=_lang(request),
        )
        return Response(PersonVacanciesSerializer(result).data)


class VacancyCandidatesView(APIView):
    required_scope = Scope.MATCHING_READ  # partner tokens (overstap.api)

    @extend_schema(
        operation_id="matching_vacancy_candidates",
        summary="Ranked candidates for a vacancy among the caller's open cases",
        parameters=[TOP, LANG],
        responses={200: VacancyCandidatesSerializer, **ERRORS},
        tags=["matching"],
    )
    def get(self, request: Request, pk: int) -> Response:
        result = selectors.vacancy_candidates(
            user=cast(Any, request.user),
            vacancy_id=pk,
            top=_top(request, selectors.DEFAULT_TOP),
            lang=_lang(request),
        )
        return Response(VacancyCandidatesSerializer(result).data)


class OccupationTransitionsView(APIView):
    required_scope = Scope.MATCHING_READ  # partner tokens (overstap.api)

    @extend_schema(
        operation_id="matching_occupation_transitions",
        summary="Occupations a worker in this occupation can move to",
        parameters=[
            OpenApiParameter(
                "ref",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="Occupation id or URI (URL-encoded).",
            ),
            TOP,
            LANG,
            OpenApiParameter(
                "keeps_wage",
                OpenApiTypes.BOOL,
                description="Only targets whose regional wage band is at least the source's.",
            ),
        ],
        responses={200: OccupationTransitionsSerializer, **ERRORS},
        tags=["matching"],
    )
    def get(self, request: Request, ref: str) -> Response:
        selectors.require_staff(cast(Any, request.user))
        top = _top(request, 50)
        keeps_wage = _flag(request, "keeps_wage")
        lang = _lang(request)
        occupation = selectors.resolve_occupation(ref)
        result = selectors.occupation_transitions(
            user=cast(Any, request.user),
            occupation=occupation,
            top=top,
            keeps_wage=keeps_wage,
            lang=lang,
        )
        return Response(OccupationTransitionsSerializer(result).data)
