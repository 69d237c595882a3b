"""Placeholder: being implemented (see issue #2)."""

from django.http import HttpRequest, HttpResponse


def offering_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def offering_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def offering_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
