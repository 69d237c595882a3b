"""Partner API clients of the demo region (issue #8). Idempotent: only adds what is missing.

The demo provider's client administration gets a client with the referral scopes, and the
demo employer's vacancy system one with the vacancy scopes. No tokens are made here: a
token is shown once, so the coordinator issues one on the "API clients" page (docs/api.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from overstap.accounts.models import User
from overstap.api import services
from overstap.api.constants import Scope
from overstap.api.models import ApiClient

if TYPE_CHECKING:
    from overstap.accounts.models import Region

CLIENTS = [
    (
        "provider",
        "Cliëntvolgsysteem",
        [Scope.REFERRALS_READ, Scope.REFERRALS_WRITE, Scope.TAXONOMY_READ],
    ),
    ("employer", "Vacaturesysteem", [Scope.VACANCIES_READ, Scope.VACANCIES_WRITE]),
]


def build(region: Region) -> int:
    coordinator = User.objects.filter(username="coordinator", organisation__region=region).first()
    if coordinator is None:
        return 0
    made = 0
    for username, name, scopes in CLIENTS:
        user = User.objects.filter(username=username, organisation__region=region).first()
        if user is None or user.organisation is None:
            continue
        if ApiClient.objects.filter(organisation=user.organisation, name=name).exists():
            continue
        services.create_client(
            actor=coordinator, organisation=user.organisation, name=name, scopes=list(scopes)
        )
        made += 1
    return made
