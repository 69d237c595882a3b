"""Fail unless a pytest JUnit report shows tests that really ran and passed.

    python scripts/check_test_report.py test-results/pytest.xml
    python scripts/check_test_report.py --require-browser test-results/pytest.xml

pytest exits 0 when every test was skipped; this makes "0 passed" (or, with
``--require-browser``, no passed browser test) a failure, so a green run means tests ran.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main(argv: list[str]) -> int:
    require_browser = "--require-browser" in argv
    paths = [arg for arg in argv if not arg.startswith("--")]
    if len(paths) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(paths[0])
    if not path.exists():
        print(f"{path} does not exist: did pytest run?", file=sys.stderr)
        return 1
    root = ET.parse(path).getroot()  # noqa: S314 - our own pytest report
    total = passed = skipped = browser = 0
    failed: list[str] = []
    for case in root.iter("testcase"):
        total += 1
        outcome = {child.tag for child in case}
        name = f"{case.get('classname')}::{case.get('name')}"
        if outcome & {"failure", "error"}:
            failed.append(name)
        elif "skipped" in outcome:
            skipped += 1
        else:
            passed += 1
            browser += "tests.browser" in (case.get("classname") or "")
    print(
        f"{path}: {total} tests, {passed} passed ({browser} in a browser), "
        f"{skipped} skipped, {len(failed)} failed"
    )
    problems = []
    if failed:
        problems.append("failed: " + ", ".join(failed))
    if passed == 0:
        problems.append("no test passed")
    if require_browser and browser == 0:
        problems.append("no browser test passed")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
