"""What the demo region consists of: organisations, users, routes, offerings and the
Dutch texts the case managers write. Data, not user-interface text: the people and
organisations are invented (any likeness is a coincidence) and stay in Dutch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from overstap.accounts.constants import OrganisationKind, Role
from overstap.cases.constants import RouteIntensity
from overstap.catalogue.constants import FundingSourceCode, OfferingCategory, OfferingKind

REGION_CODE = "noordoost-brabant"
REGION_NAME = "Noordoost-Brabant"

# Keys used by the builder to find organisations.
UWV = "uwv"
MEIERIJSTAD = "meierijstad"
DEN_BOSCH = "den-bosch"
FNV = "fnv"
CNV = "cnv"
WSP = "wsp"
RMT = "rmt"
CAREER = "career"
ROC = "roc"
COACHING = "coaching"
TEMP_AGENCY = "temp-agency"
STARTERS = "starters"
CATERER_1 = "caterer-1"
CATERER_2 = "caterer-2"
HOTEL = "hotel"
SECURITY = "security"
CLEANING = "cleaning"
LOGISTICS = "logistics"
CARE = "care"
RETAIL = "retail"
BRASSERIE = "brasserie"


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    kind: str
    sector: str = ""
    kvk_number: str = ""


ORGANISATIONS = [
    OrganisationSpec(UWV, "UWV Noordoost-Brabant", OrganisationKind.UWV, "Overheid"),
    OrganisationSpec(
        MEIERIJSTAD, "Gemeente Meierijstad", OrganisationKind.MUNICIPALITY, "Overheid"
    ),
    OrganisationSpec(
        DEN_BOSCH, "Gemeente 's-Hertogenbosch", OrganisationKind.MUNICIPALITY, "Overheid"
    ),
    OrganisationSpec(FNV, "FNV", OrganisationKind.UNION),
    OrganisationSpec(CNV, "CNV", OrganisationKind.UNION),
    OrganisationSpec(
        WSP, "Werkgeversservicepunt Noordoost-Brabant", OrganisationKind.EMPLOYER_SERVICE_POINT
    ),
    OrganisationSpec(
        RMT, "Regionaal Mobiliteitsteam Noordoost-Brabant", OrganisationKind.MOBILITY_TEAM
    ),
    # Providers
    OrganisationSpec(
        CAREER,
        "Loopbaanbureau De Koers",
        OrganisationKind.SERVICE_PROVIDER,
        "Loopbaanadvies",
        "71234560",
    ),
    OrganisationSpec(
        ROC, "ROC Maas en Meierij", OrganisationKind.SERVICE_PROVIDER, "Onderwijs", "41098765"
    ),
    OrganisationSpec(
        COACHING,
        "Praktijk Nieuw Perspectief",
        OrganisationKind.SERVICE_PROVIDER,
        "Coaching",
        "80123457",
    ),
    OrganisationSpec(
        TEMP_AGENCY,
        "Uitzendbureau Brabant Werkt",
        OrganisationKind.SERVICE_PROVIDER,
        "Uitzendbranche",
        "62345678",
    ),
    OrganisationSpec(
        STARTERS,
        "Ondernemershuis De Meierij",
        OrganisationKind.SERVICE_PROVIDER,
        "Ondernemersadvies",
        "73456789",
    ),
    # Releasing employers (modelled on the pilot: two contract caterers and a hotel)
    OrganisationSpec(
        CATERER_1,
        "Cateringgroep Brabant",
        OrganisationKind.EMPLOYER,
        "Contractcatering",
        "17012345",
    ),
    OrganisationSpec(
        CATERER_2,
        "Smaakmakers Bedrijfscatering",
        OrganisationKind.EMPLOYER,
        "Contractcatering",
        "16054321",
    ),
    OrganisationSpec(HOTEL, "Hotel De Zwanenburg", OrganisationKind.EMPLOYER, "Horeca", "17098761"),
    # Receiving employers
    OrganisationSpec(
        SECURITY, "Beveiligingsgroep Zuid", OrganisationKind.EMPLOYER, "Beveiliging", "17123450"
    ),
    OrganisationSpec(
        CLEANING,
        "Schoonmaakbedrijf Dommelstroom",
        OrganisationKind.EMPLOYER,
        "Schoonmaak",
        "17234561",
    ),
    OrganisationSpec(
        LOGISTICS, "Logistiek Centrum Veghel", OrganisationKind.EMPLOYER, "Logistiek", "17345672"
    ),
    OrganisationSpec(CARE, "Zorggroep Meierij", OrganisationKind.EMPLOYER, "Zorg", "17456783"),
    OrganisationSpec(
        RETAIL, "Retailgroep Den Bosch", OrganisationKind.EMPLOYER, "Detailhandel", "17567894"
    ),
    OrganisationSpec(
        BRASSERIE, "Brasserie De Markt", OrganisationKind.EMPLOYER, "Horeca", "17678905"
    ),
]

RELEASING_EMPLOYERS = (CATERER_1, CATERER_2, HOTEL)


@dataclass(frozen=True)
class UserSpec:
    username: str
    first_name: str
    last_name: str
    organisation: str
    role: str
    is_staff: bool = False
    is_superuser: bool = False


#: The documented demo logins first, then colleagues the demo needs to act as.
USERS = [
    UserSpec("casemanager", "Marieke", "van den Heuvel", UWV, Role.CASE_MANAGER),
    UserSpec("casemanager2", "Ruud", "Verhoeven", MEIERIJSTAD, Role.CASE_MANAGER),
    UserSpec("accountmanager", "Sandra", "Bosch", WSP, Role.ACCOUNT_MANAGER),
    UserSpec("coordinator", "Joost", "van Lith", RMT, Role.COORDINATOR),
    UserSpec("provider", "Inge", "Koolen", CAREER, Role.PROVIDER_STAFF),
    UserSpec("employer", "Peter", "Smulders", CATERER_1, Role.EMPLOYER_USER),
    UserSpec("admin", "Beheer", "Overstap", RMT, Role.ADMINISTRATOR, True, True),
    UserSpec("privacy", "Fatima", "El Amrani", RMT, Role.PRIVACY_OFFICER),
    # Colleagues (same demo password, not listed on the login page)
    UserSpec("fnv.consulent", "Henk", "Manders", FNV, Role.CASE_MANAGER),
    UserSpec("roc.adviseur", "Yvonne", "Hermens", ROC, Role.PROVIDER_STAFF),
    UserSpec("coach", "Lotte", "de Wit", COACHING, Role.PROVIDER_STAFF),
    UserSpec("uitzend.intercedent", "Mo", "Bakkali", TEMP_AGENCY, Role.PROVIDER_STAFF),
    UserSpec("starters.adviseur", "Wim", "Raaijmakers", STARTERS, Role.PROVIDER_STAFF),
]

#: the logins on the login page and in the README; the last two come from demo/national.py
DOCUMENTED_LOGINS = [u.username for u in USERS[:8]] + ["national", "coordinator.mb"]


@dataclass(frozen=True)
class RouteSpec:
    number: int
    name: str
    intensity: str
    description: str


ROUTES = [
    RouteSpec(
        1,
        "Zelfredzaam",
        RouteIntensity.SELF_RELIANT,
        "Voor wie goed zelf de weg vindt naar ander werk. De deelnemer zoekt op eigen kracht; "
        "de casemanager biedt een loopbaantest of talentenscan en is bereikbaar voor vragen.",
    ),
    RouteSpec(
        2,
        "Korte dienstverlening en directe bemiddeling",
        RouteIntensity.SHORT,
        "Voor wie met een korte training (cv, sollicitatie, LinkedIn) en directe bemiddeling "
        "naar vacatures snel ander werk kan vinden. Contact minstens eens per twee weken.",
    ),
    RouteSpec(
        3,
        "Maatwerk",
        RouteIntensity.INTENSIVE,
        "Intensieve ondersteuning op maat voor wie meer nodig heeft: coaching, rouwverwerking "
        "bij baanverlies, scholing of omscholing naar een kansberoep, en persoonlijke "
        "begeleiding naar werk.",
    ),
]


@dataclass(frozen=True)
class OfferingSpec:
    key: str
    provider: str
    name: str
    category: str
    description: str
    price: Decimal
    duration: str
    funding: tuple[str, ...]
    capacity: int | None = None
    kind: str = OfferingKind.SINGLE
    target_group: str = "Werknemers die met ontslag bedreigd zijn"
    location: str = ""
    online: bool = False


F = FundingSourceCode
OFFERINGS = [
    OfferingSpec(
        "talent_scan",
        CAREER,
        "Talentenscan",
        OfferingCategory.TALENT_SCAN,
        "Online vragenlijst en een gesprek met een loopbaanadviseur: welke talenten en "
        "drijfveren heb je, en in welk werk komen die tot hun recht?",
        Decimal("450.00"),
        "3 weken, 2 gesprekken",
        (F.REGIONAL_BUDGET, F.SOCIAL_PLAN),
        20,
        location="'s-Hertogenbosch",
    ),
    OfferingSpec(
        "career_test",
        CAREER,
        "Loopbaan- en interessetest",
        OfferingCategory.CAREER_TEST,
        "Beroepsinteressetest met een nagesprek. Je krijgt een rapport met beroepen en "
        "sectoren die bij je interesses passen.",
        Decimal("195.00"),
        "2 weken",
        (F.REGIONAL_BUDGET, F.UWV),
        None,
        online=True,
    ),
    OfferingSpec(
        "grief",
        COACHING,
        "Rouwverwerking bij baanverlies",
        OfferingCategory.GRIEF_COACHING,
        "Groepstraining voor wie na lange tijd afscheid moet nemen van werk en collega's. "
        "Ruimte voor verlies en boosheid, en weer vooruit kijken.",
        Decimal("600.00"),
        "5 bijeenkomsten van 2,5 uur",
        (F.REGIONAL_BUDGET, F.SOCIAL_PLAN),
        12,
        location="Veghel",
    ),
    OfferingSpec(
        "cv",
        CAREER,
        "Training cv en sollicitatiebrief",
        OfferingCategory.APPLICATION_TRAINING,
        "Je maakt een sterk cv en leert een sollicitatiebrief schrijven die opvalt. "
        "Met oefengesprekken.",
        Decimal("250.00"),
        "3 dagdelen",
        (F.REGIONAL_BUDGET, F.UWV),
        16,
        location="'s-Hertogenbosch",
    ),
    OfferingSpec(
        "linkedin",
        CAREER,
        "LinkedIn en sociale media voor werkzoekenden",
        OfferingCategory.LINKEDIN_TRAINING,
        "Een goed profiel, je netwerk laten weten dat je zoekt, en vacatures vinden via "
        "sociale media.",
        Decimal("150.00"),
        "2 dagdelen",
        (F.REGIONAL_BUDGET,),
        16,
        online=True,
    ),
    OfferingSpec(
        "pitch",
        CAREER,
        "Pitchvideo maken",
        OfferingCategory.PITCH_VIDEO,
        "Je vertelt in één minuut wie je bent en wat je zoekt. Wij filmen en monteren; "
        "je gebruikt de video bij sollicitaties en op LinkedIn.",
        Decimal("300.00"),
        "1 dagdeel",
        (F.REGIONAL_BUDGET,),
        10,
    ),
    OfferingSpec(
        "zzp",
        STARTERS,
        "Starten als zelfstandig ondernemer",
        OfferingCategory.SELF_EMPLOYMENT,
        "Ondernemingsplan, financiën, KvK-inschrijving en de eerste klanten, met een "
        "ervaren ondernemer als coach.",
        Decimal("750.00"),
        "3 maanden",
        (F.MUNICIPALITY, F.REGIONAL_BUDGET),
        8,
        location="Veghel",
    ),
    OfferingSpec(
        "mbo_security",
        ROC,
        "Mbo Beveiliger 2",
        OfferingCategory.TRAINING,
        "Erkende opleiding tot beveiliger (niveau 2), combineerbaar met werk bij een "
        "beveiligingsbedrijf (bbl).",
        Decimal("2450.00"),
        "6 maanden",
        (F.SECTOR_FUND, F.TRAINING_BUDGET),
        16,
        OfferingKind.TRAJECTORY,
        location="'s-Hertogenbosch",
    ),
    OfferingSpec(
        "mbo_logistics",
        ROC,
        "Mbo Logistiek medewerker (niveau 2)",
        OfferingCategory.TRAINING,
        "Opleiding tot logistiek medewerker met heftruckcertificaat en stage in een "
        "distributiecentrum.",
        Decimal("2100.00"),
        "8 maanden",
        (F.TRAINING_BUDGET, F.REGIONAL_BUDGET),
        16,
        OfferingKind.TRAJECTORY,
        location="Veghel",
    ),
    OfferingSpec(
        "mbo_care",
        ROC,
        "Mbo Helpende zorg en welzijn (niveau 2)",
        OfferingCategory.TRAINING,
        "Leren en werken in de zorg: vier dagen werken bij een zorgorganisatie, één dag "
        "naar school (bbl).",
        Decimal("3200.00"),
        "12 maanden",
        (F.SECTOR_FUND, F.REGIONAL_BUDGET),
        12,
        OfferingKind.TRAJECTORY,
        "Zij-instromers in de zorg",
        "Oss",
    ),
    OfferingSpec(
        "evc",
        ROC,
        "EVC-traject horeca en facilitaire dienstverlening",
        OfferingCategory.EVC,
        "Je ervaring uit de keuken en de bediening omgezet in een erkend ervaringscertificaat, "
        "zodat je sneller een diploma haalt.",
        Decimal("1150.00"),
        "3 maanden",
        (F.SECTOR_FUND, F.SOCIAL_PLAN),
        10,
    ),
    OfferingSpec(
        "jobhunting",
        TEMP_AGENCY,
        "Jobhunting en directe bemiddeling",
        OfferingCategory.JOB_HUNTING,
        "Een intercedent zoekt actief naar passende vacatures in de regio, ook in andere "
        "sectoren, en stelt je voor aan werkgevers.",
        Decimal("900.00"),
        "tot plaatsing, maximaal 3 maanden",
        (F.REGIONAL_BUDGET, F.UWV),
        25,
    ),
    OfferingSpec(
        "coaching",
        COACHING,
        "Loopbaancoaching op maat",
        OfferingCategory.COACHING,
        "Persoonlijke coaching: wat wil en kan je, wat houdt je tegen, en welke stappen "
        "zet je naar ander werk?",
        Decimal("1250.00"),
        "3 maanden, 6 gesprekken",
        (F.SOCIAL_PLAN, F.REGIONAL_BUDGET),
        15,
        OfferingKind.TRAJECTORY,
    ),
]

#: Job titles at the releasing employers (operational staff far outnumber staff functions).
JOB_TITLES = [
    ("kok", 8, "Horeca (koksopleiding)"),
    ("souschef", 3, "Horeca (koksopleiding)"),
    ("cateringmedewerker", 10, "Facilitaire dienstverlening"),
    ("gastvrouw", 5, "Horeca en toerisme"),
    ("medewerker bediening", 5, "Horeca en toerisme"),
    ("afwasser", 3, ""),
    ("receptionist", 3, "Horeca en toerisme"),
    ("locatiemanager", 2, "Facility management"),
    ("administratief medewerker", 2, "Administratie"),
    ("accountmanager", 1, "Commerciële economie"),
    ("medewerker marketing en communicatie", 1, "Communicatie"),
]

#: (postcode prefix range, municipality) in Noordoost-Brabant.
POSTCODE_AREAS = [
    (5211, 5237, "'s-Hertogenbosch"),
    (5461, 5469, "Meierijstad"),
    (5481, 5482, "Meierijstad"),
    (5491, 5492, "Meierijstad"),
    (5341, 5353, "Oss"),
    (5401, 5406, "Maashorst"),
    (5281, 5283, "Boxtel"),
    (5261, 5264, "Vught"),
    (5251, 5253, "Heusden"),
    (5371, 5374, "Oss"),
]


@dataclass(frozen=True)
class OutcomeSpec:
    kind: str
    employer_key: str = ""
    employer_name: str = ""
    job_title: str = ""
    sector: str = ""
    changed_sector: bool | None = None
    contract_type: str = ""
    hours: int | None = None
    wage_band: str = ""
    wage_compared: str = ""
    training_name: str = ""
    stop_reason: str = ""
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)


CONTACT_SUMMARIES = [
    "Voortgang besproken. Deelnemer heeft twee vacatures bekeken en reageert op één ervan.",
    "Telefonisch contact: het gaat goed, de training is begonnen en bevalt.",
    "Samen het cv doorgenomen en aangescherpt op werkervaring in de keuken.",
    "Wandelgesprek: deelnemer twijfelt tussen zorg en logistiek. Meeloopdag geregeld.",
    "Gesprek over de onzekerheid na de aankondiging van de reorganisatie. Veel emotie; "
    "afgesproken de training rouwverwerking aan te bieden.",
    "Vacatures uit het netwerk van de casemanager doorgestuurd; deelnemer belt zelf.",
    "Sollicitatiegesprek voorbereid; deelnemer is uitgenodigd bij een werkgever in de regio.",
    "Afspraak verzet op verzoek van deelnemer (ziek kind). Nieuwe afspraak gepland.",
    "Terugkoppeling talentenscan besproken: sterk in plannen en klantcontact.",
    "Per e-mail de stand van zaken gevraagd; deelnemer is druk met de opleiding.",
    "Videogesprek met deelnemer en intercedent over een proefplaatsing.",
    "Besproken wat het nieuwe salaris betekent ten opzichte van het oude loon.",
]

MOTIVATIONS = [
    "Wil graag aan het werk blijven en niet in de WW terechtkomen.",
    "Wil na ruim twintig jaar in de catering iets nieuws proberen, liefst met mensen.",
    "Zoekt zekerheid: een vast contract en vergelijkbare uren.",
    "Wil in de buurt blijven werken en heeft geen rijbewijs.",
    "Staat open voor omscholing als het uitzicht geeft op een vaste baan.",
    "Wil in de horeca blijven, maar met meer regelmaat in de werktijden.",
]

WISHES = [
    "Werk in de zorg of het onderwijs, overdag.",
    "Een functie als kok in een instelling of bedrijfsrestaurant.",
    "Iets in de logistiek of de productie, in ploegendienst mag.",
    "Klantcontact, bijvoorbeeld in een winkel of aan een balie.",
    "Leidinggeven aan een klein team.",
    "Administratief werk, parttime.",
]

CONSTRAINTS = [
    "Geen avond- en weekenddiensten vanwege mantelzorg.",
    "Maximaal 30 minuten reizen met de fiets of het openbaar vervoer.",
    "Rugklachten: geen zwaar tilwerk.",
    "",
    "",
    "Moet minimaal 32 uur werken om rond te komen.",
]

NETWORKS = [
    "Groot netwerk in de horeca in Den Bosch; kent veel oud-collega's.",
    "Weinig netwerk buiten het werk; actief in de voetbalclub.",
    "Vrijwilliger bij de voedselbank; kent mensen in de zorg.",
    "Partner werkt in de logistiek in Veghel.",
]

PRIVATE_CIRCUMSTANCES = [
    "Zorgt voor een ouder met dementie.",
    "Alleenstaande ouder van twee schoolgaande kinderen.",
    "Net hersteld van een operatie; belastbaarheid wordt opgebouwd.",
    "Schulden door een eerdere scheiding; loopt een traject bij schuldhulp.",
]

TRIAGE_RATIONALES = {
    1: [
        "Goede kansen op de arbeidsmarkt, zoekt actief en heeft een sterk netwerk.",
        "Heeft al gesprekken lopen; een loopbaantest helpt bij de keuze.",
    ],
    2: [
        "Gemotiveerd en inzetbaar; heeft hulp nodig bij cv en zoeken in andere sectoren.",
        "Korte ondersteuning bij solliciteren en directe bemiddeling naar vacatures.",
    ],
    3: [
        "Lang bij één werkgever, weinig sollicitatie-ervaring, emotioneel geraakt door het "
        "ontslag. Maatwerk met coaching en mogelijk omscholing.",
        "Laagopgeleid en beperkte digitale vaardigheden; intensieve begeleiding en scholing "
        "naar een kansberoep nodig.",
    ],
}

GOALS = [
    "Binnen drie maanden een passende baan, liefst in vaste dienst.",
    "Een keuze maken tussen omscholing naar de zorg of de logistiek.",
    "Een actueel cv en een LinkedIn-profiel.",
    "Het ontslag een plek geven en weer vooruit kijken.",
    "Startkwalificatie halen via een mbo-opleiding.",
]

ACTIONS = [
    ("Cv bijwerken en naar de casemanager sturen", True),
    ("Drie vacatures per week bekijken en er één kiezen", True),
    ("Meeloopdag regelen bij Zorggroep Meierij", False),
    ("Aanmelden voor de opleiding bij ROC Maas en Meierij", True),
    ("Werkgevers in de logistiek benaderen via het werkgeversservicepunt", False),
    ("Transitievergoeding en sociaal plan uitzoeken", False),
    ("Proefplaatsing bespreken met de intercedent", False),
]

CLOSE_REASONS = {
    "new_job": "Deelnemer is aan het werk; traject afgerond.",
    "job_with_training": "Deelnemer werkt en volgt een opleiding; traject afgerond.",
    "training": "Deelnemer is met een opleiding gestart; begeleiding overgedragen aan de school.",
    "stayed": "Deelnemer blijft bij de werkgever op een andere locatie.",
    "stopped": "Deelnemer is gestopt met het traject.",
    "self_employed": "Deelnemer is gestart als zelfstandige.",
}
