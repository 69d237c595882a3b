"""The person's own data: the page, the downloads, and the completeness test (issue #7)."""

from __future__ import annotations

import json

from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from overstap.consent import export, services
from overstap.consent.constants import ConsentChannel, ConsentPurpose
from tests.factories import UserFactory

PROJECT_PREFIX = "overstap."


def _linked_models() -> set[str]:
    """Every project model with a foreign key / one-to-one path to cases.Person or
    cases.Case, followed recursively through project models."""
    start = [apps.get_model("cases.Person"), apps.get_model("cases.Case")]
    seen: set[str] = {m._meta.label for m in start}
    todo = list(start)
    while todo:
        model = todo.pop()
        for rel in model._meta.related_objects:
            related = rel.related_model
            if not isinstance(related, type) or not issubclass(related, models.Model):
                continue
            config = apps.get_app_config(related._meta.app_label)
            if not config.name.startswith(PROJECT_PREFIX):
                continue
            if related._meta.label not in seen:
                seen.add(related._meta.label)
                todo.append(related)
    return seen


def test_every_model_linked_to_a_person_is_exported_or_excluded():
    linked = _linked_models()
    missing = linked - set(export.PERSON_DATA) - set(export.NOT_PERSONAL)
    assert not missing, (
        "Models linked to a person that the person's data export does not contain: "
        f"{sorted(missing)}. Add them to overstap.consent.export.PERSON_DATA (or, if they hold "
        "no personal data, to NOT_PERSONAL with the reason)."
    )
    assert all(reason.strip() for reason in export.NOT_PERSONAL.values())


def test_every_exported_lookup_works(former_staff):
    person = former_staff[0].person
    for label in export.PERSON_DATA:
        export._rows(apps.get_model(label), person)  # raises on a wrong lookup


def test_page_and_downloads_for_case_team_and_privacy_officer(
    former_staff, case_manager, region, other_case_manager
):
    case = former_staff[0]
    services.give_consent(
        actor=case_manager,
        person=case.person,
        purpose=ConsentPurpose.RESEARCH,
        channel=ConsentChannel.ONLINE,
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(case_manager)
    client.get(reverse("cases:case_detail", args=[case.pk]))
    html = client.get(reverse("consent:person_data", args=[case.pk])).content.decode()
    assert "Anja" in html and case.number in html
    assert "cm" in html  # the case manager's access is listed
    response = client.get(reverse("consent:person_data_download", args=[case.pk, "json"]))
    data = json.loads(response.content)
    models_in = {s["model"] for s in data["sections"]}
    assert {"cases.Person", "cases.Case", "consent.ConsentRecord"} <= models_in
    assert data["consent_texts"][0]["version"] == "2026-1"
    assert any(e["purpose"] == "Case management" for e in data["access_log"])
    pdf = client.get(reverse("consent:person_data_download", args=[case.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")

    officer = UserFactory(
        username="dpo", organisation=case_manager.organisation, role="privacy_officer"
    )
    client.force_login(officer)
    assert client.get(reverse("consent:person_data", args=[case.pk])).status_code == 200
    client.force_login(other_case_manager)
    assert client.get(reverse("consent:person_data", args=[case.pk])).status_code == 404


def test_privacy_officer_of_another_region_gets_404(former_staff, other_region):
    from tests.factories import OrganisationFactory

    org = OrganisationFactory(region=other_region, name="RMT R", kind="rmt")
    officer = UserFactory(username="dpo2", organisation=org, role="privacy_officer")
    client = Client()
    client.force_login(officer)
    assert client.get(reverse("consent:person_data", args=[former_staff[0].pk])).status_code == 404
