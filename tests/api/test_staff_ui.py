"""Coordinators manage API clients: create, show the secret once, issue and revoke tokens."""

from __future__ import annotations

from overstap.api.constants import Scope
from overstap.api.models import ApiClient, ApiToken, hash_secret

from .conftest import bearer, make_client


def test_coordinator_creates_a_client_and_sees_the_secret_once(client, coordinator, provider_org):
    client.force_login(coordinator)
    page = client.get("/api-clients/new/")
    assert page.status_code == 200
    response = client.post(
        "/api-clients/new/",
        {
            "organisation": provider_org.pk,
            "name": "Cliëntvolgsysteem",
            "scopes": [Scope.REFERRALS_READ, Scope.REFERRALS_WRITE],
            "rate_per_minute": 60,
        },
    )
    assert response.status_code == 200
    api_client = ApiClient.objects.get()
    assert api_client.scopes == ["referrals:read", "referrals:write"]
    assert api_client.service_user.role == "provider_staff"
    assert not api_client.service_user.has_usable_password()
    secret = response.context["new_client_secret"]
    assert secret in response.content.decode()
    assert api_client.client_secret_hash == hash_secret(secret)
    again = client.get(f"/api-clients/{api_client.pk}/")
    assert secret not in again.content.decode()


def test_issue_and_revoke_a_token(client, api, coordinator, provider_org):
    api_client = make_client(coordinator, provider_org, [Scope.REFERRALS_READ])
    client.force_login(coordinator)
    refused = client.post(f"/api-clients/{api_client.pk}/tokens/", {"name": "", "days": 900})
    assert refused.status_code == 400
    assert not ApiToken.objects.exists()
    issued = client.post(f"/api-clients/{api_client.pk}/tokens/", {"name": "productie", "days": 30})
    assert issued.status_code == 200
    secret = issued.context["new_token"].secret
    assert secret in issued.content.decode()
    assert api.get("/api/v1/referrals/", **bearer(secret)).status_code == 200
    token = ApiToken.objects.get(token_hash=hash_secret(secret))
    revoked = client.post(f"/api-clients/{api_client.pk}/tokens/{token.pk}/revoke/")
    assert revoked.status_code == 302
    assert api.get("/api/v1/referrals/", **bearer(secret)).status_code == 401
    detail = client.get(f"/api-clients/{api_client.pk}/")
    assert secret not in detail.content.decode()
    assert token.visible_part in detail.content.decode()


def test_scopes_are_changed_on_the_detail_page(client, api, coordinator, provider_org):
    from .conftest import make_token

    api_client = make_client(coordinator, provider_org, [Scope.REFERRALS_READ])
    token = make_token(coordinator, api_client)
    client.force_login(coordinator)
    response = client.post(
        f"/api-clients/{api_client.pk}/",
        {"scopes": [Scope.TAXONOMY_READ], "rate_per_minute": 10, "is_active": "on"},
    )
    assert response.status_code == 302
    assert api.get("/api/v1/referrals/", **bearer(token)).status_code == 403


def test_only_managers_of_the_region(
    client, coordinator, provider_user, other_region, provider_org
):
    from overstap.accounts.constants import OrganisationKind, Role

    from ..factories import OrganisationFactory, UserFactory

    api_client = make_client(coordinator, provider_org, [Scope.REFERRALS_READ])
    client.force_login(provider_user)
    assert client.get("/api-clients/").status_code == 403
    assert client.get(f"/api-clients/{api_client.pk}/").status_code == 403
    elsewhere = UserFactory(
        username="coord2",
        organisation=OrganisationFactory(region=other_region, kind=OrganisationKind.MOBILITY_TEAM),
        role=Role.COORDINATOR,
    )
    client.force_login(elsewhere)
    assert client.get(f"/api-clients/{api_client.pk}/").status_code == 404
    assert client.post(f"/api-clients/{api_client.pk}/secret/").status_code == 404
