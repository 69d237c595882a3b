"""Generate a region with realistic volumes (``overstap generate_region``).

For benchmarks and load tests: people, cases, intakes, work history, referrals, outcomes,
follow-ups, contacts and timeline events, bulk-created in batches (100,000 cases take a few
minutes on PostgreSQL). Seeded: the same arguments give the same data. The names are fake
(Faker, nl_NL) and no BSN is generated.

Derived columns are kept the way the services keep them (``refresh_releasing_jobs``), so the
figures on generated data are computed exactly as on real data.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from overstap.accounts.constants import OrganisationKind, Role
from overstap.accounts.models import Organisation, Region, User
from overstap.cases.constants import (
    CaseEventKind,
    CaseStatus,
    ContactKind,
    EducationLevel,
    OutcomeKind,
    ReferralStatus,
    RouteIntensity,
    SignalSource,
)
from overstap.cases.models import (
    Case,
    CaseEvent,
    Contact,
    FollowUp,
    Intake,
    Outcome,
    Person,
    Referral,
    Route,
    WorkHistoryEntry,
)
from overstap.cases.services.derived import refresh_releasing_jobs
from overstap.catalogue.constants import OfferingCategory
from overstap.catalogue.models import Offering
from overstap.core.exceptions import DomainError

EMPLOYER_SECTORS = ["Contractcatering", "Horeca", "Logistiek", "Zorg", "Detailhandel"]
OUTCOME_SECTORS = ["Zorg", "Logistiek", "Beveiliging", "Horeca", "Schoonmaak", "Onderwijs"]
JOB_TITLES = [
    "kok",
    "cateringmedewerker",
    "gastvrouw",
    "locatiemanager",
    "administratief medewerker",
    "afwasser",
]
CONTACT_SUMMARIES = [
    "Telefonisch gesproken over de voortgang.",
    "Gesprek over vacatures in de zorg.",
    "Cv doorgenomen en aangepast.",
    "Afspraak gemaakt voor een werkfit-gesprek.",
]
REFERRAL_STATUSES = [
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.STARTED,
    ReferralStatus.COMPLETED,
    ReferralStatus.COMPLETED,
    ReferralStatus.CANCELLED,
]


#: The 35 labour-market regions (arbeidsmarktregio's) of the Netherlands, for
#: ``generate_regions`` (``overstap generate_region --regions N``).
LABOUR_MARKET_REGIONS = [
    "Groningen",
    "Friesland",
    "Drenthe",
    "Regio Zwolle",
    "Twente",
    "Stedendriehoek en Noordwest Veluwe",
    "Achterhoek",
    "Midden-Gelderland",
    "FoodValley",
    "Rivierenland",
    "Rijk van Nijmegen",
    "Midden-Utrecht",
    "Amersfoort",
    "Flevoland",
    "Gooi en Vechtstreek",
    "Groot Amsterdam",
    "Zaanstreek/Waterland",
    "Noord-Holland Noord",
    "Zuid-Kennemerland en IJmond",
    "Holland Rijnland",
    "Midden-Holland",
    "Haaglanden",
    "Zuid-Holland Centraal",
    "Rijnmond",
    "Drechtsteden",
    "Gorinchem",
    "Zeeland",
    "West-Brabant",
    "Midden-Brabant",
    "Noordoost-Brabant",
    "Helmond-De Peel",
    "Zuidoost-Brabant",
    "Noord-Limburg",
    "Midden-Limburg",
    "Zuid-Limburg",
]


def region_specs(count: int) -> list[tuple[str, str]]:
    """(code, name) of the first ``count`` labour-market regions; beyond 35 the names repeat
    with a number (``Groningen 2``), for load tests larger than the country."""
    from django.utils.text import slugify

    specs = []
    for index in range(count):
        base = LABOUR_MARKET_REGIONS[index % len(LABOUR_MARKET_REGIONS)]
        round_ = index // len(LABOUR_MARKET_REGIONS)
        name = base if round_ == 0 else f"{base} {round_ + 1}"
        specs.append((slugify(name.replace("/", " ")), name))
    return specs


@dataclass
class GeneratedRegion:
    region: Region
    coordinator: User
    case_managers: list[User]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def generate_region(
    *,
    code: str,
    name: str | None = None,
    people: int,
    contacts_per_case: int = 0,
    case_managers: int | None = None,
    seed: int = 6,
    batch: int = 5000,
    progress: Callable[[int, int], None] | None = None,
) -> GeneratedRegion:
    """Create region ``code`` with ``people`` people, one case each.

    ``contacts_per_case`` contacts per case on average (0–2× that, uniformly);
    ``case_managers`` defaults to one per 400 cases (at least 5). Raises ``DomainError`` when
    the region exists. The whole region is one transaction: a failure leaves nothing."""
    if people <= 0:
        raise DomainError("people must be a positive number")
    if Region.objects.filter(code=code).exists():
        raise DomainError(f"The region {code!r} already exists.")
    from faker import Faker

    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    started = time.perf_counter()
    now = timezone.now()
    today = timezone.localdate()
    counts = dict.fromkeys(
        ("people", "cases", "intakes", "jobs", "referrals", "outcomes", "follow_ups", "contacts"),
        0,
    )
    n_managers = case_managers or max(5, people // 400)
    with transaction.atomic():
        region = Region.objects.create(code=code, name=name or f"Regio {code}")
        orgs = {
            kind: Organisation.objects.create(region=region, name=f"{label} {code}", kind=kind)
            for kind, label in (
                (OrganisationKind.UWV, "UWV"),
                (OrganisationKind.MUNICIPALITY, "Gemeente"),
                (OrganisationKind.MOBILITY_TEAM, "Regionaal mobiliteitsteam"),
            )
        }
        employers = [
            Organisation.objects.create(
                region=region,
                name=f"Werkgever {i} {code}",
                kind=OrganisationKind.EMPLOYER,
                sector=sector,
            )
            for i, sector in enumerate(EMPLOYER_SECTORS)
        ]
        providers = [
            Organisation.objects.create(
                region=region,
                name=f"Aanbieder {i} {code}",
                kind=OrganisationKind.SERVICE_PROVIDER,
            )
            for i in range(4)
        ]
        coordinator = User.objects.create(
            username=f"{code}-coordinator",
            first_name="Coördinator",
            last_name=code,
            organisation=orgs[OrganisationKind.MOBILITY_TEAM],
            role=Role.COORDINATOR,
        )
        managers = [
            User.objects.create(
                username=f"{code}-cm-{i}",
                first_name=fake.first_name(),
                last_name=fake.last_name(),
                organisation=orgs[OrganisationKind.UWV if i % 2 else OrganisationKind.MUNICIPALITY],
                role=Role.CASE_MANAGER,
            )
            for i in range(n_managers)
        ]
        routes = [
            Route.objects.create(
                region=region, number=i + 1, name=f"Route {i + 1}", intensity=intensity
            )
            for i, intensity in enumerate(RouteIntensity.values)
        ]
        categories = OfferingCategory.values
        offerings = [
            Offering.objects.create(
                region=region,
                provider=providers[i % len(providers)],
                name=f"Dienst {i}",
                category=categories[i % len(categories)],
                price=Decimal(rng.choice([150, 300, 450, 900, 2500])),
            )
            for i in range(16)
        ]
        education = [e for e in EducationLevel.values if e != EducationLevel.UNKNOWN]
        # case numbers have 20 characters at most: long region codes use the region's id
        prefix = code.upper() if len(code) <= 12 else f"R{region.pk}"
        first_names = [fake.first_name() for _i in range(500)]
        last_names = [fake.last_name() for _i in range(500)]
        for offset in range(0, people, batch):
            size = min(batch, people - offset)
            persons = Person.objects.bulk_create(
                [
                    Person(
                        region=region,
                        first_name=rng.choice(first_names),
                        last_name=rng.choice(last_names),
                        birth_date=today - dt.timedelta(days=rng.randint(19 * 365, 66 * 365)),
                        postcode=f"{rng.randint(5211, 5499)} AB",
                    )
                    for _i in range(size)
                ],
                batch_size=batch,
            )
            cases = []
            for i, person in enumerate(persons):
                employer = employers[rng.randrange(len(employers))] if rng.random() < 0.9 else None
                closed = rng.random() < 0.45
                route = routes[rng.randrange(3)] if rng.random() < 0.8 else None
                manager = managers[rng.randrange(len(managers))]
                cases.append(
                    Case(
                        number=f"{prefix}-{offset + i:07d}",
                        person=person,
                        region=region,
                        status=CaseStatus.CLOSED
                        if closed
                        else rng.choice(
                            [CaseStatus.REGISTERED, CaseStatus.INTAKE, CaseStatus.ACTIVE]
                        ),
                        signal_source=rng.choice(SignalSource.values),
                        releasing_employer=employer,
                        registered_by=manager,
                        registering_organisation=manager.organisation,
                        case_manager=manager,
                        route=route,
                        next_contact_due=today + dt.timedelta(days=rng.randint(-20, 30)),
                    )
                )
            cases = Case.objects.bulk_create(cases, batch_size=batch)
            intakes = [
                Intake(case=c, education_level=rng.choice(education), completed_at=now)
                for c in cases
                if rng.random() < 0.9
            ]
            Intake.objects.bulk_create(intakes, batch_size=batch)
            jobs = [
                WorkHistoryEntry(
                    person_id=c.person_id,
                    employer_name=c.releasing_employer.name if c.releasing_employer else "Elders",
                    job_title=rng.choice(JOB_TITLES),
                    start_year=today.year - rng.randint(0, 30),
                )
                for c in cases
            ]
            WorkHistoryEntry.objects.bulk_create(jobs, batch_size=batch)
            # the services keep Case.releasing_job_* in step; bulk loading calls them itself
            refresh_releasing_jobs(case_ids=[c.pk for c in cases])
            referrals = []
            for c in cases:
                for _j in range(rng.choice([0, 1, 2, 2, 3])):
                    offering = offerings[rng.randrange(len(offerings))]
                    referrals.append(
                        Referral(
                            case=c,
                            offering=offering,
                            provider_id=offering.provider_id,
                            status=rng.choice(REFERRAL_STATUSES),
                            created_by=c.case_manager,
                            cost=offering.price,
                        )
                    )
            Referral.objects.bulk_create(referrals, batch_size=batch)
            placed: list[Outcome] = []
            follow_ups: list[FollowUp] = []
            contacts: list[Contact] = []
            events: list[CaseEvent] = []
            for c in cases:
                events.append(
                    CaseEvent(
                        case=c,
                        kind=CaseEventKind.REGISTERED,
                        actor=c.registered_by,
                        at=now,
                        summary="",
                        data={"signal_source": c.signal_source},
                    )
                )
                for _k in range(rng.randint(0, 2 * contacts_per_case)):
                    contacts.append(
                        Contact(
                            case=c,
                            date=today - dt.timedelta(days=rng.randint(0, 600)),
                            kind=rng.choice(ContactKind.values),
                            summary=rng.choice(CONTACT_SUMMARIES),
                            author=c.case_manager,
                        )
                    )
                if c.status != CaseStatus.CLOSED:
                    continue
                kind = rng.choice(OutcomeKind.values)
                placed.append(
                    Outcome(
                        case=c,
                        kind=kind,
                        date=today - dt.timedelta(days=rng.randint(0, 300)),
                        sector=rng.choice(OUTCOME_SECTORS),
                        changed_sector=rng.random() < 0.6,
                        registered_by=c.case_manager,
                    )
                )
                if kind in (OutcomeKind.NEW_JOB, OutcomeKind.JOB_WITH_TRAINING):
                    follow_ups.extend(
                        FollowUp(
                            case=c,
                            months=months,
                            due_date=today - dt.timedelta(days=rng.randint(-200, 200)),
                            still_in_work=rng.random() < 0.8,
                        )
                        for months in (3, 6, 12)
                    )
            Outcome.objects.bulk_create(placed, batch_size=batch)
            FollowUp.objects.bulk_create(follow_ups, batch_size=batch)
            Contact.objects.bulk_create(contacts, batch_size=batch)
            CaseEvent.objects.bulk_create(events, batch_size=batch)
            for key, n in (
                ("people", len(persons)),
                ("cases", len(cases)),
                ("intakes", len(intakes)),
                ("jobs", len(jobs)),
                ("referrals", len(referrals)),
                ("outcomes", len(placed)),
                ("follow_ups", len(follow_ups)),
                ("contacts", len(contacts)),
            ):
                counts[key] += n
            if progress:
                progress(offset + size, people)
        _spread_registrations(region)
    from overstap.insights import readmodel

    readmodel.rebuild(region_id=region.pk)  # bulk_create sends no signals
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return GeneratedRegion(
        region=region,
        coordinator=coordinator,
        case_managers=managers,
        counts=counts,
        seconds=time.perf_counter() - started,
    )


def generate_regions(
    *,
    count: int,
    people: int,
    contacts_per_case: int = 0,
    seed: int = 6,
    batch: int = 5000,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[list[GeneratedRegion], list[str]]:
    """Create ``count`` labour-market regions (``LABOUR_MARKET_REGIONS``) with ``people``
    people each, one transaction per region. Regions whose code exists are skipped, so an
    interrupted run can be resumed; returns (generated, skipped codes)."""
    if count <= 0:
        raise DomainError("count must be a positive number")
    generated: list[GeneratedRegion] = []
    skipped: list[str] = []
    for index, (code, name) in enumerate(region_specs(count)):
        if Region.objects.filter(code=code).exists():
            skipped.append(code)
            continue
        generated.append(
            generate_region(
                code=code,
                name=name,
                people=people,
                contacts_per_case=contacts_per_case,
                seed=seed + index,
                batch=batch,
                progress=_region_progress(progress, code),
            )
        )
    return generated, skipped


def _region_progress(
    progress: Callable[[str, int, int], None] | None, code: str
) -> Callable[[int, int], None] | None:
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        progress(code, done, total)

    return report


def _spread_registrations(region: Region) -> None:
    """Spread the registrations over two years (``auto_now_add`` set them all to now)."""
    params: list[Any] = [region.pk]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE cases_case SET created_at = created_at - (id %% 730) * interval '1 day'"
                " WHERE region_id = %s",
                params,
            )
        else:
            cursor.execute(
                "UPDATE cases_case SET created_at ="
                " datetime(created_at, '-' || (id %% 730) || ' days') WHERE region_id = %s",
                params,
            )
