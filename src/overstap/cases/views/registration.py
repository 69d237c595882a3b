"""Placeholder: being implemented (see issue #2)."""

from django.http import HttpRequest, HttpResponse



def register(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def register_done(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def merge(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
