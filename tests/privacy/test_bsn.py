"""BSN protection: encrypted at rest, digest lookups, legal basis, masking (ADR 0007)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from overstap.cases import services
from overstap.cases.constants import SignalSource
from overstap.cases.models import Person
from overstap.cases.services import RegistrationData
from overstap.privacy import crypto

from ..factories import PersonFactory
from .conftest import BSN, build_case

pytestmark = pytest.mark.django_db


def _raw_bsn(person_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT bsn, bsn_digest FROM cases_person WHERE id = %s", [person_id])
        bsn, digest = cursor.fetchone()
    return f"{bsn}|{digest}"


def test_the_column_holds_ciphertext_and_the_model_the_bsn(region):
    person = PersonFactory(region=region, bsn=BSN, bsn_legal_basis="suwi")
    raw = _raw_bsn(person.pk)
    assert BSN not in raw
    assert raw.startswith(crypto.TOKEN_PREFIX)
    assert Person.objects.get(pk=person.pk).bsn == BSN
    assert Person.objects.get(pk=person.pk).bsn_digest == crypto.bsn_digest(BSN)


def test_same_bsn_encrypts_differently_but_has_one_digest(region):
    a = PersonFactory(region=region, bsn=BSN)
    b = PersonFactory(region=region, bsn=BSN)
    raw_a, raw_b = _raw_bsn(a.pk).split("|"), _raw_bsn(b.pk).split("|")
    assert raw_a[0] != raw_b[0]
    assert raw_a[1] == raw_b[1] != ""


def test_digest_is_keyed(settings):
    before = crypto.bsn_digest(BSN)
    settings.FIELD_ENCRYPTION_KEY = crypto.derive_key("another secret")
    assert crypto.bsn_digest(BSN) != before
    assert crypto.bsn_digest("98765000 2".replace(" ", "")[1:]) != ""  # 8 digits get a zero


def test_digest_pads_eight_digit_bsn():
    assert crypto.bsn_digest("12345672") == crypto.bsn_digest("012345672")
    assert crypto.bsn_digest("") == ""


def test_duplicate_check_finds_the_bsn_through_the_digest(case_manager):
    build_case(case_manager, close=False)
    found = services.find_possible_duplicates(
        user=case_manager,
        data=RegistrationData(
            first_name="Iemand",
            last_name="Anders",
            signal_source=SignalSource.SELF,
            bsn=BSN,
            bsn_legal_basis="suwi",
        ),
    )
    assert len(found) == 1
    assert any("BSN" in reason for reason in found[0].reasons)


def test_a_bsn_needs_a_legal_basis(case_manager):
    with pytest.raises(ValidationError) as exc:
        services.register_person(
            actor=case_manager,
            data=RegistrationData(
                first_name="A", last_name="B", signal_source=SignalSource.SELF, bsn=BSN
            ),
        )
    assert "bsn_legal_basis" in exc.value.message_dict


def test_registration_form_asks_for_the_legal_basis(client, case_manager):
    client.force_login(case_manager)
    response = client.post(
        reverse("cases:register"),
        {
            "first_name": "Anna",
            "last_name": "Smit",
            "phone": "0612345678",
            "bsn": BSN,
            "signal_source": SignalSource.SELF,
        },
    )
    assert response.status_code == 200
    assert "legal basis" in response.content.decode().lower()
    assert not Person.objects.filter(last_name="Smit").exists()
    client.post(
        reverse("cases:register"),
        {
            "first_name": "Anna",
            "last_name": "Smit",
            "phone": "0612345678",
            "bsn": BSN,
            "bsn_legal_basis": "participatiewet",
            "signal_source": SignalSource.SELF,
        },
    )
    person = Person.objects.get(last_name="Smit")
    assert person.bsn == BSN and person.bsn_legal_basis == "participatiewet"


def test_bsn_is_masked_everywhere(client, case_manager):
    case = build_case(case_manager, close=False, mention_bsn=False)
    client.force_login(case_manager)
    for name in ("cases:case_detail", "cases:case_intake"):
        html = client.get(reverse(name, kwargs={"pk": case.pk})).content.decode()
        assert BSN not in html
        assert crypto.mask_bsn(BSN) in html


def test_one_masking_function():
    from overstap.cases.forms import intake

    assert intake.mask_bsn is crypto.mask_bsn
    assert crypto.mask_bsn("123456782") == "******782"
    assert crypto.mask_bsn("") == ""
