from __future__ import annotations

import pytest

from overstap.accounts.constants import OrganisationKind, Role

from .factories import OrganisationFactory, RegionFactory, UserFactory


@pytest.fixture
def region(db):
    return RegionFactory(code="noordoost-brabant", name="Noordoost-Brabant")


@pytest.fixture
def other_region(db):
    return RegionFactory(code="rijnmond", name="Rijnmond")


@pytest.fixture
def uwv(region):
    return OrganisationFactory(region=region, name="UWV Den Bosch", kind=OrganisationKind.UWV)


@pytest.fixture
def municipality(region):
    return OrganisationFactory(region=region, name="Gemeente Meierijstad", kind=OrganisationKind.MUNICIPALITY)


@pytest.fixture
def provider_org(region):
    return OrganisationFactory(region=region, name="Loopbaan BV", kind=OrganisationKind.SERVICE_PROVIDER)


@pytest.fixture
def case_manager(uwv):
    return UserFactory(username="cm", organisation=uwv, role=Role.CASE_MANAGER)


@pytest.fixture
def other_case_manager(municipality):
    return UserFactory(username="cm2", organisation=municipality, role=Role.CASE_MANAGER)


@pytest.fixture
def coordinator(region):
    rmt = OrganisationFactory(region=region, name="RMT", kind=OrganisationKind.MOBILITY_TEAM)
    return UserFactory(username="coord", organisation=rmt, role=Role.COORDINATOR)


@pytest.fixture
def provider_user(provider_org):
    return UserFactory(username="prov", organisation=provider_org, role=Role.PROVIDER_STAFF)


@pytest.fixture
def employer_user(region):
    employer = OrganisationFactory(region=region, name="Cateraar", kind=OrganisationKind.EMPLOYER)
    return UserFactory(username="emp", organisation=employer, role=Role.EMPLOYER_USER)
