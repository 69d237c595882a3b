"""Build and remove the demo region.

Everything a case worker would do goes through ``overstap.cases.services`` (so the
timelines and the audit log are real); afterwards the builder moves each step back to the
day it "happened" with queryset ``update()`` calls, so the region looks like a year of work.
The audit log itself is append-only and hash-chained: its entries keep the time the demo
was loaded.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, cast

from django.contrib.auth.hashers import make_password
from django.db import connections, models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from faker import Faker

from overstap.accounts.models import Organisation, Region, User
from overstap.accounts.views import DEMO_PASSWORD
from overstap.cases import services
from overstap.cases.constants import (
    ContactKind,
    ContractType,
    DigitalSkills,
    EducationLevel,
    OutcomeKind,
    ReferralStatus,
    SignalSource,
    WageBand,
    WageComparison,
)
from overstap.cases.models import (
    Case,
    CaseEvent,
    FollowUp,
    Outcome,
    Person,
    Referral,
    ReferralUpdate,
    Route,
)
from overstap.catalogue.models import FundingSource, Offering
from overstap.core.exceptions import DomainError
from overstap.demo import content as c
from overstap.demo.content import OutcomeSpec

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_REGION_CODE",
    "DemoSummary",
    "build_demo",
    "delete_demo",
    "demo_region_exists",
]

DEMO_REGION_CODE = c.REGION_CODE
#: Fixed seed: the same demo every time (names, ages, jobs, which steps happened).
SEED = 20200901

#: How many participants are in which state. 60 in total.
SCENARIOS: list[tuple[str, int]] = [
    ("queue", 5),  # registered, waiting in the intake queue (no case manager)
    ("assigned", 2),  # case manager assigned, intake not started
    ("intake_draft", 3),  # intake saved as draft
    ("intake_done", 3),  # intake completed, not yet triaged
    ("route1", 5),
    ("route2", 11),
    ("route3", 8),
    ("mediation", 2),  # long trajectory, outcome "still in mediation"
    ("placed_open", 6),  # placed in work, case still open for follow-up
    ("closed", 15),
]

_NEW_JOBS = [
    OutcomeSpec(
        OutcomeKind.NEW_JOB,
        c.SECURITY,
        "Beveiligingsgroep Zuid",
        "beveiliger",
        "Beveiliging",
        True,
        ContractType.FIXED_TERM,
        36,
        WageBand.FROM_2500,
        WageComparison.SAME,
    ),
    OutcomeSpec(
        OutcomeKind.NEW_JOB,
        c.CLEANING,
        "Schoonmaakbedrijf Dommelstroom",
        "ploegleider schoonmaak",
        "Schoonmaak",
        True,
        ContractType.PERMANENT,
        32,
        WageBand.FROM_2000,
        WageComparison.LOWER,
    ),
    OutcomeSpec(
        OutcomeKind.NEW_JOB,
        c.LOGISTICS,
        "Logistiek Centrum Veghel",
        "orderpicker",
        "Logistiek",
        True,
        ContractType.TEMP_AGENCY,
        38,
        WageBand.FROM_2000,
        WageComparison.SAME,
    ),
    OutcomeSpec(
        OutcomeKind.NEW_JOB,
        c.CARE,
        "Zorggroep Meierij",
        "medewerker keuken en voeding",
        "Zorg",
        True,
        ContractType.PERMANENT,
        28,
        WageBand.FROM_2500,
        WageComparison.HIGHER,
    ),
    OutcomeSpec(
        OutcomeKind.NEW_JOB,
        c.RETAIL,
        "Retailgroep Den Bosch",
        "verkoopmedewerker",
        "Detailhandel",
        True,
        ContractType.FIXED_TERM,
        24,
        WageBand.BELOW_2000,
        WageComparison.LOWER,
    ),
    OutcomeSpec(
        OutcomeKind.NEW_JOB,
        c.BRASSERIE,
        "Brasserie De Markt",
        "kok",
        "Horeca",
        False,
        ContractType.PERMANENT,
        38,
        WageBand.FROM_2500,
        WageComparison.SAME,
    ),
    OutcomeSpec(
        OutcomeKind.NEW_JOB,
        c.BRASSERIE,
        "Brasserie De Markt",
        "medewerker bediening",
        "Horeca",
        False,
        ContractType.FIXED_TERM,
        30,
        WageBand.FROM_2000,
        WageComparison.SAME,
    ),
    OutcomeSpec(
        OutcomeKind.NEW_JOB,
        "",
        "Gemeente 's-Hertogenbosch",
        "medewerker facilitaire dienst",
        "Openbaar bestuur",
        True,
        ContractType.FIXED_TERM,
        32,
        WageBand.FROM_2500,
        WageComparison.HIGHER,
    ),
    OutcomeSpec(
        OutcomeKind.NEW_JOB,
        "",
        "Bedrijfsrestaurant Maaspoort",
        "cateringmedewerker",
        "Contractcatering",
        False,
        ContractType.PERMANENT,
        24,
        WageBand.FROM_2000,
        WageComparison.SAME,
    ),
]
_JOB_WITH_TRAINING = [
    OutcomeSpec(
        OutcomeKind.JOB_WITH_TRAINING,
        c.CARE,
        "Zorggroep Meierij",
        "leerling helpende zorg",
        "Zorg",
        True,
        ContractType.FIXED_TERM,
        32,
        WageBand.FROM_2000,
        WageComparison.LOWER,
        training_name="Mbo Helpende zorg en welzijn (niveau 2)",
    ),
    OutcomeSpec(
        OutcomeKind.JOB_WITH_TRAINING,
        c.SECURITY,
        "Beveiligingsgroep Zuid",
        "beveiliger in opleiding",
        "Beveiliging",
        True,
        ContractType.FIXED_TERM,
        36,
        WageBand.FROM_2000,
        WageComparison.SAME,
        training_name="Mbo Beveiliger 2",
    ),
    OutcomeSpec(
        OutcomeKind.JOB_WITH_TRAINING,
        c.LOGISTICS,
        "Logistiek Centrum Veghel",
        "logistiek medewerker in opleiding",
        "Logistiek",
        True,
        ContractType.TEMP_AGENCY,
        36,
        WageBand.FROM_2000,
        WageComparison.SAME,
        training_name="Mbo Logistiek medewerker (niveau 2)",
    ),
]
_SELF_EMPLOYED = OutcomeSpec(
    OutcomeKind.SELF_EMPLOYED,
    job_title="zelfstandig thuiskok en cateraar",
    sector="Horeca",
    changed_sector=False,
    contract_type=ContractType.SELF_EMPLOYED,
    hours=30,
    wage_compared=WageComparison.UNKNOWN,
)
_TRAINING = [
    OutcomeSpec(OutcomeKind.TRAINING, training_name="Mbo Logistiek medewerker (niveau 2)"),
    OutcomeSpec(OutcomeKind.TRAINING, training_name="Mbo Helpende zorg en welzijn (niveau 2)"),
]
_STAYED = OutcomeSpec(
    OutcomeKind.STAYED, notes="Overgeplaatst naar een andere locatie van dezelfde werkgever."
)
_STOPPED = [
    OutcomeSpec(OutcomeKind.STOPPED, stop_reason="Privéomstandigheden: mantelzorg voor een ouder."),
    OutcomeSpec(
        OutcomeKind.STOPPED, stop_reason="Langdurig ziek; traject later eventueel opnieuw."
    ),
]

#: Outcomes of the six placed-but-open and fifteen closed cases (pilot: about two thirds
#: of those with an outcome to work or work plus training, many in another sector).
PLACED_OPEN_OUTCOMES = [*_NEW_JOBS[:4], _JOB_WITH_TRAINING[0], _SELF_EMPLOYED]
CLOSED_OUTCOMES = [
    *_NEW_JOBS[4:],
    *_NEW_JOBS[:3],
    *_JOB_WITH_TRAINING[1:],
    *_TRAINING,
    _STAYED,
    *_STOPPED,
]
# Days between the outcome and today, so follow-ups fall both before and after today.
PLACED_OPEN_OUTCOME_AGO = [18, 45, 98, 112, 128, 150]
CLOSED_OUTCOME_AGO = [62, 75, 88, 101, 120, 135, 150, 170, 190, 205, 225, 240, 260, 280, 300]

_STAFF_TITLES = {
    "locatiemanager",
    "administratief medewerker",
    "accountmanager",
    "medewerker marketing en communicatie",
}
_PROVIDER_USERS = {
    c.CAREER: "provider",
    c.ROC: "roc.adviseur",
    c.COACHING: "coach",
    c.TEMP_AGENCY: "uitzend.intercedent",
    c.STARTERS: "starters.adviseur",
}
_REFERRALS_BY_SCENARIO = {
    "route1": ["career_test", "talent_scan"],
    "route2": ["cv", "linkedin", "jobhunting", "pitch"],
    "route3": ["grief", "talent_scan", "coaching", "mbo_logistics", "evc"],
    "mediation": ["grief", "coaching", "mbo_care", "jobhunting"],
}
# Target statuses for referrals of open cases; every status occurs.
_OPEN_REFERRAL_CYCLE = [
    ReferralStatus.COMPLETED,
    ReferralStatus.STARTED,
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.COMPLETED,
    ReferralStatus.PROPOSED,
    ReferralStatus.STARTED,
    ReferralStatus.DECLINED,
    ReferralStatus.COMPLETED,
    ReferralStatus.CANCELLED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.SENT,
]
_CLOSED_REFERRAL_CYCLE = [
    ReferralStatus.COMPLETED,
    ReferralStatus.COMPLETED,
    ReferralStatus.CANCELLED,
    ReferralStatus.COMPLETED,
    ReferralStatus.COMPLETED,
    ReferralStatus.COMPLETED,
    ReferralStatus.DECLINED,
]
_PATHS = {
    ReferralStatus.PROPOSED: [],
    ReferralStatus.SENT: [],
    ReferralStatus.ACCEPTED: [ReferralStatus.ACCEPTED],
    ReferralStatus.DECLINED: [ReferralStatus.DECLINED],
    ReferralStatus.STARTED: [ReferralStatus.ACCEPTED, ReferralStatus.STARTED],
    ReferralStatus.COMPLETED: [
        ReferralStatus.ACCEPTED,
        ReferralStatus.STARTED,
        ReferralStatus.COMPLETED,
    ],
    ReferralStatus.CANCELLED: [ReferralStatus.CANCELLED],
}
_TRANSITION_NOTES = {
    ReferralStatus.ACCEPTED: "Aangemeld; intakegesprek ingepland.",
    ReferralStatus.DECLINED: "Helaas vol tot na de zomer; verwijs graag naar een andere aanbieder.",
    ReferralStatus.STARTED: "Deelnemer is gestart.",
    ReferralStatus.COMPLETED: "Afgerond; verslag besproken met de deelnemer.",
    ReferralStatus.CANCELLED: "Niet meer nodig: deelnemer heeft zelf iets gevonden.",
}


@dataclass
class DemoSummary:
    """What ``build_demo`` made, for the command's report and the tests."""

    organisations: int = 0
    users: int = 0
    offerings: int = 0
    routes: int = 0
    cases_by_status: dict[str, int] = field(default_factory=dict)
    referrals_by_status: dict[str, int] = field(default_factory=dict)
    outcomes_by_kind: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def cases(self) -> int:
        return sum(self.cases_by_status.values())


