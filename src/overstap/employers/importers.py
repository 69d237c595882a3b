"""Reading vacancy files: CSV and schema.org ``JobPosting`` JSON / JSON-LD.

The parsers turn a file into :class:`RowInput` records with typed values and a list of
problems per row. They do not touch the database: looking up occupations and skills,
validating and comparing with existing vacancies happens in
:func:`overstap.employers.services.preview_import`, the same for both formats.

Problems are reported with the row number (CSV: the spreadsheet row, the header being row 1;
JSON: the position of the JobPosting, from 1), the field (the CSV column or the JobPosting
property) and a translatable reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from overstap.cases.constants import ContractType, WageBand
from overstap.core.exceptions import DomainError
from overstap.employers.constants import MAX_IMPORT_ROWS, ImportFormat, Shift

#: CSV columns, in the documented order. ``external_id`` and ``title`` are required.
CSV_COLUMNS = (
    "external_id",
    "title",
    "occupation",
    "must_skills",
    "nice_skills",
    "hours_min",
    "hours_max",
    "wage_band",
    "contract_type",
    "postcode",
    "place",
    "shifts",
    "start_date",
    "positions",
    "description",
)
REQUIRED_CSV_COLUMNS = ("external_id", "title")
#: Other names accepted for a column.
CSV_ALIASES = {
    "occupation_uri": "occupation",
    "occupation_label": "occupation",
    "id": "external_id",
}


@dataclass
class RowError:
    field: str
    message: str


@dataclass
class RowInput:
    """One vacancy read from a file, before the taxonomy lookup."""

    number: int
    external_id: str = ""
    title: str = ""
    description: str = ""
    occupation_ref: str = ""
    must_refs: list[str] = field(default_factory=list)
    nice_refs: list[str] = field(default_factory=list)
    hours_min: int | None = None
    hours_max: int | None = None
    wage_band: str = ""
    contract_type: str = ""
    postcode: str = ""
    place: str = ""
    shifts: list[str] = field(default_factory=list)
    start_date: dt.date | None = None
    date_posted: dt.date | None = None
    positions: int = 1
    errors: list[RowError] = field(default_factory=list)
    #: Where each vacancy field came from in the file (for the report).
    fields: dict[str, str] = field(default_factory=dict)

    def error(self, field_name: str, message: str) -> None:
        self.errors.append(RowError(field_name, message))


@dataclass
class ParsedFile:
    format: str
    rows: list[RowInput]
    notes: list[str] = field(default_factory=list)


# --- bytes → text ---------------------------------------------------------------------------


def decode_upload(raw: bytes) -> str:
    """UTF-8 text of an upload (with or without byte order mark); else a clear DomainError."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DomainError(
            _(
                "The file is saved as UTF-16. Save it as UTF-8 (in Excel: “CSV UTF-8 (comma "
                "delimited)”) and upload it again."
            ),
            code="encoding",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DomainError(
            _(
                "The file is not UTF-8 text (unreadable characters on line %(line)s; it may be "
                "saved as Windows-1252 or Latin-1). Save it as UTF-8 (in Excel: “CSV UTF-8 "
                "(comma delimited)”) and upload it again."
            )
            % {"line": line},
            code="encoding",
        ) from exc


def detect_format(filename: str, text: str) -> str:
    """CSV or JSON(-LD), from the file name or else from the first character."""
    name = (filename or "").lower()
    if name.endswith((".json", ".jsonld", ".json-ld")):
        return ImportFormat.JSONLD
    if name.endswith((".csv", ".txt")):
        return ImportFormat.CSV
    return ImportFormat.JSONLD if text.lstrip()[:1] in ("{", "[") else ImportFormat.CSV


def parse(fmt: str, text: str) -> ParsedFile:
    """Parse ``text`` in format ``fmt``; DomainError when the file as a whole is unusable."""
    if fmt == ImportFormat.JSONLD:
        return parse_jobpostings(text)
    return parse_csv(text)


# --- value readers shared by both formats ---------------------------------------------------


