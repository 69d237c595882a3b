"""Demo schemes and instruments (regelingen) for the front door and the eligibility check.

Modelled on the kinds of scheme in the source documents (../seeds: sector training funds
(O&O-fondsen), the scholingsvoucher of the regional development fund, the regional pooled
budget) and on well-known national instruments. The texts are demo data in Dutch, not
user-interface text. They describe how such schemes work without exact amounts: where an
amount is shown it is marked "demobedrag" (a demo figure, not a real one). Idempotent:
keyed on ``slug``; a second run changes nothing.
"""

from __future__ import annotations

from typing import Any

from overstap.accounts.models import Region
from overstap.frontdoor.constants import SchemeKind, SchemeScope, Situation
from overstap.frontdoor.models import Scheme

ALL_AT_WORK = [Situation.AT_RISK, Situation.NOTICE_GIVEN, Situation.WANTS_CHANGE]
LOSING_OR_LOST = [Situation.AT_RISK, Situation.NOTICE_GIVEN, Situation.UNEMPLOYED]

SCHEMES: list[dict[str, Any]] = [
    {
        "slug": "ontwikkeladvies",
        "name": "Ontwikkeladvies",
        "kind": SchemeKind.GUIDANCE,
        "provider": "Rijksoverheid (via erkende loopbaanadviseurs)",
        "summary": "Gratis loopbaanadvies voor werkenden: waar sta je en wat is je volgende stap?",
        "conditions_text": (
            "Je hebt werk. Je bent 45 jaar of ouder. Je hebt het advies niet eerder gehad."
        ),
        "pays": "De kosten van een aantal gesprekken met een loopbaanadviseur.",
        "how_to_apply": (
            "Kies een erkende loopbaanadviseur en meld je bij hem of haar aan. Je coach helpt "
            "je een adviseur te kiezen."
        ),
        "scope": SchemeScope.NATIONAL,
        "age_min": 45,
        "situations": ALL_AT_WORK,
    },
    {
        "slug": "scholingsvoucher-kansberoep",
        "name": "Scholingsvoucher voor een kansberoep",
        "kind": SchemeKind.VOUCHER,
        "provider": "Ontwikkelfonds Human Capital Agenda (regio)",
        "summary": "Een voucher voor een korte opleiding naar een beroep waar werk in is.",
        "conditions_text": (
            "Je verliest je werk of bent het kwijt. De opleiding leidt tot een kansberoep in de "
            "regio. Je hebt een opleiding tot en met mbo-niveau. Er is geen andere regeling "
            "die de opleiding betaalt (werkgever, sociaal plan, sectorfonds)."
        ),
        "pays": "De opleidingskosten tot een maximum (demobedrag: € 2.500).",
        "how_to_apply": "Je coach vraagt de voucher met je aan, samen met een opleidingsplan.",
        "scope": SchemeScope.REGIONAL,
        "situations": LOSING_OR_LOST,
        "education_levels": ["primary", "vmbo_mbo1", "mbo"],
    },
    {
        "slug": "regionaal-mobiliteitsbudget",
        "name": "Regionaal mobiliteitsbudget",
        "kind": SchemeKind.TRAINING_BUDGET,
        "provider": "Regionaal Mobiliteitsteam",
        "summary": "Ontschot budget van het mobiliteitsteam voor wat nergens anders betaald wordt.",
        "conditions_text": (
            "Je zit in een traject van het mobiliteitsteam. Het budget betaalt alleen als er geen "
            "voorliggende voorziening is: eerst betalen de werkgever, het sociaal plan, het "
            "sectorfonds, UWV of de gemeente."
        ),
        "pays": "Scholing, coaching of andere diensten uit de regionale catalogus.",
        "how_to_apply": "Je coach vraagt het aan bij de coördinator van het mobiliteitsteam.",
        "scope": SchemeScope.REGIONAL,
    },
    {
        "slug": "sectorfonds-horeca-catering",
        "name": "Opleidingsfonds horeca en contractcatering",
        "kind": SchemeKind.SECTOR_FUND,
        "provider": "O&O-fonds van de sector (demo)",
        "summary": "Het sectorfonds betaalt mee aan scholing, ook voor een overstap naar een "
        "andere sector.",
        "conditions_text": (
            "Je werkgever valt onder de cao van de sector. Je werk is in gevaar of je hebt je "
            "ontslag al gekregen. Steeds meer fondsen betalen ook opleidingen buiten de sector."
        ),
        "pays": "Een deel van de opleidingskosten; de hoogte verschilt per fonds.",
        "how_to_apply": "Je werkgever of je coach doet de aanvraag bij het fonds.",
        "scope": SchemeScope.NATIONAL,
        "situations": [Situation.AT_RISK, Situation.NOTICE_GIVEN],
        "sectors": ["Horeca", "Contractcatering", "Catering"],
    },
    {
        "slug": "sectorfonds-techniek",
        "name": "Opleidingsfonds techniek en metaal",
        "kind": SchemeKind.SECTOR_FUND,
        "provider": "O&O-fonds van de sector (demo)",
        "summary": "Scholing voor werknemers in de techniek, via het ServicePunt Techniek.",
        "conditions_text": (
            "Je werkgever valt onder een cao in de techniek of de metaal. Je wilt of moet een "
            "andere functie gaan doen."
        ),
        "pays": "Een deel van de opleidingskosten; de hoogte verschilt per fonds.",
        "how_to_apply": "Via je werkgever of het ServicePunt Techniek in de regio.",
        "scope": SchemeScope.NATIONAL,
        "situations": ALL_AT_WORK,
        "sectors": ["Techniek", "Metaal", "Installatie"],
    },
    {
        "slug": "proefplaatsing",
        "name": "Proefplaatsing",
        "kind": SchemeKind.TRIAL,
        "provider": "UWV",
        "summary": "Een korte periode op proef werken bij een werkgever, met behoud van je "
        "uitkering.",
        "conditions_text": (
            "Je hebt een WW-uitkering. De werkgever is van plan je daarna een contract van "
            "minstens zes maanden te geven. UWV moet vooraf toestemming geven."
        ),
        "pays": "Je houdt je uitkering tijdens de proefplaatsing; de werkgever betaalt geen loon.",
        "how_to_apply": "De werkgever vraagt het aan bij UWV, voordat je begint.",
        "scope": SchemeScope.NATIONAL,
        "situations": [Situation.UNEMPLOYED],
    },
    {
        "slug": "loonkostensubsidie",
        "name": "Loonkostensubsidie",
        "kind": SchemeKind.WAGE_SUPPORT,
        "provider": "Gemeente",
        "summary": "De werkgever krijgt een deel van het loon vergoed als een medewerker "
        "(nog) niet het hele minimumloon kan verdienen.",
        "conditions_text": (
            "Voor mensen met een arbeidsbeperking die onder de Participatiewet vallen. De "
            "gemeente stelt de loonwaarde vast op de werkplek."
        ),
        "pays": "Het verschil tussen de loonwaarde en het minimumloon, deels.",
        "how_to_apply": "De werkgever vraagt het aan bij de gemeente waar de medewerker woont.",
        "scope": SchemeScope.NATIONAL,
        "for_employers": True,
        "situations": [Situation.UNEMPLOYED],
    },
    {
        "slug": "mobiliteitsbonus-werkgevers",
        "name": "Begeleiding van werk naar werk voor werkgevers",
        "kind": SchemeKind.GUIDANCE,
        "provider": "Werkgeversservicepunt",
        "summary": "Gratis hulp voor werkgevers die moeten inkrimpen: het team begeleidt je "
        "medewerkers naar ander werk.",
        "conditions_text": "Je bent werkgever in de regio en verwacht boventallig personeel.",
        "pays": "Geen geld: de begeleiding door het mobiliteitsteam is gratis.",
        "how_to_apply": "Meld het overschot via de werkgeversdesk op deze website.",
        "scope": SchemeScope.REGIONAL,
        "for_employers": True,
    },
]


def build(region: Region) -> int:
    """Create the demo schemes that are missing; returns how many were created."""
    created = 0
    for spec in SCHEMES:
        if Scheme.objects.filter(slug=spec["slug"]).exists():
            continue
        data = {k: v for k, v in spec.items() if k not in ("situations", "education_levels")}
        scheme = Scheme(
            **data,
            situations=[str(s) for s in spec.get("situations", [])],
            education_levels=list(spec.get("education_levels", [])),
            region=region if spec["scope"] == SchemeScope.REGIONAL else None,
        )
        scheme.full_clean()
        scheme.save()
        created += 1
    return created
