"""Property-based checks of the partner API against its own OpenAPI schema (schemathesis).

The schema is loaded from the WSGI app; generated requests with valid tokens must never
cause a server error and every documented response must match the schema. The number of
examples is bounded so the whole run stays well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from overstap.api.constants import Scope

from .conftest import make_client, make_token

PATHS = r"^/api/v1/(referrals|cases|registrations|vacancies|taxonomy)"


@pytest.fixture
def api_schema(db):
    """The app is called as plain WSGI, so Django's request signals run. Their
    close_old_connections would close the test's connection (it sits in the test
    transaction, so its autocommit differs from the setting); Django's own test client
    disconnects it the same way."""
    from overstap.conf.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(coordinator, provider_org, employer_user, referral_world, demo_taxonomy):
    provider = make_client(
        coordinator,
        provider_org,
        [
            Scope.REFERRALS_READ,
            Scope.REFERRALS_WRITE,
            Scope.CASES_READ,
            Scope.REGISTRATIONS_WRITE,
            Scope.TAXONOMY_READ,
        ],
        rate_per_minute=100000,
    )
    employer = make_client(
        coordinator,
        employer_user.organisation,
        [Scope.VACANCIES_READ, Scope.VACANCIES_WRITE],
        rate_per_minute=100000,
    )
    return {
        "provider": make_token(coordinator, provider),
        "employer": make_token(coordinator, employer),
    }


def test_api_conforms_to_its_schema(api_schema, tokens):
    """Each operation in PATHS gets a bounded number of generated requests (derandomised,
    so a failure reproduces). The pytest plugin's lazy fixtures do not run on pytest 9, so
    the operations are driven with hypothesis directly."""
    operations = [
        result.ok() for result in api_schema.include(path_regex=PATHS).get_all_operations()
    ]
    assert len(operations) >= 10, [op.label for op in operations]
    for operation in operations:
        _run(operation, tokens)


def _run(operation, tokens):
    who = "employer" if operation.path.startswith("/api/v1/vacancies") else "provider"
    headers = {"Authorization": f"Bearer {tokens[who]}", "Accept-Language": "en"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case):
        case.call_and_validate(
            headers=headers, checks=[not_a_server_error, response_schema_conformance]
        )

    check()
