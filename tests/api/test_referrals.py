"""A provider's token: its own referrals only, status updates through the service, audited."""

from __future__ import annotations

from overstap.api.constants import Scope
from overstap.cases.constants import ReferralStatus
from overstap.cases.models import Referral
from overstap.privacy.models import AuditLogEntry

from .conftest import bearer, make_client, make_token


def test_provider_lists_only_its_own_referrals(api, provider_token, referral_world):
    response = api.get("/api/v1/referrals/", **bearer(provider_token))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["id"] == referral_world["ours"].pk
    assert item["status"] == "sent"
    assert item["last_name"] == "El Amrani"
    assert "phone" not in item  # contact details only on the detail


def test_listing_is_audited_under_the_clients_organisation(
    api, provider_token, provider_client, referral_world
):
    before = AuditLogEntry.objects.count()
    api.get("/api/v1/referrals/", **bearer(provider_token))
    entry = AuditLogEntry.objects.order_by("-id").first()
    assert AuditLogEntry.objects.count() == before + 1
    assert entry.action == "list"
    assert entry.purpose == "referral"
    assert entry.actor_username == provider_client.service_user.username
    assert entry.organisation_name == "Loopbaan BV"
    assert entry.case_ref == referral_world["case"].pk


def test_provider_reads_one_referral_with_contact_details(api, provider_token, referral_world):
    ours = referral_world["ours"]
    response = api.get(f"/api/v1/referrals/{ours.pk}/", **bearer(provider_token))
    assert response.status_code == 200
    body = response.json()
    assert body["phone"] == "0612345678"
    assert body["case_manager"]["organisation"] == "UWV Den Bosch"
    assert [u["to_status"] for u in body["updates"]] == ["sent"]
    assert AuditLogEntry.objects.filter(action="read", object_id=str(ours.pk)).exists()


