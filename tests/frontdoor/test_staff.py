"""Staff side: desk requests, converting to a vacancy, schemes and the eligibility check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from overstap.cases import services as case_services
from overstap.cases.constants import SignalSource
from overstap.cases.services import RegistrationData
from overstap.core.exceptions import ConflictError, PermissionDenied
from overstap.employers.models import Vacancy
from overstap.frontdoor import eligibility, services
from overstap.frontdoor.constants import DeskRequestStatus, SchemeScope
from overstap.frontdoor.eligibility import Facts, Rules, Verdict
from overstap.frontdoor.models import DeskRequest, Scheme
from overstap.privacy.models import AuditLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(region):
    return DeskRequest.objects.create(
        region=region,
        kind="vacancy",
        organisation_name="Cateringgroep",
        contact_name="Peter",
        email="p@example.org",
        title="Kok",
        hours_min=24,
        hours_max=36,
        people_count=2,
        place="Oss",
    )


# --- Eligibility rules (pure) ------------------------------------------------------------


def test_rules_meet_fail_and_unknown():
    rules = Rules(age_min=45, situations=("at_risk",), sectors=("Techniek",))
    ok = eligibility.evaluate(rules, Facts(age=50, situation="at_risk", sector="Techniek NL"))
    assert ok.verdict == Verdict.MEETS
    assert len(ok.reasons) == 3
    young = eligibility.evaluate(rules, Facts(age=30, situation="at_risk", sector="Techniek"))
    assert young.verdict == Verdict.FAILS
    assert "30" in young.failures[0]
    unknown = eligibility.evaluate(rules, Facts(situation="at_risk", sector="Techniek"))
    assert unknown.verdict == Verdict.UNKNOWN
    assert unknown.to_check
    wrong_sector = eligibility.evaluate(rules, Facts(age=50, situation="at_risk", sector="Zorg"))
    assert wrong_sector.verdict == Verdict.FAILS


def test_age_bounds_inclusive_and_region_rule():
    rules = Rules(age_min=45, age_max=55, region_id=1)
    assert eligibility.evaluate(rules, Facts(age=45, region_id=1)).verdict == Verdict.MEETS
    assert eligibility.evaluate(rules, Facts(age=55, region_id=1)).verdict == Verdict.MEETS
    assert eligibility.evaluate(rules, Facts(age=56, region_id=1)).verdict == Verdict.FAILS
    assert eligibility.evaluate(rules, Facts(age=50, region_id=2)).verdict == Verdict.FAILS


def test_education_rule_and_no_conditions():
    rules = Rules(education_levels=("mbo",))
    assert eligibility.evaluate(rules, Facts(education_level="mbo")).verdict == Verdict.MEETS
    assert eligibility.evaluate(rules, Facts(education_level="hbo")).verdict == Verdict.FAILS
    assert eligibility.evaluate(rules, Facts(education_level="unknown")).verdict == Verdict.UNKNOWN
    assert eligibility.evaluate(Rules(), Facts()).verdict == Verdict.MEETS


def test_respond_by_skips_weekends():
    assert services.respond_by(dt.date(2026, 11, 20), 3) == dt.date(2026, 11, 25)
    assert services.respond_by(dt.date(2026, 11, 23), 1) == dt.date(2026, 11, 24)


# --- Eligibility on a case ----------------------------------------------------------------


def test_case_schemes_lists_fitting_schemes_with_why_and_audits(
    client, region, other_region, case_manager, other_case_manager, employer_org
):
    case = case_services.register_person(
        actor=case_manager,
        data=RegistrationData(
            first_name="Fatima",
            last_name="El Amrani",
            signal_source=SignalSource.RELEASING_EMPLOYER,
            birth_date=dt.date(1970, 1, 1),
            releasing_employer_id=employer_org.pk,
        ),
        take_case=True,
    )
    fits = Scheme.objects.create(
        name="Cateringfonds",
        slug="c",
        kind="sector_fund",
        provider="Fonds",
        summary="s",
        conditions_text="c",
        pays="p",
        how_to_apply="h",
        scope=SchemeScope.NATIONAL,
        age_min=45,
        sectors=["Catering"],
    )
    Scheme.objects.create(
        name="Jongeren",
        slug="j",
        kind="voucher",
        provider="UWV",
        summary="s",
        conditions_text="c",
        pays="p",
        how_to_apply="h",
        scope=SchemeScope.NATIONAL,
        age_max=27,
    )
    Scheme.objects.create(
        name="Elders",
        slug="e",
        kind="voucher",
        provider="X",
        summary="s",
        conditions_text="c",
        pays="p",
        how_to_apply="h",
        scope=SchemeScope.REGIONAL,
        region=other_region,
    )
    client.force_login(case_manager)
    before = AuditLogEntry.objects.filter(object_type="frontdoor.SchemeEligibility").count()
    response = client.get(reverse("frontdoor:case_schemes", kwargs={"pk": case.pk}))
    assert response.status_code == 200
    meets = [f.scheme for f in response.context["meets"]]
    assert meets == [fits]
    assert [f.scheme.slug for f in response.context["fails"]] == ["j"]
    assert "e" not in [f.scheme.slug for f in response.context["fits"]]
    assert "Catering" in response.content.decode()
    entry = AuditLogEntry.objects.filter(object_type="frontdoor.SchemeEligibility").last()
    assert (
        AuditLogEntry.objects.filter(object_type="frontdoor.SchemeEligibility").count()
        == before + 1
    )
    assert entry.case_ref == case.pk and entry.details["meets"] == ["c"]
    # the situation can be chosen to check again
    response = client.get(
        reverse("frontdoor:case_schemes", kwargs={"pk": case.pk}), {"situation": "unemployed"}
    )
    assert response.context["facts"].facts.situation == "unemployed"
    # outside the case: 404
    client.force_login(other_case_manager)
    assert client.get(reverse("frontdoor:case_schemes", kwargs={"pk": case.pk})).status_code == 404


# --- Desk requests ------------------------------------------------------------------------


def test_pick_up_assign_and_status(account_manager, team_coordinator, desk):
    services.pick_up_request(actor=account_manager, request=desk, expected_version=1)
    desk.refresh_from_db()
    assert desk.status == DeskRequestStatus.PICKED_UP and desk.assignee == account_manager
    with pytest.raises(ConflictError):
        services.set_request_status(
            actor=team_coordinator, request=desk, status="done", expected_version=1
        )
    services.set_request_status(
        actor=team_coordinator, request=desk, status="done", expected_version=desk.version
    )
    desk.refresh_from_db()
    assert desk.status == DeskRequestStatus.DONE and desk.done_at


def test_other_roles_cannot_handle_requests(case_manager, desk):
    with pytest.raises(PermissionDenied):
        services.pick_up_request(actor=case_manager, request=desk, expected_version=None)


def test_convert_vacancy_request_in_one_click(client, account_manager, employer_org, desk):
    client.force_login(account_manager)
    url = reverse("frontdoor:request_detail", kwargs={"pk": desk.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["convert_form"].initial["employer"] == employer_org.pk
    response = client.post(
        url, {"action": "convert", "employer": employer_org.pk, "version": desk.version}
    )
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.title == "Kok" and vacancy.employer == employer_org
    assert vacancy.positions == 2 and vacancy.hours_max == 36
    desk.refresh_from_db()
    assert desk.vacancy == vacancy and desk.status == DeskRequestStatus.DONE


def test_request_list_for_desk_roles_only(client, account_manager, case_manager, desk):
    client.force_login(account_manager)
    response = client.get(reverse("frontdoor:request_list"))
    assert response.status_code == 200
    assert desk in response.context["requests"]
    client.force_login(case_manager)
    assert client.get(reverse("frontdoor:request_list")).status_code == 403


# --- Schemes admin ------------------------------------------------------------------------


def test_coordinator_creates_regional_scheme(client, team_coordinator, region):
    client.force_login(team_coordinator)
    response = client.post(
        reverse("frontdoor:scheme_create"),
        {
            "name": "Regiobudget",
            "slug": "regiobudget",
            "kind": "training_budget",
            "scope": "regional",
            "provider": "RMT",
            "summary": "Budget",
            "conditions_text": "Geen voorliggende voorziening",
            "pays": "Scholing",
            "how_to_apply": "Via je coach",
            "is_active": "on",
            "age_min": "50",
            "age_max": "40",
            "situations": ["at_risk"],
            "sectors": "Metaal, Techniek",
        },
    )
    assert response.status_code == 200
    assert "age_max" in response.context["form"].errors
    data = response.context["form"].data.copy()
    data["age_max"] = "67"
    response = client.post(reverse("frontdoor:scheme_create"), data)
    assert response.status_code == 302
    scheme = Scheme.objects.get(slug="regiobudget")
    assert scheme.region == region and scheme.sectors == ["Metaal", "Techniek"]
    assert scheme.situations == ["at_risk"]
    public = client.get(reverse("frontdoor:scheme_detail", kwargs={"slug": "regiobudget"}))
    assert public.status_code == 200
    # editing with a stale version keeps the input and shows the conflict
    edit = reverse("frontdoor:scheme_edit", kwargs={"pk": scheme.pk})
    data["name"] = "Nieuw"
    data["version"] = "1"
    client.post(edit, {**data.dict(), "version": "1", "name": "Eerst"})
    response = client.post(edit, {**data.dict(), "version": "1"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert response.context["form"]["name"].value() == "Nieuw"
