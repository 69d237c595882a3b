"""Run the doctest examples of every skillmatch module."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import skillmatch

MODULES = sorted(m.name for m in pkgutil.iter_modules(skillmatch.__path__, "skillmatch."))


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_modules_found() -> None:
    assert "skillmatch.matching" in MODULES and "skillmatch.transitions" in MODULES