def split_list(value: str) -> list[str]:
    """Items of a list cell: separated by semicolons, vertical bars or new lines."""
    return [item.strip() for item in re.split(r"[;|\n]", value or "") if item.strip()]


def read_int(row: RowInput, field_name: str, value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        row.error(field_name, _("Enter a whole number."))
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"[0-9]+(?:[.,]0+)?", text):
        return int(re.split(r"[.,]", text)[0])
    row.error(field_name, _("“%(value)s” is not a whole number.") % {"value": text[:50]})
    return None


DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


def read_date(row: RowInput, field_name: str, value: Any) -> dt.date | None:
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    iso = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$", text)
    candidates = [iso.group(1)] if iso else [text]
    for candidate in candidates:
        for fmt in DATE_FORMATS:
            try:
                return dt.datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    row.error(
        field_name,
        _("“%(value)s” is not a date. Write it as 2026-03-01 or 01-03-2026.")
        % {"value": text[:50]},
    )
    return None


def _choice_lookup(
    choices: Iterable[tuple[str, Any]], synonyms: Mapping[str, str]
) -> dict[str, str]:
    """Lower-case code, English label and Dutch label → code."""
    table = {key: str(value) for key, value in synonyms.items()}
    for code, label in choices:
        table[code.lower()] = code
        for lang in ("en", "nl"):
            with translation.override(lang):
                table[str(label).strip().lower()] = code
    return table


CONTRACT_SYNONYMS = {
    "vast": ContractType.PERMANENT,
    "vast contract": ContractType.PERMANENT,
    "onbepaalde tijd": ContractType.PERMANENT,
    "tijdelijk": ContractType.FIXED_TERM,
    "tijdelijk contract": ContractType.FIXED_TERM,
    "bepaalde tijd": ContractType.FIXED_TERM,
    "jaarcontract": ContractType.FIXED_TERM,
    "fixed term": ContractType.FIXED_TERM,
    "fixed-term": ContractType.FIXED_TERM,
    "uitzend": ContractType.TEMP_AGENCY,
    "uitzenden": ContractType.TEMP_AGENCY,
    "uitzendcontract": ContractType.TEMP_AGENCY,
    "agency": ContractType.TEMP_AGENCY,
    "oproep": ContractType.ON_CALL,
    "oproepcontract": ContractType.ON_CALL,
    "nulurencontract": ContractType.ON_CALL,
    "min-max": ContractType.ON_CALL,
    "on call": ContractType.ON_CALL,
    "zzp": ContractType.SELF_EMPLOYED,
    "freelance": ContractType.SELF_EMPLOYED,
}
SHIFT_SYNONYMS = {
    "dag": Shift.DAY,
    "dagdienst": Shift.DAY,
    "overdag": Shift.DAY,
    "avond": Shift.EVENING,
    "avonddienst": Shift.EVENING,
    "nacht": Shift.NIGHT,
    "nachtdienst": Shift.NIGHT,
    "weekenddienst": Shift.WEEKEND,
    "weekenden": Shift.WEEKEND,
}


def read_contract_type(row: RowInput, field_name: str, value: str) -> str:
    text = (value or "").strip()
    if not text:
        return ""
    code = _choice_lookup(ContractType.choices, CONTRACT_SYNONYMS).get(text.lower())
    if code is None:
        row.error(
            field_name,
            _("Unknown contract type “%(value)s”. Use one of: %(choices)s.")
            % {"value": text[:50], "choices": ", ".join(ContractType.values)},
        )
        return ""
    return code


def read_shifts(row: RowInput, field_name: str, value: str) -> list[str]:
    table = _choice_lookup(Shift.choices, SHIFT_SYNONYMS)
    shifts: list[str] = []
    for item in re.split(r"[;,|\s]+", value or ""):
        if not item:
            continue
        code = table.get(item.lower())
        if code is None:
            row.error(
                field_name,
                _("Unknown shift “%(value)s”. Use: %(choices)s.")
                % {"value": item[:30], "choices": ", ".join(Shift.values)},
            )
        elif code not in shifts:
            shifts.append(code)
    return [s for s in Shift.values if s in shifts]


