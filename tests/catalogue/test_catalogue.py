"""The service catalogue: search, filters, details and maintenance of offerings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from overstap.accounts.constants import OrganisationKind, Role
from overstap.cases.constants import ReferralStatus
from overstap.cases.models import Referral
from overstap.catalogue import selectors
from overstap.catalogue.constants import FundingSourceCode, OfferingCategory, OfferingKind
from overstap.catalogue.models import FundingSource, Offering
from tests.factories import CaseFactory, OfferingFactory, OrganisationFactory, UserFactory

LIST = reverse("catalogue:offering_list")
CREATE = reverse("catalogue:offering_create")


def login(user, language="en"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def fund(offering, *codes):
    offering.funding_sources.set([FundingSource.objects.get_or_create(code=c)[0] for c in codes])


@pytest.fixture
def other_provider(region):
    return OrganisationFactory(
        region=region, name="Scholing Oost", kind=OrganisationKind.SERVICE_PROVIDER
    )


@pytest.fixture
def catalogue(region, provider_org, other_provider):
    training = OfferingFactory(
        region=region,
        provider=provider_org,
        name="Sollicitatietraining",
        description="Cv, brief en gesprek oefenen.",
        target_group="Werknemers met ontslag bedreigd",
        price=Decimal("1250.00"),
        capacity=10,
        duration="6 weken",
        location="Den Bosch",
    )
    fund(training, FundingSourceCode.REGIONAL_BUDGET)
    scan = OfferingFactory(
        region=region,
        provider=other_provider,
        name="Talentenscan",
        category=OfferingCategory.TALENT_SCAN,
        description="Ontdek wat je kunt.",
        price=Decimal("300"),
        online=True,
    )
    fund(scan, FundingSourceCode.SOCIAL_PLAN)
    retrain = OfferingFactory(
        region=region,
        provider=other_provider,
        name="Omscholing zorg",
        category=OfferingCategory.TRAINING,
        kind=OfferingKind.TRAJECTORY,
        price=Decimal("4000"),
        capacity=1,
    )
    fund(retrain, FundingSourceCode.SECTOR_FUND, FundingSourceCode.REGIONAL_BUDGET)
    OfferingFactory(region=region, provider=provider_org, name="Oude cursus", is_active=False)
    return {"training": training, "scan": scan, "retrain": retrain}


def names(response):
    return [o.name for o in response.context["offerings"]]


# --- List, search and filters -----------------------------------------------------------


def test_list_shows_active_offerings_of_own_region_only(db, case_manager, catalogue, other_region):
    OfferingFactory(region=other_region, name="Elders")
    response = login(case_manager).get(LIST)
    assert response.status_code == 200
    assert names(response) == ["Sollicitatietraining", "Talentenscan", "Omscholing zorg"]
    assert "Oude cursus" not in response.content.decode()
    assert "Elders" not in response.content.decode()


def test_search_sollicit_finds_sollicitatietraining(db, case_manager, catalogue):
    client = login(case_manager)
    assert names(client.get(LIST, {"q": "sollicit"})) == ["Sollicitatietraining"]
    # description, target group and provider name are searched too
    assert names(client.get(LIST, {"q": "ontdek"})) == ["Talentenscan"]
    assert names(client.get(LIST, {"q": "ontslag"})) == ["Sollicitatietraining"]
    assert names(client.get(LIST, {"q": "scholing oost"})) == ["Talentenscan", "Omscholing zorg"]


def test_filters(db, case_manager, catalogue, other_provider):
    client = login(case_manager)
    assert names(client.get(LIST, {"funding": FundingSourceCode.REGIONAL_BUDGET})) == [
        "Sollicitatietraining",
        "Omscholing zorg",
    ]
    assert names(client.get(LIST, {"funding": FundingSourceCode.SOCIAL_PLAN})) == ["Talentenscan"]
    assert names(client.get(LIST, {"category": OfferingCategory.TRAINING})) == ["Omscholing zorg"]
    assert names(client.get(LIST, {"kind": OfferingKind.TRAJECTORY})) == ["Omscholing zorg"]
    assert names(client.get(LIST, {"provider": other_provider.pk})) == [
        "Talentenscan",
        "Omscholing zorg",
    ]
    assert names(client.get(LIST, {"online": "yes"})) == ["Talentenscan"]
    assert names(client.get(LIST, {"max_price": "1250"})) == [
        "Sollicitatietraining",
        "Talentenscan",
    ]
    # an invalid value in one filter filters nothing instead of failing
    assert len(names(client.get(LIST, {"max_price": "veel"}))) == 3


def test_free_capacity_filter_counts_accepted_and_started(db, case_manager, catalogue):
    retrain = catalogue["retrain"]
    case = CaseFactory(person__region=retrain.region, registered_by=case_manager)
    Referral.objects.create(
        case=case,
        offering=retrain,
        provider=retrain.provider,
        status=ReferralStatus.STARTED,
        created_by=case_manager,
    )
    client = login(case_manager)
    response = client.get(LIST, {"free_capacity": "on"})
    assert "Omscholing zorg" not in names(response)
    assert "Sollicitatietraining" in names(response)
    row = client.get(LIST, {"q": "omscholing"}).content.decode()
    assert "1 of 1 taken" in row
    assert "full" in row


def test_htmx_request_returns_only_the_results(db, case_manager, catalogue):
    response = login(case_manager).get(
        LIST, {"q": "talent"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="offering-results"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Talentenscan" in html and "Sollicitatietraining" not in html
    assert "1 offering found" in html


def test_price_is_formatted_the_dutch_way(db, case_manager, catalogue):
    html = login(case_manager, language="nl").get(LIST).content.decode()
    assert "€ 1.250,00" in html
    assert "€ 300,00" in html


# --- Detail -----------------------------------------------------------------------------


def test_detail_shows_what_the_provider_is_good_at(db, case_manager, catalogue):
    scan = catalogue["scan"]
    case = CaseFactory(person__region=scan.region, registered_by=case_manager)
    for status in (ReferralStatus.COMPLETED, ReferralStatus.COMPLETED, ReferralStatus.SENT):
        Referral.objects.create(
            case=case, offering=scan, provider=scan.provider, status=status, created_by=case_manager
        )
    response = login(case_manager).get(reverse("catalogue:offering_detail", args=[scan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "What Scholing Oost is good at" in html
    assert "Talent scan, (Re)training" in html
    assert "2 referrals completed." in html


def test_detail_of_other_region_or_inactive_is_404(db, case_manager, catalogue, other_region):
    elsewhere = OfferingFactory(region=other_region)
    client = login(case_manager)
    assert client.get(reverse("catalogue:offering_detail", args=[elsewhere.pk])).status_code == 404
    inactive = Offering.objects.get(name="Oude cursus")
    assert client.get(reverse("catalogue:offering_detail", args=[inactive.pk])).status_code == 404


def test_refer_this_person_button_only_for_who_works_on_the_case(
    db, case_manager, other_case_manager, catalogue
):
    training = catalogue["training"]
    case = CaseFactory(person__region=training.region, registered_by=case_manager, active=True)
    url = reverse("catalogue:offering_detail", args=[training.pk]) + f"?case={case.pk}"
    html = login(case_manager).get(url).content.decode()
    assert "Refer this person" in html
    assert reverse("cases:case_referrals", args=[case.pk]) in html
    other = login(other_case_manager).get(url)
    assert other.status_code == 200
    assert "Refer this person" not in other.content.decode()


# --- Create and edit --------------------------------------------------------------------


def _form_data(**overrides):
    data = {
        "name": "LinkedIn in een dag",
        "kind": OfferingKind.SINGLE,
        "category": OfferingCategory.LINKEDIN_TRAINING,
        "description": "Je profiel op orde.",
        "target_group": "",
        "duration": "1 dag",
        "price": "195,50",
        "capacity": "12",
        "location": "Oss",
        "funding_sources": [FundingSourceCode.REGIONAL_BUDGET, FundingSourceCode.UWV],
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_provider_staff_create_offering_for_own_organisation(db, provider_user, other_provider):
    client = login(provider_user)
    response = client.post(CREATE, _form_data(provider=other_provider.pk))
    offering = Offering.objects.get(name="LinkedIn in een dag")
    assert response.status_code == 302
    assert offering.provider == provider_user.organisation  # the posted provider is ignored
    assert offering.price == Decimal("195.50")
    assert offering.capacity == 12
    assert sorted(offering.funding_sources.values_list("code", flat=True)) == [
        "regional_budget",
        "uwv",
    ]


def test_coordinator_creates_for_any_provider_in_region(db, coordinator, other_provider, region):
    client = login(coordinator)
    response = client.post(CREATE, _form_data(provider=other_provider.pk))
    assert response.status_code == 302
    offering = Offering.objects.get(name="LinkedIn in een dag")
    assert offering.provider == other_provider
    assert offering.region == region


def test_roles_without_offerings_cannot_create_or_edit(db, case_manager, employer_user, catalogue):
    edit = reverse("catalogue:offering_edit", args=[catalogue["scan"].pk])
    for user in (case_manager, employer_user):
        client = login(user)
        assert client.get(CREATE).status_code == 403
        assert client.post(CREATE, _form_data()).status_code == 403
        assert client.post(edit, _form_data()).status_code == 403
    assert not Offering.objects.filter(name="LinkedIn in een dag").exists()


def test_provider_staff_cannot_edit_another_providers_offering(db, provider_user, catalogue):
    scan = catalogue["scan"]
    url = reverse("catalogue:offering_edit", args=[scan.pk])
    client = login(provider_user)
    assert client.get(url).status_code == 404
    assert client.post(url, _form_data(name="Gekaapt")).status_code == 404
    scan.refresh_from_db()
    assert scan.name == "Talentenscan"
    # and sees no edit button on its detail page
    detail = client.get(reverse("catalogue:offering_detail", args=[scan.pk])).content.decode()
    assert reverse("catalogue:offering_edit", args=[scan.pk]) not in detail


def test_provider_staff_edit_own_offering(db, provider_user, catalogue):
    training = catalogue["training"]
    url = reverse("catalogue:offering_edit", args=[training.pk])
    client = login(provider_user)
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(name="Sollicitatietraining plus", funding_sources=[]))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.name == "Sollicitatietraining plus"
    assert training.funding_sources.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("price", "-10", "The price cannot be negative."),
        ("price", "veel", "Enter a number."),
        ("capacity", "0", "Capacity must be at least 1 place"),
    ],
)
def test_bad_input_shows_a_message_and_saves_nothing(
    db, coordinator, provider_org, field, value, message
):
    response = login(coordinator).post(
        CREATE, _form_data(provider=provider_org.pk, **{field: value})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Offering.objects.exists()


def test_bad_price_on_edit_keeps_the_old_price(db, provider_user, catalogue):
    training = catalogue["training"]
    response = login(provider_user).post(
        reverse("catalogue:offering_edit", args=[training.pk]), _form_data(price="-1")
    )
    assert "The price cannot be negative." in response.content.decode()
    training.refresh_from_db()
    assert training.price == Decimal("1250.00")
    assert training.name == "Sollicitatietraining"


def test_service_validates_too(db, coordinator, provider_org):
    from django.core.exceptions import ValidationError

    from overstap.catalogue import services

    with pytest.raises(ValidationError) as exc:
        services.create_offering(
            actor=coordinator,
            provider=provider_org,
            data={"name": "X", "category": "other", "price": Decimal("-1"), "capacity": 0},
        )
    assert set(exc.value.message_dict) == {"price", "capacity"}


def test_editable_providers_per_role(db, coordinator, provider_user, case_manager, other_provider):
    assert set(selectors.editable_providers(user=coordinator)) == {
        provider_user.organisation,
        other_provider,
    }
    assert list(selectors.editable_providers(user=provider_user)) == [provider_user.organisation]
    assert not selectors.editable_providers(user=case_manager).exists()
    employer_staff = UserFactory(organisation=other_provider, role=Role.EMPLOYER_USER)
    assert not selectors.editable_providers(user=employer_staff).exists()


def test_anonymous_is_sent_to_login(db, catalogue):
    response = Client().get(LIST)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("195,50", "195.50"),
        ("195.50", "195.50"),
        ("€ 1.250,00", "1250.00"),
        ("1,250.00", "1250.00"),
        ("450", "450"),
    ],
)
def test_amounts_are_read_as_people_type_them(typed, expected):
    from overstap.catalogue.forms import normalise_amount

    assert normalise_amount(typed) == expected
