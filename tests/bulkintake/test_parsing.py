"""Reading staff lists: formats, encodings, headings and per-row checks (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from overstap.bulkintake import parsing, sample
from overstap.bulkintake.constants import Problem
from overstap.core.exceptions import DomainError

TODAY = dt.date(2026, 11, 22)


def _rows(raw: bytes, filename: str = "lijst.csv") -> list[parsing.StaffRow]:
    table = parsing.read_table(raw, filename)
    columns = parsing.map_columns(table.header)
    return [parsing.parse_row(n, cells, columns, TODAY) for n, cells in table.rows]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8-sig"), (",", "utf-8"), (";", "cp1252"), ("\t", "utf-8")],
)
def test_csv_delimiters_and_encodings(delimiter, encoding):
    rows = [["1", "Zoë", "", "Çelik", "01-02-1970", "", "", "", "kok", "", "", ""]]
    raw = sample.to_csv(rows, delimiter=delimiter, encoding=encoding)
    (row,) = _rows(raw)
    assert (row.first_name, row.last_name, row.birth_date) == ("Zoë", "Çelik", dt.date(1970, 2, 1))
    assert row.number == 2 and not row.problems


def test_xlsx_with_real_dates_and_numbers():
    rows = [
        [
            12345,
            "Jan",
            "van der",
            "Berg",
            dt.datetime(1971, 3, 4),
            "j@example.nl",
            "06-12345678",
            "5211ab",
            "orderpicker",
            dt.date(2001, 5, 1),
            None,
            38.0,
        ]
    ]
    (row,) = _rows(sample.to_xlsx(rows), "lijst.xlsx")
    assert row.personnel_number == "12345"
    assert row.full_last_name == "van der Berg"
    assert row.birth_date == dt.date(1971, 3, 4)
    assert row.start_date == dt.date(2001, 5, 1)
    assert row.hours == 38
    assert not row.problems


def test_heading_variants_are_recognised():
    header = [
        "Pers.nr",
        "ROEPNAAM",
        "Geslachtsnaam",
        "Geb. datum",
        "E-mailadres",
        "Datum in dienst",
        "Einddatum",
        "Uren",
        "Burgerservicenummer",
        "Functienaam",
    ]
    columns = parsing.map_columns(header)
    assert set(columns) == {
        "personnel_number",
        "first_name",
        "last_name",
        "birth_date",
        "email",
        "start_date",
        "end_date",
        "hours",
        "bsn",
        "job_title",
    }


def test_missing_required_column_is_a_file_error():
    with pytest.raises(DomainError) as exc:
        parsing.map_columns(["personeelsnummer", "voornaam", "functie"])
    assert "achternaam" in exc.value.message


def test_empty_and_unreadable_files():
    with pytest.raises(DomainError):
        parsing.read_table(b"  \n", "x.csv")
    with pytest.raises(DomainError):
        parsing.read_table(b"PK\x03\x04 not really a workbook", "x.xlsx")


def test_row_problems_are_reported_per_value():
    header = [
        "voornaam",
        "achternaam",
        "geboortedatum",
        "e-mail",
        "telefoon",
        "postcode",
        "bsn",
        "in dienst sinds",
        "uren per week",
    ]
    cells = ["", "Jansen", "31-02-1970", "geen-mail", "12", "12345", "123456789", "gisteren", "90"]
    row = parsing.parse_row(5, cells, parsing.map_columns(header), TODAY)
    assert set(row.problems) == {
        Problem.MISSING_NAME,
        Problem.INVALID_BIRTH_DATE,
        Problem.INVALID_EMAIL,
        Problem.INVALID_PHONE,
        Problem.INVALID_POSTCODE,
        Problem.INVALID_BSN,
        Problem.INVALID_START_DATE,
        Problem.INVALID_HOURS,
    }


def test_dates_iso_and_dutch_and_implausible_birth_date():
    assert parsing.parse_date("1970-12-31") == dt.date(1970, 12, 31)
    assert parsing.parse_date("31-12-1970") == dt.date(1970, 12, 31)
    assert parsing.parse_date("31/12/1970") == dt.date(1970, 12, 31)
    header = ["voornaam", "achternaam", "geboortedatum"]
    row = parsing.parse_row(2, ["A", "B", "01-01-2020"], parsing.map_columns(header), TODAY)
    assert row.problems == [Problem.IMPLAUSIBLE_BIRTH_DATE]


def test_valid_bsn_with_eight_digits_gets_its_leading_zero():
    header = ["voornaam", "achternaam", "bsn"]
    row = parsing.parse_row(2, ["A", "B", "12345672"], parsing.map_columns(header), TODAY)
    assert row.bsn == "012345672" and not row.problems
