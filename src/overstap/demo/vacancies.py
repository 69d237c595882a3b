"""About 300 vacancies of receiving employers in the demo region.

``build(region)`` gives the region's receiving employers realistic vacancies across sectors:
occupations from the demo taxonomy, must-have and nice-to-have skills from the occupation's
essential and optional skills (with some variation), hours, wage bands, contracts, shifts,
1–5 positions, start dates in the coming months; most open, some filled or closed, a few
drafts. Deterministic (fixed seed) and idempotent (external ids ``demo-0001`` …): a second
run creates nothing. Needs the demo taxonomy (``overstap load_demo_taxonomy``).

The texts are demo data in Dutch, not user-interface text.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from overstap.accounts.constants import OrganisationKind
from overstap.accounts.models import Organisation, Region
from overstap.cases.constants import WAGE_BAND_ORDER, ContractType
from overstap.core.exceptions import DomainError
from overstap.demo import content as c
from overstap.employers.constants import Shift, SkillImportance, VacancySource, VacancyStatus
from overstap.employers.models import Vacancy, VacancySkill
from overstap.taxonomy.constants import RelationType
from overstap.taxonomy.models import Occupation, OccupationSkill, Skill

SEED = 20261101
COUNT = 300
MIN_EMPLOYERS = 6
OCCUPATION_URI = "urn:overstap:demo:occupation:"
SKILL_URI = "urn:overstap:demo:skill:"

SECTOR_OCCUPATIONS: dict[str, list[str]] = {
    "security": [
        "beveiliger",
        "beveiliger",
        "winkelsurveillant",
        "evenementenbeveiliger",
        "receptiebeveiliger",
        "meldkamercentralist",
        "mobiele-surveillant",
        "verkeersregelaar",
    ],
    "cleaning": [
        "schoonmaker",
        "schoonmaker",
        "schoonmaker-zorg",
        "glazenwasser",
        "industrieel-reiniger",
        "objectleider-schoonmaak",
        "schoonmaker-ov",
        "autopoetser",
    ],
    "logistics": [
        "orderpicker",
        "orderpicker",
        "magazijnmedewerker",
        "heftruckchauffeur",
        "reachtruckchauffeur",
        "inpakker",
        "retourverwerker",
        "teamleider-magazijn",
        "voorraadbeheerder",
        "vrachtwagenchauffeur",
        "pakketbezorger",
        "logistiek-planner",
        "webshopmedewerker",
        "klantenservicemedewerker",
    ],
    "technical": [
        "elektromonteur",
        "monteur-installatietechniek",
        "warmtepompmonteur",
        "zonnepanelenmonteur",
        "servicemonteur",
        "onderhoudsmonteur",
        "huismeester",
        "productiemedewerker",
        "operator-levensmiddelen",
    ],
    "care": [
        "helpende-zorg",
        "verzorgende-ig",
        "verzorgende-ig",
        "verpleegkundige",
        "thuiszorgmedewerker",
        "begeleider-gehandicaptenzorg",
        "gastvrouw-zorg",
        "medewerker-sterilisatie",
        "baliemedewerker-zorg",
        "pedagogisch-medewerker",
    ],
    "retail": [
        "vakkenvuller",
        "kassamedewerker",
        "verkoopmedewerker",
        "verkoopmedewerker",
        "medewerker-vers",
        "slager",
        "bedrijfsleider-winkel",
        "online-picker",
    ],
    "hospitality": [
        "kok",
        "zelfstandig-werkend-kok",
        "souschef",
        "keukenhulp",
        "afwasser",
        "medewerker-bediening",
        "barmedewerker",
        "barista",
        "gastvrouw",
        "receptionist-hotel",
        "housekeeping",
        "ontbijtmedewerker",
        "medewerker-bedrijfsrestaurant",
    ],
    "administration": [
        "administratief-medewerker",
        "receptionist",
        "financieel-administratief",
        "salarisadministrateur",
        "secretaresse",
        "inkoopmedewerker",
        "planner",
        "medewerker-debiteuren",
    ],
    "ict": [
        "servicedeskmedewerker",
        "systeembeheerder",
        "softwareontwikkelaar",
        "webdeveloper",
        "data-analist",
        "softwaretester",
        "online-marketeer",
    ],
}
#: Jobs every larger employer has besides its core work.
SUPPORT_OCCUPATIONS = [
    "administratief-medewerker",
    "planner",
    "receptionist",
    "servicedeskmedewerker",
    "onderhoudsmonteur",
    "huismeester",
    "klantenservicemedewerker",
]
SECTOR_SHIFTS: dict[str, list[list[str]]] = {
    "security": [["day", "evening", "night", "weekend"], ["evening", "night"], ["day", "weekend"]],
    "cleaning": [["day"], ["evening"], ["day", "evening"], ["day", "weekend"]],
    "logistics": [["day"], ["day", "evening"], ["evening", "night"], ["night"]],
    "technical": [["day"], ["day"], ["day", "evening"]],
    "care": [["day", "evening", "weekend"], ["day", "evening", "night", "weekend"], ["day"]],
    "retail": [["day", "evening", "weekend"], ["day", "weekend"], ["evening"]],
    "hospitality": [["day", "evening", "weekend"], ["evening", "weekend"], ["day"]],
    "administration": [["day"]],
    "ict": [["day"]],
}
#: Organisation.sector (lower case) → sector key.
SECTOR_NAMES = {
    "beveiliging": "security",
    "schoonmaak": "cleaning",
    "logistiek": "logistics",
    "webshop": "logistics",
    "techniek": "technical",
    "installatietechniek": "technical",
    "zorg": "care",
    "detailhandel": "retail",
    "horeca": "hospitality",
    "administratie": "administration",
    "zakelijke dienstverlening": "administration",
    "ict": "ict",
}


@dataclass(frozen=True)
class EmployerSpec:
    sector_key: str
    name: str
    sector: str
    kvk_number: str


#: Receiving employers created when the region has fewer than six (invented names).
EMPLOYERS = [
    EmployerSpec("security", "Secura Beveiliging Oss", "Beveiliging", "17801234"),
    EmployerSpec("cleaning", "Glansrijk Schoonmaakdiensten", "Schoonmaak", "17802345"),
    EmployerSpec("logistics", "Pakketpunt Webshoplogistiek Uden", "Logistiek", "17803456"),
    EmployerSpec(
        "technical", "Installatiebedrijf Van Dijk & Zn", "Installatietechniek", "17804567"
    ),
    EmployerSpec("care", "Thuiszorg De Linde", "Zorg", "17805678"),
    EmployerSpec("retail", "Supermarkt Het Wapen", "Detailhandel", "17806789"),
    EmployerSpec("hospitality", "Eetcafé De Gouden Leeuw", "Horeca", "17807890"),
    EmployerSpec("administration", "Administratiekantoor Meierij", "Administratie", "17808901"),
    EmployerSpec("ict", "Brabant IT Diensten", "ICT", "17809012"),
]

#: (first two digits of the postcode range, lowest, highest, place) in Noordoost-Brabant.
PLACES = [
    (5211, 5237, "'s-Hertogenbosch"),
    (5241, 5249, "Rosmalen"),
    (5261, 5264, "Vught"),
    (5281, 5283, "Boxtel"),
    (5271, 5272, "Sint-Michielsgestel"),
    (5258, 5258, "Berlicum"),
    (5341, 5348, "Oss"),
    (5351, 5351, "Berghem"),
    (5384, 5384, "Heesch"),
    (5401, 5406, "Uden"),
    (5411, 5411, "Zeeland"),
    (5431, 5436, "Cuijk"),
    (5461, 5467, "Veghel"),
    (5481, 5482, "Schijndel"),
    (5491, 5491, "Sint-Oedenrode"),
    (5473, 5473, "Heeswijk-Dinther"),
]
LETTERS = "ABCEGHJKLMNPRTVWXZ"
HOURS = {
    "full": [(36, 40), (38, 38), (32, 40), (36, 36)],
    "large": [(24, 32), (28, 36), (32, 36)],
    "part": [(12, 20), (16, 24), (20, 24), (8, 16)],
}
TITLE_PATTERNS = [
    "{label}",
    "{label}",
    "{label} (m/v)",
    "Ervaren {label}",
    "{label} {hours} uur",
    "Allround {label}",
    "{label} – {place}",
]
OPENINGS = [
    "{employer} zoekt een {label} voor de vestiging in {place}.",
    "Voor ons team in {place} zoeken wij een {label}.",
    "Kom werken als {label} bij {employer} in {place}.",
    "Wij groeien! Daarom zoeken we in {place} een {label}.",
]
MIDDLES = [
    "Je werkt in een hecht team met korte lijnen.",
    "Je krijgt een goede inwerkperiode en een vaste collega als maatje.",
    "Ervaring in een andere sector is welkom: wij leiden je op.",
    "Je werkt zelfstandig en weet van aanpakken.",
    "Je bent klantvriendelijk en houdt van afwisseling.",
    "We bieden opleidingsmogelijkheden en doorgroeikansen.",
]
CLOSINGS = [
    "Reiskostenvergoeding en goede secundaire arbeidsvoorwaarden.",
    "Salaris volgens cao, plus vakantiegeld en pensioenregeling.",
    "Een contract met uitzicht op een vaste aanstelling.",
    "Werken bij een erkend leerbedrijf met aandacht voor ontwikkeling.",
]
EXTRA_MUST = ["dutch-speaking", "punctuality", "teamwork", "driving-licence-b", "safety-awareness"]


def _receiving_employers(region: Region) -> list[tuple[Organisation, str]]:
    """The region's receiving employers with their sector key (creating some when needed)."""
    releasing = {spec.name for spec in c.ORGANISATIONS if spec.key in c.RELEASING_EMPLOYERS}
    employers = list(
        Organisation.objects.filter(region=region, kind=OrganisationKind.EMPLOYER, is_active=True)
        .exclude(name__in=releasing)
        .order_by("name")
    )
    if len(employers) < MIN_EMPLOYERS:
        covered = {SECTOR_NAMES.get(e.sector.strip().lower()) for e in employers}
        for spec in EMPLOYERS:
            if spec.sector_key in covered:
                continue
            organisation, _created = Organisation.objects.get_or_create(
                region=region,
                name=spec.name,
                defaults={
                    "kind": OrganisationKind.EMPLOYER,
                    "sector": spec.sector,
                    "kvk_number": spec.kvk_number,
                },
            )
            employers.append(organisation)
        employers.sort(key=lambda e: e.name)
    return [(e, SECTOR_NAMES.get(e.sector.strip().lower(), "administration")) for e in employers]


