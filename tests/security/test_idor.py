"""Guessing ids in URLs (IDOR): a user of another region who walks sequential ids of cases,
referrals, vacancies and passports gets 404 — never the object (TRUST.md "Access control")."""

from __future__ import annotations

import pytest
from django.urls import reverse

from overstap.accounts.constants import OrganisationKind, Role
from overstap.cases.models import Case, Referral
from overstap.employers.models import Vacancy
from overstap.employers.services import VacancyData, create_vacancy

from ..factories import OrganisationFactory, RegionFactory, UserFactory
from ..test_permission_matrix import MATRIX, _url


@pytest.fixture
def outsiders(world):
    elsewhere = RegionFactory(code="rijnmond", name="Rijnmond")

    def org(kind, name):
        return OrganisationFactory(region=elsewhere, name=name, kind=kind)

    users = {
        "case_manager": UserFactory(
            username="x_cm", organisation=org(OrganisationKind.UWV, "UWV R"), role=Role.CASE_MANAGER
        ),
        "coordinator": UserFactory(
            username="x_co",
            organisation=org(OrganisationKind.MOBILITY_TEAM, "RMT Rijnmond"),
            role=Role.COORDINATOR,
        ),
        "provider": UserFactory(
            username="x_p",
            organisation=org(OrganisationKind.SERVICE_PROVIDER, "Coach R"),
            role=Role.PROVIDER_STAFF,
        ),
        "employer": UserFactory(
            username="x_e",
            organisation=org(OrganisationKind.EMPLOYER, "Haven BV"),
            role=Role.EMPLOYER_USER,
        ),
    }
    employer = world["users"]["employer"]
    vacancy = create_vacancy(
        actor=employer,
        employer=employer.organisation,
        data=VacancyData(title="Kok", hours_min=24, hours_max=32),
    )
    return {"users": users, "vacancy": vacancy}


def _guesses(model) -> list[int]:
    """Every id from just below the lowest to just above the highest existing one. (Not
    from 1: on PostgreSQL the sequences keep counting across the rolled-back tests before
    this one, and the range would grow to thousands of ids.)"""
    ids = list(model.objects.values_list("pk", flat=True))
    if not ids:
        return [1, 2]
    return list(range(max(1, min(ids) - 2), max(ids) + 3))


@pytest.mark.parametrize("role", ["case_manager", "coordinator", "provider", "employer"])
def test_sequential_case_ids_are_404(client, world, outsiders, role):
    client.force_login(outsiders["users"][role])
    names = [
        "cases:case_detail",
        "cases:case_plan",
        "cases:case_contacts",
        "cases:case_referrals",
        "passport:case_passport",
        "passport:json",
        "matching:case",
    ]
    leaks = []
    for pk in _guesses(Case):
        for name in names:
            status = client.get(reverse(name, kwargs={"pk": pk})).status_code
            if status not in (403, 404):
                leaks.append(f"{name} pk={pk}: {status}")
    assert not leaks, "\n".join(leaks)


@pytest.mark.parametrize("role", ["case_manager", "coordinator", "provider", "employer"])
def test_sequential_referral_ids_are_404(client, world, outsiders, role):
    client.force_login(outsiders["users"][role])
    leaks = []
    for pk in _guesses(Referral):
        status = client.get(reverse("cases:provider_referral", kwargs={"referral_pk": pk}))
        if status.status_code not in (403, 404):
            leaks.append(f"referral {pk}: {status.status_code}")
    assert not leaks, "\n".join(leaks)


@pytest.mark.parametrize("role", ["case_manager", "coordinator", "employer"])
def test_sequential_vacancy_ids_are_404(client, world, outsiders, role):
    client.force_login(outsiders["users"][role])
    assert Vacancy.objects.filter(pk=outsiders["vacancy"].pk).exists()
    leaks = []
    for pk in _guesses(Vacancy):
        for name in ("employers:vacancy_detail", "employers:vacancy_edit"):
            status = client.get(reverse(name, kwargs={"pk": pk})).status_code
            if status not in (403, 404):
                leaks.append(f"{name} {pk}: {status}")
    assert not leaks, "\n".join(leaks)


def test_every_object_url_of_the_matrix_is_closed_to_another_region(client, world, outsiders):
    """Every URL with an object id in the permission matrix, as the other region's
    coordinator (the widest role there): never a 200."""
    client.force_login(outsiders["users"]["coordinator"])
    leaks = []
    for name in sorted(MATRIX):
        if name.startswith("api") or MATRIX[name]["coordinator_other_region"] == 200:
            continue  # the API has its own tests; shared objects (national schemes) are open
        url = _url(name, world["ids"])
        if not any(ch.isdigit() for ch in url):
            continue
        status = client.get(url).status_code
        if status == 200:
            leaks.append(f"{name} {url}")
    assert not leaks, "\n".join(leaks)
