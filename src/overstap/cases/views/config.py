"""Placeholder: being implemented (see issue #2)."""

from django.http import HttpRequest, HttpResponse



def route_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def route_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
