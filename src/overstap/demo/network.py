"""The employer network of the demo region (issue #5).

``build(region)`` gives the demo employers a profile (SBI code, size, account manager Sandra
Bosch), locations with postcodes in Noordoost-Brabant, a contact person; adds a technical
installation firm (the only receiving sector the base demo lacks); registers shortages at the
receiving employers for occupations that fit hotel and catering staff, and Hotel De
Zwanenburg's surplus of 40 staff (temporary lending possible). Idempotent: a second run creates
nothing. Needs the demo taxonomy. Texts are demo data in Dutch, not interface text.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from overstap.accounts.constants import OrganisationKind, Role
from overstap.accounts.models import Organisation, Region, User
from overstap.network.models import (
    EmployerContact,
    EmployerEvent,
    EmployerLocation,
    EmployerProfile,
    ShortageLine,
    ShortageRegistration,
    SurplusLine,
    SurplusRegistration,
)
from overstap.taxonomy.models import Occupation

OCCUPATION_URI = "urn:overstap:demo:occupation:"
INSTALLER_NAME = "Installatietechniek Van Grinsven"

#: name -> (SBI code, size class, [(location, postcode, place)], (contact, role))
PROFILES: dict[str, tuple[str, str, list[tuple[str, str, str]], tuple[str, str]]] = {
    "Hotel De Zwanenburg": (
        "5510",
        "medium",
        [("Hotel", "5211 LK", "'s-Hertogenbosch")],
        ("Marloes Verbeek", "HR-manager"),
    ),
    "Cateringgroep Brabant": (
        "5629",
        "large",
        [("Hoofdkantoor", "5223 AB", "'s-Hertogenbosch"), ("Centrale keuken", "5349 AT", "Oss")],
        ("Peter Smulders", "Operationeel manager"),
    ),
    "Smaakmakers Bedrijfscatering": (
        "5629",
        "medium",
        [("Kantoor", "5463 AA", "Veghel")],
        ("Els Hendriks", "P&O-adviseur"),
    ),
    "Beveiligingsgroep Zuid": (
        "8010",
        "large",
        [("Vestiging Den Bosch", "5222 AV", "'s-Hertogenbosch")],
        ("Kevin Aarts", "Recruiter"),
    ),
    "Schoonmaakbedrijf Dommelstroom": (
        "8121",
        "large",
        [("Regiokantoor", "5283 JJ", "Boxtel")],
        ("Sanne Bekkers", "Rayonmanager"),
    ),
    "Logistiek Centrum Veghel": (
        "5210",
        "large",
        [("Distributiecentrum", "5466 AA", "Veghel")],
        ("Tom van Dijk", "HR-adviseur"),
    ),
    "Zorggroep Meierij": (
        "8710",
        "large",
        [("Locatie De Linde", "5482 AB", "Schijndel"), ("Locatie Uden", "5401 AA", "Uden")],
        ("Ingrid Smits", "Teamleider werving"),
    ),
    "Retailgroep Den Bosch": (
        "4711",
        "large",
        [("Winkelcentrum", "5211 HB", "'s-Hertogenbosch")],
        ("Bas Willems", "Regiomanager"),
    ),
    "Brasserie De Markt": (
        "5610",
        "small",
        [("Brasserie", "5211 JV", "'s-Hertogenbosch")],
        ("Joyce Peters", "Eigenaar"),
    ),
    INSTALLER_NAME: (
        "4322",
        "medium",
        [("Werkplaats", "5342 LA", "Oss")],
        ("Frank van Grinsven", "Directeur"),
    ),
}

#: Hotel De Zwanenburg's surplus: 40 people.
HOTEL_SURPLUS = [
    ("receptionist-hotel", 8),
    ("housekeeping", 10),
    ("kok", 6),
    ("medewerker-bediening", 9),
    ("ontbijtmedewerker", 4),
    ("afwasser", 3),
]

#: receiving employer -> (start in days from today, length in days, lines)
SHORTAGES: dict[str, tuple[int, int, list[tuple[str, int]]]] = {
    "Beveiligingsgroep Zuid": (14, 365, [("receptiebeveiliger", 6), ("beveiliger", 8)]),
    "Schoonmaakbedrijf Dommelstroom": (
        7,
        540,
        [("schoonmaker", 10), ("schoonmaker-zorg", 4), ("objectleider-schoonmaak", 1)],
    ),
    "Logistiek Centrum Veghel": (30, 180, [("orderpicker", 12), ("inpakker", 6)]),
    "Zorggroep Meierij": (
        21,
        730,
        [("helpende-zorg", 8), ("gastvrouw-zorg", 4), ("medewerker-sterilisatie", 2)],
    ),
    "Retailgroep Den Bosch": (10, 270, [("verkoopmedewerker", 6), ("kassamedewerker", 4)]),
    INSTALLER_NAME: (30, 365, [("servicemonteur", 3), ("huismeester", 2)]),
}


def _occupation(key: str) -> Occupation | None:
    occupation = (
        Occupation.objects.filter(uri=OCCUPATION_URI + key).select_related("replaced_by").first()
    )
    if occupation is not None and occupation.replaced_by_id is not None:
        return occupation.replaced_by
    return occupation


@transaction.atomic
def build(region: Region) -> int:
    """Create the demo network of ``region``; returns how many registrations were created."""
    today = timezone.localdate()
    account_manager = User.objects.filter(
        username="accountmanager", role=Role.ACCOUNT_MANAGER
    ).first()
    installer, _created = Organisation.objects.get_or_create(
        region=region,
        name=INSTALLER_NAME,
        defaults={
            "kind": OrganisationKind.EMPLOYER,
            "sector": "Installatietechniek",
            "kvk_number": "17789016",
        },
    )
    employers = {
        o.name: o
        for o in Organisation.objects.filter(
            region=region, kind=OrganisationKind.EMPLOYER, name__in=list(PROFILES)
        )
    }
    for name, (sbi, size, locations, contact) in PROFILES.items():
        employer = employers.get(name)
        if employer is None:
            continue
        _profile, created = EmployerProfile.objects.get_or_create(
            organisation=employer,
            defaults={"sbi_code": sbi, "size_class": size, "account_manager": account_manager},
        )
        if not created:
            continue
        for location, postcode, place in locations:
            EmployerLocation.objects.create(
                employer=employer, name=location, postcode=postcode, city=place
            )
        EmployerContact.objects.create(
            employer=employer,
            name=contact[0],
            role=contact[1],
            email=contact[0].lower().replace(" ", ".") + "@example.nl",
        )
        EmployerEvent.objects.create(
            employer=employer,
            kind="profile",
            summary="Profiel aangemaakt (demo).",
            actor=account_manager,
        )
    # Hotel and caterers are not competitors of each other's sector in this demo, but
    # the two contract caterers exclude each other.
    first = employers.get("Cateringgroep Brabant")
    second = employers.get("Smaakmakers Bedrijfscatering")
    if first is not None and second is not None:
        EmployerProfile.objects.get(organisation=first).excluded_employers.add(second)
    created_count = 0
    hotel = employers.get("Hotel De Zwanenburg")
    if hotel is not None and not SurplusRegistration.objects.filter(employer=hotel).exists():
        registration = SurplusRegistration.objects.create(
            employer=hotel,
            reason=(
                "Het hotel sluit na de verkoop van het pand; alle 40 medewerkers van receptie, "
                "housekeeping, keuken en bediening verliezen hun baan."
            ),
            expected_date=today + dt.timedelta(days=45),
            social_plan=True,
            lending_possible=True,
            created_by=account_manager,
        )
        for key, count in HOTEL_SURPLUS:
            occupation = _occupation(key)
            if occupation is not None:
                SurplusLine.objects.create(
                    registration=registration, occupation=occupation, headcount=count
                )
        EmployerEvent.objects.create(
            employer=hotel,
            kind="surplus",
            summary="Boventalligheid van 40 medewerkers geregistreerd (demo).",
            actor=account_manager,
        )
        created_count += 1
    for name, (start, length, lines) in SHORTAGES.items():
        employer = employers.get(name) if name != INSTALLER_NAME else installer
        if employer is None or ShortageRegistration.objects.filter(employer=employer).exists():
            continue
        shortage = ShortageRegistration.objects.create(
            employer=employer,
            period_start=today + dt.timedelta(days=start),
            period_end=today + dt.timedelta(days=start + length),
            open_to_other_sectors=True,
            willing_to_train=name != "Retailgroep Den Bosch",
            created_by=account_manager,
        )
        for key, count in lines:
            occupation = _occupation(key)
            if occupation is not None:
                ShortageLine.objects.create(
                    registration=shortage, occupation=occupation, headcount=count
                )
        EmployerEvent.objects.create(
            employer=employer,
            kind="shortage",
            summary="Personeelstekort geregistreerd (demo).",
            actor=account_manager,
        )
        created_count += 1
    return created_count
