"""Meta-test: every page that shows a person's data writes an audit record naming them.

Walks every URL of the apps that show personal data (from the permission matrix, with its
seeded world), GETs it as each role that may open it, and checks:

* a page about the world's case writes an entry with that person's ``person_ref``;
* any page on which a world person's name appears wrote an entry with their ``person_ref``
  (lists record one ``list`` entry per person shown).
"""

from __future__ import annotations

import pytest
from django.urls import resolve

from overstap.cases.models import Case, Person
from overstap.privacy.models import AuditLogEntry

from ..test_permission_matrix import MATRIX, OK, _merge_query, _url, world  # noqa: F401

APPS = ("cases", "passport", "matching", "privacy", "consent", "insights", "api:matching")

#: Apps whose ``pk`` URL argument is the case: such a page reads the case's person.
CASE_APPS = {"cases", "passport", "matching", "consent"}
#: Pages about the world's case that show no personal data of the person (none today).
NO_PERSONAL_DATA: set[str] = set()


def _pages() -> list[tuple[str, str]]:
    pages = []
    for name, row in sorted(MATRIX.items()):
        if not name.startswith(APPS):
            continue
        for role, expected in row.items():
            if expected == OK and role != "anonymous":
                pages.append((name, role))
    return pages


@pytest.mark.parametrize(("name", "role"), _pages())
def test_pages_with_personal_data_are_audited(client, world, name, role):  # noqa: F811
    case = world["case"]
    queued = Case.objects.get(pk=world["ids"]["queued_pk"])
    # distinctive names, so a generated name cannot appear on a page by chance
    people = {case.person_id: "Xylofoonberg", queued.person_id: "Quokkadijk"}
    for pk, last_name in people.items():
        Person.objects.filter(pk=pk).update(last_name=last_name)
    user = world["users"][role]
    url = _url(name, world["ids"]) + _merge_query(name, world)
    before = AuditLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    html = body.decode(errors="ignore")
    audited = set(
        AuditLogEntry.objects.filter(pk__gt=before, actor=user).values_list("person_ref", flat=True)
    )
    shown = {pk for pk, last_name in people.items() if last_name in html}
    missing = shown - audited
    assert not missing, f"{name} as {role} shows person(s) {missing} without an audit entry"
    about_the_case = (
        resolve(url.split("?")[0]).kwargs.get("pk") == case.pk and name.split(":")[0] in CASE_APPS
    )
    if about_the_case and name not in NO_PERSONAL_DATA:
        assert case.person_id in audited, f"{name} as {role} read the case without an audit entry"
