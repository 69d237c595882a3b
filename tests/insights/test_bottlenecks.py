from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from overstap.accounts.constants import OrganisationKind, Role
from overstap.insights.models import Bottleneck

from ..factories import OrganisationFactory, UserFactory


def _data(**kw):
    data = {
        "category": "privacy",
        "title": "AVG blokkeert terugkoppeling",
        "description": "Zonder toestemming mogen we niets terugkoppelen.",
        "affected_count": "3",
        "status": "open",
        "owner": "",
        "case_numbers": "",
    }
    data.update(kw)
    return data


def test_create_edit_and_link_cases(client, world, case_manager):
    client.force_login(case_manager)
    a, c = world.cases["a"], world.cases["c"]
    response = client.post(reverse("insights:bottleneck_create"), _data(case_numbers=a.number))
    assert response.status_code == 302
    item = Bottleneck.objects.get()
    assert item.region == world.region and item.created_by == case_manager
    assert list(item.cases.all()) == [a]
    assert item.affected_count == 3
    # a case the user cannot see cannot be linked (and its existence is not confirmed)
    response = client.post(
        reverse("insights:bottleneck_edit", args=[item.pk]),
        _data(status="escalated", case_numbers=c.number),
    )
    assert response.status_code == 200
    assert "not yours to see" in response.content.decode()
    response = client.post(
        reverse("insights:bottleneck_edit", args=[item.pk]),
        _data(status="escalated", owner=case_manager.pk),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "escalated" and item.owner == case_manager
    listing = client.get(reverse("insights:bottleneck_list")).content.decode()
    assert "AVG blokkeert terugkoppeling" in listing and "Escalated" in listing


def test_required_fields(client, world, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("insights:bottleneck_create"), _data(title=""))
    assert response.status_code == 200
    assert response.context["form"].errors["title"]


@pytest.mark.parametrize("role", [Role.PROVIDER_STAFF, Role.EMPLOYER_USER, Role.PRIVACY_OFFICER])
def test_other_roles_are_refused(client, world, role):
    org = OrganisationFactory(region=world.region, kind=OrganisationKind.EMPLOYER)
    client.force_login(UserFactory(organisation=org, role=role))
    for url in (
        reverse("insights:bottleneck_list"),
        reverse("insights:bottleneck_create"),
        reverse("insights:bottleneck_export", args=["csv"]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("insights:bottleneck_create"), _data()).status_code == 403
    assert not Bottleneck.objects.exists()


def test_other_region_gets_404(client, world, coordinator, other_region):
    item = Bottleneck.objects.create(
        region=world.region,
        category="finance",
        title="Vertrouwelijk knelpunt",
        description="Y",
        created_by=coordinator,
    )
    rmt = OrganisationFactory(region=other_region, kind=OrganisationKind.MOBILITY_TEAM)
    client.force_login(UserFactory(organisation=rmt, role=Role.COORDINATOR))
    assert client.get(reverse("insights:bottleneck_edit", args=[item.pk])).status_code == 404
    assert (
        client.post(reverse("insights:bottleneck_edit", args=[item.pk]), _data()).status_code == 404
    )
    assert (
        "Vertrouwelijk knelpunt"
        not in client.get(reverse("insights:bottleneck_list")).content.decode()
    )


def test_export_for_the_national_level(client, world, coordinator):
    item = Bottleneck.objects.create(
        region=world.region,
        category="systems",
        title="Geen zicht op vacatures",
        description='=HYPERLINK("x")',
        affected_count=12,
        created_by=coordinator,
    )
    item.cases.add(world.cases["a"])
    client.force_login(coordinator)
    csv = client.get(reverse("insights:bottleneck_export", args=["csv"]))
    text = csv.content.decode("utf-8-sig")
    assert "Geen zicht op vacatures" in text and ";12;" in text
    assert world.cases["a"].number not in text
    assert "'=HYPERLINK" in text  # formulas neutralised
    xlsx = client.get(reverse("insights:bottleneck_export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(2, 2).value == "Geen zicht op vacatures"
    assert sheet.cell(2, 4).value == 12
