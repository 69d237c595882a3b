"""Print (or write into README.md) the table of every environment variable Overstap reads.

    python scripts/settings_table.py          # print the Markdown table
    python scripts/settings_table.py --write  # replace the table in README.md
    python scripts/settings_table.py --check  # exit 1 if README.md's table is out of date

The variables come from ``overstap.conf.env.describe()``. Some are only read in production
(``OVERSTAP_ENVIRONMENT=production``), so the settings are loaded twice, each in a clean
subprocess: once for development, once for production (with placeholder values that pass
the production checks).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START = "<!-- settings-table:start -->"
END = "<!-- settings-table:end -->"

_COLLECT = """
import json, django
django.setup()
from importlib import import_module
from django.conf import settings
import_module(settings.ROOT_URLCONF)  # views may read settings too
import_module("overstap.conf.gunicorn")  # the web server's own settings
from overstap.conf.env import describe
print(json.dumps([[v.name, v.default, v.help] for v in describe()]))
"""

_PRODUCTION = {
    "OVERSTAP_ENVIRONMENT": "production",
    "SECRET_KEY": "settings-table-placeholder-" + "x" * 40,
    "ALLOWED_HOSTS": "overstap.example.org",
    "DEBUG": "false",
    "OVERSTAP_DEMO": "false",
    "DATABASE_URL": "sqlite:////tmp/settings-table-placeholder.sqlite3",
    "OVERSTAP_FIELD_ENCRYPTION_KEY": "c2V0dGluZ3MtdGFibGUtcGxhY2Vob2xkZXIta2V5MzI=",
}


def _collect(extra: dict[str, str]) -> dict[str, tuple[str | None, str]]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "PYTHONPATH", "VIRTUAL_ENV", "SYSTEMROOT"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "overstap.conf.settings"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env.update(extra)
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", _COLLECT],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=ROOT,
    )
    rows = json.loads(result.stdout.strip().splitlines()[-1])
    return {name: (default, help_text) for name, default, help_text in rows}


#: Production refuses to start while these keep their (development) default.
REQUIRED_IN_PRODUCTION = {"SECRET_KEY", "ALLOWED_HOSTS"}


def _cell(value: str | None) -> str:
    if value is None:
        return "—"
    if value == "":
        return "*(empty)*"
    # Paths inside the checkout differ per machine: show them relative to the repository.
    value = value.replace(str(ROOT), "<repository>").replace(str(ROOT.parent), "<repository>/..")
    return f"`{value}`".replace("|", "\\|")


def table() -> str:
    development = _collect({})
    production = _collect(_PRODUCTION)
    lines = [
        "| Variable | Default (development) | Default (production) | Description |",
        "|---|---|---|---|",
    ]
    for name in sorted(set(development) | set(production)):
        dev = development.get(name)
        prod = production.get(name)
        help_text = (dev or prod or (None, ""))[1].replace("|", "\\|")
        dev_cell = _cell(dev[0]) if dev else "*(not read)*"
        prod_cell = _cell(prod[0]) if prod else "*(not read)*"
        if name in REQUIRED_IN_PRODUCTION:
            prod_cell = "**required**"
        lines.append(f"| `{name}` | {dev_cell} | {prod_cell} | {help_text} |")
    return "\n".join(lines)


def readme_table() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split(START, 1)[1].split(END, 1)[0].strip()


def main(argv: list[str]) -> int:
    generated = table()
    if "--check" in argv:
        if readme_table() != generated:
            print("README.md's settings table is out of date: run", file=sys.stderr)
            print("  python scripts/settings_table.py --write", file=sys.stderr)
            return 1
        return 0
    if "--write" in argv:
        text = README.read_text(encoding="utf-8")
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        README.write_text(f"{before}{START}\n{generated}\n{END}{after}", encoding="utf-8")
        print(f"updated {README.relative_to(ROOT)}")
        return 0
    print(generated)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