#: Lower bounds of the wage bands (gross per month).
WAGE_BAND_LIMITS = (
    (Decimal(4500), WageBand.ABOVE_4500),
    (Decimal(3500), WageBand.FROM_3500),
    (Decimal(3000), WageBand.FROM_3000),
    (Decimal(2500), WageBand.FROM_2500),
    (Decimal(2000), WageBand.FROM_2000),
)


def wage_band_for(monthly: Decimal) -> str:
    """The wage band of a gross monthly amount."""
    for limit, band in WAGE_BAND_LIMITS:
        if monthly >= limit:
            return str(band)
    return str(WageBand.BELOW_2000)


def parse_amount(text: str) -> Decimal | None:
    """ "2450", "€ 2.450,50", "2,450.50" → Decimal; ``None`` when it is no amount."""
    value = re.sub(r"[€\s\u00a0]|EUR|eur", "", text or "")
    if not value:
        return None
    if "," in value and "." in value:
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif "," in value:
        head, _sep, tail = value.rpartition(",")
        value = f"{head}.{tail}" if len(tail) != 3 else head + tail
    elif value.count(".") == 1 and len(value.rpartition(".")[2]) == 3:
        value = value.replace(".", "")  # "2.450" is Dutch for 2450
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount >= 0 else None


def read_wage_band(row: RowInput, field_name: str, value: str) -> str:
    """A wage band code or label, or a gross monthly amount (or range) in euro."""
    text = (value or "").strip()
    if not text:
        return ""
    code = _choice_lookup(WageBand.choices, {}).get(text.lower())
    if code:
        return code
    parts = [p for p in re.split(r"\s*(?:-|–|tot|to)\s*", text) if p]
    amounts = [a for a in (parse_amount(p) for p in parts) if a is not None and a > 0]
    if 1 <= len(amounts) <= 2 and len(amounts) == len(parts):
        return wage_band_for(sum(amounts, Decimal(0)) / len(amounts))
    row.error(
        field_name,
        _(
            "Unknown wage band “%(value)s”. Use a gross monthly amount in euro (for example "
            "2450) or one of: %(choices)s."
        )
        % {"value": text[:50], "choices": ", ".join(WageBand.values)},
    )
    return ""


# --- CSV ------------------------------------------------------------------------------------


def _delimiter(header_line: str) -> str:
    """Comma or semicolon: whichever splits the header into more known columns."""

    def known(delimiter: str) -> int:
        names = [_column(n) for n in header_line.split(delimiter)]
        return sum(1 for n in names if n in CSV_COLUMNS)

    return ";" if known(";") > known(",") else ","


def _column(name: str) -> str:
    key = name.strip().strip('"').strip().lower().replace(" ", "_")
    return CSV_ALIASES.get(key, key)


def parse_csv(text: str) -> ParsedFile:
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise DomainError(_("The file is empty."), code="empty")
    delimiter = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise DomainError(
            _("The CSV file cannot be read: %(reason)s") % {"reason": str(exc)}, code="csv"
        ) from exc
    header_index = next(i for i, r in enumerate(records) if any(c.strip() for c in r))
    header = [_column(name) for name in records[header_index]]
    missing = [name for name in REQUIRED_CSV_COLUMNS if name not in header]
    if missing:
        raise DomainError(
            _(
                "The first row must name the columns; these are missing: %(missing)s. Expected "
                "columns: %(columns)s."
            )
            % {"missing": ", ".join(missing), "columns": ",".join(CSV_COLUMNS)},
            code="columns",
        )
    notes = []
    unknown = [name for name in header if name and name not in CSV_COLUMNS]
    if unknown:
        notes.append(
            _("These columns are not used and were ignored: %(columns)s.")
            % {"columns": ", ".join(unknown)}
        )
    if delimiter == ";":
        notes.append(_("The columns are separated by semicolons."))
    rows: list[RowInput] = []
    # Physical line numbers: a quoted cell may span lines, so count from the reader.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    index = -1
    while True:
        number = reader.line_num + 1  # the line the record starts on
        record = next(reader, None)
        if record is None:
            break
        index += 1
        if index <= header_index or not any(cell.strip() for cell in record):
            continue
        if len(rows) >= MAX_IMPORT_ROWS:
            raise DomainError(
                _("The file has more than %(max)s vacancies. Split it into smaller files.")
                % {"max": MAX_IMPORT_ROWS},
                code="too_many",
            )
        row = RowInput(number=number, fields={name: name for name in CSV_COLUMNS})
        if len(record) > len(header):
            row.error(
                "",
                _("This row has %(found)s cells, the header %(expected)s.")
                % {"found": len(record), "expected": len(header)},
            )
        cells = {
            name: (record[i].strip() if i < len(record) else "") for i, name in enumerate(header)
        }
        _fill_from_cells(row, cells)
        rows.append(row)
    if not rows:
        raise DomainError(_("The file has no vacancies below the header row."), code="empty")
    return ParsedFile(format=ImportFormat.CSV, rows=rows, notes=notes)


