from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from overstap.accounts.constants import OrganisationKind, Role

from ..factories import OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _frontdoor_settings(settings):
    settings.FRONTDOOR_REGION_CODE = "noordoost-brabant"
    settings.FRONTDOOR_MIN_FILL_SECONDS = 3
    settings.FRONTDOOR_RATE_LIMIT = 5
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rmt(region):
    return OrganisationFactory(
        region=region, name="Mobiliteitsteam", kind=OrganisationKind.MOBILITY_TEAM
    )


@pytest.fixture
def team_coordinator(rmt):
    return UserFactory(username="fd_coord", organisation=rmt, role=Role.COORDINATOR)


@pytest.fixture
def account_manager(region):
    wsp = OrganisationFactory(
        region=region, name="WSP", kind=OrganisationKind.EMPLOYER_SERVICE_POINT
    )
    return UserFactory(username="fd_am", organisation=wsp, role=Role.ACCOUNT_MANAGER)


@pytest.fixture
def employer_org(region):
    return OrganisationFactory(
        region=region, name="Cateringgroep", kind=OrganisationKind.EMPLOYER, sector="Catering"
    )


@pytest.fixture(autouse=True)
def _english(client):
    """Pages and services in English: these tests assert English message ids."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
