"""The demo's national analyst and second region (issue #9): idempotent."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.urls import reverse

from overstap.accounts.constants import Role
from overstap.accounts.models import User
from overstap.cases.models import Case
from overstap.demo import national
from overstap.demo.builder import DEMO_PASSWORD

from ..factories import RegionFactory


def test_build_is_idempotent_and_the_analyst_sees_both_regions(db, client):
    seat = RegionFactory(code="noordoost-brabant", name="Noordoost-Brabant")
    made = national.build(seat)
    assert made == {"national_analyst": 1, "second_region_cases": 12}
    assert national.build(seat) == {}
    assert Case.objects.filter(region__code=national.SECOND_REGION_CODE).count() == 12
    analyst = User.objects.get(username=national.NATIONAL_USERNAME)
    assert analyst.role == Role.NATIONAL_ANALYST
    assert authenticate(username="national", password=DEMO_PASSWORD) == analyst
    client.force_login(analyst)
    home = client.get(reverse("core:home"))
    assert home["Location"] == reverse("national:overview")
    body = client.get(home["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Midden-Brabant" in body and "Noordoost-Brabant" in body
    assert "Schellekens" not in body
