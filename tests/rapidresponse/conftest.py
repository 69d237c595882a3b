from __future__ import annotations

import datetime as dt

import pytest

from overstap.accounts.constants import OrganisationKind, Role
from overstap.rapidresponse.constants import SignalKind
from overstap.rapidresponse.models import PlaybookStep

from ..factories import OrganisationFactory, UserFactory

ALL_KINDS = list(SignalKind.values)


@pytest.fixture
def wsp(region):
    return OrganisationFactory(
        region=region, name="WSP", kind=OrganisationKind.EMPLOYER_SERVICE_POINT
    )


@pytest.fixture
def account_manager(wsp):
    return UserFactory(username="am", organisation=wsp, role=Role.ACCOUNT_MANAGER)


@pytest.fixture
def hotel(region):
    return OrganisationFactory(region=region, name="Hotel", kind=OrganisationKind.EMPLOYER)


@pytest.fixture
def steps(region, uwv, wsp, provider_org):
    def step(title, days, kinds, **kw):
        return PlaybookStep.objects.create(
            region=region, title=title, deadline_days=days, signal_kinds=kinds, **kw
        )

    return [
        step(
            "Employer visit",
            3,
            ALL_KINDS,
            partner_kind=OrganisationKind.EMPLOYER_SERVICE_POINT,
            owner_role=Role.ACCOUNT_MANAGER,
            order=1,
        ),
        step(
            "Information meeting",
            10,
            [SignalKind.COLLECTIVE_DISMISSAL, SignalKind.BANKRUPTCY],
            partner_kind=OrganisationKind.UWV,
            owner_role=Role.CASE_MANAGER,
            order=2,
        ),
        step(
            "Provider bookings",
            21,
            [SignalKind.COLLECTIVE_DISMISSAL],
            partner_organisation=provider_org,
            order=3,
        ),
        step(
            "Sector table",
            30,
            [SignalKind.SECTOR],
            partner_kind=OrganisationKind.MOBILITY_TEAM,
            order=4,
        ),
        step("Old step", 5, ALL_KINDS, partner_kind=OrganisationKind.UWV, is_active=False),
    ]


@pytest.fixture
def today():
    return dt.date.today()