def _fill_from_cells(row: RowInput, cells: dict[str, str]) -> None:
    row.external_id = cells.get("external_id", "")
    row.title = cells.get("title", "")
    row.description = cells.get("description", "")
    row.occupation_ref = cells.get("occupation", "")
    row.must_refs = split_list(cells.get("must_skills", ""))
    row.nice_refs = split_list(cells.get("nice_skills", ""))
    row.hours_min = read_int(row, "hours_min", cells.get("hours_min"))
    row.hours_max = read_int(row, "hours_max", cells.get("hours_max"))
    if row.hours_min is not None and row.hours_max is None:
        row.hours_max = row.hours_min
    elif row.hours_max is not None and row.hours_min is None:
        row.hours_min = row.hours_max
    row.wage_band = read_wage_band(row, "wage_band", cells.get("wage_band", ""))
    row.contract_type = read_contract_type(row, "contract_type", cells.get("contract_type", ""))
    row.postcode = cells.get("postcode", "")
    row.place = cells.get("place", "")
    row.shifts = read_shifts(row, "shifts", cells.get("shifts", ""))
    row.start_date = read_date(row, "start_date", cells.get("start_date"))
    positions = read_int(row, "positions", cells.get("positions"))
    row.positions = 1 if positions is None else positions


# --- schema.org JobPosting --------------------------------------------------------------------

#: Where each vacancy field comes from in a JobPosting (for the report).
JOBPOSTING_FIELDS = {
    "external_id": "identifier",
    "title": "title",
    "description": "description",
    "occupation": "occupationalCategory",
    "must_skills": "skills",
    "nice_skills": "skills",
    "hours_min": "workHours",
    "hours_max": "workHours",
    "wage_band": "baseSalary",
    "contract_type": "employmentType",
    "postcode": "jobLocation.address.postalCode",
    "place": "jobLocation.address.addressLocality",
    "start_date": "jobStartDate",
    "positions": "totalJobOpenings",
    "shifts": "workHours",
}

EMPLOYMENT_TYPES = {
    "FULL_TIME": ContractType.PERMANENT,
    "PART_TIME": ContractType.PERMANENT,
    "TEMPORARY": ContractType.FIXED_TERM,
    "INTERN": ContractType.FIXED_TERM,
    "SEASONAL": ContractType.FIXED_TERM,
    "CONTRACTOR": ContractType.SELF_EMPLOYED,
    "PER_DIEM": ContractType.ON_CALL,
}
#: When a posting lists several employment types, the most specific one wins.
EMPLOYMENT_PRIORITY = [
    ContractType.SELF_EMPLOYED,
    ContractType.ON_CALL,
    ContractType.TEMP_AGENCY,
    ContractType.FIXED_TERM,
    ContractType.PERMANENT,
]
#: Gross monthly amount per unit (hours: times the hours per week, 52 weeks / 12 months).
SALARY_UNITS = {
    "MONTH": Decimal(1),
    "YEAR": Decimal(1) / Decimal(12),
    "WEEK": Decimal(52) / Decimal(12),
    "DAY": Decimal("21.75"),
}
#: Hours per week assumed for an hourly wage when the posting names no hours.
DEFAULT_WEEK_HOURS = 38


