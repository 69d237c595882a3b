"""Password policy: at least 12 characters, not common, not numeric, not like the user."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from overstap.accounts.models import User


@pytest.mark.parametrize(
    "password",
    ["kort-wacht1", "123456789012", "password1234", "jandevries-2026"],
)
def test_weak_passwords_are_refused(password):
    user = User(username="jandevries", first_name="Jan", last_name="de Vries")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_unusual_passphrase_is_accepted():
    user = User(username="jandevries", first_name="Jan", last_name="de Vries")
    validate_password("paars-fietsrek-onder-de-brug", user)


def test_demo_password_meets_the_policy():
    validate_password("overstap-demo", User(username="casemanager"))