@dataclass
class _Profile:
    first_name: str
    last_name: str
    birth_date: dt.date
    postcode: str
    municipality: str
    email: str
    phone: str
    employer: str | None
    job_title: str
    education_level: str
    education_field: str
    tenure_years: int
    hours: int
    wage_band: str
    digital_skills: str


def demo_region_exists() -> bool:
    return Region.objects.filter(code=DEMO_REGION_CODE).exists()


def delete_demo() -> bool:
    """Delete the demo region's cases, people, offerings and routes.

    Organisations and users stay: the append-only audit log refers to them (deleting a user
    would change its entries). ``build_demo`` brings them back to their demo state.
    """
    region = Region.objects.filter(code=DEMO_REGION_CODE).first()
    if region is None:
        return False
    with transaction.atomic():
        Case.objects.filter(region=region).delete()
        people = Person.objects.filter(region=region)
        people.update(merged_into=None)
        people.delete()
        Offering.objects.filter(region=region).delete()
        Route.objects.filter(region=region).delete()
    return True


def build_demo() -> DemoSummary:
    """Create the demo region in one transaction; refuses if it already has cases."""
    started = time.monotonic()
    with transaction.atomic():
        summary = _Builder().build()
    summary.seconds = time.monotonic() - started
    return summary


def _set_many(
    model: type[models.Model], fields: tuple[str, ...], rows: list[tuple[Any, tuple]]
) -> None:
    """``UPDATE … SET fields WHERE pk`` for many rows in one ``executemany``: the demo
    backdates a few thousand rows, and ``bulk_update``'s CASE expressions are slow."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    qn = connection.ops.quote_name
    meta = model._meta
    columns = [cast("models.Field[Any, Any]", meta.get_field(name)) for name in fields]
    pk_column = cast("models.Field[Any, Any]", meta.pk)
    assignments = ", ".join(f"{qn(str(f.column))} = %s" for f in columns)
    sql = f"UPDATE {qn(meta.db_table)} SET {assignments} WHERE {qn(str(pk_column.column))} = %s"  # noqa: S608 - names from model metadata
    params = [
        [*(f.get_db_prep_save(v, connection) for f, v in zip(columns, values, strict=True)), pk]
        for pk, values in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _ascii(value: str) -> str:
    normalised = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return "".join(ch for ch in normalised.lower() if ch.isalnum() or ch == ".")


class _Builder:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(SEED)
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        # Every backdated moment lies before this, so "not yet backdated" is unambiguous.
        self.latest = self.now - dt.timedelta(minutes=1)
        self.orgs: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}
        self.routes: dict[int, Route] = {}
        self.offerings: dict[str, Offering] = {}
        self.open_referrals = itertools.cycle(_OPEN_REFERRAL_CYCLE)
        self.closed_referrals = itertools.cycle(_CLOSED_REFERRAL_CYCLE)
        self._clock: dt.datetime | None = None
        self._steps: list[tuple[dt.datetime, dt.datetime]] = []
        self._case_moments: list[dt.datetime] = []
        self._pending: dict[tuple[type[models.Model], Any], dict[str, Any]] = {}

    # --- region, organisations, users, configuration -------------------------------

    def build(self) -> DemoSummary:
        region, _created = Region.objects.get_or_create(
            code=DEMO_REGION_CODE, defaults={"name": c.REGION_NAME}
        )
        if Case.objects.filter(region=region).exists():
            raise DomainError(_("The demo region already has cases."), code="demo_exists")
        self.region = region
        self._organisations()
        self._users()
        self._routes()
        self._offerings()
        self._participants()
        self._flush()
        return self._summary()

    def _organisations(self) -> None:
        founded = self.now - dt.timedelta(days=400)
        for spec in c.ORGANISATIONS:
            org, _created = Organisation.objects.update_or_create(
                region=self.region,
                name=spec.name,
                defaults={
                    "kind": spec.kind,
                    "sector": spec.sector,
                    "kvk_number": spec.kvk_number,
                    "is_active": True,
                },
            )
            self.orgs[spec.key] = org
        Organisation.objects.filter(pk__in=[o.pk for o in self.orgs.values()]).update(
            created_at=founded, updated_at=founded
        )

    def _users(self) -> None:
        demo_orgs = {o.pk for o in self.orgs.values()}
        clash = (
            User.objects.filter(username__in=[u.username for u in c.USERS])
            .exclude(organisation_id__in=demo_orgs)
            .values_list("username", flat=True)
        )
        if clash:
            raise DomainError(
                _("These user names already exist outside the demo region: %(names)s.")
                % {"names": ", ".join(sorted(clash))},
                code="demo_user_clash",
            )
        password = make_password(DEMO_PASSWORD)  # hashed once: the slow part of a user
        joined = self.now - dt.timedelta(days=390)
        for spec in c.USERS:
            user, _created = User.objects.update_or_create(
                username=spec.username,
                defaults={
                    "first_name": spec.first_name,
                    "last_name": spec.last_name,
                    "email": f"{_ascii(spec.username)}@example.org",
                    "organisation": self.orgs[spec.organisation],
                    "role": spec.role,
                    "is_staff": spec.is_staff,
                    "is_superuser": spec.is_superuser,
                    "is_active": True,
                    "password": password,
                    "date_joined": joined,
                },
            )
            self.users[spec.username] = user

    def _routes(self) -> None:
        for spec in c.ROUTES:
            self.routes[spec.number] = Route.objects.create(
                region=self.region,
                number=spec.number,
                name=spec.name,
                description=spec.description,
                intensity=spec.intensity,
            )

    def _offerings(self) -> None:
        funding = {}
        for code in {code for spec in c.OFFERINGS for code in spec.funding}:
            funding[code], _created = FundingSource.objects.get_or_create(code=code)
        for spec in c.OFFERINGS:
            offering = Offering.objects.create(
                region=self.region,
                provider=self.orgs[spec.provider],
                name=spec.name,
                kind=spec.kind,
                category=spec.category,
                description=spec.description,
                target_group=spec.target_group,
                duration=spec.duration,
                price=spec.price,
                capacity=spec.capacity,
                location=spec.location,
                online=spec.online,
            )
            offering.funding_sources.set([funding[code] for code in spec.funding])
            self.offerings[spec.key] = offering
        founded = self.now - dt.timedelta(days=380)
        Offering.objects.filter(region=self.region).update(created_at=founded, updated_at=founded)

    # --- participants ----------------------------------------------------------------

    def _participants(self) -> None:
        scenarios = [name for name, count in SCENARIOS for _i in range(count)]
        employers: list[str | None] = []
        employers += [c.CATERER_1] * 26 + [c.CATERER_2] * 20 + [c.HOTEL] * 10
        employers += [None] * (len(scenarios) - len(employers))
        self.rng.shuffle(employers)
        placed_outcomes = iter(zip(PLACED_OPEN_OUTCOMES, PLACED_OPEN_OUTCOME_AGO, strict=True))
        closed_ago = list(CLOSED_OUTCOME_AGO)
        self.rng.shuffle(closed_ago)
        closed_outcomes = iter(zip(CLOSED_OUTCOMES, closed_ago, strict=True))
        managed = 0
        for index, scenario in enumerate(scenarios):
            profile = self._profile(index, employers[index])
            outcome: tuple[OutcomeSpec, int] | None = None
            if scenario == "placed_open":
                outcome = next(placed_outcomes)
            elif scenario == "closed":
                outcome = next(closed_outcomes)
            manager: User | None = None
            if scenario != "queue":
                manager = self._manager_for(managed)
                managed += 1
            self._run(index, scenario, profile, manager, outcome)

    def _manager_for(self, n: int) -> User:
        if n % 5 == 1:
            return self.users["casemanager2"]
        if n % 11 == 7:
            return self.users["fnv.consulent"]
        return self.users["casemanager"]

    def _profile(self, index: int, employer: str | None) -> _Profile:
        rng, fake = self.rng, self.fake
        female = rng.random() < 0.55
        first = fake.first_name_female() if female else fake.first_name_male()
        last = fake.last_name()
        age = rng.randint(46, 63) if rng.random() < 0.8 else rng.randint(26, 45)
        birth = self.today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
        low, high, municipality = rng.choice(c.POSTCODE_AREAS)
        letters = rng.choice("ABCDEGHJKLMNPRTVWXZ") + rng.choice("ABCDEGHJKLMNPRTVWXZ")
        titles = [t for t, weight, _f in c.JOB_TITLES for _i in range(weight)]
        job_title = rng.choice(titles)
        field_of_education = next(f for t, _w, f in c.JOB_TITLES if t == job_title)
        if job_title in _STAFF_TITLES:
            education = rng.choice([EducationLevel.MBO, EducationLevel.HBO, EducationLevel.HBO])
        else:
            education = rng.choice(
                [EducationLevel.PRIMARY]
                + [EducationLevel.VMBO_MBO1] * 4
                + [EducationLevel.MBO] * 4
                + [EducationLevel.HAVO_VWO]
            )
        # Two thirds worked more than ten years at the releasing employer.
        tenure = rng.randint(11, 32) if index % 3 != 2 else rng.randint(2, 10)
        tenure = min(tenure, age - 17)
        email = ""
        if rng.random() < 0.85:
            email = f"{_ascii(first)}.{_ascii(last)}{index}@example.com"
        return _Profile(
            first_name=first,
            last_name=last,
            birth_date=birth,
            postcode=f"{rng.randint(low, high)} {letters}",
            municipality=municipality,
            email=email,
            phone=f"06{rng.randint(10000000, 99999999)}",
            employer=employer,
            job_title=job_title,
            education_level=education,
            education_field=field_of_education,
            tenure_years=tenure,
            hours=rng.choice([16, 20, 24, 28, 32, 36, 38]),
            wage_band=(
                WageBand.FROM_3000
                if job_title in _STAFF_TITLES
                else rng.choice(
                    [
                        WageBand.BELOW_2000,
                        WageBand.FROM_2000,
                        WageBand.FROM_2000,
                        WageBand.FROM_2500,
                    ]
                )
            ),
            digital_skills=rng.choice(
                [DigitalSkills.NONE, DigitalSkills.BASIC, DigitalSkills.BASIC, DigitalSkills.GOOD]
            ),
        )

    # --- time ------------------------------------------------------------------------

    def _day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=max(days_ago, 0))

    def _at(self, day: dt.date) -> dt.datetime:
        """A working-hours moment on ``day``, after the case's previous step, before now."""
        day = min(day, self.today)
        if self._clock is not None and day == timezone.localtime(self._clock).date():
            moment = self._clock + dt.timedelta(minutes=self.rng.randint(5, 40))
        else:
            start = dt.time(8, 30)
            moment = timezone.make_aware(dt.datetime.combine(day, start)) + dt.timedelta(
                minutes=self.rng.randint(0, 7 * 60)
            )
        moment = min(moment, self.latest)
        self._clock = moment
        return moment

    def _stamp(self, case: Case, when: dt.datetime, *objects: models.Model) -> None:
        """Record that the service call just made for ``case`` happened at ``when``.

        The timeline events and referral updates it wrote carry the current time; the
        boundary noted here maps them to ``when`` in ``_flush`` (no query per step).
        """
        self._steps.append((timezone.now(), when))
        self._case_moments.append(when)
        for obj in objects:
            values: dict[str, Any] = {"created_at": when}
            if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
                values["updated_at"] = when
            self._defer(obj, **values)

    def _defer(self, obj: models.Model, **values: Any) -> None:
        """Remember backdated values for ``obj``; written by ``_flush``. Deferred because
        later service calls save whole objects and would write the current time back."""
        self._pending.setdefault((type(obj), obj.pk), {}).update(values)

    def _flush(self) -> None:
        """Write every deferred backdated value, in a few bulk updates."""
        boundaries = [boundary for boundary, _when in self._steps]

        def moment(written: dt.datetime) -> dt.datetime:
            return self._steps[bisect.bisect_left(boundaries, written)][1]

        events = list(
            CaseEvent.objects.filter(case__region=self.region, at__gt=self.latest).only("at")
        )
        _set_many(CaseEvent, ("at",), [(e.pk, (moment(e.at),)) for e in events])
        updates = list(
            ReferralUpdate.objects.filter(
                referral__case__region=self.region, created_at__gt=self.latest
            ).only("created_at")
        )
        _set_many(
            ReferralUpdate, ("created_at",), [(u.pk, (moment(u.created_at),)) for u in updates]
        )
        groups: dict[tuple[type[models.Model], tuple[str, ...]], list[tuple[Any, tuple]]] = {}
        for (model, pk), values in self._pending.items():
            fields = tuple(sorted(values))
            groups.setdefault((model, fields), []).append((pk, tuple(values[f] for f in fields)))
        for (model, fields), rows in groups.items():
            _set_many(model, fields, rows)
        self._pending.clear()

    # --- one participant -------------------------------------------------------------

    def _run(
        self,
        index: int,
        scenario: str,
        profile: _Profile,
        manager: User | None,
        outcome: tuple[OutcomeSpec, int] | None,
    ) -> None:
        rng = self.rng
        self._clock = None
        self._case_moments = []
        outcome_day: dt.date | None = None
        if outcome is not None:
            outcome_day = self._day(outcome[1])
            reg_day = outcome_day - dt.timedelta(days=rng.randint(55, 150))
        else:
            low, high = {
                "queue": (1, 18),
                "assigned": (3, 10),
                "intake_draft": (7, 25),
                "intake_done": (10, 30),
                "route1": (30, 200),
                "route2": (25, 260),
                "route3": (35, 300),
                "mediation": (230, 340),
            }[scenario]
            reg_day = self._day(rng.randint(low, high))
        reg_day = max(reg_day, self._day(364))
        case = self._register(index, scenario, profile, manager, reg_day)
        if scenario == "queue" or manager is None:
            self._finish_case(case, reg_day)
            return
        intake_day = min(reg_day + dt.timedelta(days=rng.randint(2, 7)), self._day(1))
        if scenario == "assigned":
            self._finish_case(case, reg_day)
            return
        self._intake(case, manager, profile, intake_day, complete=scenario != "intake_draft")
        if scenario in ("intake_draft", "intake_done"):
            self._finish_case(case, reg_day)
            return
        triage_day = intake_day + dt.timedelta(days=rng.randint(3, 10))
        route_number = {
            "route1": 1,
            "route2": 2,
            "route3": 3,
            "mediation": 3,
        }.get(scenario) or self._route_for_outcome(outcome)
        end_day = outcome_day or self.today
        self._triage(case, manager, route_number, triage_day, retriage=index % 9 == 4)
        self._share(case, manager, index, triage_day)
        self._plan(case, manager, triage_day, end_day, overdue=index % 4 == 0)
        overdue_contact = scenario.startswith("route") and index % 3 == 0
        self._contacts(case, manager, triage_day, end_day, overdue=overdue_contact)
        self._referrals(case, manager, scenario, outcome, triage_day, end_day)
        if scenario == "mediation":
            self._outcome(
                case,
                manager,
                OutcomeSpec(
                    OutcomeKind.IN_MEDIATION, notes="Zoekt verder; aanvraag beschut werk loopt."
                ),
                self._day(rng.randint(10, 30)),
                profile,
            )
        if outcome is not None and outcome_day is not None:
            self._outcome(case, manager, outcome[0], outcome_day, profile)
            if scenario == "closed":
                close_day = min(outcome_day + dt.timedelta(days=rng.randint(3, 20)), self.today)
                when = self._at(close_day)
                services.close_case(
                    actor=manager, case=case, reason=c.CLOSE_REASONS[outcome[0].kind]
                )
                self._stamp(case, when)
                Case.objects.filter(pk=case.pk).update(closed_at=when)
            self._follow_ups(case, manager, answer_ratio=0.75 if scenario == "closed" else 0.2)
        self._finish_case(case, reg_day)

    def _route_for_outcome(self, outcome: tuple[OutcomeSpec, int] | None) -> int:
        if outcome is None:
            return 2
        kind = outcome[0].kind
        if kind in (OutcomeKind.TRAINING, OutcomeKind.JOB_WITH_TRAINING, OutcomeKind.STOPPED):
            return 3
        if kind == OutcomeKind.STAYED:
            return 1
        return 2 if self.rng.random() < 0.7 else 3

    def _register(
        self, index: int, scenario: str, profile: _Profile, manager: User | None, day: dt.date
    ) -> Case:
        users = self.users
        take = False
        if manager is None:  # the intake queue: "no wrong door"
            actor, source = [
                (users["accountmanager"], SignalSource.RELEASING_EMPLOYER),
                (users["provider"], SignalSource.SELF),
                (users["fnv.consulent"], SignalSource.UNION),
                (users["casemanager2"], SignalSource.MUNICIPALITY),
                (users["accountmanager"], SignalSource.EMPLOYER_SERVICE_POINT),
            ][index % 5]
        elif manager.username == "fnv.consulent":
            actor, source, take = manager, SignalSource.UNION, True
        elif manager.username == "casemanager2":
            if index % 2:
                actor, source, take = manager, SignalSource.MUNICIPALITY, True
            else:
                actor, source = users["accountmanager"], SignalSource.RELEASING_EMPLOYER
        else:
            actor, source = [
                (users["accountmanager"], SignalSource.RELEASING_EMPLOYER),
                (users["accountmanager"], SignalSource.RELEASING_EMPLOYER),
                (users["fnv.consulent"], SignalSource.UNION),
                (manager, SignalSource.UWV),
                (users["accountmanager"], SignalSource.RELEASING_EMPLOYER),
                (manager, SignalSource.SELF),
            ][index % 6]
            take = actor is manager
        if profile.employer is None and source == SignalSource.RELEASING_EMPLOYER:
            source = SignalSource.EMPLOYER_SERVICE_POINT
        note = ""
        if profile.employer:
            note = "Aangemeld via de HR-afdeling na de aankondiging van de reorganisatie."
        when = self._at(day)
        case = services.register_person(
            actor=actor,
            data=services.RegistrationData(
                first_name=profile.first_name,
                last_name=profile.last_name,
                signal_source=source,
                birth_date=profile.birth_date,
                email=profile.email,
                phone=profile.phone,
                postcode=profile.postcode,
                municipality=profile.municipality,
                releasing_employer_id=self.orgs[profile.employer].pk if profile.employer else None,
                note=note,
            ),
            take_case=take,
        )
        self._stamp(case, when)
        if manager is not None and case.case_manager_id is None:
            when = self._at(day + dt.timedelta(days=1))
            services.assign_case_manager(
                actor=users["coordinator"], case=case, case_manager=manager
            )
            self._stamp(case, when)
        return case

    def _intake(
        self, case: Case, actor: User, profile: _Profile, day: dt.date, *, complete: bool
    ) -> None:
        rng = self.rng
        when = self._at(day)
        draft: dict[str, Any] = {
            "education_level": profile.education_level,
            "education_field": profile.education_field,
            "digital_skills": profile.digital_skills,
            "network": rng.choice(c.NETWORKS),
        }
        data: dict[str, Any] = {
            "motivation": rng.choice(c.MOTIVATIONS),
            "wishes": rng.choice(c.WISHES),
            "constraints": rng.choice(c.CONSTRAINTS),
            "min_hours_per_week": max(profile.hours - 8, 12),
            "max_travel_minutes": rng.choice([20, 30, 45, 60]),
            "min_wage_band": WageBand.FROM_2000,
        }
        if rng.random() < 0.3:
            data["private_circumstances"] = rng.choice(c.PRIVATE_CIRCUMSTANCES)
        in_one_go = complete and rng.random() < 0.6  # most intakes are done in one sitting
        intake = services.save_intake(
            actor=actor,
            case=case,
            person_data={},
            intake_data={**draft, **data} if in_one_go else draft,
            person_version=None,
            intake_version=None,
            complete=in_one_go,
        )
        self._stamp(case, when, intake)
        if in_one_go:
            self._defer(intake, completed_at=when)
        start_year = self.today.year - profile.tenure_years
        history: list[dict[str, Any]] = [
            {
                "employer_name": (
                    self.orgs[profile.employer].name if profile.employer else "Partycentrum De Ruif"
                ),
                "job_title": profile.job_title,
                "start_year": start_year,
                "hours_per_week": profile.hours,
                "wage_band": profile.wage_band,
                "contract_type": ContractType.PERMANENT,
            }
        ]
        if profile.tenure_years < 15 and start_year - 2 > profile.birth_date.year + 17:
            history.append(
                {
                    "employer_name": rng.choice(
                        ["Restaurant Het Veerhuis", "Bakkerij Van Son", "Zorgcentrum Nieuwehof"]
                    ),
                    "job_title": rng.choice(["medewerker bediening", "verkoper", "keukenhulp"]),
                    "start_year": start_year - rng.randint(3, 8),
                    "end_year": start_year,
                    "contract_type": ContractType.FIXED_TERM,
                }
            )
        entries = services.save_work_history(actor=actor, case=case, entries=history)
        self._stamp(case, when, *entries)
        if not complete or in_one_go:
            return
        when = self._at(day + dt.timedelta(days=rng.randint(0, 2)))
        services.save_intake(
            actor=actor,
            case=case,
            person_data={},
            intake_data=data,
            person_version=None,
            intake_version=None,
            complete=True,
        )
        self._stamp(case, when)
        self._defer(intake, completed_at=when, updated_at=when)

    def _triage(
        self, case: Case, actor: User, number: int, day: dt.date, *, retriage: bool
    ) -> None:
        rng = self.rng
        if retriage and number == 3:
            when = self._at(day)
            services.triage_case(
                actor=actor,
                case=case,
                route=self.routes[2],
                rationale=rng.choice(c.TRIAGE_RATIONALES[2]),
            )
            self._stamp(case, when)
            day = day + dt.timedelta(days=rng.randint(14, 28))
        when = self._at(day)
        services.triage_case(
            actor=actor,
            case=case,
            route=self.routes[number],
            rationale=rng.choice(c.TRIAGE_RATIONALES[number]),
        )
        self._stamp(case, when)
        Case.objects.filter(pk=case.pk).update(
            triaged_at=when,
            next_contact_due=day + dt.timedelta(days=case.contact_rhythm_days),
        )
        case.refresh_from_db()  # later services save the whole case

    def _share(self, case: Case, manager: User, index: int, day: dt.date) -> None:
        """Some cases are shared with a colleague of another organisation."""
        colleague = None
        if manager.username == "casemanager" and index % 6 == 1:
            colleague = self.users["casemanager2"]
        elif manager.username == "casemanager2" and index % 4 == 0:
            colleague = self.users["casemanager"]
        elif index % 10 == 3:
            colleague = self.users["accountmanager"]
        if colleague is None:
            return
        when = self._at(day)
        member = services.add_case_member(actor=manager, case=case, user=colleague)
        self._stamp(case, when)
        self._defer(member, added_at=when)

    def _plan(
        self, case: Case, actor: User, start: dt.date, end: dt.date, *, overdue: bool
    ) -> None:
        rng = self.rng
        day = start + dt.timedelta(days=1)
        when = self._at(day)
        goal = services.add_goal(
            actor=actor,
            case=case,
            description=rng.choice(c.GOALS),
            target_date=start + dt.timedelta(days=90),
        )
        self._stamp(case, when, goal)
        actions = rng.sample(c.ACTIONS, 2)
        finished = end < self.today  # an outcome was reached: the plan was carried out
        for number, (description, by_participant) in enumerate(actions):
            if number == 0:
                due = start + dt.timedelta(days=14)
            elif finished:
                due = min(start + dt.timedelta(days=14 + 14 * number), end)
            elif number == 1 and overdue:
                due = self._day(rng.randint(3, 25))
            else:
                due = self.today + dt.timedelta(days=rng.randint(7, 30))
            when = self._at(day)
            action = services.add_plan_action(
                actor=actor,
                case=case,
                description=description,
                due_date=due,
                owner=None if by_participant else actor,
                owner_is_participant=by_participant,
                goal=goal,
            )
            self._stamp(case, when, action)
            done_day = due - dt.timedelta(days=rng.randint(0, 5))
            if (number == 0 or finished) and done_day <= min(end, self.today):
                done_day = max(done_day, day)
                done_when = self._at(done_day)
                services.mark_action_done(actor=actor, action=action)
                self._stamp(case, done_when)
                self._defer(action, done_at=done_day, updated_at=done_when)
                self._clock = when

    def _contacts(
        self, case: Case, actor: User, start: dt.date, end: dt.date, *, overdue: bool
    ) -> None:
        rng = self.rng
        last = end - dt.timedelta(days=rng.randint(20, 40) if overdue else rng.randint(1, 12))
        last = min(last, self._day(0))
        dates: list[dt.date] = []
        day = last
        while day > start and len(dates) < (3 if end < self.today else 4):
            dates.append(day)
            day -= dt.timedelta(days=rng.randint(11, 20))
        kinds = [ContactKind.FACE_TO_FACE] * 3 + [
            ContactKind.PHONE,
            ContactKind.PHONE,
            ContactKind.VIDEO,
            ContactKind.EMAIL,
            ContactKind.WALK,
        ]
        for day in sorted(dates):
            when = self._at(day)
            contact = services.add_contact(
                actor=actor,
                case=case,
                date=day,
                kind=rng.choice(kinds),
                summary=rng.choice(c.CONTACT_SUMMARIES),
            )
            self._stamp(case, when, contact)

    def _referrals(
        self,
        case: Case,
        actor: User,
        scenario: str,
        outcome: tuple[OutcomeSpec, int] | None,
        start: dt.date,
        end: dt.date,
    ) -> None:
        rng = self.rng
        keys = list(_REFERRALS_BY_SCENARIO.get(scenario, []))
        if outcome is not None:
            kind = outcome[0].kind
            keys = [rng.choice(["talent_scan", "cv"])]
            if kind == OutcomeKind.SELF_EMPLOYED:
                keys.append("zzp")
            elif outcome[0].training_name:
                keys.append(
                    {
                        "Mbo Beveiliger 2": "mbo_security",
                        "Mbo Logistiek medewerker (niveau 2)": "mbo_logistics",
                        "Mbo Helpende zorg en welzijn (niveau 2)": "mbo_care",
                    }[outcome[0].training_name]
                )
            elif kind in (OutcomeKind.NEW_JOB, OutcomeKind.STAYED):
                keys.append("jobhunting")
            else:
                keys.append("grief")
        if len(keys) > 3:
            keys = keys[:2] + rng.sample(keys[2:], 1)
        limit = min(end, self.today)
        cycle = self.closed_referrals if outcome is not None else self.open_referrals
        for number, key in enumerate(keys):
            target = next(cycle)
            offering = self.offerings[key]
            day = min(start + dt.timedelta(days=2 + 6 * number), limit)
            when = self._at(day)
            referral = services.create_referral(
                actor=actor,
                case=case,
                offering=offering,
                motivation="Past bij de afspraken in het plan.",
                send=target != ReferralStatus.PROPOSED,
            )
            self._stamp(case, when, referral)
            provider = self.users[_PROVIDER_USERS[self._org_key(offering.provider_id)]]
            for step in _PATHS[target]:
                gap = {
                    ReferralStatus.ACCEPTED: (2, 5),
                    ReferralStatus.DECLINED: (2, 5),
                    ReferralStatus.STARTED: (5, 12),
                    ReferralStatus.COMPLETED: (14, 45),
                    ReferralStatus.CANCELLED: (3, 20),
                }[step]
                day = min(day + dt.timedelta(days=rng.randint(*gap)), limit)
                when = self._at(day)
                step_actor = actor if step == ReferralStatus.CANCELLED else provider
                services.update_referral_status(
                    actor=step_actor,
                    referral=referral,
                    to_status=step,
                    note=_TRANSITION_NOTES[step],
                )
                self._stamp(case, when)
                values: dict[str, Any] = {"updated_at": when}
                if step == ReferralStatus.STARTED:
                    values["started_on"] = day
                elif step == ReferralStatus.COMPLETED:
                    values["completed_on"] = day
                self._defer(referral, **values)
            self._clock = None

    def _org_key(self, organisation_id: int) -> str:
        return next(key for key, org in self.orgs.items() if org.pk == organisation_id)

    def _outcome(
        self, case: Case, actor: User, spec: OutcomeSpec, day: dt.date, profile: _Profile
    ) -> None:
        when = self._at(day)
        data: dict[str, Any] = {
            "kind": spec.kind,
            "date": day,
            "employer_name": spec.employer_name,
            "job_title": spec.job_title,
            "sector": spec.sector,
            "changed_sector": spec.changed_sector,
            "contract_type": spec.contract_type,
            "hours_per_week": spec.hours,
            "wage_band": spec.wage_band,
            "wage_compared": spec.wage_compared,
            "training_name": spec.training_name,
            "stop_reason": spec.stop_reason,
            "notes": spec.notes,
        }
        if spec.kind == OutcomeKind.STAYED and profile.employer:
            data["employer_name"] = self.orgs[profile.employer].name
            data["job_title"] = profile.job_title
        outcome = services.record_outcome(actor=actor, case=case, data=data)
        self._stamp(case, when, outcome)
        FollowUp.objects.filter(case=case).update(created_at=when, updated_at=when)

    def _follow_ups(self, case: Case, actor: User, *, answer_ratio: float) -> None:
        rng = self.rng
        for follow_up in FollowUp.objects.filter(case=case, due_date__lte=self.today):
            if rng.random() >= answer_ratio:
                continue  # left open: a follow-up that is due
            day = min(follow_up.due_date + dt.timedelta(days=rng.randint(0, 10)), self.today)
            when = self._at(day)
            still = rng.random() < 0.85
            services.record_follow_up(
                actor=actor,
                follow_up=follow_up,
                still_in_work=still,
                same_employer=True if still else None,
                notes="Gaat goed, bevalt prima." if still else "Contract niet verlengd.",
            )
            self._stamp(case, when)
            self._defer(follow_up, answered_at=day, updated_at=when)

    def _finish_case(self, case: Case, reg_day: dt.date) -> None:
        """Give the case its registration date, number and last-changed time."""
        created = min(self._case_moments)
        values: dict[str, Any] = {
            "created_at": created,
            "updated_at": max(self._case_moments),
            "number": f"{reg_day.year}-{case.pk:06d}",
        }
        outcome = Outcome.objects.filter(case=case).first()
        if outcome is not None and outcome.kind != OutcomeKind.IN_MEDIATION:
            # After a placement the follow-up moments are the next contacts.
            follow_up = (
                FollowUp.objects.filter(case=case, answered_at__isnull=True)
                .order_by("due_date")
                .first()
            )
            values["next_contact_due"] = follow_up.due_date if follow_up else None
        Case.objects.filter(pk=case.pk).update(**values)
        Person.objects.filter(pk=case.person_id).update(created_at=created, updated_at=created)

    # --- report ----------------------------------------------------------------------

    def _summary(self) -> DemoSummary:
        cases = Case.objects.filter(region=self.region)
        return DemoSummary(
            organisations=Organisation.objects.filter(region=self.region).count(),
            users=User.objects.filter(organisation__region=self.region).count(),
            offerings=Offering.objects.filter(region=self.region).count(),
            routes=Route.objects.filter(region=self.region).count(),
            cases_by_status=dict(Counter(cases.values_list("status", flat=True))),
            referrals_by_status=dict(
                Counter(
                    Referral.objects.filter(case__region=self.region).values_list(
                        "status", flat=True
                    )
                )
            ),
            outcomes_by_kind=dict(
                Counter(
                    Outcome.objects.filter(case__region=self.region).values_list("kind", flat=True)
                )
            ),
        )
