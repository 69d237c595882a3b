"""Placeholder: being implemented (see issue #2)."""

from django.http import HttpRequest, HttpResponse



def outcome_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def follow_up(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def close(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def reopen(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
