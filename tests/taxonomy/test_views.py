"""Taxonomy pages and the autocomplete endpoints."""

from __future__ import annotations

import pytest
from django.urls import reverse

from overstap.taxonomy.models import Occupation, Skill

pytestmark = pytest.mark.django_db


def test_pages_need_login(client, demo_taxonomy):
    for url in (
        reverse("taxonomy:browser"),
        reverse("taxonomy:occupation_search") + "?q=kok",
        reverse("taxonomy:skill_search") + "?q=kok",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_autocomplete_returns_listbox_partial(client, case_manager, demo_taxonomy):
    client.force_login(case_manager)
    response = client.get(
        reverse("taxonomy:occupation_search"),
        {"q": "koks", "listbox": "occ-listbox"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="listbox"' in html
    assert 'id="occ-listbox"' in html
    assert 'role="option"' in html
    assert ">kok<" in html
    assert "<html" not in html


def test_autocomplete_json(client, case_manager, demo_taxonomy):
    client.force_login(case_manager)
    response = client.get(
        reverse("taxonomy:skill_search"),
        {"q": "forklift", "lang": "en"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "forklift"
    assert "operate a forklift" in [r["label"] for r in data["results"][:2]]
    assert data["results"][0]["kind"] == "skill"
    assert {"id", "uri", "matched_label", "score", "source"} <= set(data["results"][0])


def test_autocomplete_rejects_odd_listbox_ids(client, case_manager, demo_taxonomy):
    client.force_login(case_manager)
    response = client.get(
        reverse("taxonomy:occupation_search"), {"q": "kok", "listbox": '"><script>'}
    )
    assert "<script>" not in response.content.decode()
    assert 'id="occupation-listbox"' in response.content.decode()


def test_browser_search_and_detail(client, case_manager, demo_taxonomy):
    client.force_login(case_manager)
    response = client.get(reverse("taxonomy:browser"), {"q": "beveiligr", "kind": "occupation"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "beveiliger" in html
    guard = Occupation.objects.get(uri="urn:overstap:demo:occupation:beveiliger")
    assert reverse("taxonomy:occupation_detail", args=[guard.pk]) in html

    response = client.get(reverse("taxonomy:occupation_detail", args=[guard.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "beveiliger" in html
    assert "surveilleren" in html  # an essential skill
    assert "portofoon gebruiken" in html  # an optional skill

    skill = Skill.objects.get(uri="urn:overstap:demo:skill:surveillance")
    response = client.get(reverse("taxonomy:skill_detail", args=[skill.pk]))
    assert response.status_code == 200
    assert "beveiliger" in response.content.decode()


def test_browser_without_query_and_skill_search(client, case_manager, demo_taxonomy):
    client.force_login(case_manager)
    assert client.get(reverse("taxonomy:browser")).status_code == 200
    response = client.get(reverse("taxonomy:browser"), {"q": "hygiene", "kind": "skill"})
    assert "hygiënisch werken met voedsel (HACCP)" in response.content.decode()


def test_unknown_concepts_are_404(client, case_manager, db):
    client.force_login(case_manager)
    assert client.get(reverse("taxonomy:occupation_detail", args=[999999])).status_code == 404
    assert client.get(reverse("taxonomy:skill_detail", args=[999999])).status_code == 404
