"""The pages a case manager uses all day run a fixed number of queries, however many cases,
contacts, referrals and timeline entries there are (issue #9: query counts bounded by
tests; the load test in benchmarks/load_bench.py measures their time at 100,000 cases)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from overstap.cases.constants import CaseStatus, ContactKind
from overstap.cases.models import Contact
from tests.factories import (
    CaseFactory,
    IntakeFactory,
    OfferingFactory,
    PersonFactory,
    ReferralFactory,
    WorkHistoryEntryFactory,
)

BOUND = 40


def _cases(region, manager, provider, n: int, contacts: int) -> list:
    offering = OfferingFactory(region=region, provider=provider)
    made = []
    for i in range(n):
        person = PersonFactory(region=region, last_name=f"Jansen{i:03d}")
        case = CaseFactory(
            person=person, region=region, case_manager=manager, status=CaseStatus.ACTIVE
        )
        IntakeFactory(case=case)
        WorkHistoryEntryFactory(person=person)
        ReferralFactory(case=case, offering=offering)
        Contact.objects.bulk_create(
            Contact(
                case=case,
                date=timezone.localdate() - dt.timedelta(days=d),
                kind=ContactKind.PHONE,
                summary="gesprek",
                author=manager,
            )
            for d in range(contacts)
        )
        made.append(case)
    return made


def _count(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _pages(client, case) -> dict[str, int]:
    return {
        "caseload": _count(client, reverse("cases:caseload")),
        "search": _count(client, reverse("cases:caseload"), {"q": "Jansen0"}),
        "case detail": _count(client, reverse("cases:case_detail", args=[case.pk])),
        "my day": _count(client, reverse("cases:my_day")),
    }


@pytest.mark.django_db
def test_page_queries_do_not_grow_with_cases_or_contacts(
    client, region, case_manager, provider_org
):
    client.force_login(case_manager)
    small = _cases(region, case_manager, provider_org, 3, contacts=2)
    _pages(client, small[0])  # the first audit write creates the chain head
    few = _pages(client, small[0])
    big = _cases(region, case_manager, provider_org, 60, contacts=25)
    many = _pages(client, big[-1])
    assert many == few, (few, many)
    assert max(many.values()) <= BOUND, many
