from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from overstap.accounts.constants import OrganisationKind
from overstap.api import services as api_services
from overstap.api.constants import Scope
from overstap.api.models import ApiToken
from overstap.cases import services
from overstap.cases.constants import SignalSource
from overstap.cases.services import RegistrationData

from ..factories import OfferingFactory, OrganisationFactory

CONSENT_CHANNEL = "in_person"


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    """An API client that asks for English messages (asserted on their message ids)."""
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def form_post(api, url, data, **extra):
    """POST ``data`` form-encoded, as OAuth2 token requests are."""
    from urllib.parse import urlencode

    return api.post(url, urlencode(data), content_type="application/x-www-form-urlencoded", **extra)


def make_client(actor, organisation, scopes, **kwargs):
    return api_services.create_client(
        actor=actor,
        organisation=organisation,
        name=kwargs.pop("name", "Systeem"),
        scopes=scopes,
        **kwargs,
    ).client


def make_token(actor, client, days=30):
    return api_services.issue_token(actor=actor, client=client, name="test", days=days).secret


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def other_provider_org(region):
    return OrganisationFactory(
        region=region, name="Coach BV", kind=OrganisationKind.SERVICE_PROVIDER
    )


@pytest.fixture
def provider_client(coordinator, provider_org):
    return make_client(
        coordinator,
        provider_org,
        [Scope.REFERRALS_READ, Scope.REFERRALS_WRITE],
        name="Cliëntvolgsysteem",
    )


@pytest.fixture
def provider_token(coordinator, provider_client):
    return make_token(coordinator, provider_client)


@pytest.fixture
def referral_world(case_manager, provider_org, other_provider_org, region):
    """Two sent referrals of one case: one to our provider, one to another provider."""
    case = services.register_person(
        actor=case_manager,
        data=RegistrationData(
            first_name="Fatima",
            last_name="El Amrani",
            signal_source=SignalSource.RELEASING_EMPLOYER,
            phone="0612345678",
            email="fatima@example.nl",
        ),
        take_case=True,
    )
    ours = services.create_referral(
        actor=case_manager,
        case=case,
        offering=OfferingFactory(region=region, provider=provider_org),
    )
    theirs = services.create_referral(
        actor=case_manager,
        case=case,
        offering=OfferingFactory(region=region, provider=other_provider_org),
    )
    from overstap.consent.services import record_referral_sharing

    for referral in (ours, theirs):  # the person consented to sharing with both providers
        record_referral_sharing(actor=case_manager, referral=referral, channel=CONSENT_CHANNEL)
    return {"case": case, "ours": ours, "theirs": theirs}


def expire(secret: str) -> None:
    from overstap.api.models import hash_secret

    ApiToken.objects.filter(token_hash=hash_secret(secret)).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )


@pytest.fixture
def demo_taxonomy(db):
    from overstap.taxonomy import search
    from overstap.taxonomy.services import load_demo_taxonomy

    search.clear_cache()
    result = load_demo_taxonomy()
    yield result
    search.clear_cache()


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield
