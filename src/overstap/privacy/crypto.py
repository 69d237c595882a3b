"""Field encryption and the BSN blind index (ADR 0007).

* ``encrypt``/``decrypt``: Fernet (AES-128-CBC + HMAC-SHA256, random IV) with the key from
  ``settings.FIELD_ENCRYPTION_KEY``. The same plaintext encrypts differently every time, so
  an encrypted column cannot be searched.
* ``bsn_digest``: a keyed HMAC-SHA256 of the normalised BSN (the "blind index"), for the
  duplicate check. Without the key the digest cannot be reversed by trying all 10^9 BSNs.
* ``mask_bsn``: the one way the UI shows a BSN (``******123``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

#: Every Fernet token starts with the version byte 0x80, base64url-encoded as "gAAAAA".
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - a format marker, not a secret


def derive_key(secret: str) -> str:
    """A Fernet key derived from another secret (development and demo only)."""
    digest = hashlib.sha256(("overstap-field-encryption:" + secret).encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    try:
        return Fernet(key.encode())
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "OVERSTAP_FIELD_ENCRYPTION_KEY must be a Fernet key (32 url-safe base64 bytes)."
        ) from exc


def _key() -> str:
    key = str(getattr(settings, "FIELD_ENCRYPTION_KEY", "") or "")
    if not key:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is not set.")
    return key


def encrypt(value: str) -> str:
    if not value:
        return ""
    return _fernet(_key()).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet(_key()).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted column cannot be decrypted: is OVERSTAP_FIELD_ENCRYPTION_KEY the key "
            "the data was written with?"
        ) from exc


def normalise_bsn(value: str) -> str:
    """Digits only, padded to nine (an eight-digit BSN has a leading zero)."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    if len(digits) == 8:
        digits = "0" + digits
    return digits


def bsn_digest(value: str) -> str:
    """The keyed blind index of a BSN; empty for an empty BSN."""
    bsn = normalise_bsn(value)
    if not bsn:
        return ""
    index_key = hashlib.sha256(("overstap-bsn-index:" + _key()).encode()).digest()
    return hmac.new(index_key, bsn.encode(), hashlib.sha256).hexdigest()


def mask_bsn(value: str) -> str:
    """Only the last three digits of a BSN (``******123``); never the full number."""
    bsn = (value or "").strip()
    if not bsn:
        return ""
    return "*" * 6 + bsn[-3:]
