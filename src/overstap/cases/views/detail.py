"""Placeholder: being implemented (see issue #2)."""

from django.http import HttpRequest, HttpResponse



def case_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def case_team(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
