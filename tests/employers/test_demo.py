from __future__ import annotations

from collections import Counter

import pytest

from overstap.accounts.constants import OrganisationKind
from overstap.accounts.models import Organisation
from overstap.demo import vacancies as demo
from overstap.employers.constants import VacancyStatus
from overstap.employers.models import Vacancy, VacancySkill

from ..factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_build_creates_300_realistic_vacancies_once(taxonomy, region):
    # A releasing employer of the demo is not a receiving employer.
    OrganisationFactory(region=region, name="Cateringgroep Brabant", kind=OrganisationKind.EMPLOYER)
    assert demo.build(region) == demo.COUNT == 300
    employers = Organisation.objects.filter(vacancies__isnull=False).distinct()
    assert employers.count() == len(demo.EMPLOYERS)
    assert not employers.filter(name="Cateringgroep Brabant").exists()
    vacancies = Vacancy.objects.filter(region=region)
    statuses = Counter(vacancies.values_list("status", flat=True))
    assert statuses[VacancyStatus.OPEN] > 200
    assert statuses[VacancyStatus.FILLED] and statuses[VacancyStatus.CLOSED]
    assert not vacancies.filter(occupation__isnull=True).exists()
    assert all(5200 <= int(pc[:4]) <= 5499 for pc in vacancies.values_list("postcode", flat=True))
    assert set(vacancies.values_list("positions", flat=True)) <= {1, 2, 3, 4, 5}
    musts = Counter(
        VacancySkill.objects.filter(importance="must").values_list("vacancy_id", flat=True)
    )
    assert len(musts) == 300
    assert vacancies.values("occupation").distinct().count() > 40
    # Idempotent
    snapshot = list(vacancies.order_by("pk").values_list("pk", "title", "external_id"))
    assert demo.build(region) == 0
    assert list(vacancies.order_by("pk").values_list("pk", "title", "external_id")) == snapshot


def test_build_is_deterministic(taxonomy, region, other_region):
    demo.build(region)
    demo.build(other_region)
    first = list(
        Vacancy.objects.filter(region=region)
        .order_by("external_id")
        .values_list("title", "hours_min", "wage_band")
    )
    second = list(
        Vacancy.objects.filter(region=other_region)
        .order_by("external_id")
        .values_list("title", "hours_min", "wage_band")
    )
    assert first == second


def test_build_uses_existing_receiving_employers(taxonomy, region):
    names = [
        "Beveiligingsgroep Zuid",
        "Schoonmaakbedrijf Dommelstroom",
        "Logistiek Centrum Veghel",
        "Zorggroep Meierij",
        "Retailgroep Den Bosch",
        "Brasserie De Markt",
    ]
    sectors = ["Beveiliging", "Schoonmaak", "Logistiek", "Zorg", "Detailhandel", "Horeca"]
    for name, sector in zip(names, sectors, strict=True):
        OrganisationFactory(region=region, name=name, sector=sector, kind=OrganisationKind.EMPLOYER)
    assert demo.build(region) == 300
    assert Organisation.objects.filter(region=region).count() == 6
    security = Vacancy.objects.filter(employer__name="Beveiligingsgroep Zuid")
    uris = [demo.OCCUPATION_URI + key for key in demo.SECTOR_OCCUPATIONS["security"]]
    assert security.filter(occupation__uri__in=uris).count() > security.count() * 0.7


def test_build_without_taxonomy_says_what_to_do(region):
    from overstap.core.exceptions import DomainError

    with pytest.raises(DomainError, match="load_demo_taxonomy"):
        demo.build(region)