def _current(concept: Occupation) -> Occupation:
    """The ESCO twin of a demo occupation after an ESCO import, else the occupation itself."""
    return concept.replaced_by or concept


def _postcode(rng: random.Random) -> tuple[str, str]:
    low, high, place = rng.choice(PLACES)
    number = rng.randint(low, high)
    letters = rng.choice(LETTERS) + rng.choice(LETTERS)
    return f"{number} {letters}", place


def _wage_band(rng: random.Random, occupation: Occupation, hours_max: int) -> str:
    code = occupation.code or (occupation.isco_group.code if occupation.isco_group else "")
    level = code[:1] if code[:1].isdigit() else "5"
    start = {"9": 1, "5": 1, "8": 2, "7": 2, "6": 1, "4": 2, "3": 3, "2": 4, "1": 4}.get(level, 1)
    index = start + rng.choice([0, 0, 1])
    if hours_max < 24:
        index -= 1 + (hours_max < 16)
    index = max(0, min(index, len(WAGE_BAND_ORDER) - 1))
    return WAGE_BAND_ORDER[index]


@transaction.atomic
def build(region: Region) -> int:
    """Create the demo vacancies of ``region``; returns how many were created (0 the 2nd time)."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    keys = sorted(
        {k for keys in SECTOR_OCCUPATIONS.values() for k in keys} | set(SUPPORT_OCCUPATIONS)
    )
    by_uri = {
        o.uri: o
        for o in Occupation.objects.filter(
            uri__in=[OCCUPATION_URI + k for k in keys]
        ).select_related("replaced_by", "replaced_by__isco_group", "isco_group")
    }
    occupations = {
        k: _current(by_uri[OCCUPATION_URI + k]) for k in keys if OCCUPATION_URI + k in by_uri
    }
    if not occupations:
        raise DomainError("Load the demo taxonomy first: overstap load_demo_taxonomy")
    relations: dict[int, dict[str, list[int]]] = {}
    for occupation_id, skill_id, relation in OccupationSkill.objects.filter(
        occupation__in=list(occupations.values())
    ).values_list("occupation_id", "skill_id", "relation"):
        relations.setdefault(occupation_id, {}).setdefault(relation, []).append(skill_id)
    for lists in relations.values():
        for ids in lists.values():
            ids.sort()
    extra_skills = [
        (s.replaced_by or s).pk
        for s in Skill.objects.filter(uri__in=[SKILL_URI + k for k in EXTRA_MUST])
        .select_related("replaced_by")
        .order_by("uri")
    ]
    employers = _receiving_employers(region)
    existing = set(
        Vacancy.objects.filter(region=region, source=VacancySource.DEMO).values_list(
            "employer_id", "external_id"
        )
    )
    vacancies: list[Vacancy] = []
    skill_rows: list[tuple[int, list[tuple[int, SkillImportance]]]] = []
    created_at: list[dt.datetime] = []
    now = timezone.now()
    for number in range(1, COUNT + 1):
        employer, sector = employers[(number - 1) % len(employers)]
        pool = SECTOR_OCCUPATIONS.get(sector, SECTOR_OCCUPATIONS["administration"])
        key = rng.choice(SUPPORT_OCCUPATIONS) if rng.random() < 0.15 else rng.choice(pool)
        occupation = occupations.get(key) or occupations[sorted(occupations)[0]]
        label = occupation.label("nl")
        hours_kind = rng.choices(["full", "large", "part"], weights=[5, 3, 2])[0]
        hours_min, hours_max = rng.choice(HOURS[hours_kind])
        postcode, place = _postcode(rng)
        shifts = rng.choice(SECTOR_SHIFTS.get(sector, [["day"]]))
        contract = rng.choices(
            [
                ContractType.PERMANENT,
                ContractType.FIXED_TERM,
                ContractType.TEMP_AGENCY,
                ContractType.ON_CALL,
            ],
            weights=[35, 40, 15, 10],
        )[0]
        if contract == ContractType.ON_CALL:
            hours_min, hours_max = rng.choice([(4, 16), (8, 24), (6, 20)])
        status = rng.choices(
            [VacancyStatus.OPEN, VacancyStatus.FILLED, VacancyStatus.CLOSED, VacancyStatus.DRAFT],
            weights=[80, 8, 5, 7],
        )[0]
        start = None if rng.random() < 0.15 else today + dt.timedelta(days=rng.randint(7, 150))
        title = rng.choice(TITLE_PATTERNS).format(
            label=label, hours=f"{hours_min}-{hours_max}", place=place
        )
        title = title[:1].upper() + title[1:]
        description = " ".join(
            [
                rng.choice(OPENINGS).format(employer=employer.name, label=label, place=place),
                rng.choice(MIDDLES),
                rng.choice(CLOSINGS),
            ]
        )
        essential = list(relations.get(occupation.pk, {}).get(RelationType.ESSENTIAL, []))
        optional = list(relations.get(occupation.pk, {}).get(RelationType.OPTIONAL, []))
        rng.shuffle(essential)
        rng.shuffle(optional)
        moved = rng.choice([0, 0, 1, 1, 2])  # some essential skills only "nice" here
        must = essential[moved:]
        nice = essential[:moved] + optional[: rng.randint(1, 4)]
        if extra_skills and rng.random() < 0.3:
            extra = rng.choice(extra_skills)
            if extra not in must and extra not in nice:
                must.append(extra)
        external_id = f"demo-{number:04d}"
        days_ago = rng.randint(0, 90)
        other_sectors = rng.random() < 0.85
        positions = rng.choices([1, 2, 3, 4, 5], weights=[45, 25, 15, 8, 7])[0]
        wage = _wage_band(rng, occupation, hours_max)
        if (employer.pk, external_id) in existing:
            continue
        vacancies.append(
            Vacancy(
                employer=employer,
                region=region,
                title=title[:200],
                occupation=occupation,
                description=description,
                hours_min=hours_min,
                hours_max=hours_max,
                wage_band=wage,
                contract_type=contract,
                postcode=postcode,
                place=place,
                shifts=[s for s in Shift.values if s in shifts],
                start_date=start,
                positions=positions,
                status=status,
                open_to_other_sectors=other_sectors,
                source=VacancySource.DEMO,
                external_id=external_id,
            )
        )
        skill_rows.append(
            (
                len(vacancies) - 1,
                [(pk, SkillImportance.MUST) for pk in must]
                + [(pk, SkillImportance.NICE) for pk in nice if pk not in must],
            )
        )
        created_at.append(now - dt.timedelta(days=days_ago, minutes=number))
    Vacancy.objects.bulk_create(vacancies)
    for vacancy, moment in zip(vacancies, created_at, strict=True):
        vacancy.created_at = moment
    Vacancy.objects.bulk_update(vacancies, ["created_at"], batch_size=200)
    links = [
        VacancySkill(vacancy=vacancies[index], skill_id=pk, importance=importance)
        for index, skills in skill_rows
        for pk, importance in dict(skills).items()
    ]
    VacancySkill.objects.bulk_create(links, batch_size=500)
    return len(vacancies)
