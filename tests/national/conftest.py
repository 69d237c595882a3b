from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english(english_ui):
    """The national tests assert English message ids."""
    yield
