"""Employer network API, under ``/api/v1/network/``.

* ``GET employers/`` and ``employers/<id>/`` — employers of the region (staff who read the
  network: account managers, coordinators, case managers); contact persons are not exposed.
* ``GET/POST surplus/``, ``GET surplus/<id>/`` and the same for ``shortage/`` — employer users
  see and register only their own organisation's; bad input is a 400 problem document with
  ``errors`` per field, nothing is saved.
* ``GET proposals/``, ``GET/PATCH proposals/<id>/`` — status changes and the result
  (account managers and coordinators; 409 on a stale ``version``).

Same access rules as the pages (:mod:`overstap.network.selectors`): a role without access is
a 403, an object outside the caller's scope a 404. Tokens need ``network:read`` /
``network:write``.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from overstap.api.constants import Scope
from overstap.network import selectors, services
from overstap.network.serializers import (
    EmployerSerializer,
    ProposalSerializer,
    ProposalUpdateSerializer,
    ShortageCreateSerializer,
    ShortageSerializer,
    SurplusCreateSerializer,
    SurplusSerializer,
)
from overstap.taxonomy.models import Occupation, Skill

ERRORS: dict[int | str, Any] = {
    400: OpenApiResponse(description="Bad input (problem document with errors per field)."),
    403: OpenApiResponse(description="The role may not use this endpoint."),
    404: OpenApiResponse(description="Unknown or outside the caller's scope."),
}


def _user(request: Request) -> Any:
    return cast(Any, request.user)


class NetworkView(APIView):
    read_scope = Scope.NETWORK_READ
    write_scope = Scope.NETWORK_WRITE


def _concept(model: type[Occupation] | type[Skill], ref: str) -> Any:
    ref = (ref or "").strip()
    qs = model.objects.all()
    if ref.isdigit():
        found = qs.filter(pk=int(ref)).first()
    else:
        found = qs.filter(uri=ref).first() or qs.filter(same_as_uri=ref).first()
    while found is not None and found.replaced_by_id is not None:
        found = found.replaced_by
    return found


def _lines(raw: list[dict[str, Any]]) -> list[services.LineData]:
    lines, errors = [], {}
    for number, item in enumerate(raw, 1):
        occupation = _concept(Occupation, str(item["occupation"]))
        if occupation is None:
            errors[f"lines[{number}].occupation"] = ["Unknown occupation."]
        skills = []
        for ref in item.get("skills", []):
            skill = _concept(Skill, ref)
            if skill is None:
                errors[f"lines[{number}].skills"] = [f"Unknown skill {ref}."]
            else:
                skills.append(skill)
        lines.append(
            services.LineData(
                occupation=occupation, headcount=item["headcount"], skills=tuple(skills)
            )
        )
    if errors:
        raise ValidationError(errors)
    return lines


def _service_errors(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


class EmployerListView(NetworkView, ListAPIView):
    serializer_class = EmployerSerializer

    def get_queryset(self) -> Any:
        return selectors.employers(user=_user(self.request)).prefetch_related("network_locations")

    @extend_schema(
        operation_id="network_employers",
        tags=["network"],
        responses={200: EmployerSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class EmployerDetailView(NetworkView):
    @extend_schema(
        operation_id="network_employer",
        tags=["network"],
        responses={200: EmployerSerializer, **ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        selectors.get_employer(user=_user(request), employer_id=pk)
        employer = selectors.employers(user=_user(request)).get(pk=pk)
        return Response(EmployerSerializer(employer).data)


class SurplusListView(NetworkView, ListAPIView):
    serializer_class = SurplusSerializer

    def get_queryset(self) -> Any:
        return selectors.surplus_registrations(
            user=_user(self.request), status=self.request.query_params.get("status", "")
        )

    @extend_schema(
        operation_id="network_surplus_list",
        tags=["network"],
        responses={200: SurplusSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="network_surplus_create",
        tags=["network"],
        request=SurplusCreateSerializer,
        responses={201: SurplusSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        user = _user(request)
        selectors.require_registrations(user)
        incoming = SurplusCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        employer = selectors.get_registering_employer(user=user, employer_id=data["employer"])
        try:
            registration = services.register_surplus(
                actor=user,
                employer=employer,
                data=services.SurplusData.from_mapping(data, _lines(data["lines"])),
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from None
        fresh = selectors.get_surplus(user=user, registration_id=registration.pk)
        return Response(SurplusSerializer(fresh).data, status=201)


class SurplusDetailView(NetworkView):
    @extend_schema(
        operation_id="network_surplus",
        tags=["network"],
        responses={200: SurplusSerializer, **ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        user = _user(request)
        selectors.require_registrations(user)
        return Response(
            SurplusSerializer(selectors.get_surplus(user=user, registration_id=pk)).data
        )


class ShortageListView(NetworkView, ListAPIView):
    serializer_class = ShortageSerializer

    def get_queryset(self) -> Any:
        return selectors.shortage_registrations(
            user=_user(self.request), status=self.request.query_params.get("status", "")
        )

    @extend_schema(
        operation_id="network_shortage_list",
        tags=["network"],
        responses={200: ShortageSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="network_shortage_create",
        tags=["network"],
        request=ShortageCreateSerializer,
        responses={201: ShortageSerializer, **ERRORS},
    )
    def post(self, request: Request) -> Response:
        user = _user(request)
        selectors.require_registrations(user)
        incoming = ShortageCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        employer = selectors.get_registering_employer(user=user, employer_id=data["employer"])
        try:
            registration = services.register_shortage(
                actor=user,
                employer=employer,
                data=services.ShortageData.from_mapping(data, _lines(data["lines"])),
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from None
        fresh = selectors.get_shortage(user=user, registration_id=registration.pk)
        return Response(ShortageSerializer(fresh).data, status=201)


class ShortageDetailView(NetworkView):
    @extend_schema(
        operation_id="network_shortage",
        tags=["network"],
        responses={200: ShortageSerializer, **ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        user = _user(request)
        selectors.require_registrations(user)
        return Response(
            ShortageSerializer(selectors.get_shortage(user=user, registration_id=pk)).data
        )


class ProposalListView(NetworkView, ListAPIView):
    serializer_class = ProposalSerializer

    def get_queryset(self) -> Any:
        qs = selectors.proposals(user=_user(self.request))
        status = self.request.query_params.get("status")
        return qs.filter(status=status) if status else qs

    @extend_schema(
        operation_id="network_proposals",
        tags=["network"],
        responses={200: ProposalSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ProposalDetailView(NetworkView):
    @extend_schema(
        operation_id="network_proposal",
        tags=["network"],
        responses={200: ProposalSerializer, **ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        proposal = selectors.get_proposal(user=_user(request), proposal_id=pk)
        return Response(ProposalSerializer(proposal).data)

    @extend_schema(
        operation_id="network_proposal_update",
        tags=["network"],
        request=ProposalUpdateSerializer,
        responses={
            200: ProposalSerializer,
            409: OpenApiResponse(description="Stale version."),
            **ERRORS,
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        user = _user(request)
        selectors.get_proposal(user=user, proposal_id=pk)
        selectors.require_manager(user)
        incoming = ProposalUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            with transaction.atomic():
                proposal = selectors.get_proposal(user=user, proposal_id=pk, for_update=True)
                if "status" in data:
                    proposal = services.change_proposal_status(
                        actor=user,
                        proposal=proposal,
                        status=data["status"],
                        expected_version=data.get("version"),
                    )
                    data["version"] = proposal.version if "version" in data else None
                if "people_moved" in data:
                    proposal = services.record_proposal_result(
                        actor=user,
                        proposal=proposal,
                        people_moved=data["people_moved"],
                        note=data.get("result_note", ""),
                        expected_version=data.get("version"),
                    )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from None
        fresh = selectors.get_proposal(user=user, proposal_id=pk)
        return Response(ProposalSerializer(fresh).data)
