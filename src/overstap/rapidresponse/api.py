"""Rapid-response API, under ``/api/v1/rapid-response/``.

* ``GET/POST signals/`` — the region's signals (readers); register one (managers). Registering
  creates the playbook's tasks in the same transaction.
* ``GET signals/<id>/`` — one signal with the tasks the caller may see.
* ``GET tasks/`` — the tasks the caller may see (``?signal=``, ``?status=``).
* ``GET/PATCH tasks/<id>/`` — one task; PATCH ``{"status": ..., "version": ...}`` by its
  owner, the owner organisation's provider staff, or a manager of the region.

Same access rules as the pages (:mod:`overstap.rapidresponse.access`); out-of-scope objects
are 404, validation errors a 400 problem document, a stale ``version`` 409.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from overstap.accounts.models import User
from overstap.rapidresponse import access, selectors, services
from overstap.rapidresponse.constants import TaskStatus
from overstap.rapidresponse.serializers import (
    SignalDetailSerializer,
    SignalInSerializer,
    SignalOutSerializer,
    TaskOutSerializer,
    TaskStatusInSerializer,
)

ERRORS: dict[int | str, Any] = {
    400: OpenApiResponse(description="Invalid input (problem document)."),
    403: OpenApiResponse(description="The role may not use this endpoint."),
    404: OpenApiResponse(description="Unknown or outside the caller's region."),
}


def _user(request: Request) -> User:
    return cast(User, request.user)


def _check(fn: Any, *args: Any) -> None:
    try:
        fn(*args)
    except DjangoPermissionDenied:
        raise PermissionDenied from None


def _context() -> dict[str, Any]:
    return {"today": timezone.localdate()}


def _validation(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


class SignalListView(APIView):
    @extend_schema(
        operation_id="rapidresponse_signals",
        summary="Signals of the caller's region, open ones first",
        responses={200: SignalOutSerializer(many=True), **ERRORS},
        tags=["rapid-response"],
    )
    def get(self, request: Request) -> Response:
        _check(selectors.require_signals, _user(request))
        qs = selectors.signals(user=_user(request), status=request.query_params.get("status", ""))
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(SignalOutSerializer(page, many=True).data)

    @extend_schema(
        operation_id="rapidresponse_signal_create",
        summary="Register a signal (creates the playbook's tasks)",
        request=SignalInSerializer,
        responses={201: SignalDetailSerializer, **ERRORS},
        tags=["rapid-response"],
    )
    def post(self, request: Request) -> Response:
        user = _user(request)
        _check(selectors.require_manager, user)
        data = SignalInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        employer = None
        if d.get("employer_id"):
            employer = selectors.region_employers(user).filter(pk=d["employer_id"]).first()
            if employer is None:
                raise ValidationError({"employer_id": ["Choose an employer of your region."]})
        try:
            signal = services.register_signal(
                actor=user,
                data=services.SignalData(
                    kind=d["kind"],
                    employer=employer,
                    sector=d.get("sector") or "",
                    people_affected=d["people_affected"],
                    received_on=d["received_on"],
                    first_contract_end=d.get("first_contract_end"),
                    description=d.get("description") or "",
                ),
            )
        except DjangoValidationError as exc:
            raise _validation(exc) from None
        tasks = list(selectors.visible_tasks(user).filter(signal=signal))
        body = SignalDetailSerializer(signal, context={**_context(), "tasks": tasks}).data
        return Response(body, status=201)


class SignalDetailView(APIView):
    @extend_schema(
        operation_id="rapidresponse_signal",
        summary="One signal with the tasks the caller may see",
        responses={200: SignalDetailSerializer, **ERRORS},
        tags=["rapid-response"],
    )
    def get(self, request: Request, pk: int) -> Response:
        user = _user(request)
        _check(selectors.require_signals, user)
        signal = selectors.get_signal(user=user, signal_id=pk)
        tasks = list(selectors.visible_tasks(user).filter(signal=signal))
        return Response(SignalDetailSerializer(signal, context={**_context(), "tasks": tasks}).data)


class TaskListView(APIView):
    @extend_schema(
        operation_id="rapidresponse_tasks",
        summary="Tasks the caller may see (managers: the region's; others: their own)",
        responses={200: TaskOutSerializer(many=True), **ERRORS},
        tags=["rapid-response"],
    )
    def get(self, request: Request) -> Response:
        user = _user(request)
        _check(selectors.require_tasks, user)
        qs = selectors.visible_tasks(user).order_by("due_date", "pk")
        signal = request.query_params.get("signal", "")
        if signal:
            if not signal.isdigit():
                raise ValidationError({"signal": ["signal must be a number."]})
            qs = qs.filter(signal_id=int(signal))
        status = request.query_params.get("status", "")
        if status:
            if status not in TaskStatus.values:
                raise ValidationError({"status": [f"status must be one of {TaskStatus.values}."]})
            qs = qs.filter(status=status)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(
            TaskOutSerializer(page, many=True, context=_context()).data
        )


class TaskDetailView(APIView):
    def _task(self, request: Request, pk: int) -> Any:
        user = _user(request)
        _check(selectors.require_tasks, user)
        task = selectors.visible_tasks(user).filter(pk=pk).first()
        if task is None:
            raise Http404
        return task

    @extend_schema(
        operation_id="rapidresponse_task",
        summary="One task",
        responses={200: TaskOutSerializer, **ERRORS},
        tags=["rapid-response"],
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(TaskOutSerializer(self._task(request, pk), context=_context()).data)

    @extend_schema(
        operation_id="rapidresponse_task_status",
        summary="Change the status of a task (its owner, its provider or a manager)",
        request=TaskStatusInSerializer,
        responses={
            200: TaskOutSerializer,
            409: OpenApiResponse(description="Stale version."),
            **ERRORS,
        },
        tags=["rapid-response"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        user = _user(request)
        task = self._task(request, pk)
        if not access.can_update_task(user, task):
            raise PermissionDenied
        data = TaskStatusInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = services.set_task_status(
            actor=user,
            task=task,
            status=data.validated_data["status"],
            expected_version=data.validated_data.get("version"),
        )
        return Response(TaskOutSerializer(task, context=_context()).data)
