"""Placeholder: being implemented (see issue #2)."""

from django.http import HttpRequest, HttpResponse



def my_day(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def caseload(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def intake_queue(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def assign(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
