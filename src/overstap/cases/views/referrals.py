"""Placeholder: being implemented (see issue #2)."""

from django.http import HttpRequest, HttpResponse



def case_referrals(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def case_referral_update(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def provider_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def provider_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
