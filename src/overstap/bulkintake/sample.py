"""Fake staff lists for the demo, the tests and the benchmark (Faker nl_NL, seeded)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import unicodedata
from collections.abc import Sequence

HEADER = [
    "Personeelsnummer",
    "Voornaam",
    "Tussenvoegsel",
    "Achternaam",
    "Geboortedatum",
    "E-mail",
    "Telefoon",
    "Postcode",
    "Functie",
    "In dienst sinds",
    "Einddatum contract",
    "Uren per week",
]
#: Job titles of a distribution centre / food producer; most are occupations in the demo
#: taxonomy, a few are in-house titles that stay uncoded.
JOB_TITLES = [
    "orderpicker",
    "heftruckchauffeur",
    "magazijnmedewerker",
    "vrachtwagenchauffeur",
    "productiemedewerker",
    "schoonmaker",
    "administratief medewerker",
    "planner",
    "teamleider logistiek",
    "medewerker expeditie 2e ploeg",
]


def staff_rows(n: int, *, seed: int = 9, titles: Sequence[str] = JOB_TITLES) -> list[list[str]]:
    """``n`` rows (without the header) of a plausible staff list."""
    from faker import Faker

    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    rnd = random.Random(seed)
    rows = []
    end = dt.date(2027, 3, 31)
    for i in range(n):
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=rnd.randrange(0, 365 * 43))
        start = dt.date(1995, 1, 1) + dt.timedelta(days=rnd.randrange(0, 365 * 30))
        first = fake.first_name()
        infix = rnd.choice(["", "", "", "", "van", "de", "van der", "van den"])
        last = fake.last_name().split(" ")[-1]
        rows.append(
            [
                f"{100000 + i}",
                first,
                infix,
                last,
                birth.strftime("%d-%m-%Y"),
                f"{_ascii(first)}.{_ascii(last)}{i}@example.nl",
                f"06{rnd.randrange(10_000_000, 99_999_999)}",
                f"{rnd.randrange(1000, 9999)} {rnd.choice('ABCDEFGHJKLMNPRTVWXZ')}"
                f"{rnd.choice('ABCDEFGHJKLMNPRTVWXZ')}",
                titles[i % len(titles)],
                start.strftime("%d-%m-%Y"),
                end.strftime("%d-%m-%Y"),
                str(rnd.choice([16, 24, 32, 36, 38, 40])),
            ]
        )
    return rows


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain.lower()) or "x"


def to_csv(
    rows: Sequence[Sequence[object]],
    *,
    header: Sequence[str] = HEADER,
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def to_xlsx(rows: Sequence[Sequence[object]], *, header: Sequence[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Personeel")
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
