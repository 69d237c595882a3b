"""Optional OIDC login for partner organisations (mozilla-django-oidc with PKCE S256).
The identity provider is mocked: no network."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from overstap.accounts.models import User
from overstap.accounts.oidc import OverstapOIDCBackend
from overstap.accounts.twofactor import OIDC_MFA_SESSION_KEY

pytestmark = pytest.mark.django_db

AUTHORIZE = "https://idp.example.nl/authorize"


@pytest.fixture
def oidc_on(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "overstap"
    settings.OIDC_RP_CLIENT_SECRET = "not-a-real-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = AUTHORIZE
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example.nl/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example.nl/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example.nl/jwks"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "overstap.accounts.oidc.OverstapOIDCBackend",
    ]
    return settings


@pytest.fixture
def idp(monkeypatch):
    """A fake identity provider: records the token request, returns the given claims."""
    state = {"claims": {"sub": "4711"}, "userinfo": {}, "token_payloads": []}

    def get_token(self, payload):
        state["token_payloads"].append(payload)
        return {"id_token": "header.payload.signature", "access_token": "access"}

    def verify_token(self, token, **kwargs):
        return state["claims"]

    def get_userinfo(self, access_token, id_token, payload):
        return state["userinfo"]

    def no_network(*args, **kwargs):
        raise AssertionError("network access in a test")

    monkeypatch.setattr(OverstapOIDCBackend, "get_token", get_token)
    monkeypatch.setattr(OverstapOIDCBackend, "verify_token", verify_token)
    monkeypatch.setattr(OverstapOIDCBackend, "get_userinfo", get_userinfo)
    monkeypatch.setattr("requests.post", no_network)
    monkeypatch.setattr("requests.get", no_network)
    return state


def _start(client, next_url="/catalogue/"):
    response = client.get(reverse("accounts:oidc_login"), {"next": next_url})
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == AUTHORIZE
    return parse_qs(location.query)


def _callback(client, query):
    return client.get(
        reverse("accounts:oidc_callback"), {"code": "auth-code", "state": query["state"][0]}
    )


def test_disabled_without_configuration(client, db):
    assert client.get(reverse("accounts:oidc_login")).status_code == 404
    assert client.get(reverse("accounts:oidc_callback")).status_code == 404
    assert b"oidc/login" not in client.get(reverse("accounts:login")).content


def test_login_page_shows_the_button_when_enabled(client, oidc_on):
    page = client.get(reverse("accounts:login"))
    assert reverse("accounts:oidc_login").encode() in page.content


def test_authorization_request_uses_pkce_s256(client, oidc_on, idp, case_manager):
    query = _start(client)
    assert query["code_challenge_method"] == ["S256"]
    assert query["client_id"] == ["overstap"]
    case_manager.email = "m.debruyn@uwv.example.nl"
    case_manager.save()
    idp["userinfo"] = {"email": "M.deBruyn@uwv.example.nl"}
    idp["claims"] = {"amr": ["pwd", "mfa"]}
    response = _callback(client, query)
    assert response.status_code == 302 and response["Location"] == "/catalogue/"
    verifier = idp["token_payloads"][0]["code_verifier"]
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    assert query["code_challenge"] == [challenge]
    assert client.session["_auth_user_id"] == str(case_manager.pk)


def test_mfa_asserted_by_the_idp_counts_as_second_factor(client, oidc_on, idp, case_manager):
    oidc_on.OVERSTAP_REQUIRE_2FA = True
    case_manager.email = "cm@uwv.example.nl"
    case_manager.save()
    idp["userinfo"] = {"email": "cm@uwv.example.nl"}
    idp["claims"] = {"amr": ["mfa"]}
    _callback(client, _start(client))
    assert client.session[OIDC_MFA_SESSION_KEY] is True
    assert client.get(reverse("catalogue:offering_list")).status_code == 200


def test_without_mfa_claim_totp_is_still_required(client, oidc_on, idp, case_manager):
    oidc_on.OVERSTAP_REQUIRE_2FA = True
    case_manager.email = "cm@uwv.example.nl"
    case_manager.save()
    idp["userinfo"] = {"email": "cm@uwv.example.nl"}
    idp["claims"] = {"amr": ["pwd"]}
    _callback(client, _start(client))
    assert client.session["_auth_user_id"] == str(case_manager.pk)
    assert OIDC_MFA_SESSION_KEY not in client.session
    response = client.get(reverse("catalogue:offering_list"))
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_setting_never_ignores_the_mfa_claim(client, oidc_on, idp, case_manager):
    oidc_on.OVERSTAP_REQUIRE_2FA = True
    oidc_on.OVERSTAP_OIDC_MFA = "never"
    case_manager.email = "cm@uwv.example.nl"
    case_manager.save()
    idp["userinfo"] = {"email": "cm@uwv.example.nl"}
    idp["claims"] = {"amr": ["mfa"]}
    _callback(client, _start(client))
    assert client.get(reverse("catalogue:offering_list")).status_code == 302


def test_unknown_email_is_refused_without_creating_an_account(client, oidc_on, idp, region):
    idp["userinfo"] = {"email": "stranger@example.nl"}
    idp["claims"] = {"amr": ["mfa"]}
    before = User.objects.count()
    response = _callback(client, _start(client))
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?oidc=failed"
    assert User.objects.count() == before
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert page.context["oidc_failed"]


def test_inactive_account_is_refused(client, oidc_on, idp, case_manager):
    case_manager.email = "cm@uwv.example.nl"
    case_manager.is_active = False
    case_manager.save()
    idp["userinfo"] = {"email": "cm@uwv.example.nl"}
    _callback(client, _start(client))
    assert "_auth_user_id" not in client.session


def test_unverified_email_is_refused(client, oidc_on, idp, case_manager):
    case_manager.email = "cm@uwv.example.nl"
    case_manager.save()
    idp["userinfo"] = {"email": "cm@uwv.example.nl", "email_verified": False}
    _callback(client, _start(client))
    assert "_auth_user_id" not in client.session


def test_auto_creation_when_allowed_gives_no_role(client, oidc_on, idp, region):
    oidc_on.OIDC_CREATE_USER = True
    idp["userinfo"] = {"email": "Nieuw@Partner.example.nl", "given_name": "Noor"}
    idp["claims"] = {"sub": "4711"}
    _callback(client, _start(client))
    user = User.objects.get(email__iexact="nieuw@partner.example.nl")
    assert user.role == ""
    assert user.organisation is None
    assert not user.has_usable_password()
    assert client.session["_auth_user_id"] == str(user.pk)
    # no role: no access to case pages
    assert client.get(reverse("cases:caseload")).status_code == 403


def test_a_forged_state_is_refused(client, oidc_on, idp, case_manager):
    _start(client)
    response = client.get(reverse("accounts:oidc_callback"), {"code": "x", "state": "forged"})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
