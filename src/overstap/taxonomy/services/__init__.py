"""Writes to the taxonomy: importing bundles, loading the demo taxonomy, re-linking."""

from __future__ import annotations

from pathlib import Path

from overstap.taxonomy.constants import LANGUAGES, Source
from overstap.taxonomy.services.bundle import Bundle, BundleError, read_bundle
from overstap.taxonomy.services.importer import ImportReport, bump_version, import_bundle
from overstap.taxonomy.services.relink import (
    RelinkReport,
    register_reference,
    registered_references,
    relink_demo_concepts,
)

DEMO_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"

__all__ = [
    "DEMO_DATA_DIR",
    "Bundle",
    "BundleError",
    "ImportReport",
    "RelinkReport",
    "bump_version",
    "import_bundle",
    "import_esco",
    "load_demo_taxonomy",
    "read_bundle",
    "register_reference",
    "registered_references",
    "relink_demo_concepts",
]


def import_esco(
    path: str | Path,
    languages: list[str] | tuple[str, ...] = LANGUAGES,
    *,
    progress=None,
) -> ImportReport:
    """Validate and import an official ESCO CSV bundle, then re-link demo concepts.

    Raises :class:`BundleError` (nothing imported) when the bundle is unusable.
    """
    bundle = read_bundle(path, list(languages), progress=progress)
    return import_bundle(bundle, source=Source.ESCO, relink=True, progress=progress)


def load_demo_taxonomy(*, progress=None) -> ImportReport:
    """Load the demo taxonomy shipped with Overstap through the same importer."""
    bundle = read_bundle(DEMO_DATA_DIR, list(LANGUAGES), progress=progress)
    return import_bundle(bundle, source=Source.DEMO, relink=True, progress=progress)
