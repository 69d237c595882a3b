"""Rapid response in the demo region: the regional playbook and Hotel De Zwanenburg's signal.

The playbook follows what the source documents describe a regional mobility team doing after
a collective dismissal notice (melding collectief ontslag): the account manager of the
employer service point visits the employer within days, UWV and the unions hold an
information meeting for the staff, the mobility team arranges joint intake and triage, a
provider runs skills scans for skills passports, providers' services are booked, and the
account manager puts a scenario before the regional board. Hotel De Zwanenburg announced the
redundancy of 40 staff twelve days ago: an open signal whose first two tasks are done, one
is being worked on and one is overdue.

Idempotent: steps are found by title, the signal by employer and kind; a second run adds
nothing. The texts are demo data in Dutch, not user-interface text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from overstap.accounts.constants import OrganisationKind, Role
from overstap.accounts.models import Organisation, Region, User
from overstap.demo import content as c
from overstap.rapidresponse import services
from overstap.rapidresponse.constants import SignalKind, TaskStatus
from overstap.rapidresponse.models import PlaybookStep, Signal
from overstap.taxonomy.models import Occupation

ALL: list[Any] = list(SignalKind.values)
DISMISSAL: list[Any] = [
    SignalKind.COLLECTIVE_DISMISSAL,
    SignalKind.BANKRUPTCY,
    SignalKind.EMPLOYER_CALL,
]

#: (order, title, description, partner kind, specific organisation key, owner role, days, kinds)
STEPS: list[tuple[int, str, str, str, str | None, str, int, list[Any]]] = [
    (
        10,
        "Werkgeversbezoek door de accountmanager",
        "Binnen enkele dagen op bezoek bij de werkgever: welke functies, hoeveel mensen, "
        "wanneer lopen de contracten af, is er een sociaal plan.",
        OrganisationKind.EMPLOYER_SERVICE_POINT,
        None,
        Role.ACCOUNT_MANAGER,
        3,
        ALL,
    ),
    (
        20,
        "Informatiebijeenkomst voor medewerkers met UWV en vakbond",
        "Uitleg over de WW, het regionaal mobiliteitsteam en de route naar ander werk; "
        "aanmelden voor intake ter plekke (no wrong door).",
        OrganisationKind.UWV,
        None,
        Role.CASE_MANAGER,
        7,
        DISMISSAL,
    ),
    (
        30,
        "Intakecapaciteit regelen voor gezamenlijke intake en triage",
        "Casemanagers van UWV, gemeenten en vakbond inplannen zodat iedereen binnen twee "
        "weken een intakegesprek heeft.",
        OrganisationKind.MOBILITY_TEAM,
        None,
        Role.COORDINATOR,
        10,
        DISMISSAL,
    ),
    (
        40,
        "Skills-scans en skillspaspoorten",
        "Loopbaanadviseurs nemen skills-scans af en vullen de skillspaspoorten, zodat "
        "vaardigheden zichtbaar worden voor ontvangende werkgevers.",
        OrganisationKind.SERVICE_PROVIDER,
        c.CAREER,
        Role.PROVIDER_STAFF,
        14,
        DISMISSAL,
    ),
    (
        50,
        "Scenario voor de regionale stuurgroep",
        "Waar kunnen deze mensen naartoe? Scenario met ontvangende werkgevers, vacatures, "
        "scholing en loonperspectief voor de stuurgroep.",
        OrganisationKind.EMPLOYER_SERVICE_POINT,
        None,
        Role.ACCOUNT_MANAGER,
        14,
        ALL,
    ),
    (
        60,
        "Dienstverlening bij aanbieders reserveren",
        "Plaatsen reserveren voor scholing (bijvoorbeeld vakopleiding beveiliging of "
        "schoonmaak), sollicitatietraining en loopbaancoaching.",
        OrganisationKind.SERVICE_PROVIDER,
        c.ROC,
        Role.PROVIDER_STAFF,
        21,
        DISMISSAL,
    ),
    (
        70,
        "Sectortafel beleggen met krapte-sectoren",
        "Werkgevers uit de krimpende en de groeiende sector aan één tafel: "
        "van-werk-naar-werk afspraken en detachering.",
        OrganisationKind.MOBILITY_TEAM,
        None,
        Role.COORDINATOR,
        30,
        [SignalKind.SECTOR],
    ),
]

#: The hotel's staff by demo occupation (40 people).
HOTEL_LINES = [
    ("medewerker-bediening", 10),
    ("housekeeping", 10),
    ("kok", 8),
    ("keukenhulp", 6),
    ("receptionist-hotel", 6),
]
OCCUPATION_URI = "urn:overstap:demo:occupation:"


def _org(region: Region, key: str | None) -> Organisation | None:
    if key is None:
        return None
    name = next(spec.name for spec in c.ORGANISATIONS if spec.key == key)
    return Organisation.objects.filter(region=region, name=name).first()


def build_playbook(region: Region) -> int:
    created = 0
    for order, title, description, kind, org_key, role, days, kinds in STEPS:
        _step, was_created = PlaybookStep.objects.get_or_create(
            region=region,
            title=title,
            defaults={
                "description": description,
                "partner_kind": kind,
                "partner_organisation": _org(region, org_key),
                "owner_role": role,
                "deadline_days": days,
                "signal_kinds": [str(k) for k in kinds],
                "order": order,
            },
        )
        created += was_created
    return created


def build(region: Region) -> int:
    """The playbook and the hotel's open signal; returns the number of new objects."""
    created = build_playbook(region)
    hotel = _org(region, c.HOTEL)
    account_manager = User.objects.filter(username="accountmanager").first()
    coordinator = User.objects.filter(username="coordinator").first()
    if hotel is None or account_manager is None or coordinator is None:
        return created
    if Signal.objects.filter(
        region=region, employer=hotel, kind=SignalKind.COLLECTIVE_DISMISSAL
    ).exists():
        return created
    today = timezone.localdate()
    lines = []
    for slug, count in HOTEL_LINES:
        occupation = Occupation.objects.filter(uri=OCCUPATION_URI + slug).first()
        if occupation is not None:
            lines.append((occupation, count))
    signal = services.register_signal(
        actor=account_manager,
        data=services.SignalData(
            kind=SignalKind.COLLECTIVE_DISMISSAL,
            employer=hotel,
            people_affected=40,
            received_on=today - dt.timedelta(days=12),
            first_contract_end=today + dt.timedelta(days=75),
            description=(
                "Melding collectief ontslag bij UWV: het hotel sluit de vleugel met 60 kamers en "
                "het restaurant. 40 medewerkers in bediening, housekeeping, keuken en receptie; "
                "sociaal plan in overleg met FNV."
            ),
            lines=lines,
        ),
    )
    progress = {
        "Werkgeversbezoek door de accountmanager": TaskStatus.DONE,
        "Informatiebijeenkomst voor medewerkers met UWV en vakbond": TaskStatus.DONE,
        "Skills-scans en skillspaspoorten": TaskStatus.DOING,
        # "Intakecapaciteit regelen …" (10 days) stays open: overdue by two days.
    }
    for task in signal.tasks.all():
        status = progress.get(task.title)
        if status:
            services.set_task_status(actor=coordinator, task=task, status=status)
    return created + 1
