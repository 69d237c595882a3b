"""The national analyst reaches no personal data anywhere (issue #9).

Data-driven over the permission matrix: every URL of the application, opened by a national
analyst seated in the very region of the world's cases, is refused for anything personal and
never shows a person's name or a case number.
"""

from __future__ import annotations

import pytest

from overstap.cases.models import Case

from ..test_permission_matrix import MATRIX, _merge_query, _url, world  # noqa: F401

#: URL namespaces and names that carry personal data (cases, people, referrals, consents,
#: passports, matching per case, the audit log, the partner API on cases and referrals).
PERSONAL = (
    "cases:",
    "passport:",
    "consent:",
    "privacy:",
    "matching:case",
    "api:case_",
    "api:referral_",
    "api:registrations",
    "insights:",
    "frontdoor:request_",
    "frontdoor:case_schemes",
    "network:",
    "api:network:",
    "rapidresponse:",
    "api:rapidresponse:",
)


#: Lists that answer every signed-in user with the part they may see: for this role, none.
EMPTY_LISTS = {"api:case_list"}


def _personal(name: str) -> bool:
    return name.startswith(PERSONAL)


def test_matrix_refuses_every_personal_url_to_the_national_analyst():
    allowed = [
        name
        for name, row in MATRIX.items()
        if _personal(name)
        and name not in EMPTY_LISTS
        and row["national_analyst"] not in (302, 403, 404, 405, "login")
    ]
    assert not allowed, f"personal URLs open to the national analyst: {allowed}"


@pytest.mark.parametrize("name", sorted(n for n in MATRIX if not n.startswith("frontdoor:")))
def test_no_name_or_case_number_reaches_the_national_analyst(client, world, name):  # noqa: F811
    client.force_login(world["users"]["national_analyst"])
    url = _url(name, world["ids"]) + _merge_query(name, world)
    response = client.get(url)
    if name in EMPTY_LISTS:
        assert response.status_code == 200
        assert response.json()["count"] == 0, f"{name} lists something"
    elif _personal(name):
        assert response.status_code in (302, 403, 404, 405), f"{name}: {response.status_code}"
    body = b"".join(response) if response.streaming else response.content  # type: ignore[attr-defined]
    text = body.decode("utf-8", "replace")
    for secret in (
        "Fatima",
        "El Amrani",
        "Kees",
        "Jansen",
        *Case.objects.values_list("number", flat=True),
    ):
        assert secret not in text, f"{name} shows {secret!r} to the national analyst"
