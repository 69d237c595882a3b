from __future__ import annotations

import pytest

from overstap.accounts.constants import OrganisationKind, Role

from .factories import OrganisationFactory, RegionFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _no_second_factor_or_lockout(settings):
    """Tests log in with force_login/client.login: no 2FA step, no django-axes request check.
    tests/accounts and tests/security switch these on where they test them (ADR 0008)."""
    settings.OVERSTAP_REQUIRE_2FA = False
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _figures_not_reused(settings):
    """Dashboards are computed on every request in tests (tests/insights/test_readmodel.py
    tests the reuse)."""
    settings.OVERSTAP_FIGURES_CACHE_SECONDS = 0


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
    return OrganisationFactory(
        region=region, name="Gemeente Meierijstad", kind=OrganisationKind.MUNICIPALITY
    )


@pytest.fixture
def provider_org(region):
    return OrganisationFactory(
        region=region, name="Loopbaan BV", kind=OrganisationKind.SERVICE_PROVIDER
    )


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


# --- No personal data or secrets in logs -------------------------------------------------
import logging  # noqa: E402
import re  # noqa: E402

from overstap.core.validators import is_valid_bsn  # noqa: E402

from .factories import PASSWORD  # noqa: E402

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
_SECRETS = re.compile(r"sessionid|csrftoken=|" + re.escape(PASSWORD) + "|overstap-demo", re.I)


class _LeakDetector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] in {"factory", "faker"}:  # test tooling, not the app
            return
        try:
            text = record.getMessage()
        except Exception:  # pragma: no cover - a broken log call is not our concern here
            return
        if any(is_valid_bsn(m) for m in _NINE_DIGITS.findall(text)) or _SECRETS.search(text):
            self.leaks.append(f"{record.name}: {text[:200]}")


@pytest.fixture(autouse=True)
def no_secrets_in_logs():
    """Fail any test during which a BSN, password or session id reaches a log record."""
    detector = _LeakDetector()
    root = logging.getLogger()
    root.addHandler(detector)
    previous = root.level
    root.setLevel(logging.DEBUG)
    try:
        yield detector
    finally:
        root.removeHandler(detector)
        root.setLevel(previous)
    if detector.leaks:
        pytest.fail("Sensitive data in logs:\n" + "\n".join(detector.leaks))


@pytest.fixture
def english_ui(client):
    """Pages and services in English, for tests that assert English message ids (the UI is
    Dutch by default and the Dutch catalogue is complete)."""
    from django.utils import translation

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
