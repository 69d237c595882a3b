"""Bad input: clear messages, and nothing saved half."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from overstap.network import services
from overstap.network.models import (
    EmployerEvent,
    EmployerLocation,
    EmployerProfile,
    ShortageLine,
    ShortageRegistration,
    SurplusLine,
    SurplusRegistration,
)

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _nothing_saved() -> None:
    assert SurplusRegistration.objects.count() == 0
    assert SurplusLine.objects.count() == 0
    assert ShortageRegistration.objects.count() == 0
    assert ShortageLine.objects.count() == 0
    assert EmployerEvent.objects.count() == 0


def _surplus(actor, employer, *, lines, expected=None, reason="Reorganisation"):
    return services.register_surplus(
        actor=actor,
        employer=employer,
        data=services.SurplusData(
            reason=reason,
            expected_date=expected or TODAY + dt.timedelta(days=10),
            lines=[services.LineData(occupation=o, headcount=n) for o, n in lines],
        ),
    )


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567A"])
def test_invalid_kvk(account_manager, hotel, kvk):
    with pytest.raises(ValidationError) as exc:
        services.save_profile(
            actor=account_manager, employer=hotel, data=services.ProfileData(kvk_number=kvk)
        )
    assert exc.value.message_dict["kvk_number"] == ["A KvK number has exactly 8 digits."]
    assert not EmployerProfile.objects.exists()
    hotel.refresh_from_db()
    assert hotel.kvk_number == ""


def test_invalid_sbi_code(account_manager, hotel):
    with pytest.raises(ValidationError) as exc:
        services.save_profile(
            actor=account_manager, employer=hotel, data=services.ProfileData(sbi_code="5")
        )
    assert "sbi_code" in exc.value.message_dict


@pytest.mark.parametrize("headcount", [0, -3, None])
def test_zero_or_negative_headcount(tax, account_manager, hotel, headcount):
    occ = tax["occ"]
    with pytest.raises(ValidationError) as exc:
        _surplus(
            account_manager,
            hotel,
            lines=[(occ["cleaner"], 2), (occ["receptionist"], headcount)],
        )
    assert exc.value.message_dict["lines"] == ["Line 2: the number of people must be 1 or more."]
    _nothing_saved()


def test_expected_date_in_the_past(tax, account_manager, hotel):
    with pytest.raises(ValidationError) as exc:
        _surplus(
            account_manager,
            hotel,
            lines=[(tax["occ"]["cleaner"], 2)],
            expected=TODAY - dt.timedelta(days=1),
        )
    assert exc.value.message_dict["expected_date"] == ["The expected date cannot be in the past."]
    _nothing_saved()


def test_registration_without_lines(account_manager, hotel, security):
    with pytest.raises(ValidationError) as exc:
        _surplus(account_manager, hotel, lines=[])
    assert exc.value.message_dict["lines"] == [
        "Add at least one occupation with the number of people."
    ]
    with pytest.raises(ValidationError) as exc:
        services.register_shortage(
            actor=account_manager,
            employer=security,
            data=services.ShortageData(
                period_start=TODAY, period_end=TODAY + dt.timedelta(days=30), lines=[]
            ),
        )
    assert "lines" in exc.value.message_dict
    _nothing_saved()


def test_shortage_period_the_wrong_way_round(tax, account_manager, security):
    with pytest.raises(ValidationError) as exc:
        services.register_shortage(
            actor=account_manager,
            employer=security,
            data=services.ShortageData(
                period_start=TODAY + dt.timedelta(days=30),
                period_end=TODAY + dt.timedelta(days=10),
                lines=[services.LineData(occupation=tax["occ"]["cleaner"], headcount=1)],
            ),
        )
    assert exc.value.message_dict["period_end"] == ["The period cannot end before it starts."]
    _nothing_saved()


def test_duplicate_occupation_and_missing_reason(tax, account_manager, hotel):
    occ = tax["occ"]
    with pytest.raises(ValidationError) as exc:
        _surplus(
            account_manager,
            hotel,
            lines=[(occ["cleaner"], 2), (occ["cleaner"], 1)],
            reason=" ",
        )
    errors = exc.value.message_dict
    assert "reason" in errors
    assert errors["lines"] == ["Line 2: this occupation is already on another line."]
    _nothing_saved()


def test_invalid_postcode_location(account_manager, security):
    before = EmployerLocation.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.add_location(actor=account_manager, employer=security, name="Depot", postcode="12")
    assert "postcode" in exc.value.message_dict
    assert EmployerLocation.objects.count() == before
