"""Vacancy pages: permissions, list filters, the form with suggestions and skills, imports."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from overstap.employers.constants import VacancyStatus
from overstap.employers.models import Vacancy, VacancyImport

from .conftest import future, occupation, skill
from .test_imports import _csv, good_row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_pages(client):
    """The pages follow the browser language; the tests assert English message ids."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def vacancies(make_vacancy, employer_user, employer_org, account_manager, security):
    return {
        "mine": make_vacancy(employer_user, employer_org, title="Beveiliger nacht"),
        "other": make_vacancy(account_manager, security, title="Receptiebeveiliger"),
        "draft": make_vacancy(
            account_manager, security, status=VacancyStatus.DRAFT, title="Concept"
        ),
    }


def _get(client, user, name, **kwargs):
    client.force_login(user)
    return client.get(reverse(name, kwargs=kwargs or None))


def test_employer_user_sees_only_own_vacancies(client, vacancies, employer_user):
    response = _get(client, employer_user, "employers:vacancy_list")
    assert response.status_code == 200
    assert list(response.context["vacancies"]) == [vacancies["mine"]]
    assert (
        _get(
            client, employer_user, "employers:vacancy_detail", pk=vacancies["other"].pk
        ).status_code
        == 404
    )
    assert (
        _get(client, employer_user, "employers:vacancy_edit", pk=vacancies["other"].pk).status_code
        == 404
    )
    assert (
        _get(client, employer_user, "employers:vacancy_edit", pk=vacancies["mine"].pk).status_code
        == 200
    )


def test_case_manager_reads_open_region_vacancies_but_cannot_edit(client, vacancies, case_manager):
    response = _get(client, case_manager, "employers:vacancy_list")
    assert set(response.context["vacancies"]) == {vacancies["mine"], vacancies["other"]}
    assert (
        _get(client, case_manager, "employers:vacancy_detail", pk=vacancies["other"].pk).status_code
        == 200
    )
    assert (
        _get(client, case_manager, "employers:vacancy_edit", pk=vacancies["other"].pk).status_code
        == 403
    )
    assert (
        _get(client, case_manager, "employers:vacancy_detail", pk=vacancies["draft"].pk).status_code
        == 404
    )
    assert _get(client, case_manager, "employers:vacancy_create").status_code == 403
    response = client.post(
        reverse("employers:vacancy_status", kwargs={"pk": vacancies["other"].pk}),
        {"status": "closed"},
    )
    assert response.status_code == 403
    assert Vacancy.objects.get(pk=vacancies["other"].pk).status == VacancyStatus.OPEN


def test_other_region_is_404(client, vacancies, other_region_coordinator):
    for name in ("employers:vacancy_detail", "employers:vacancy_edit"):
        assert (
            _get(client, other_region_coordinator, name, pk=vacancies["other"].pk).status_code
            == 404
        )


def test_provider_has_no_vacancy_pages(client, provider_user):
    assert _get(client, provider_user, "employers:vacancy_list").status_code == 403


