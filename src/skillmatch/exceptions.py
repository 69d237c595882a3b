"""Named exceptions raised by :mod:`skillmatch`.

Every error the engine raises on bad input derives from :class:`SkillmatchError`,
so a caller (for example the Django integration) can catch one type and show the
message, which always says what was wrong and what to do next.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "EmptyInputError",
    "InvalidInputError",
    "SkillmatchError",
    "UnknownIdError",
    "UnknownOccupationError",
    "UnknownSkillError",
]


class SkillmatchError(Exception):
    """Base class of every error raised by :mod:`skillmatch`."""


class EmptyInputError(SkillmatchError, ValueError):
    """An input that must not be empty is empty (no skills, no vacancies, ...)."""


class InvalidInputError(SkillmatchError, ValueError):
    """An input has the wrong shape, type or value range."""


class UnknownIdError(SkillmatchError, KeyError):
    """One or more identifiers are not known to the index or taxonomy.

    Parameters
    ----------
    kind : str
        What kind of identifier ("skill", "occupation", "vacancy", ...).
    ids : iterable
        The unknown identifiers; at most five are quoted in the message.

    Attributes
    ----------
    ids : tuple
        All unknown identifiers, in the order given.
    """

    def __init__(self, kind: str, ids: Iterable[object]) -> None:
        self.kind = kind
        self.ids = tuple(ids)
        shown = ", ".join(repr(i) for i in self.ids[:5])
        more = f" and {len(self.ids) - 5} more" if len(self.ids) > 5 else ""
        super().__init__(
            f"unknown {kind} id(s): {shown}{more}; import or register them first, "
            f"or remove them from the input"
        )

    def __str__(self) -> str:  # KeyError would repr() the message otherwise
        return str(self.args[0])


class UnknownSkillError(UnknownIdError):
    """Skill identifiers that are not part of the :class:`~skillmatch.SkillSpace`."""

    def __init__(self, ids: Iterable[object]) -> None:
        super().__init__("skill", ids)


class UnknownOccupationError(UnknownIdError):
    """Occupation identifiers that are not part of the :class:`~skillmatch.Taxonomy`."""

    def __init__(self, ids: Iterable[object]) -> None:
        super().__init__("occupation", ids)
