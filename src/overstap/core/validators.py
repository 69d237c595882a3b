"""Validators for Dutch identifiers, with clear Dutch messages (via the nl catalogue)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")
PHONE_RE = re.compile(r"^\+?[0-9]{10,13}$")


def normalise_postcode(value: str) -> str:
    match = POSTCODE_RE.match(value or "")
    if not match:
        return (value or "").strip()
    return f"{match.group(1)} {match.group(2).upper()}"


def validate_postcode(value: str) -> None:
    match = POSTCODE_RE.match(value or "")
    if not match or match.group(2).upper() in {"SA", "SD", "SS"}:
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, for example 5211 AB."),
            code="postcode",
        )


def is_valid_bsn(value: str) -> bool:
    """The BSN eleven-test (elfproef): 9 digits, weighted sum 9..2 and -1 divisible by 11."""
    digits = (value or "").strip()
    if len(digits) == 8:
        digits = "0" + digits
    if not re.fullmatch(r"[0-9]{9}", digits) or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if not is_valid_bsn(value):
        raise ValidationError(
            _("This is not a valid BSN. A BSN has 9 digits and passes the eleven-test."),
            code="bsn",
        )


def normalise_phone(value: str) -> str:
    return re.sub(r"[\s\-().]", "", value or "")


def validate_phone(value: str) -> None:
    if not PHONE_RE.match(normalise_phone(value)):
        raise ValidationError(
            _("Enter a phone number of 10 digits, for example 06 12345678 or +31 6 12345678."),
            code="phone",
        )


def validate_kvk(value: str) -> None:
    if not re.fullmatch(r"[0-9]{8}", value or ""):
        raise ValidationError(_("A KvK number has exactly 8 digits."), code="kvk")
