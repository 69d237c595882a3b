"""export_transitions, the offering's skills (form and service) and the demo tagging."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from overstap.catalogue.models import Offering
from overstap.demo import training_skills
from overstap.taxonomy.models import Occupation

from ..factories import OfferingFactory
from .conftest import skill

pytestmark = pytest.mark.django_db


def test_export_transitions_csv(demo_taxonomy, tmp_path):
    target = tmp_path / "transitions.csv"
    call_command("export_transitions", "--top", "3", "--output", str(target), stderr=io.StringIO())
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0] == ["source_uri", "target_uri", "rank", "score"]
    body = rows[1:]
    uris = set(Occupation.objects.values_list("uri", flat=True))
    sources = {r[0] for r in body}
    assert sources <= uris and len(sources) == Occupation.objects.count()
    kok = [r for r in body if r[0].endswith(":occupation:kok")]
    assert [r[2] for r in kok] == ["1", "2", "3"]
    scores = [float(r[3]) for r in kok]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
    assert all(r[0] != r[1] for r in body)


def test_export_transitions_without_taxonomy_fails_clearly(db, tmp_path):
    with pytest.raises(CommandError, match="No taxonomy has been imported"):
        call_command("export_transitions", "--output", str(tmp_path / "x.csv"))


def test_offering_form_sets_and_removes_skills(client, demo_taxonomy, coordinator, region):
    offering = OfferingFactory(region=region)
    offering.skills.add(skill("teamwork"))
    client.force_login(coordinator)
    url = reverse("catalogue:offering_edit", args=[offering.pk])
    page = client.get(url).content.decode()
    assert "Skills this offering teaches" in page and skill("teamwork").label("nl") in page
    data = {
        "provider": offering.provider_id,
        "name": offering.name,
        "kind": offering.kind,
        "category": offering.category,
        "price": "450,00",
        "is_active": "on",
        # teamwork unchecked; forklift added through the autocomplete's hidden input
        "skills": ["", str(skill("forklift").pk)],
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    assert list(offering.skills.all()) == [skill("forklift")]
    detail = client.get(reverse("catalogue:offering_detail", args=[offering.pk])).content.decode()
    assert skill("forklift").label("nl") in detail


def test_demo_training_skills_is_idempotent(demo_taxonomy, region, provider_org):
    security = OfferingFactory(region=region, name="Mbo Beveiliger 2", provider=provider_org)
    added = training_skills.build(region)
    assert added > 0
    assert skill("surveillance") in security.skills.all()
    haccp = Offering.objects.get(region=region, name="Cursus HACCP en hygiënecode")
    assert skill("food-hygiene") in haccp.skills.all()
    forklift = Offering.objects.get(region=region, name="Heftruckcertificaat")
    assert skill("forklift") in forklift.skills.all()
    assert training_skills.build(region) == 0