def _is_jobposting(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    kinds = node.get("@type", node.get("type", ""))
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(str(k).rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting" for k in kinds)


def parse_jobpostings(text: str) -> ParsedFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DomainError(
            _("The file is not valid JSON: %(reason)s (line %(line)s, column %(column)s).")
            % {"reason": exc.msg, "line": exc.lineno, "column": exc.colno},
            code="json",
        ) from exc
    notes: list[str] = []
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        nodes = [n for n in data["@graph"] if _is_jobposting(n)]
        skipped = len(data["@graph"]) - len(nodes)
        if skipped:
            notes.append(
                ngettext(
                    "%(count)s object in @graph is not a JobPosting and was ignored.",
                    "%(count)s objects in @graph are not a JobPosting and were ignored.",
                    skipped,
                )
                % {"count": skipped}
            )
        strict = False
    elif isinstance(data, list):
        nodes, strict = data, True
    elif isinstance(data, dict):
        nodes, strict = [data], True
    else:
        nodes, strict = [], True
    if not nodes:
        raise DomainError(
            _("The file holds no schema.org JobPosting (one object, a list, or an @graph)."),
            code="empty",
        )
    if len(nodes) > MAX_IMPORT_ROWS:
        raise DomainError(
            _("The file has more than %(max)s vacancies. Split it into smaller files.")
            % {"max": MAX_IMPORT_ROWS},
            code="too_many",
        )
    rows = []
    for number, node in enumerate(nodes, start=1):
        row = RowInput(number=number, fields=dict(JOBPOSTING_FIELDS))
        if strict and not _is_jobposting(node):
            row.error("@type", _("This is not a JobPosting object."))
            rows.append(row)
            continue
        _fill_from_jobposting(row, node)
        rows.append(row)
    return ParsedFile(format=ImportFormat.JSONLD, rows=rows, notes=notes)


def _text(value: Any) -> str:
    """A plain string from a JSON value (language maps and @value objects included)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        for key in ("@value", "value", "name", "@id", "url"):
            if key in value:
                return _text(value[key])
        return ""
    if isinstance(value, list):
        return _text(value[0]) if value else ""
    return str(value).strip()


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _html_to_text(value: str) -> str:
    text = re.sub(r"(?i)<br\s*/?>|</p>|</li>", "\n", value)
    text = html.unescape(strip_tags(text))
    return "\n".join(line.strip() for line in text.splitlines()).strip()


def _fill_from_jobposting(row: RowInput, node: dict[str, Any]) -> None:
    identifier = node.get("identifier")
    row.external_id = _text(_first(identifier)) or _text(node.get("@id")) or _text(node.get("url"))
    row.title = _text(node.get("title")) or _text(node.get("name"))
    row.description = _html_to_text(_text(node.get("description")))
    row.occupation_ref = _occupation_ref(node.get("occupationalCategory"))
    row.must_refs = _skill_refs(node.get("skills"))
    _read_work_hours(row, node.get("workHours"))
    row.contract_type = _read_employment_type(row, node.get("employmentType"))
    _read_salary(row, node.get("baseSalary"))
    _read_location(row, node.get("jobLocation"))
    row.start_date = read_date(row, "jobStartDate", _text(node.get("jobStartDate")))
    row.date_posted = read_date(row, "datePosted", _text(node.get("datePosted")))
    positions = read_int(row, "totalJobOpenings", node.get("totalJobOpenings"))
    row.positions = 1 if positions is None else positions


def _occupation_ref(value: Any) -> str:
    value = _first(value)
    if isinstance(value, dict):
        for key in ("url", "@id", "codeValue", "termCode"):
            candidate = _text(value.get(key))
            if candidate.startswith(("http://", "https://", "urn:")):
                return candidate
        return _text(value.get("name")) or _text(value.get("codeValue"))
    return _text(value)


def _skill_refs(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    refs: list[str] = []
    for item in items:
        if isinstance(item, dict):
            ref = ""
            for key in ("url", "@id", "termCode"):
                candidate = _text(item.get(key))
                if candidate.startswith(("http://", "https://", "urn:")):
                    ref = candidate
                    break
            ref = ref or _text(item.get("name"))
            if ref:
                refs.append(ref)
        else:
            refs.extend(p.strip() for p in re.split(r"[,;\n]", _text(item)) if p.strip())
    return refs


def _read_work_hours(row: RowInput, value: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, int | float) and not isinstance(value, bool):
        row.hours_min = row.hours_max = int(value)
        return
    text = _text(value)
    if re.search(r"\d{1,2}:\d{2}", text):
        row.error(
            "workHours",
            _("Give the hours per week in workHours (for example “32-40”), not clock times."),
        )
        return
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if not numbers or len(numbers) > 2:
        row.error(
            "workHours",
            _("Could not read the hours per week from “%(value)s”. Write for example “32-40”.")
            % {"value": text[:50]},
        )
        return
    row.hours_min, row.hours_max = min(numbers), max(numbers)


def _read_employment_type(row: RowInput, value: Any) -> str:
    items = value if isinstance(value, list) else [value] if value else []
    found: list[str] = []
    for item in items:
        text = _text(item)
        code: str | None = EMPLOYMENT_TYPES.get(text.upper().replace("-", "_").replace(" ", "_"))
        if code is None:
            code = _choice_lookup(ContractType.choices, CONTRACT_SYNONYMS).get(text.lower())
        if code is None:
            row.error(
                "employmentType",
                _("Unknown employment type “%(value)s”.") % {"value": text[:50]},
            )
            continue
        found.append(code)
    for code in EMPLOYMENT_PRIORITY:
        if code in found:
            return str(code)
    return ""


def _read_salary(row: RowInput, value: Any) -> None:
    if value is None or value == "":
        return
    amount_node = _first(value)
    currency = ""
    if isinstance(amount_node, dict):
        currency = _text(amount_node.get("currency"))
        quantity = amount_node.get("value", amount_node)
    else:
        quantity = amount_node
    if currency and currency.upper() != "EUR":
        row.error(
            "baseSalary",
            _("The salary is in %(currency)s; only euro (EUR) can be imported.")
            % {"currency": currency[:10]},
        )
        return
    unit = "MONTH"
    numbers: list[Decimal | None] = []
    if isinstance(quantity, dict):
        unit = (_text(quantity.get("unitText")) or unit).upper()
        if quantity.get("value") is not None:
            numbers = [_decimal(quantity.get("value"))]
        else:
            numbers = [
                _decimal(quantity.get(key))
                for key in ("minValue", "maxValue")
                if quantity.get(key) is not None
            ]
        if isinstance(amount_node, dict) and amount_node.get("unitText"):
            unit = _text(amount_node.get("unitText")).upper()
    else:
        numbers = [_decimal(quantity)]
    amounts = [n for n in numbers if n is not None and n > 0]
    if not amounts or len(amounts) != len(numbers):
        row.error("baseSalary", _("The salary has no amount (value, or minValue and maxValue)."))
        return
    average = sum(amounts, Decimal(0)) / len(amounts)
    if unit == "HOUR":
        hours = row.hours_max or row.hours_min or DEFAULT_WEEK_HOURS
        monthly = average * hours * Decimal(52) / Decimal(12)
    elif unit in SALARY_UNITS:
        monthly = average * SALARY_UNITS[unit]
    else:
        row.error(
            "baseSalary",
            _("Unknown salary unit “%(unit)s”. Use HOUR, DAY, WEEK, MONTH or YEAR.")
            % {"unit": unit[:20]},
        )
        return
    row.wage_band = wage_band_for(monthly)


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    return parse_amount(_text(value))


def _read_location(row: RowInput, value: Any) -> None:
    place = _first(value)
    if not isinstance(place, dict):
        return
    address = _first(place.get("address"))
    if isinstance(address, dict):
        row.postcode = _text(address.get("postalCode"))
        row.place = _text(address.get("addressLocality"))
    elif isinstance(address, str):
        match = re.search(r"\b[1-9][0-9]{3}\s?[A-Za-z]{2}\b", address)
        if match:
            row.postcode = match.group(0)
