"""The passport pages: access (404 for outsiders, nothing written), audit of reads and
exports, the htmx bulk review, conflicts, the PDF and JSON exports, and intake coding."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from overstap.cases.models import WorkHistoryEntry
from overstap.passport import services
from overstap.passport.constants import EvidenceLevel, SkillStatus
from overstap.passport.models import Passport, PassportSkill
from overstap.privacy.constants import AuditAction, Purpose
from overstap.privacy.models import AuditLogEntry

pytestmark = pytest.mark.django_db

GET_URLS = ["case_passport", "print", "pdf", "json"]
POST_URLS = [
    "build",
    "occupations",
    "skills",
    "skill_add",
    "certificates",
    "learning",
    "ambitions",
    "constraints",
]


def _url(name: str, case) -> str:
    return reverse(f"passport:{name}", args=[case.pk])


@pytest.fixture
def built(case, coded_history, case_manager):
    services.build_from_work_history(actor=case_manager, person=case.person)
    return Passport.objects.get(person=case.person)


def test_every_passport_url_is_covered_here():
    from overstap.passport.urls import urlpatterns

    assert {p.name for p in urlpatterns} == set(GET_URLS) | set(POST_URLS)


@pytest.mark.parametrize("role", ["other_case_manager", "provider_user", "employer_user"])
def test_outsiders_get_404_everywhere_and_nothing_is_written(client, request, built, case, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    audit_before = AuditLogEntry.objects.count()
    skill = PassportSkill.objects.filter(passport=built).first()
    assert skill is not None
    for name in GET_URLS:
        assert client.get(_url(name, case)).status_code == 404, name
    for name in POST_URLS:
        response = client.post(
            _url(name, case),
            {
                "version": built.version,
                "skill": [skill.pk],
                "action": "remove",
                "name": "HACCP",
                "description": "x",
                "kind": "dream_job",
                "sector": "zorg",
                "min_hours_per_week": 8,
                "delete_id": skill.pk,
            },
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 404, name
        assert client.get(_url(name, case)).status_code == 404, name
    assert AuditLogEntry.objects.count() == audit_before
    built.refresh_from_db()
    skill.refresh_from_db()
    assert skill.status == SkillStatus.PENDING
    assert not built.certificates.exists() and not built.ambitions.exists()


def test_anonymous_is_sent_to_login(client, case):
    response = client.get(_url("case_passport", case))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_post_only_urls_refuse_get_for_the_team(client, case, case_manager):
    client.force_login(case_manager)
    for name in POST_URLS:
        assert client.get(_url(name, case)).status_code == 405, name


def test_page_shows_the_passport_and_audits_the_read(client, built, case, case_manager):
    client.force_login(case_manager)
    before = AuditLogEntry.objects.count()
    response = client.get(_url("case_passport", case), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Build from work history" in html
    assert "Confirm selected" in html
    assert 'name="skill"' in html
    assert "bakker" in html  # the uncoded job is pointed out
    entries = list(AuditLogEntry.objects.order_by("id")[before:])
    assert [(e.action, e.purpose, e.person_ref, e.case_ref) for e in entries] == [
        (AuditAction.READ, Purpose.CASE_MANAGEMENT, case.person_id, case.pk)
    ]


def test_colleague_with_another_case_of_the_person_sees_the_same_passport(
    client, built, case, other_case_manager
):
    from ..factories import CaseFactory

    other_case = CaseFactory(
        person=case.person, registered_by=other_case_manager, case_manager=other_case_manager
    )
    client.force_login(other_case_manager)
    assert client.get(_url("case_passport", other_case)).status_code == 200
    assert client.get(_url("case_passport", case)).status_code == 404


def test_build_button(client, case, coded_history, case_manager):
    client.force_login(case_manager)
    response = client.post(_url("build", case))
    assert response.status_code == 302
    assert PassportSkill.objects.filter(passport__person=case.person).count() == 5
    response = client.post(_url("build", case), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "already up to date" in response.content.decode()


def test_bulk_confirm_with_htmx_returns_the_body(client, built, case, case_manager):
    client.force_login(case_manager)
    ids = list(built.skills.values_list("pk", flat=True))[:3]
    before = AuditLogEntry.objects.count()
    response = client.post(
        _url("skills", case),
        {
            "version": built.version,
            "group": "pending",
            "skill": ids,
            "action": "confirm",
            "evidence": EvidenceLevel.CONFIRMED_BY_CASE_MANAGER,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="passport-body"' in html and "<html" not in html
    assert "3 skills changed" in html
    confirmed = PassportSkill.objects.filter(pk__in=ids)
    assert {(ps.status, ps.evidence) for ps in confirmed} == {
        (SkillStatus.CONFIRMED, EvidenceLevel.CONFIRMED_BY_CASE_MANAGER)
    }
    # One audit record: the change (the re-rendered body is covered by it).
    entries = list(AuditLogEntry.objects.order_by("id")[before:])
    assert [e.action for e in entries] == [AuditAction.UPDATE]


def test_bulk_with_stale_version_keeps_the_selection(client, built, case, case_manager):
    client.force_login(case_manager)
    stale = built.version
    services.save_constraints(actor=case_manager, person=case.person, data={"max_travel_km": 10})
    ids = list(built.skills.values_list("pk", flat=True))[:2]
    response = client.post(
        _url("skills", case),
        {"version": stale, "group": "pending", "skill": ids, "action": "remove"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "Someone else changed this in the meantime" in html
    for pk in ids:
        assert f'value="{pk}" id="ps-{pk}" data-group="pending" checked' in html
    assert not PassportSkill.objects.filter(pk__in=ids, status=SkillStatus.REMOVED).exists()
    fresh = Passport.objects.get(pk=built.pk).version
    assert f'name="version" value="{fresh}"' in html


def test_bulk_without_selection_explains(client, built, case, case_manager):
    client.force_login(case_manager)
    response = client.post(
        _url("skills", case),
        {"version": built.version, "group": "pending", "action": "confirm"},
        HTTP_HX_REQUEST="true",
    )
    assert "Select at least one skill." in response.content.decode()


def test_constraints_conflict_keeps_input(client, built, case, case_manager):
    client.force_login(case_manager)
    stale = built.version
    services.save_constraints(
        actor=case_manager, person=case.person, data={"min_hours_per_week": 20}
    )
    response = client.post(
        _url("constraints", case),
        {"version": stale, "min_hours_per_week": 32, "shifts": ["night"]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this in the meantime" in html
    assert 'value="32"' in html
    assert Passport.objects.get(pk=built.pk).constraints.min_hours_per_week == 20
    fresh = Passport.objects.get(pk=built.pk).version
    response = client.post(
        _url("constraints", case),
        {"version": fresh, "min_hours_per_week": 32, "shifts": ["night"]},
    )
    assert response.status_code == 302
    constraints = Passport.objects.get(pk=built.pk).constraints
    assert (constraints.min_hours_per_week, constraints.shifts) == (32, ["night"])


def test_add_forms_validate(client, built, case, case_manager, taxonomy):
    client.force_login(case_manager)
    response = client.post(_url("skill_add", case), {"skill": "", "evidence": "self_declared"})
    assert "Choose a skill from the suggestions." in response.content.decode()
    response = client.post(_url("ambitions", case), {"kind": "dream_job"})
    assert "Choose an occupation or type a sector" in response.content.decode()
    response = client.post(
        _url("ambitions", case),
        {"kind": "bread_job", "occupation": taxonomy["occupations"]["gastvrouw"].pk},
    )
    assert response.status_code == 302
    assert built.ambitions.get().occupation == taxonomy["occupations"]["gastvrouw"]
    response = client.post(
        _url("certificates", case),
        {"name": "BHV", "issuer": "NIBHV", "obtained_on": "2024-03-01", "expires_on": "2025-03-01"},
    )
    assert response.status_code == 302
    response = client.post(
        _url("learning", case), {"description": "Collega's ingewerkt", "period": "2018"}
    )
    assert response.status_code == 302
    response = client.post(
        _url("occupations", case),
        {"occupation": taxonomy["occupations"]["gastvrouw"].pk, "years": "2"},
    )
    assert response.status_code == 302
    assert built.occupations.count() == 3


def test_exports_are_audited_as_export(client, built, case, case_manager):
    client.force_login(case_manager)
    before = AuditLogEntry.objects.count()
    for name in ("print", "pdf", "json"):
        assert client.get(_url(name, case)).status_code == 200
    entries = list(AuditLogEntry.objects.order_by("id")[before:])
    assert [(e.action, e.details["format"]) for e in entries] == [
        (AuditAction.EXPORT, "print"),
        (AuditAction.EXPORT, "pdf"),
        (AuditAction.EXPORT, "json"),
    ]
    assert {e.person_ref for e in entries} == {case.person_id}


def test_pdf_is_a_pdf_with_the_name(client, built, case, case_manager, taxonomy):
    import datetime as dt

    services.add_certificate(
        actor=case_manager,
        person=case.person,
        name="Sociale Hygiëne",
        issuer="SVH",
        obtained_on=dt.date(2018, 5, 1),
    )
    services.add_skill(actor=case_manager, person=case.person, skill=taxonomy["skills"]["hygiene"])
    client.force_login(case_manager)
    response = client.get(_url("pdf", case))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    content = response.content
    assert content.startswith(b"%PDF")
    assert content.rstrip().endswith(b"%%EOF")
    from overstap.passport import pdf

    if pdf.FONT_REGULAR.exists():  # fonts-dejavu-core: the font is embedded (subset)
        assert b"DejaVu" in content


def test_pdf_without_dejavu_falls_back_to_latin1(monkeypatch, built, case, case_manager):
    from pathlib import Path

    from overstap.passport import pdf, selectors

    monkeypatch.setattr(pdf, "FONT_REGULAR", Path("/nonexistent/DejaVuSans.ttf"))
    services.add_learning(
        actor=case_manager, person=case.person, description="Łódź – “catering” € 5 ✓"
    )
    passport = Passport.objects.get(pk=built.pk)
    content = pdf.render_passport(selectors.passport_overview(passport, "nl"), case.person)
    assert content.startswith(b"%PDF")
    # Helvetica writes Latin-1 text into the (deflated) content streams: find it there.
    import re
    import zlib

    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S)
    text = b"".join(zlib.decompress(s) for s in streams if s[:1] == b"x").decode("latin-1")
    assert "Fatima El Amrani" in text
    assert '?ódz - "catering" EUR 5 ?' in text


def test_print_view_shows_no_internal_notes(client, built, case, case_manager, taxonomy):
    services.add_skill(
        actor=case_manager,
        person=case.person,
        skill=taxonomy["skills"]["till"],
        note="INTERNAL: check with employer",
    )
    client.force_login(case_manager)
    html = client.get(_url("print", case)).content.decode()
    assert "Fatima El Amrani" in html
    assert "INTERNAL" not in html
    assert taxonomy["skills"]["till"].label_nl in html or "operate a till" in html
    assert "cook meals" not in html and "koken" not in html  # pending skills are not printed
    assert client.get(_url("case_passport", case)).content.decode().count("INTERNAL") == 1


def test_json_export_shape(client, built, case, case_manager, taxonomy):
    services.add_ambition(
        actor=case_manager, person=case.person, kind="dream_job", sector="Zorg en welzijn"
    )
    services.save_constraints(
        actor=case_manager,
        person=case.person,
        data={"min_wage_band": "2000_2500", "shifts": ["day"], "contract_types": ["permanent"]},
    )
    client.force_login(case_manager)
    response = client.get(_url("json", case))
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["schema"] == "overstap.skills-passport/1"
    assert data["person"] == {"first_name": "Fatima", "last_name": "El Amrani"}
    occupations = {o["uri"]: o for o in data["occupations"]}
    kok = taxonomy["occupations"]["kok"]
    assert occupations[kok.uri]["years"] == 10
    assert occupations[kok.uri]["from_work_history"] is True
    assert len(data["skills"]) == 5
    skill = data["skills"][0]
    assert set(skill) >= {"uri", "label", "status", "evidence", "source", "from_occupations"}
    assert all(s["uri"].startswith("urn:overstap:demo:skill:") for s in data["skills"])
    assert data["ambitions"][0]["sector"] == "Zorg en welzijn"
    assert data["constraints"]["min_wage_band"] == "2000_2500"
    assert data["constraints"]["shifts"][0]["code"] == "day"


def test_empty_passport_page_does_not_write(client, case, case_manager):
    client.force_login(case_manager)
    assert client.get(_url("case_passport", case)).status_code == 200
    assert client.get(_url("json", case)).status_code == 200
    assert not Passport.objects.exists()


def test_case_tab_links_to_the_passport(client, case, case_manager):
    client.force_login(case_manager)
    html = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert _url("case_passport", case) in html


def test_intake_codes_work_history_to_an_occupation(client, case, case_manager, taxonomy):
    client.force_login(case_manager)
    kok = taxonomy["occupations"]["kok"]
    response = client.post(
        reverse("cases:work_history", args=[case.pk]),
        {
            "work-employer_name": "Smaakmakers",
            "work-job_title": "kok",
            "work-start_year": "2012",
            "work-occupation": str(kok.pk),
        },
    )
    assert response.status_code == 302
    entry = WorkHistoryEntry.objects.get(person=case.person)
    assert entry.occupation == kok
    # The edit form puts the chosen occupation back into the autocomplete.
    html = client.get(
        reverse("cases:case_intake", args=[case.pk]) + f"?edit={entry.pk}"
    ).content.decode()
    assert f'name="work-occupation" id="work-occupation-value" value="{kok.pk}"' in html
    # An unknown occupation id is an error, not a silent blank.
    response = client.post(
        reverse("cases:work_history", args=[case.pk]),
        {"work-employer_name": "X", "work-job_title": "kok", "work-occupation": "999999"},
    )
    assert "Choose an occupation from the suggestions." in response.content.decode()
    # Clearing the occupation uncodes the job.
    client.post(
        reverse("cases:work_history", args=[case.pk]),
        {
            "work-id": str(entry.pk),
            "work-employer_name": "Smaakmakers",
            "work-job_title": "kok",
            "work-occupation": "",
        },
    )
    entry.refresh_from_db()
    assert entry.occupation is None
