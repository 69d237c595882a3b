"""Injection through filters: hostile query strings give 200 or 400 — never a 500, never
more rows than the unfiltered page (TRUST.md "Web security")."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

HOSTILE = [
    "' OR 1=1 --",
    '" OR ""="',
    "%",
    "_",
    "1; DROP TABLE cases_case; --",
    "x" * 5000,
    "-1",
    "99999999999999999999999",
    "abc",
    "\\",
]

# page → (role, the query parameters it reads)
FILTERS = {
    "cases:caseload": ("case_manager", ["q", "route", "status", "page", "sort"]),
    "cases:my_day": ("case_manager", ["page"]),
    "cases:intake_queue": ("coordinator", ["page"]),
    "cases:provider_referrals": ("provider", ["show", "status", "page"]),
    "employers:vacancy_list": ("coordinator", ["text", "q", "occupation", "employer", "page"]),
    "catalogue:offering_list": ("case_manager", ["q", "category", "case", "page"]),
    "taxonomy:browser": ("case_manager", ["q", "kind", "lang"]),
    "taxonomy:occupation_search": ("case_manager", ["q", "lang", "limit", "listbox", "link"]),
    "taxonomy:skill_search": ("case_manager", ["q", "lang", "limit"]),
    "insights:dashboard": ("coordinator", ["date_from", "date_to", "employer", "organisation"]),
    "insights:dashboard_mine": ("case_manager", ["date_from", "date_to"]),
    "insights:report": ("coordinator", ["date_from", "date_to", "organisation"]),
    "insights:budgets": ("coordinator", ["year"]),
    "insights:cost_benefit": ("coordinator", ["date_from", "date_to", "organisation"]),
    "insights:bottleneck_list": ("case_manager", ["status", "category"]),
    "matching:cohort_index": ("case_manager", ["top", "page"]),
}

ROW = re.compile(r"<tr\b|<li class=\"worklist__item")


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_hostile_filters_never_fail_or_widen(client, world, name):
    role, params = FILTERS[name]
    client.force_login(world["users"][role])
    url = reverse(name)
    baseline = client.get(url)
    assert baseline.status_code == 200
    baseline_rows = len(ROW.findall(baseline.content.decode()))
    problems = []
    for param in params:
        for value in HOSTILE:
            response = client.get(url, {param: value})
            if response.status_code not in (200, 400):
                problems.append(f"{param}={value[:30]!r}: {response.status_code}")
                continue
            rows = len(ROW.findall(response.content.decode()))
            if rows > baseline_rows:
                problems.append(f"{param}={value[:30]!r}: {rows} rows > {baseline_rows}")
    # and everything at once
    response = client.get(url, dict.fromkeys(params, "' OR 1=1 --"))
    if response.status_code not in (200, 400):
        problems.append(f"all params: {response.status_code}")
    assert not problems, "\n".join(problems)


def test_caseload_search_with_sql_finds_nothing(client, world):
    client.force_login(world["users"]["case_manager"])
    response = client.get(reverse("cases:caseload"), {"q": "' OR 1=1 --"})
    assert response.status_code == 200
    assert "El Amrani" not in response.content.decode()
