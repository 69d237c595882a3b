"""The skills the demo region's offerings teach (issue #4: skill gap → training).

Call after ``load_demo_taxonomy`` and ``load_demo``: :func:`build` tags the demo catalogue's
training offerings with the demo-taxonomy skills they teach (MBO Beveiliger 2 → security
skills, MBO Logistiek → warehouse and forklift skills, MBO Helpende zorg → care skills), and
adds three short courses regions commonly buy (HACCP, forklift certificate, BHV and first
aid) when the catalogue does not have them yet. Idempotent: running it twice changes
nothing. Skills are looked up by their demo URI, or by the ESCO twin that replaced them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from overstap.accounts.constants import OrganisationKind
from overstap.accounts.models import Organisation
from overstap.catalogue.constants import OfferingCategory, OfferingKind
from overstap.catalogue.models import Offering
from overstap.taxonomy.constants import DEMO_URI_PREFIX
from overstap.taxonomy.models import Skill

if TYPE_CHECKING:
    from overstap.accounts.models import Region

__all__ = ["COURSES", "TEACHES", "build"]

#: Offering name (as in the demo catalogue) -> demo skill keys it teaches.
TEACHES: dict[str, tuple[str, ...]] = {
    "Mbo Beveiliger 2": (
        "surveillance",
        "access-control",
        "observe",
        "incident-report",
        "security-regulations",
        "use-force-rules",
        "de-escalation",
        "camera-monitoring",
        "alarm-follow-up",
        "radio",
        "mobile-security",
        "reception-security",
    ),
    "Mbo Logistiek medewerker (niveau 2)": (
        "order-picking",
        "scanner",
        "wms",
        "inbound",
        "outbound",
        "stock-count",
        "forklift",
        "forklift-certificate",
        "loading-unloading",
        "pallet-stacking",
        "load-securing",
        "warehouse-safety",
    ),
    "Mbo Helpende zorg en welzijn (niveau 2)": (
        "personal-care",
        "assist-eating",
        "household-support",
        "observe-health",
        "client-communication",
        "infection-prevention",
        "reporting-care",
        "assist-mobility",
        "daytime-activities",
        "lifting-technique",
        "meals-care",
    ),
}


@dataclass(frozen=True)
class Course:
    name: str
    description: str
    price: Decimal
    duration: str
    skills: tuple[str, ...]


#: Short courses added to the demo catalogue when missing (provider: the demo ROC).
COURSES = (
    Course(
        "Cursus HACCP en hygiënecode",
        "Hygiënisch werken met voedsel volgens de hygiënecode: HACCP, allergenen, "
        "temperaturen en bewaren. Met certificaat.",
        Decimal("175.00"),
        "1 dag",
        ("food-hygiene", "haccp-plan", "allergens", "store-food", "hygiene-production"),
    ),
    Course(
        "Heftruckcertificaat",
        "Praktijkcursus heftruck rijden met theorie- en praktijkexamen. Je leert ook "
        "veilig laden, lossen en stapelen.",
        Decimal("395.00"),
        "2 dagen",
        ("forklift", "forklift-certificate", "pallet-stacking", "warehouse-safety"),
    ),
    Course(
        "BHV en EHBO",
        "Bedrijfshulpverlening en eerste hulp: brand blussen, ontruimen en eerste hulp "
        "verlenen. Met erkend certificaat.",
        Decimal("225.00"),
        "2 dagen",
        ("bhv", "first-aid", "fire-safety", "evacuation"),
    ),
)


def _skills(keys: tuple[str, ...]) -> list[Skill]:
    uris = [f"{DEMO_URI_PREFIX}skill:{key}" for key in keys]
    found = Skill.objects.filter(uri__in=uris).select_related("replaced_by")
    return [skill.replaced_by or skill for skill in found]  # type: ignore[misc]


def _provider(region: Region) -> Organisation | None:
    """The provider of the demo's MBO training (the ROC), else any provider in the region."""
    existing = (
        Offering.objects.filter(region=region, name__in=list(TEACHES))
        .select_related("provider")
        .first()
    )
    if existing is not None:
        return existing.provider
    return (
        Organisation.objects.filter(region=region, kind=OrganisationKind.SERVICE_PROVIDER)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def build(region: Region) -> int:
    """Tag the region's demo offerings with skills; returns the number of links added."""
    added = 0
    for name, keys in TEACHES.items():
        for offering in Offering.objects.filter(region=region, name=name):
            before = offering.skills.count()
            offering.skills.add(*_skills(keys))
            added += offering.skills.count() - before
    provider = _provider(region)
    if provider is None:
        return added
    for course in COURSES:
        offering, _created = Offering.objects.get_or_create(
            region=region,
            name=course.name,
            defaults={
                "provider": provider,
                "kind": OfferingKind.SINGLE,
                "category": OfferingCategory.TRAINING,
                "description": course.description,
                "price": course.price,
                "duration": course.duration,
                "location": "'s-Hertogenbosch",
            },
        )
        before = offering.skills.count()
        offering.skills.add(*_skills(course.skills))
        added += offering.skills.count() - before
    return added
