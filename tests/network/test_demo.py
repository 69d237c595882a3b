"""The demo network: hotel surplus of 40, shortages that fit hotel staff, idempotent."""

from __future__ import annotations

import pytest

from overstap.accounts.constants import OrganisationKind, Role
from overstap.demo import network as demo
from overstap.network import scoring, selectors
from overstap.network.models import EmployerProfile, ShortageRegistration, SurplusRegistration

from ..factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_region(region):
    from overstap.taxonomy.services import load_demo_taxonomy

    load_demo_taxonomy()
    for name, sector in (
        ("Hotel De Zwanenburg", "Horeca"),
        ("Cateringgroep Brabant", "Contractcatering"),
        ("Smaakmakers Bedrijfscatering", "Contractcatering"),
        ("Beveiligingsgroep Zuid", "Beveiliging"),
        ("Schoonmaakbedrijf Dommelstroom", "Schoonmaak"),
        ("Logistiek Centrum Veghel", "Logistiek"),
        ("Zorggroep Meierij", "Zorg"),
        ("Retailgroep Den Bosch", "Detailhandel"),
    ):
        OrganisationFactory(region=region, name=name, kind=OrganisationKind.EMPLOYER, sector=sector)
    wsp = OrganisationFactory(
        region=region, name="WSP", kind=OrganisationKind.EMPLOYER_SERVICE_POINT
    )
    UserFactory(username="accountmanager", organisation=wsp, role=Role.ACCOUNT_MANAGER)
    return region


def test_build_once(demo_region):
    assert demo.build(demo_region) == 7
    hotel = SurplusRegistration.objects.get(employer__name="Hotel De Zwanenburg")
    assert hotel.total_headcount == 40 and hotel.lending_possible
    assert ShortageRegistration.objects.count() == 6
    assert ShortageRegistration.objects.filter(employer__name=demo.INSTALLER_NAME).exists()
    profiles = EmployerProfile.objects.filter(account_manager__username="accountmanager")
    assert profiles.count() == 9
    assert demo.build(demo_region) == 0
    assert EmployerProfile.objects.count() == 9


def test_hotel_staff_find_receiving_employers(demo_region):
    demo.build(demo_region)
    hotel = SurplusRegistration.objects.get(employer__name="Hotel De Zwanenburg")
    pairs = scoring.rank_pairs(hotel, selectors.open_shortage_lines(demo_region.pk))
    assert len(pairs) > 10
    best_for = {}
    for pair in pairs:
        best_for.setdefault(pair.surplus_line.occupation.label_en, pair)
    # Front-office staff go to front-office jobs, room attendants to cleaning.
    best_receptionist = best_for["hotel receptionist"].shortage_line.occupation.label_en
    assert best_receptionist in {"security receptionist", "cashier"}
    assert best_for["room attendant"].shortage_line.occupation.label_en == "cleaner"
    assert all(p.components[0].value >= 0.05 for p in pairs)
    assert pairs[0].components[0].value > 0.2
