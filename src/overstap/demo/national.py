"""The national view in the demo (issue #9): a national analyst and a second, small region.

``build(region)`` is idempotent: it adds what is missing and changes nothing twice.

* ``national`` (password as every demo user): a national analyst of the Ministry of Social
  Affairs and Employment. A national organisation has a seat (here the demo region) that
  grants no regional access.
* Midden-Brabant: a small second region with its own organisations, routes and a dozen
  participants, so the national page compares more than one region (and shows suppressed
  small numbers).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction

from overstap.accounts.constants import OrganisationKind, Role
from overstap.accounts.models import Organisation, Region, User
from overstap.cases import services
from overstap.cases.constants import OutcomeKind, RouteIntensity, SignalSource
from overstap.cases.models import Case, Route
from overstap.cases.services import RegistrationData
from overstap.demo.builder import DEMO_PASSWORD

NATIONAL_USERNAME = "national"
NATIONAL_ORGANISATION = "Ministerie van Sociale Zaken en Werkgelegenheid"
SECOND_REGION_CODE = "midden-brabant"
SECOND_REGION_NAME = "Midden-Brabant"

_ORGANISATIONS = [
    ("uwv", "UWV Midden-Brabant", OrganisationKind.UWV, ""),
    ("rmt", "Mobiliteitsteam Midden-Brabant", OrganisationKind.MOBILITY_TEAM, ""),
    ("employer", "Textielfabriek Tilburg", OrganisationKind.EMPLOYER, "Industrie"),
    ("employer2", "Distributiecentrum Waalwijk", OrganisationKind.EMPLOYER, "Logistiek"),
]
_USERS = [
    ("coordinator.mb", "Anouk", "Timmermans", "rmt", Role.COORDINATOR),
    ("casemanager.mb", "Bas", "van Gils", "uwv", Role.CASE_MANAGER),
]
#: (first name, last name, employer key, outcome or None)
_PEOPLE = [
    ("Gerrit", "Schellekens", "employer", OutcomeKind.NEW_JOB),
    ("Joke", "van Dongen", "employer", OutcomeKind.NEW_JOB),
    ("Hanneke", "Mutsaers", "employer", OutcomeKind.JOB_WITH_TRAINING),
    ("Ahmet", "Yilmaz", "employer", OutcomeKind.NEW_JOB),
    ("Ria", "de Laat", "employer", OutcomeKind.STOPPED),
    ("Kees", "Verschuren", "employer", OutcomeKind.NEW_JOB),
    ("Marloes", "Brouwers", "employer", None),
    ("Tom", "Hendriks", "employer2", None),
    ("Nadia", "El Idrissi", "employer2", None),
    ("Frank", "Wouters", "employer2", OutcomeKind.NEW_JOB),
    ("Sevda", "Kaya", "employer2", None),
    ("Wim", "van Beek", "employer2", None),
]


def build(region: Region) -> dict[str, int]:
    """The national analyst (seated at ``region``) and the second region. Returns what was
    made now (empty when everything was there)."""
    made: dict[str, int] = {}
    with transaction.atomic():
        password = make_password(DEMO_PASSWORD)
        ministry, _created = Organisation.objects.get_or_create(
            region=region,
            name=NATIONAL_ORGANISATION,
            defaults={"kind": OrganisationKind.NATIONAL, "sector": "Overheid"},
        )
        _user, created = User.objects.get_or_create(
            username=NATIONAL_USERNAME,
            defaults={
                "first_name": "Lieke",
                "last_name": "de Graaf",
                "email": "national@example.org",
                "organisation": ministry,
                "role": Role.NATIONAL_ANALYST,
                "password": password,
            },
        )
        if created:
            made["national_analyst"] = 1
        cases = _second_region(password)
        if cases:
            made["second_region_cases"] = cases
    return made


def _second_region(password: str) -> int:
    second, _created = Region.objects.get_or_create(
        code=SECOND_REGION_CODE, defaults={"name": SECOND_REGION_NAME}
    )
    if Case.objects.filter(region=second).exists():
        return 0
    orgs = {
        key: Organisation.objects.get_or_create(
            region=second, name=name, defaults={"kind": kind, "sector": sector}
        )[0]
        for key, name, kind, sector in _ORGANISATIONS
    }
    users = {}
    for username, first, last, org, role in _USERS:
        users[username], _created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                "organisation": orgs[org],
                "role": role,
                "password": password,
            },
        )
    routes = [
        Route.objects.get_or_create(
            region=second,
            number=number,
            defaults={"name": name, "intensity": intensity},
        )[0]
        for number, name, intensity in (
            (1, "Zelf aan de slag", RouteIntensity.SELF_RELIANT),
            (2, "Snel naar werk", RouteIntensity.SHORT),
            (3, "Intensief traject", RouteIntensity.INTENSIVE),
        )
    ]
    manager = users["casemanager.mb"]
    today = dt.date.today()
    for index, (first, last, employer, outcome) in enumerate(_PEOPLE):
        case = services.register_person(
            actor=manager,
            data=RegistrationData(
                first_name=first,
                last_name=last,
                signal_source=SignalSource.RELEASING_EMPLOYER,
                birth_date=dt.date(1962 + index, 1 + index % 12, 10),
                municipality="Tilburg" if employer == "employer" else "Waalwijk",
                releasing_employer_id=orgs[employer].pk,
            ),
            take_case=True,
        )
        if index % 4 != 3:
            services.triage_case(
                actor=manager, case=case, route=routes[index % 3], rationale="Intakegesprek"
            )
        if outcome is None:
            continue
        data = {"kind": outcome, "date": today}
        if outcome == OutcomeKind.JOB_WITH_TRAINING:
            data["training_name"] = "MBO Zorg en Welzijn"
        if outcome in (OutcomeKind.NEW_JOB, OutcomeKind.JOB_WITH_TRAINING):
            data |= {
                "employer_name": "Zorggroep Tilburg",
                "job_title": "Medewerker",
                "sector": "Zorg",
            }
        else:
            data |= {"stop_reason": "Met pensioen"}
        services.record_outcome(actor=manager, case=case, data=data)
        services.close_case(actor=manager, case=Case.objects.get(pk=case.pk), reason="Afgerond")
    return Case.objects.filter(region=second).count()
