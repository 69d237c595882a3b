"""Bearer tokens: valid, expired, revoked, wrong scope, missing; OAuth2 client credentials."""

from __future__ import annotations

import base64

from django.utils import timezone

from overstap.api import services as api_services
from overstap.api.constants import Scope
from overstap.api.models import ApiToken, hash_secret

from .conftest import bearer, expire, form_post, make_client, make_token

REFERRALS = "/api/v1/referrals/"


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    return body


def test_valid_token_is_accepted_and_marks_last_use(api, provider_token, referral_world):
    response = api.get(REFERRALS, **bearer(provider_token))
    assert response.status_code == 200
    token = ApiToken.objects.get(token_hash=hash_secret(provider_token))
    assert token.last_used_at is not None
    assert token.last_used_at <= timezone.now()


def test_only_the_hash_of_a_token_is_stored(provider_token):
    token = ApiToken.objects.get()
    assert token.token_hash == hash_secret(provider_token)
    assert provider_token not in (token.token_hash, token.visible_part, token.name)
    assert provider_token.startswith(token.visible_part)
    assert len(token.visible_part) < len(provider_token) // 3


def test_missing_token_is_401_with_challenge(api, db):
    response = api.get(REFERRALS)
    _problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_unknown_token_is_401(api, db):
    _problem(api.get(REFERRALS, **bearer("ovs_not-a-real-token")), 401)


def test_malformed_header_is_401(api, db):
    _problem(api.get(REFERRALS, HTTP_AUTHORIZATION="Bearer a b"), 401)


def test_expired_token_is_401(api, provider_token):
    expire(provider_token)
    body = _problem(api.get(REFERRALS, **bearer(provider_token)), 401)
    assert "expired" in body["title"]


def test_revoked_token_is_401(api, coordinator, provider_client, provider_token):
    token = ApiToken.objects.get(token_hash=hash_secret(provider_token))
    api_services.revoke_token(actor=coordinator, client=provider_client, token_id=token.pk)
    body = _problem(api.get(REFERRALS, **bearer(provider_token)), 401)
    assert "revoked" in body["title"]


def test_inactive_client_is_401(api, coordinator, provider_client, provider_token):
    api_services.update_client(
        actor=coordinator,
        client=provider_client,
        scopes=provider_client.scopes,
        is_active=False,
        rate_per_minute=100,
    )
    _problem(api.get(REFERRALS, **bearer(provider_token)), 401)
    provider_client.service_user.refresh_from_db()
    assert not provider_client.service_user.is_active


def test_wrong_scope_is_403_problem(api, coordinator, provider_org):
    client = make_client(coordinator, provider_org, [Scope.TAXONOMY_READ])
    body = _problem(api.get(REFERRALS, **bearer(make_token(coordinator, client))), 403)
    assert "referrals:read" in body["title"]


def test_matching_endpoints_need_matching_read(api, coordinator, uwv, db):
    without = make_client(coordinator, uwv, [Scope.CASES_READ], name="a")
    with_scope = make_client(coordinator, uwv, [Scope.MATCHING_READ], name="b")
    url = "/api/v1/matching/cases/999999/vacancies/"
    _problem(api.get(url, **bearer(make_token(coordinator, without))), 403)
    # With the scope the request reaches the view: the case is outside the client's scope.
    assert api.get(url, **bearer(make_token(coordinator, with_scope))).status_code == 404


def test_views_without_a_declared_scope_refuse_tokens(rf, coordinator, uwv):
    from rest_framework.response import Response
    from rest_framework.views import APIView

    class Undeclared(APIView):
        def get(self, request):
            return Response({"ok": True})

    client = make_client(coordinator, uwv, list(Scope.values))
    request = rf.get("/x", **bearer(make_token(coordinator, client)))
    response = Undeclared.as_view()(request)
    assert response.status_code == 403


def test_staff_session_still_works(api, provider_user, referral_world):
    api.force_login(provider_user)
    response = api.get(REFERRALS)
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_oauth_client_credentials(api, coordinator, provider_org, referral_world):
    new = api_services.create_client(
        actor=coordinator, organisation=provider_org, name="OAuth", scopes=[Scope.REFERRALS_READ]
    )
    response = form_post(
        api,
        "/api/v1/oauth/token",
        {
            "grant_type": "client_credentials",
            "client_id": new.client.client_id,
            "client_secret": new.client_secret,
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == "referrals:read"
    assert response["Cache-Control"] == "no-store"
    listed = api.get(REFERRALS, **bearer(body["access_token"]))
    assert listed.status_code == 200
    assert listed.json()["count"] == 1


def test_oauth_basic_auth_and_errors(api, coordinator, provider_org):
    new = api_services.create_client(
        actor=coordinator, organisation=provider_org, name="OAuth", scopes=[Scope.REFERRALS_READ]
    )
    basic = base64.b64encode(f"{new.client.client_id}:{new.client_secret}".encode()).decode()
    ok = form_post(
        api,
        "/api/v1/oauth/token",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert ok.status_code == 200
    wrong = form_post(
        api,
        "/api/v1/oauth/token",
        {
            "grant_type": "client_credentials",
            "client_id": new.client.client_id,
            "client_secret": "x",
        },
    )
    assert wrong.status_code == 401
    assert wrong.json()["error"] == "invalid_client"
    grant = form_post(api, "/api/v1/oauth/token", {"grant_type": "password"})
    assert grant.status_code == 400
    assert grant.json()["error"] == "unsupported_grant_type"
    # A rotated secret stops the old one at once.
    api_services.rotate_client_secret(actor=coordinator, client=new.client)
    old = form_post(
        api,
        "/api/v1/oauth/token",
        {
            "grant_type": "client_credentials",
            "client_id": new.client.client_id,
            "client_secret": new.client_secret,
        },
    )
    assert old.status_code == 401
