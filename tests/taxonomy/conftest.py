from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from overstap.taxonomy import search

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _fresh_search_cache():
    search.clear_cache()
    yield
    search.clear_cache()


@pytest.fixture
def v11_bundle() -> Path:
    return FIXTURES / "v11"


@pytest.fixture
def v12_bundle() -> Path:
    return FIXTURES / "v12"


@pytest.fixture
def bundle_copy(tmp_path):
    """Copy a fixture bundle to a temporary folder so a test can break it."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(FIXTURES / name, target)
        return target

    return copy


@pytest.fixture
def demo_taxonomy(db):
    from overstap.taxonomy.services import load_demo_taxonomy

    return load_demo_taxonomy()


@pytest.fixture(autouse=True)
def _english_messages():
    """The importer's messages are asserted on their (English) message ids."""
    from django.utils import translation

    with translation.override("en"):
        yield