def test_another_providers_referral_is_404(api, provider_token, referral_world):
    theirs = referral_world["theirs"]
    assert api.get(f"/api/v1/referrals/{theirs.pk}/", **bearer(provider_token)).status_code == 404
    response = api.post(
        f"/api/v1/referrals/{theirs.pk}/status/",
        {"to_status": "accepted"},
        format="json",
        **bearer(provider_token),
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ReferralStatus.SENT


def test_provider_accepts_and_starts_through_the_service(api, provider_token, referral_world):
    ours = referral_world["ours"]
    url = f"/api/v1/referrals/{ours.pk}/status/"
    accepted = api.post(
        url,
        {"to_status": "accepted", "note": "Intake 3 december", "expected_version": ours.version},
        format="json",
        **bearer(provider_token),
    )
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "accepted"
    started = api.post(url, {"to_status": "started"}, format="json", **bearer(provider_token))
    assert started.status_code == 200
    ours.refresh_from_db()
    assert ours.status == ReferralStatus.STARTED
    assert ours.started_on is not None
    assert list(ours.updates.values_list("to_status", flat=True).order_by("id")) == [
        "sent",
        "accepted",
        "started",
    ]
    assert (
        AuditLogEntry.objects.filter(
            action="update", object_id=str(ours.pk), organisation_name="Loopbaan BV"
        ).count()
        == 2
    )


def test_stale_version_is_409_and_bad_transition_is_400(api, provider_token, referral_world):
    ours = referral_world["ours"]
    url = f"/api/v1/referrals/{ours.pk}/status/"
    stale = api.post(
        url,
        {"to_status": "accepted", "expected_version": 99},
        format="json",
        **bearer(provider_token),
    )
    assert stale.status_code == 409
    assert stale["Content-Type"].startswith("application/problem+json")
    wrong = api.post(url, {"to_status": "completed"}, format="json", **bearer(provider_token))
    assert wrong.status_code == 400
    assert wrong.json()["type"].endswith("invalid_transition")
    # Cancelling is the case side's move: a provider gets 403.
    cancel = api.post(url, {"to_status": "cancelled"}, format="json", **bearer(provider_token))
    assert cancel.status_code == 403
    assert Referral.objects.get(pk=ours.pk).status == ReferralStatus.SENT


def test_bad_input_is_a_400_problem_with_field_errors(api, provider_token, referral_world):
    ours = referral_world["ours"]
    response = api.post(
        f"/api/v1/referrals/{ours.pk}/status/",
        {"to_status": "flying"},
        format="json",
        **bearer(provider_token),
    )
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert "to_status" in body["errors"]
    bad_filter = api.get("/api/v1/referrals/?status=flying", **bearer(provider_token))
    assert bad_filter.status_code == 400
    assert "status" in bad_filter.json()["errors"]


def test_write_without_scope_is_403(api, coordinator, provider_org, referral_world):
    client = make_client(coordinator, provider_org, [Scope.REFERRALS_READ], name="Alleen lezen")
    token = make_token(coordinator, client)
    ours = referral_world["ours"]
    response = api.post(
        f"/api/v1/referrals/{ours.pk}/status/",
        {"to_status": "accepted"},
        format="json",
        **bearer(token),
    )
    assert response.status_code == 403
    assert "referrals:write" in response.json()["title"]
    ours.refresh_from_db()
    assert ours.status == ReferralStatus.SENT


def test_cases_outside_scope_are_404_for_a_provider(api, coordinator, provider_org, referral_world):
    client = make_client(
        coordinator, provider_org, [Scope.CASES_READ, Scope.REFERRALS_READ], name="Breed"
    )
    token = make_token(coordinator, client)
    case = referral_world["case"]
    assert api.get(f"/api/v1/cases/{case.pk}/", **bearer(token)).status_code == 404
    listed = api.get("/api/v1/cases/", **bearer(token))
    assert listed.status_code == 200
    assert listed.json()["count"] == 0


def test_non_provider_clients_get_no_referrals(api, coordinator, uwv, referral_world):
    client = make_client(coordinator, uwv, [Scope.REFERRALS_READ, Scope.REFERRALS_WRITE])
    token = make_token(coordinator, client)
    assert api.get("/api/v1/referrals/", **bearer(token)).status_code == 403
    ours = referral_world["ours"]
    assert api.get(f"/api/v1/referrals/{ours.pk}/", **bearer(token)).status_code == 404


def test_filter_on_status_and_pagination(
    api, provider_token, referral_world, case_manager, region, provider_org
):
    from overstap.cases import services
    from overstap.cases.constants import SignalSource
    from overstap.cases.services import RegistrationData
    from overstap.consent.services import record_referral_sharing

    from ..factories import OfferingFactory

    for n in range(3):
        case = services.register_person(
            actor=case_manager,
            data=RegistrationData(
                first_name=f"P{n}", last_name="Test", signal_source=SignalSource.SELF
            ),
            take_case=True,
        )
        referral = services.create_referral(
            actor=case_manager,
            case=case,
            offering=OfferingFactory(region=region, provider=provider_org),
        )
        record_referral_sharing(actor=case_manager, referral=referral, channel="in_person")
    page = api.get("/api/v1/referrals/?page_size=2", **bearer(provider_token)).json()
    assert page["count"] == 4
    assert len(page["results"]) == 2
    assert page["next"] and "page=2" in page["next"]
    second = api.get("/api/v1/referrals/?page_size=2&page=2", **bearer(provider_token)).json()
    assert {r["id"] for r in second["results"]}.isdisjoint({r["id"] for r in page["results"]})
    assert api.get("/api/v1/referrals/?page=99", **bearer(provider_token)).status_code == 404
    accepted = referral_world["ours"]
    api.post(
        f"/api/v1/referrals/{accepted.pk}/status/",
        {"to_status": "accepted"},
        format="json",
        **bearer(provider_token),
    )
    only = api.get("/api/v1/referrals/?status=accepted", **bearer(provider_token)).json()
    assert [r["id"] for r in only["results"]] == [accepted.pk]


def test_updated_since_filters_and_accepts_any_iso_offset(api, provider_token, referral_world):
    """PostgreSQL rejects offsets beyond ±15:59 (ISO allows ±23:59) and naive times are local:
    the filter converts to UTC first, and a malformed value is a 400 problem, not a 500."""
    url = "/api/v1/referrals/"
    assert (
        api.get(
            url, {"updated_since": "2000-01-01T00:00:00-23:56"}, **bearer(provider_token)
        ).json()["count"]
        == 1
    )
    assert (
        api.get(url, {"updated_since": "2000-01-01T00:00:00"}, **bearer(provider_token)).json()[
            "count"
        ]
        == 1
    )
    assert (
        api.get(
            url, {"updated_since": "9999-12-31T23:59:00+00:00"}, **bearer(provider_token)
        ).json()["count"]
        == 0
    )
    bad = api.get(url, {"updated_since": "0001-01-01T00:00:00+23:00"}, **bearer(provider_token))
    assert bad.status_code == 400
    assert bad["Content-Type"].startswith("application/problem+json")
    assert "updated_since" in bad.json()["errors"]
