"""The permission matrix: every URL pattern × every role → the expected HTTP status.

A new URL without an entry in MATRIX fails ``test_every_url_is_in_the_matrix``, so no
endpoint can ship without a decision on who may use it (TRUST.md, OWASP ASVS 8.2.2).
Statuses are for GET; POSTs by users without access are covered by ``test_no_write_*``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from overstap.accounts.constants import OrganisationKind, Role
from overstap.cases import services
from overstap.cases.constants import OutcomeKind, SignalSource
from overstap.cases.models import Case, FollowUp, PlanAction
from overstap.cases.services import RegistrationData
from overstap.privacy.models import AuditLogEntry

from .factories import (
    OfferingFactory,
    OrganisationFactory,
    RegionFactory,
    RouteFactory,
    UserFactory,
)

ROLES = [
    "anonymous",
    "case_manager",
    "case_manager_other_org",
    "colleague",
    "coordinator",
    "coordinator_other_region",
    "provider",
    "provider_other",
    "employer",
    "administrator",
    "privacy_officer",
    "national_analyst",
]

OK, FOUND, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405
LOGIN = "login"  # 302 to the login page


# Shorthands for rows where most roles share one outcome.
def _row(default: int | str, **overrides: int | str) -> dict[str, int | str]:
    row = dict.fromkeys(ROLES, default)
    row["anonymous"] = LOGIN
    row.update(overrides)
    return row


CASE_TEAM = dict(case_manager=OK, colleague=OK, coordinator=OK)
STAFF_PAGES = dict(
    case_manager=OK,
    case_manager_other_org=OK,
    colleague=OK,
    coordinator=OK,
    coordinator_other_region=OK,
)

MATRIX: dict[str, dict[str, int | str]] = {
    "core:home": _row(FOUND, anonymous=FOUND),  # anonymous: to the public front door
    "core:healthz": dict.fromkeys(ROLES, OK),
    "core:readyz": dict.fromkeys(ROLES, OK),
    "accounts:login": _row(FOUND, anonymous=OK),
    "accounts:logout": _row(NOT_ALLOWED, anonymous=NOT_ALLOWED),
    # Two-factor pages (2FA is off in this world; tests/accounts covers them with it on).
    # OIDC is not configured here, so its URLs are 404 for everyone (tests/accounts/test_oidc).
    "accounts:two_factor_setup": _row(OK),
    "accounts:two_factor_verify": _row(FOUND),
    "accounts:two_factor_backup_codes": _row(FOUND),
    "accounts:oidc_login": dict.fromkeys(ROLES, NOT_FOUND),
    "accounts:oidc_callback": dict.fromkeys(ROLES, NOT_FOUND),
    "api-schema": dict.fromkeys(ROLES, OK),
    "set_language": _row(FOUND, anonymous=FOUND),
    # Work lists
    "cases:my_day": _row(FOUND, case_manager=OK, case_manager_other_org=OK, colleague=OK),
    "cases:caseload": _row(FORBIDDEN, **STAFF_PAGES),
    "cases:intake_queue": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "cases:assign": _row(NOT_ALLOWED, anonymous=LOGIN),
    # No wrong door
    "cases:register": _row(FORBIDDEN, **STAFF_PAGES, provider=OK, provider_other=OK),
    "cases:register_done": _row(NOT_FOUND, case_manager=OK),
    "cases:merge": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=NOT_FOUND),
    # Regional configuration
    "cases:route_list": _row(
        FORBIDDEN, coordinator=OK, coordinator_other_region=OK, administrator=OK
    ),
    "cases:route_create": _row(
        FORBIDDEN, coordinator=OK, coordinator_other_region=OK, administrator=OK
    ),
    "cases:route_edit": _row(
        FORBIDDEN, coordinator=OK, coordinator_other_region=NOT_FOUND, administrator=OK
    ),
    # One case: its team only
    "cases:case_detail": _row(NOT_FOUND, **CASE_TEAM),
    "cases:case_team": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, FOUND)),
    "cases:case_intake": _row(NOT_FOUND, **CASE_TEAM),
    "cases:work_history": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, FOUND)),
    "cases:case_triage": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, FOUND)),
    "cases:case_plan": _row(NOT_FOUND, **CASE_TEAM),
    "cases:action_done": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    "cases:case_contacts": _row(NOT_FOUND, **CASE_TEAM),
    "cases:case_referrals": _row(NOT_FOUND, **CASE_TEAM),
    "cases:case_referral_update": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    "cases:case_outcome": _row(NOT_FOUND, **CASE_TEAM),
    "cases:follow_up": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    "cases:case_close": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    "cases:case_reopen": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    # Moving to another region (issue #9): a coordinator of the case's region only
    "cases:case_transfer": _row(
        NOT_FOUND, case_manager=FORBIDDEN, colleague=FORBIDDEN, coordinator=OK
    ),
    # Provider side
    "cases:provider_referrals": _row(FORBIDDEN, provider=OK, provider_other=OK),
    "cases:provider_referral": _row(NOT_FOUND, provider=OK),
    # Catalogue: readable by every logged-in user, edited by coordinators and the provider
    "catalogue:offering_list": _row(OK),
    "catalogue:offering_detail": _row(OK, coordinator_other_region=NOT_FOUND),
    # (a coordinator of a region without providers cannot add offerings: 403)
    "catalogue:offering_create": _row(FORBIDDEN, coordinator=OK, provider=OK, provider_other=OK),
    "catalogue:offering_edit": _row(
        FORBIDDEN, coordinator=OK, provider=OK, provider_other=NOT_FOUND
    ),
    # Taxonomy (ESCO reference data, no personal data): every logged-in user. This world has
    # no taxonomy, so the detail pages are 404 for everyone logged in (tests/taxonomy covers 200).
    "taxonomy:browser": _row(OK),
    "taxonomy:occupation_search": _row(OK),
    "taxonomy:skill_search": _row(OK),
    "taxonomy:occupation_detail": _row(NOT_FOUND),
    "taxonomy:skill_detail": _row(NOT_FOUND),
    # Insight (issue #6): regional figures for coordinators, personal figures for case
    # managers, the bottleneck register for both; referral funding for the case team.
    "insights:dashboard": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "insights:download": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "insights:dashboard_mine": _row(FORBIDDEN, **STAFF_PAGES),
    "insights:download_mine": _row(FORBIDDEN, **STAFF_PAGES),
    "insights:report": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "insights:report_pdf": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "insights:budgets": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "insights:cost_benefit": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "insights:research_export": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "insights:bottleneck_list": _row(FORBIDDEN, **STAFF_PAGES),
    "insights:bottleneck_create": _row(FORBIDDEN, **STAFF_PAGES),
    "insights:bottleneck_export": _row(FORBIDDEN, **STAFF_PAGES),
    "insights:bottleneck_edit": _row(
        FORBIDDEN, **{**STAFF_PAGES, "coordinator_other_region": NOT_FOUND}
    ),
    "insights:referral_funding": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    # Vacancies (no personal data): region staff read, employers and account managers/
    # coordinators write. This world has no vacancies, so the detail URLs are 404 for those
    # with vacancy pages and 403 for the rest (tests/employers covers 200/403/404 per vacancy).
    "employers:vacancy_list": _row(FORBIDDEN, **STAFF_PAGES, employer=OK),
    "employers:vacancy_create": _row(FORBIDDEN, coordinator=OK, employer=OK),
    "employers:vacancy_import": _row(FORBIDDEN, coordinator=OK, employer=OK),
    "employers:vacancy_import_preview": _row(
        FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND), employer=NOT_FOUND
    ),
    "employers:vacancy_detail": _row(
        FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND), employer=NOT_FOUND
    ),
    "employers:vacancy_edit": _row(
        FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND), employer=NOT_FOUND
    ),
    "employers:vacancy_status": _row(NOT_ALLOWED),
    # Skills passport of a case's person: the case team only (POST-only URLs: 405 for them)
    "passport:case_passport": _row(NOT_FOUND, **CASE_TEAM),
    "passport:print": _row(NOT_FOUND, **CASE_TEAM),
    "passport:pdf": _row(NOT_FOUND, **CASE_TEAM),
    "passport:json": _row(NOT_FOUND, **CASE_TEAM),
    "passport:build": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    "passport:occupations": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    "passport:skills": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    "passport:skill_add": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    "passport:certificates": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    "passport:learning": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    "passport:ambitions": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    "passport:constraints": _row(NOT_FOUND, **dict.fromkeys(CASE_TEAM, NOT_ALLOWED)),
    # Matching (issue #4). This world has no taxonomy, vacancies or occupations, so the
    # detail URLs are 404 for those who may use them (tests/matching covers 200 and audit).
    "matching:case": _row(NOT_FOUND, **CASE_TEAM),
    "matching:vacancy_candidates": _row(FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND)),
    "matching:occupation_transitions": _row(NOT_FOUND, employer=FORBIDDEN),
    "matching:cohort_index": _row(FORBIDDEN, **STAFF_PAGES),
    "matching:cohort": _row(FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND)),
    "api:matching:case_vacancies": _row(NOT_FOUND, **CASE_TEAM, anonymous=401),
    "api:matching:vacancy_candidates": _row(
        FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND), anonymous=401
    ),
    "api:matching:occupation_transitions": _row(NOT_FOUND, employer=FORBIDDEN, anonymous=401),
    # Partner API (issue #8, overstap.api): without a token 401; staff sessions follow their
    # role as on the pages (tests/api covers tokens and scopes). POST-only URLs: 405.
    "api:oauth_token": dict.fromkeys(ROLES, NOT_ALLOWED),
    "api:registrations": _row(NOT_ALLOWED, anonymous=401),
    "api:case_list": _row(OK, anonymous=401),
    "api:case_detail": _row(NOT_FOUND, **CASE_TEAM, anonymous=401),
    "api:referral_list": _row(FORBIDDEN, provider=OK, provider_other=OK, anonymous=401),
    "api:referral_detail": _row(NOT_FOUND, provider=OK, anonymous=401),
    "api:referral_status": _row(NOT_ALLOWED, anonymous=401),
    "api:vacancy_list": _row(FORBIDDEN, **STAFF_PAGES, employer=OK, anonymous=401),
    "api:vacancy_detail": _row(
        FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND), employer=NOT_FOUND, anonymous=401
    ),
    # (no ?q=: a 400 problem document for every signed-in user)
    "api:taxonomy_occupations": _row(400, anonymous=401),
    "api:taxonomy_skills": _row(400, anonymous=401),
    "api-docs": dict.fromkeys(ROLES, OK),
    # API client management: coordinators and administrators of the region (no clients in
    # this world: the detail is 404 for them; tests/api/test_staff_ui.py covers the rest).
    "apiclients:client_list": _row(
        FORBIDDEN, coordinator=OK, coordinator_other_region=OK, administrator=OK
    ),
    "apiclients:client_create": _row(
        FORBIDDEN, coordinator=OK, coordinator_other_region=OK, administrator=OK
    ),
    "apiclients:client_detail": _row(
        FORBIDDEN,
        coordinator=NOT_FOUND,
        coordinator_other_region=NOT_FOUND,
        administrator=NOT_FOUND,
    ),
    "apiclients:token_create": _row(NOT_ALLOWED),
    "apiclients:token_revoke": _row(NOT_ALLOWED),
    "apiclients:client_secret": _row(NOT_ALLOWED),
    # Employer network (issue #5): staff of the region read, account managers/coordinators
    # change, employer users register for their own organisation only. This world has no
    # registrations or proposals: their URLs are 404 for those with pages (tests/network).
    "network:employer_list": _row(FORBIDDEN, **STAFF_PAGES),
    "network:employer_detail": _row(
        FORBIDDEN, **{**STAFF_PAGES, "coordinator_other_region": NOT_FOUND}
    ),
    "network:profile_edit": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=NOT_FOUND),
    "network:location_add": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=NOT_FOUND),
    "network:contact_add": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=NOT_FOUND),
    "network:location_delete": _row(NOT_ALLOWED),
    "network:contact_delete": _row(NOT_ALLOWED),
    "network:note_add": _row(NOT_ALLOWED),
    "network:surplus_create": _row(
        FORBIDDEN, coordinator=OK, coordinator_other_region=NOT_FOUND, employer=OK
    ),
    "network:shortage_create": _row(
        FORBIDDEN, coordinator=OK, coordinator_other_region=NOT_FOUND, employer=OK
    ),
    "network:registrations": _row(FORBIDDEN, **STAFF_PAGES, employer=OK),
    "network:surplus_detail": _row(
        FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND), employer=NOT_FOUND
    ),
    "network:shortage_detail": _row(
        FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND), employer=NOT_FOUND
    ),
    "network:surplus_status": _row(NOT_ALLOWED),
    "network:shortage_status": _row(NOT_ALLOWED),
    "network:surplus_proposals": _row(FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND)),
    "network:proposal_detail": _row(FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND)),
    "api:network:employer_list": _row(FORBIDDEN, **STAFF_PAGES, anonymous=401),
    "api:network:employer_detail": _row(
        FORBIDDEN,
        **{**STAFF_PAGES, "coordinator_other_region": NOT_FOUND},
        anonymous=401,
    ),
    "api:network:surplus_list": _row(FORBIDDEN, **STAFF_PAGES, employer=OK, anonymous=401),
    "api:network:shortage_list": _row(FORBIDDEN, **STAFF_PAGES, employer=OK, anonymous=401),
    "api:network:surplus_detail": _row(
        FORBIDDEN,
        **dict.fromkeys(STAFF_PAGES, NOT_FOUND),
        employer=NOT_FOUND,
        anonymous=401,
    ),
    "api:network:shortage_detail": _row(
        FORBIDDEN,
        **dict.fromkeys(STAFF_PAGES, NOT_FOUND),
        employer=NOT_FOUND,
        anonymous=401,
    ),
    "api:network:proposal_list": _row(FORBIDDEN, **STAFF_PAGES, anonymous=401),
    "api:network:proposal_detail": _row(
        FORBIDDEN, **dict.fromkeys(STAFF_PAGES, NOT_FOUND), anonymous=401
    ),
    # Rapid response (issue #5): region signals for coordinators/account managers (write) and
    # case managers (read); tasks for their owners and the owner organisation's providers.
    "rapidresponse:signal_list": _row(FORBIDDEN, **STAFF_PAGES),
    "rapidresponse:signal_create": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "rapidresponse:signal_detail": _row(
        FORBIDDEN, **{**STAFF_PAGES, "coordinator_other_region": NOT_FOUND}
    ),
    "rapidresponse:signal_edit": _row(
        FORBIDDEN, coordinator=OK, coordinator_other_region=NOT_FOUND
    ),
    "rapidresponse:task_update": _row(NOT_ALLOWED),
    "rapidresponse:my_tasks": _row(FORBIDDEN, **STAFF_PAGES, provider=OK, provider_other=OK),
    "rapidresponse:playbook_list": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "rapidresponse:playbook_create": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "rapidresponse:playbook_edit": _row(
        FORBIDDEN, coordinator=OK, coordinator_other_region=NOT_FOUND
    ),
    "rapidresponse:playbook_active": _row(NOT_ALLOWED),
    "rapidresponse:planner": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    # (no input: nothing to print)
    "rapidresponse:planner_pdf": _row(
        FORBIDDEN, coordinator=NOT_FOUND, coordinator_other_region=NOT_FOUND
    ),
    # (the API answers 401 to anonymous callers since the partner API's authentication)
    "api:rapidresponse:signal_list": _row(FORBIDDEN, **STAFF_PAGES, anonymous=401),
    "api:rapidresponse:signal_detail": _row(
        FORBIDDEN, **{**STAFF_PAGES, "coordinator_other_region": NOT_FOUND}, anonymous=401
    ),
    "api:rapidresponse:task_list": _row(
        FORBIDDEN, **STAFF_PAGES, provider=OK, provider_other=OK, anonymous=401
    ),
    "api:rapidresponse:task_detail": _row(
        FORBIDDEN,
        **{**dict.fromkeys(STAFF_PAGES, NOT_FOUND), "coordinator": OK},
        provider=OK,
        provider_other=NOT_FOUND,
        anonymous=401,
    ),
    # Consent (issue #7): the consent tab for the case team; the person's own data also for
    # the privacy officer of the region; employer pages for employer users only.
    "consent:case_consent": _row(NOT_FOUND, **CASE_TEAM),
    "consent:withdraw": _row(NOT_ALLOWED),
    "consent:introduction": _row(NOT_ALLOWED),
    "consent:person_data": _row(NOT_FOUND, **CASE_TEAM, privacy_officer=OK),
    "consent:person_data_download": _row(NOT_FOUND, **CASE_TEAM, privacy_officer=OK),
    "consent:employer_progress": _row(FORBIDDEN, employer=OK),
    "consent:vacancy_candidates": _row(FORBIDDEN, employer=NOT_FOUND),
    # Front door (issue #8): public pages open to everyone, no login (docs/frontdoor.md)
    **{
        f"frontdoor:{name}": dict.fromkeys(ROLES, OK)
        for name in (
            "home",
            "guide",
            "register",
            "conversation",
            "register_done",
            "scheme_list",
            "scheme_detail",
            "employer_desk",
            "desk_report",
            "desk_vacancy",
            "desk_done",
            "privacy",
        )
    },
    # Front door, staff side: desk requests for account managers and coordinators of the
    # region, schemes for coordinators (national schemes are shared), eligibility per case.
    "frontdoor:request_list": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "frontdoor:request_detail": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=NOT_FOUND),
    "frontdoor:scheme_admin_list": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "frontdoor:scheme_create": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "frontdoor:scheme_edit": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "frontdoor:case_schemes": _row(NOT_FOUND, **CASE_TEAM),
    # Privacy (issue #7): the audit log for the privacy officer; legal hold also for the
    # coordinators of the case's region. verify is POST-only.
    "privacy:audit_log": _row(FORBIDDEN, privacy_officer=OK),
    "privacy:audit_export": _row(FORBIDDEN, privacy_officer=OK),
    "privacy:verify": _row(NOT_ALLOWED),
    "privacy:person_access": _row(FORBIDDEN, privacy_officer=OK),
    "privacy:legal_hold": _row(
        FORBIDDEN, coordinator=OK, coordinator_other_region=NOT_FOUND, privacy_officer=OK
    ),
    # Background jobs (issue #9): the starter's own jobs and, for coordinators, the region's;
    # employer users none. This world has no jobs: detail URLs are 404 (tests/jobs covers 200).
    "jobs:job_list": _row(OK, employer=FORBIDDEN),
    "jobs:job_detail": _row(NOT_FOUND, employer=FORBIDDEN),
    "jobs:job_progress": _row(NOT_FOUND, employer=FORBIDDEN),
    "jobs:job_restart": _row(NOT_ALLOWED),
    # Bulk intake of a staff list (issue #9): account managers and coordinators. This world
    # has no imports: detail URLs are 404 for them (tests/bulkintake covers 200 and scope).
    "bulkintake:upload": _row(FORBIDDEN, coordinator=OK, coordinator_other_region=OK),
    "bulkintake:detail": _row(FORBIDDEN, coordinator=NOT_FOUND, coordinator_other_region=NOT_FOUND),
    "bulkintake:report": _row(FORBIDDEN, coordinator=NOT_FOUND, coordinator_other_region=NOT_FOUND),
    "bulkintake:confirm": _row(NOT_ALLOWED),
    "bulkintake:cancel": _row(NOT_ALLOWED),
    # National view (issue #9): anonymised aggregates for the national analyst only
    "national:overview": _row(FORBIDDEN, national_analyst=OK),
    "national:download": _row(FORBIDDEN, national_analyst=OK),
}

# Third-party or framework URL namespaces with their own tests or permission systems.
EXCLUDED_NAMESPACES = {"admin"}


def _all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                if full in EXCLUDED_NAMESPACES:
                    continue
                walk(pattern.url_patterns, full)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_is_in_the_matrix():
    missing = _all_url_names() - set(MATRIX)
    assert not missing, f"URLs without a permission decision: {sorted(missing)}"
    stale = set(MATRIX) - _all_url_names()
    assert not stale, f"Matrix rows for URLs that no longer exist: {sorted(stale)}"


@pytest.fixture
def world(db):
    region = RegionFactory(code="nob", name="Noordoost-Brabant")
    elsewhere = RegionFactory(code="rijnmond", name="Rijnmond")
    org = {
        "uwv": OrganisationFactory(region=region, name="UWV", kind=OrganisationKind.UWV),
        "gemeente": OrganisationFactory(
            region=region, name="Gemeente", kind=OrganisationKind.MUNICIPALITY
        ),
        "union": OrganisationFactory(region=region, name="FNV", kind=OrganisationKind.UNION),
        "rmt": OrganisationFactory(region=region, name="RMT", kind=OrganisationKind.MOBILITY_TEAM),
        "rmt2": OrganisationFactory(
            region=elsewhere, name="RMT R", kind=OrganisationKind.MOBILITY_TEAM
        ),
        "prov": OrganisationFactory(
            region=region, name="Loopbaan", kind=OrganisationKind.SERVICE_PROVIDER
        ),
        "prov2": OrganisationFactory(
            region=region, name="Coach", kind=OrganisationKind.SERVICE_PROVIDER
        ),
        "emp": OrganisationFactory(region=region, name="Cateraar", kind=OrganisationKind.EMPLOYER),
        "national": OrganisationFactory(
            region=region, name="Ministerie", kind=OrganisationKind.NATIONAL
        ),
    }
    users = {
        "case_manager": UserFactory(
            username="m_cm", organisation=org["uwv"], role=Role.CASE_MANAGER
        ),
        "case_manager_other_org": UserFactory(
            username="m_cm2", organisation=org["gemeente"], role=Role.CASE_MANAGER
        ),
        "colleague": UserFactory(
            username="m_col", organisation=org["union"], role=Role.CASE_MANAGER
        ),
        "coordinator": UserFactory(username="m_co", organisation=org["rmt"], role=Role.COORDINATOR),
        "coordinator_other_region": UserFactory(
            username="m_co2", organisation=org["rmt2"], role=Role.COORDINATOR
        ),
        "provider": UserFactory(username="m_p", organisation=org["prov"], role=Role.PROVIDER_STAFF),
        "provider_other": UserFactory(
            username="m_p2", organisation=org["prov2"], role=Role.PROVIDER_STAFF
        ),
        "employer": UserFactory(username="m_e", organisation=org["emp"], role=Role.EMPLOYER_USER),
        "administrator": UserFactory(
            username="m_a", organisation=org["rmt"], role=Role.ADMINISTRATOR
        ),
        "privacy_officer": UserFactory(
            username="m_pr", organisation=org["rmt"], role=Role.PRIVACY_OFFICER
        ),
        # seated in the case's own region, to prove the seat grants nothing (issue #9)
        "national_analyst": UserFactory(
            username="m_na", organisation=org["national"], role=Role.NATIONAL_ANALYST
        ),
    }
    cm = users["case_manager"]
    route = RouteFactory(region=region, number=2)
    case = services.register_person(
        actor=cm,
        data=RegistrationData(
            first_name="Fatima",
            last_name="El Amrani",
            signal_source=SignalSource.RELEASING_EMPLOYER,
            birth_date=dt.date(1969, 4, 2),
            phone="0612345678",
        ),
        take_case=True,
    )
    services.add_case_member(actor=cm, case=case, user=users["colleague"])
    services.triage_case(actor=cm, case=case, route=route, rationale="Korte afstand tot werk")
    action = services.add_plan_action(
        actor=cm,
        case=case,
        description="CV bijwerken",
        due_date=dt.date.today() + dt.timedelta(days=7),
    )
    offering = OfferingFactory(region=region, provider=org["prov"])
    referral = services.create_referral(
        actor=cm, case=case, offering=offering, sharing_channel="in_person"
    )
    services.record_outcome(
        actor=cm,
        case=case,
        data={
            "kind": OutcomeKind.NEW_JOB,
            "date": dt.date.today(),
            "employer_name": "Beveiliging BV",
            "job_title": "Beveiliger",
            "sector": "Beveiliging",
        },
    )
    queued = services.register_person(
        actor=users["provider"],
        data=RegistrationData(
            first_name="Kees",
            last_name="Jansen",
            signal_source=SignalSource.SELF,
            phone="0687654321",
        ),
    )
    from overstap.insights.models import Bottleneck

    bottleneck = Bottleneck.objects.create(
        region=region, category="process", title="Dubbele intake", description="x", created_by=cm
    )
    from overstap.frontdoor.models import DeskRequest, Scheme

    scheme = Scheme.objects.create(
        name="Scholingsvoucher",
        slug="scholingsvoucher",
        kind="voucher",
        provider="UWV",
        summary="x",
        conditions_text="x",
        pays="x",
        how_to_apply="x",
        scope="national",
    )
    desk = DeskRequest.objects.create(
        region=region, kind="surplus", organisation_name="Cateraar", contact_name="P", phone="0612"
    )
    from overstap.rapidresponse.models import PlaybookStep, Signal, SignalTask

    rr_step = PlaybookStep.objects.create(
        region=region, title="Bezoek", partner_kind="wsp", deadline_days=3, signal_kinds=["sector"]
    )
    rr_signal = Signal.objects.create(
        region=region,
        kind="sector",
        sector="Horeca",
        people_affected=10,
        received_on=dt.date.today(),
    )
    rr_task = SignalTask.objects.create(
        signal=rr_signal, title="Boeken", owner_organisation=org["prov"], due_date=dt.date.today()
    )
    ids = {
        "rr_signal_pk": rr_signal.pk,
        "rr_task_pk": rr_task.pk,
        "rr_step_pk": rr_step.pk,
        "scheme_pk": scheme.pk,
        "desk_pk": desk.pk,
        "bottleneck_pk": bottleneck.pk,
        "pk": case.pk,
        "action_pk": PlanAction.objects.get(pk=action.pk).pk,
        "follow_up_pk": FollowUp.objects.filter(case=case).first().pk,  # type: ignore[union-attr]
        "referral_pk": referral.pk,
        "route_pk": route.pk,
        "offering_pk": offering.pk,
        "queued_pk": queued.pk,
        "employer_pk": org["emp"].pk,  # network URLs
        "person_pk": case.person_id,
    }
    return {"users": users, "ids": ids, "case": case}


def _url(name: str, ids: dict[str, int]) -> str:
    kwargs_for = {
        "frontdoor:guide": {"slug": "baan-kwijt"},
        "frontdoor:scheme_detail": {"slug": "scholingsvoucher"},
        "frontdoor:desk_report": {"kind_slug": "tekort"},
        "frontdoor:request_detail": {"pk": ids["desk_pk"]},
        "frontdoor:scheme_edit": {"pk": ids["scheme_pk"]},
        "cases:register_done": {"pk": ids["pk"]},
        "cases:assign": {"pk": ids["queued_pk"]},
        "cases:route_edit": {"route_pk": ids["route_pk"]},
        "cases:action_done": {"pk": ids["pk"], "action_pk": ids["action_pk"]},
        "cases:follow_up": {"pk": ids["pk"], "follow_up_pk": ids["follow_up_pk"]},
        "cases:case_referral_update": {"pk": ids["pk"], "referral_pk": ids["referral_pk"]},
        "cases:provider_referral": {"referral_pk": ids["referral_pk"]},
        "api:referral_detail": {"pk": ids["referral_pk"]},
        "api:referral_status": {"pk": ids["referral_pk"]},
        "apiclients:token_revoke": {"pk": ids["pk"], "token_pk": ids["pk"]},
        "catalogue:offering_detail": {"pk": ids["offering_pk"]},
        "catalogue:offering_edit": {"pk": ids["offering_pk"]},
        "employers:vacancy_import_preview": {"token": "00000000-0000-4000-8000-000000000000"},
        "api:matching:occupation_transitions": {"ref": "urn:overstap:unknown"},
        "rapidresponse:signal_detail": {"pk": ids["rr_signal_pk"]},
        "rapidresponse:signal_edit": {"pk": ids["rr_signal_pk"]},
        "rapidresponse:task_update": {"pk": ids["rr_signal_pk"], "task_pk": ids["rr_task_pk"]},
        "rapidresponse:playbook_edit": {"pk": ids["rr_step_pk"]},
        "rapidresponse:playbook_active": {"pk": ids["rr_step_pk"]},
        "api:rapidresponse:signal_detail": {"pk": ids["rr_signal_pk"]},
        "api:rapidresponse:task_detail": {"pk": ids["rr_task_pk"]},
        "insights:download": {"key": "age", "fmt": "csv"},
        "insights:download_mine": {"key": "age", "fmt": "csv"},
        "insights:bottleneck_export": {"fmt": "csv"},
        "insights:bottleneck_edit": {"pk": ids["bottleneck_pk"]},
        "insights:referral_funding": {"pk": ids["pk"], "referral_pk": ids["referral_pk"]},
        **{
            f"{prefix}{name}": {"pk": ids["employer_pk"]}
            for prefix in ("network:", "api:network:")
            for name in (
                "employer_detail",
                "profile_edit",
                "location_add",
                "contact_add",
                "note_add",
                "surplus_create",
                "shortage_create",
            )
        },
        "network:location_delete": {"pk": ids["employer_pk"], "location_pk": 999999},
        "network:contact_delete": {"pk": ids["employer_pk"], "contact_pk": 999999},
        **{
            name: {"pk": 999999}
            for name in (
                "network:surplus_detail",
                "network:surplus_status",
                "network:surplus_proposals",
                "network:shortage_detail",
                "network:shortage_status",
                "network:proposal_detail",
                "api:network:surplus_detail",
                "api:network:shortage_detail",
                "api:network:proposal_detail",
            )
        },
        "privacy:person_access": {"person_ref": ids["person_pk"]},
        "consent:introduction": {"pk": ids["pk"], "introduction_pk": 1},
        "consent:person_data_download": {"pk": ids["pk"], "fmt": "json"},
        "consent:vacancy_candidates": {"vacancy_pk": 999999},
        "national:download": {"key": "regions", "fmt": "csv"},
    }
    if name in kwargs_for:
        return reverse(name, kwargs=kwargs_for[name])
    try:
        return reverse(name)
    except Exception:
        return reverse(name, kwargs={"pk": ids["pk"]})


def _merge_query(name: str, world) -> str:
    if name == "cases:merge":
        case = world["case"]
        other = Case.objects.get(pk=world["ids"]["queued_pk"])
        return f"?keep={case.person_id}&merge={other.person_id}"
    if name == "set_language":
        return ""
    return ""


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, world, name):
    url = _url(name, world["ids"]) + _merge_query(name, world)
    failures = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world["users"][role])
        response = client.get(url)
        expected = MATRIX[name][role]
        if expected == LOGIN:
            ok = response.status_code == 302 and "/account/login/" in response["Location"]
        else:
            ok = response.status_code == expected
        if not ok:
            failures.append(f"{role}: expected {expected}, got {response.status_code}")
    assert not failures, f"{name} {url}\n" + "\n".join(failures)


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in sorted(MATRIX)
        if n.startswith("cases:") and MATRIX[n]["case_manager_other_org"] == NOT_FOUND
    ],
)
def test_no_write_by_users_outside_the_case(client, world, name):
    """POSTs to case URLs by people outside the case are 404 and leave no trace."""
    url = _url(name, world["ids"])
    before_audit = AuditLogEntry.objects.count()
    before = Case.objects.get(pk=world["ids"]["pk"])
    for role in (
        "case_manager_other_org",
        "coordinator_other_region",
        "provider_other",
        "employer",
        "national_analyst",
    ):
        client.logout()
        client.force_login(world["users"][role])
        response = client.post(
            url,
            {
                "reason": "x",
                "kind": "phone",
                "summary": "x",
                "to_status": "cancelled",
                "still_in_work": "yes",
            },
        )
        assert response.status_code in (403, 404), f"{role} POST {url}: {response.status_code}"
    after = Case.objects.get(pk=world["ids"]["pk"])
    assert after.version == before.version
    assert after.status == before.status
    denied = AuditLogEntry.objects.count() - before_audit
    assert denied == 0, "refused requests must not read personal data"
