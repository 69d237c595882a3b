"""Placeholder: being implemented (see issue #2)."""

from django.http import HttpRequest, HttpResponse



def intake_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def work_history(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
