"""Placeholder: being implemented (see issue #2)."""

from django.http import HttpRequest, HttpResponse



def triage(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def plan(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def action_done(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def contacts(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
