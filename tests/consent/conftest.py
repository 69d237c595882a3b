import pytest

from tests.factories import CaseFactory, OrganisationFactory, RouteFactory


@pytest.fixture
def route(region):
    return RouteFactory(region=region, number=3, name="Van werk naar werk")


@pytest.fixture
def former_staff(region, case_manager, employer_user, route):
    """Seven former staff of the employer user's organisation, on the case manager's list."""
    employer = employer_user.organisation
    names = ["Anja", "Bram", "Chantal", "Dirk", "Els", "Fenna", "Gert"]
    return [
        CaseFactory(
            person__region=region,
            person__first_name=name,
            person__last_name="Former",
            person__phone="0612345678",
            registered_by=case_manager,
            releasing_employer=employer,
            status="active",
            route=route,
        )
        for name in names
    ]


@pytest.fixture
def other_employer(region):
    from overstap.accounts.constants import OrganisationKind

    return OrganisationFactory(region=region, name="Bakkerij", kind=OrganisationKind.EMPLOYER)
