"""The README documents every environment variable, and its table is current."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from overstap.conf.env import describe

ROOT = Path(__file__).resolve().parent.parent


def _settings_table_module():
    spec = importlib.util.spec_from_file_location(
        "settings_table", ROOT / "scripts" / "settings_table.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _documented_names() -> set[str]:
    table = _settings_table_module().readme_table()
    return set(re.findall(r"^\| `([A-Z0-9_]+)` \|", table, flags=re.MULTILINE))


def test_readme_lists_every_registered_variable():
    registered = {var.name for var in describe()}
    assert registered, "the settings registered no variables"
    missing = registered - _documented_names()
    assert not missing, f"not in README.md (run scripts/settings_table.py --write): {missing}"


def test_readme_table_is_what_the_script_generates():
    module = _settings_table_module()
    assert module.readme_table() == module.table(), (
        "README.md's settings table is out of date: run python scripts/settings_table.py --write"
    )


@pytest.mark.parametrize("needle", ["make demo", "overstap-demo", "make test", "ESCO"])
def test_readme_has_the_essentials(needle):
    assert needle in (ROOT / "README.md").read_text(encoding="utf-8")