def test_list_filters_and_htmx_partial(client, vacancies, account_manager, security):
    client.force_login(account_manager)
    url = reverse("employers:vacancy_list")
    response = client.get(url, {"text": "receptie"})
    assert list(response.context["vacancies"]) == [vacancies["other"]]
    response = client.get(url, {"status": "draft"})
    assert list(response.context["vacancies"]) == [vacancies["draft"]]
    response = client.get(url, {"employer": security.pk, "status": "open"})
    assert list(response.context["vacancies"]) == [vacancies["other"]]
    response = client.get(url, {"occupation": occupation("kok").pk})
    assert list(response.context["vacancies"]) == []
    response = client.get(url, {"q": "beveiliger"})  # the occupation box without JavaScript
    assert len(response.context["vacancies"]) == 3
    response = client.get(url, {"hours": "lt24"})
    assert list(response.context["vacancies"]) == []
    response = client.get(
        url, {"text": "receptie"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="vacancy-results"
    )
    assert b"<html" not in response.content
    assert b"Receptiebeveiliger" in response.content


def _form_data(**overrides):
    data = {
        "title": "Zelfstandig werkend kok (m/v)",
        "hours_min": "32",
        "hours_max": "38",
        "wage_band": "2500_3000",
        "contract_type": "permanent",
        "postcode": "5211 ab",
        "place": "Den Bosch",
        "shifts": ["day", "evening"],
        "start_date": future(14).isoformat(),
        "positions": "1",
        "open_to_other_sectors": "on",
        "status": "open",
    }
    data.update(overrides)
    return data


def test_form_suggests_occupation_and_fills_skills(client, taxonomy, employer_user):
    client.force_login(employer_user)
    url = reverse("employers:vacancy_create")
    response = client.post(url, _form_data(action="suggest"))
    assert response.status_code == 200
    suggestions = response.context["suggestions"]
    kok = occupation("zelfstandig-werkend-kok")
    assert suggestions[0].id == kok.pk
    assert not response.context["form"].errors  # an intermediate step shows no errors
    response = client.post(url, _form_data(action="pick", pick_occupation=str(kok.pk)))
    groups = {key: rows for key, _title, rows in response.context["skill_groups"]}
    assert groups["essential"] and all(
        r.checked and r.importance == "must" for r in groups["essential"]
    )
    assert groups["optional"] and not any(r.checked for r in groups["optional"])
    essential = [r.skill.pk for r in groups["essential"]]
    optional = groups["optional"][0].skill.pk
    extra = skill("driving-licence-b")
    data = _form_data(
        action="save",
        occupation=str(kok.pk),
        skill_shown=[*essential, optional, extra.pk],
        skill=[*essential[1:], optional, extra.pk],
        **{f"importance_{optional}": "nice", f"importance_{extra.pk}": "must"},
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    vacancy = Vacancy.objects.get()
    assert response["Location"] == reverse("employers:vacancy_detail", kwargs={"pk": vacancy.pk})
    assert vacancy.occupation == kok
    links = dict(vacancy.skill_links.values_list("skill_id", "importance"))
    assert essential[0] not in links
    assert links[optional] == "nice" and links[extra.pk] == "must"
    assert vacancy.postcode == "5211 AB"
    detail = client.get(response["Location"])
    assert detail.status_code == 200


def test_form_adds_skill_typed_without_javascript(client, taxonomy, employer_user):
    client.force_login(employer_user)
    response = client.post(
        reverse("employers:vacancy_create"),
        _form_data(action="add_skill", q=["", "heftruck besturen"], new_skill_importance="nice"),
    )
    rows = [r for _k, _t, group in response.context["skill_groups"] for r in group]
    assert [(r.skill.uri, r.importance, r.checked) for r in rows] == [
        (skill("forklift").uri, "nice", True)
    ]


def test_form_validation_messages(client, taxonomy, employer_user):
    client.force_login(employer_user)
    response = client.post(
        reverse("employers:vacancy_create"),
        _form_data(
            action="save",
            hours_min="40",
            hours_max="30",
            positions="0",
            postcode="abc",
            start_date="2020-01-01",
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "cannot be less than the minimum" in errors["hours_max"][0]
    assert "at least 1 position" in errors["positions"][0]
    assert "Dutch postcode" in errors["postcode"][0]
    assert "cannot be in the past" in errors["start_date"][0]
    assert "can only be opened" in errors["status"][0]
    assert b"Please correct the following" in response.content
    assert not Vacancy.objects.exists()


def test_edit_conflict_keeps_input(client, vacancies, employer_user):
    client.force_login(employer_user)
    vacancy = vacancies["mine"]
    url = reverse("employers:vacancy_edit", kwargs={"pk": vacancy.pk})
    data = _form_data(
        action="save", title="Mijn nieuwe titel", version="0", occupation=str(vacancy.occupation_id)
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Someone else changed this vacancy" in str(response.context["form"].non_field_errors())
    assert b"Mijn nieuwe titel" in response.content
    data["version"] = str(vacancy.version)
    assert client.post(url, data).status_code == 302
    assert Vacancy.objects.get(pk=vacancy.pk).title == "Mijn nieuwe titel"


def test_status_buttons(client, vacancies, employer_user):
    client.force_login(employer_user)
    vacancy = vacancies["mine"]
    response = client.post(
        reverse("employers:vacancy_status", kwargs={"pk": vacancy.pk}),
        {"status": "filled", "version": vacancy.version},
    )
    assert response.status_code == 302
    assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.FILLED


def test_import_pages_two_steps(client, taxonomy, employer_user):
    client.force_login(employer_user)
    raw = _csv(good_row("A1"), good_row("A2", occupation="astronaut"))
    upload = SimpleUploadedFile("vacatures.csv", raw, content_type="text/csv")
    response = client.post(reverse("employers:vacancy_import"), {"file": upload})
    record = VacancyImport.objects.get()
    assert response.status_code == 302
    preview_url = reverse("employers:vacancy_import_preview", kwargs={"token": record.token})
    assert response["Location"] == preview_url
    page = client.get(preview_url)
    assert b"Unknown occupation" in page.content
    assert b"Import the 1 good row only" in page.content
    # Without the confirmation nothing is imported
    client.post(preview_url, {})
    assert not Vacancy.objects.exists()
    response = client.post(preview_url, {"good_rows_only": "1"}, follow=True)
    assert Vacancy.objects.count() == 1
    assert b"1 new, 0 unchanged, 0 updated" in response.content


def test_import_upload_errors_and_privacy(client, taxonomy, employer_user, other_employer_user):
    client.force_login(employer_user)
    upload = SimpleUploadedFile("v.csv", "external_id,title\nA1,Café\n".encode("latin-1"))
    response = client.post(reverse("employers:vacancy_import"), {"file": upload})
    assert response.status_code == 200
    assert "not UTF-8" in response.context["form"].errors["file"][0]
    upload = SimpleUploadedFile("v.csv", _csv(good_row("A1")))
    client.post(reverse("employers:vacancy_import"), {"file": upload})
    record = VacancyImport.objects.get()
    client.force_login(other_employer_user)
    url = reverse("employers:vacancy_import_preview", kwargs={"token": record.token})
    assert client.get(url).status_code == 404
    assert client.post(url, {"good_rows_only": "1"}).status_code == 404
    assert not Vacancy.objects.exists()


def test_nav_shows_vacancies(client, case_manager, provider_user):
    client.force_login(case_manager)
    assert (
        reverse("employers:vacancy_list").encode()
        in client.get(reverse("taxonomy:browser")).content
    )
    client.force_login(provider_user)
    assert (
        reverse("employers:vacancy_list").encode()
        not in client.get(reverse("taxonomy:browser")).content
    )
