"""Domain exceptions raised by service functions and turned into Dutch messages by views."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused the operation; ``message`` is a translatable text for the user."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class ConflictError(DomainError):
    """Someone else changed the object since the user loaded it."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="conflict")


class PermissionDenied(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="permission_denied")
