"""An encrypted text column (ADR 0007): plaintext in Python, a Fernet token in the database."""

from __future__ import annotations

from typing import Any

from django.db import models

from overstap.privacy import crypto


class EncryptedCharField(models.TextField):
    """A short secret (such as a BSN) encrypted at rest.

    The column holds a Fernet token, so it cannot be filtered on: store a blind index next
    to it (``Person.bsn_digest``) for lookups. ``max_length`` is checked on the plaintext.
    """

    description = "Encrypted text"

    def __init__(self, *args: Any, plaintext_max_length: int | None = None, **kwargs: Any):
        self.plaintext_max_length = plaintext_max_length
        super().__init__(*args, **kwargs)
        if plaintext_max_length:
            from django.core.validators import MaxLengthValidator

            self.validators.append(MaxLengthValidator(plaintext_max_length))

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.plaintext_max_length:
            kwargs["plaintext_max_length"] = self.plaintext_max_length
        return name, path, args, kwargs

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return crypto.encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return value
        return crypto.decrypt(value)

    def to_python(self, value: Any) -> Any:
        return value
