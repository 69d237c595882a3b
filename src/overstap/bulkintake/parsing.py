"""Reading a staff list: CSV (``;`` or ``,``; UTF-8 with or without BOM, or Windows-1252)
or XLSX, with Dutch column headings in common variants. No database access here.

:func:`read_table` gives the header and the rows as text cells; :func:`map_columns` finds
the known columns; :func:`parse_row` turns one row into a :class:`StaffRow` with problem
codes (``constants.Problem``) for every value that is wrong.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from overstap.bulkintake.constants import MAX_ROWS, Problem
from overstap.core.exceptions import DomainError
from overstap.core.validators import is_valid_bsn, validate_phone, validate_postcode

#: Known columns → accepted headings, compared in lower case without spaces or punctuation.
COLUMNS: dict[str, tuple[str, ...]] = {
    "personnel_number": (
        "personeelsnummer",
        "personeelsnr",
        "persnr",
        "medewerkernummer",
        "medewerkernr",
        "werknemernummer",
        "werknemersnummer",
        "employeenumber",
        "employeeid",
    ),
    "first_name": ("voornaam", "voornamen", "roepnaam", "firstname"),
    "infix": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels"),
    "last_name": ("achternaam", "geslachtsnaam", "familienaam", "lastname", "surname"),
    "birth_date": ("geboortedatum", "gebdatum", "geboortedag", "dateofbirth", "birthdate"),
    "email": ("email", "emailadres", "mail", "mailadres"),
    "phone": ("telefoon", "telefoonnummer", "telnr", "tel", "mobiel", "mobielnummer", "phone"),
    "postcode": ("postcode", "postalcode", "zipcode"),
    "job_title": ("functie", "functienaam", "functieomschrijving", "jobtitle", "function"),
    "start_date": (
        "indienstsinds",
        "datumindienst",
        "indienst",
        "datumindiensttreding",
        "indiensttreding",
        "startdatum",
        "startdate",
    ),
    "end_date": (
        "einddatumcontract",
        "einddatum",
        "datumuitdienst",
        "uitdienst",
        "einddatumdienstverband",
        "enddate",
    ),
    "hours": ("urenperweek", "uren", "contracturen", "arbeidsduur", "hoursperweek"),
    "bsn": ("bsn", "burgerservicenummer", "sofinummer"),
}
REQUIRED = ("first_name", "last_name")
_LOOKUP = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y")


def heading_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells)
    file_format: str


@dataclass
class StaffRow:
    number: int
    personnel_number: str = ""
    first_name: str = ""
    infix: str = ""
    last_name: str = ""
    birth_date: dt.date | None = None
    email: str = ""
    phone: str = ""
    postcode: str = ""
    job_title: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    hours: int | None = None
    bsn: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def full_last_name(self) -> str:
        return f"{self.infix} {self.last_name}".strip()

    def as_dict(self) -> dict[str, Any]:
        """JSON-able values (dates as ISO text), to store the checked row for the import."""
        data = {k: v for k, v in self.__dict__.items() if k != "problems"}
        for key in DATE_FIELDS:
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StaffRow:
        values = dict(data)
        for key in DATE_FIELDS:
            values[key] = dt.date.fromisoformat(values[key]) if values.get(key) else None
        return cls(**values)


DATE_FIELDS = ("birth_date", "start_date", "end_date")


# --- file → table ---------------------------------------------------------------------------


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV" on Windows)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(raw: bytes, filename: str) -> Table:
    """The header and rows of an XLSX or CSV file; DomainError when it cannot be read."""
    if not raw.strip():
        raise DomainError(_("The file is empty."), code="empty")
    if raw[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(raw)
    return _read_csv(decode(raw))


def _read_xlsx(raw: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise DomainError(
            _("The file cannot be read as an Excel workbook (.xlsx)."), code="unreadable"
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[int, list[str]]] = []
        header: list[str] | None = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in values]
            if header is None:
                if any(cells):
                    header = cells
                continue
            if any(cells):
                rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                break
    finally:
        workbook.close()
    if header is None:
        raise DomainError(_("The file is empty."), code="empty")
    return Table(header=header, rows=rows, file_format="xlsx")


def _read_csv(text: str) -> Table:
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    if "\t" in first and first.count("\t") > max(first.count(";"), first.count(",")):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for values in reader:
            number = reader.line_num
            cells = [v.strip() for v in values]
            if header is None:
                if any(cells):
                    header = cells
                continue
            if any(cells):
                rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                break
    except csv.Error as exc:
        raise DomainError(_("The file is not a readable CSV file."), code="unreadable") from exc
    if header is None:
        raise DomainError(_("The file is empty."), code="empty")
    return Table(header=header, rows=rows, file_format="csv")


def map_columns(header: list[str]) -> dict[str, int]:
    """Known column → its position; DomainError when a required column is missing."""
    found: dict[str, int] = {}
    for position, heading in enumerate(header):
        key = _LOOKUP.get(heading_key(heading))
        if key and key not in found:
            found[key] = position
    missing = [key for key in REQUIRED if key not in found]
    if missing:
        names = {"first_name": "voornaam", "last_name": "achternaam"}
        raise DomainError(
            _(
                "The file has no column %(columns)s. The first row must name the columns, for "
                "example personeelsnummer; voornaam; tussenvoegsel; achternaam; geboortedatum; "
                "functie."
            )
            % {"columns": " / ".join(names[m] for m in missing)},
            code="columns",
        )
    return found


# --- one row --------------------------------------------------------------------------------


def parse_date(text: str) -> dt.date | None:
    """A date in dd-mm-jjjj (or / .) or ISO form; ``ValueError`` when it is not a date."""
    text = text.strip()
    iso = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$", text)
    if iso:
        text = iso.group(1)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _date(row: StaffRow, text: str, problem: str) -> dt.date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        row.problems.append(problem)
        return None


def _checked(row: StaffRow, value: str, validator: Callable[[str], None], problem: str) -> str:
    """``value`` as given; an invalid (non-empty) value adds ``problem`` to the row."""
    if value:
        try:
            validator(value)
        except ValidationError:
            row.problems.append(problem)
    return value


def parse_row(number: int, cells: list[str], columns: dict[str, int], today: dt.date) -> StaffRow:
    def get(key: str) -> str:
        position = columns.get(key)
        if position is None or position >= len(cells):
            return ""
        return cells[position].strip()

    row = StaffRow(number=number)
    row.personnel_number = get("personnel_number")[:50]
    row.first_name = get("first_name")[:100]
    row.infix = get("infix")[:30]
    row.last_name = get("last_name")[:120]
    if not row.first_name or not row.last_name:
        row.problems.append(Problem.MISSING_NAME)
    row.birth_date = _date(row, get("birth_date"), Problem.INVALID_BIRTH_DATE)
    if row.birth_date is not None:
        age = (today - row.birth_date).days / 365.25
        if age < 14 or age > 100:
            row.problems.append(Problem.IMPLAUSIBLE_BIRTH_DATE)
    row.email = _checked(row, get("email"), validate_email, Problem.INVALID_EMAIL)
    row.phone = _checked(row, get("phone"), validate_phone, Problem.INVALID_PHONE)
    row.postcode = _checked(row, get("postcode"), validate_postcode, Problem.INVALID_POSTCODE)
    bsn = re.sub(r"[\s.\-]", "", get("bsn"))
    if bsn:
        if len(bsn) == 8:
            bsn = "0" + bsn
        if is_valid_bsn(bsn):
            row.bsn = bsn
        else:
            row.problems.append(Problem.INVALID_BSN)
    row.job_title = get("job_title")[:200]
    row.start_date = _date(row, get("start_date"), Problem.INVALID_START_DATE)
    row.end_date = _date(row, get("end_date"), Problem.INVALID_END_DATE)
    hours = get("hours").replace(",", ".")
    if hours:
        try:
            value = float(hours)
        except ValueError:
            value = -1
        if 1 <= value <= 60:
            row.hours = round(value)
        else:
            row.problems.append(Problem.INVALID_HOURS)
    return row
