"""Compile the gettext catalogues without GNU gettext, and check they are complete.

python scripts/compile_messages.py          # write .mo next to each .po
python scripts/compile_messages.py --check  # fail if a .mo is stale or a message untranslated
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIRS = [ROOT / "src" / "overstap" / "locale"]


def main(check: bool) -> int:
    problems: list[str] = []
    for locale_dir in LOCALE_DIRS:
        for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            po = polib.pofile(str(po_path))
            untranslated = [e.msgid for e in po.untranslated_entries()]
            fuzzy = [e.msgid for e in po.fuzzy_entries()]
            for msgid in untranslated:
                problems.append(f"{po_path.relative_to(ROOT)}: untranslated: {msgid!r}")
            for msgid in fuzzy:
                problems.append(f"{po_path.relative_to(ROOT)}: fuzzy: {msgid!r}")
            mo_path = po_path.with_suffix(".mo")
            if check:
                with tempfile.NamedTemporaryFile(suffix=".mo") as tmp:
                    po.save_as_mofile(tmp.name)
                    fresh = Path(tmp.name).read_bytes()
                if not mo_path.exists() or mo_path.read_bytes() != fresh:
                    problems.append(
                        f"{mo_path.relative_to(ROOT)} is stale: run `make messages` and commit it"
                    )
            else:
                po.save_as_mofile(str(mo_path))
                count = len(po.translated_entries())
                print(f"compiled {mo_path.relative_to(ROOT)} ({count} messages)")
    for problem in problems:
        print(problem, file=sys.stderr)
    if check and problems:
        print(f"{len(problems)} translation problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv))
