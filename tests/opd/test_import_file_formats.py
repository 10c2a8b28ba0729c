"""The files the organisation import reads: CSV dialects and encodings, quotes, XLSX sheets,
and the templates' columns."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest

from common.tabular import Upload
from opd.importing.sheets import COLUMNS
from opd.models import Employee, Opd, Unit
from tests.factories import make_nip
from tests.opd.import_files import (
    EMP_HEADER,
    assert_error,
    only_error,
    opds,
    run,
    workbook,
)

pytestmark = pytest.mark.django_db


def test_semicolon_csv_with_bom_and_untidy_headers_and_decimal_comma(db):
    header = [" Code ", "NAME", "Kind", "Latitude", "longitude "]
    upload = opds(
        {
            " Code ": "DINKES",
            "NAME": "Dinas Kesehatan",
            "Kind": "Dinas",
            "Latitude": "-6,25",
            "longitude ": "107,01",
        },
        header=header,
        delimiter=";",
        bom=True,
    )
    result = run(opds=upload)
    assert result.ok, [str(e) for e in result.errors]
    dinkes = Opd.objects.get(code="DINKES")
    assert (dinkes.kind, str(dinkes.latitude), str(dinkes.longitude)) == (
        "dinas",
        "-6.250000",
        "107.010000",
    )


def test_an_unclosed_quote_is_reported_instead_of_swallowing_the_rows_below(world):
    first, second, third = make_nip(), make_nip(), make_nip()
    text = (
        "nip,name,opd_code\n"
        f'{first},"Budi,DISKOMINFO\n'
        f"{second},Siti,DISKOMINFO\n"
        f"{third},Ani,DISKOMINFO\n"
    )
    result = run(employees=Upload("pegawai.csv", text.encode()), keep_good_rows=True)
    error = only_error(result)
    assert (error.file, error.row) == ("pegawai.csv", 2) and "tidak ditutup" in error.message
    assert not Employee.objects.filter(nip__in=[first, second, third]).exists()


def test_a_quoted_name_over_two_lines_in_the_last_row_still_imports(world):
    nip = make_nip()
    text = f'nip,name,opd_code\n{nip},"Budi\nSantoso",DISKOMINFO\n'
    result = run(employees=Upload("pegawai.csv", text.encode()))
    assert result.ok, [str(e) for e in result.errors]


def test_an_xlsx_workbook_with_three_sheets_imports(db):
    nip = make_nip()
    data = workbook(
        {
            "OPDs": [
                ["code", "name", "kind", "radius_m"],
                ["DINKES", "Dinas Kesehatan", "dinas", 120.0],
            ],
            "units": [
                ["opd_code", "code", "name", "frontline"],
                ["DINKES", "LAB", "Labkesda", True],
            ],
            "employees": [
                ["nip", "name", "opd_code", "unit_code", "active_from"],
                [nip, "Nina", "DINKES", "LAB", dt.datetime(2024, 2, 1)],
                [None, None, None, None, None],
                [make_nip(), "Nana", "DINKES", "LAB", None],
            ],
        }
    )
    result = run(workbook=Upload("org.xlsx", data))
    assert result.ok, [str(e) for e in result.errors]
    assert result.counts["employees"].created == 2
    assert Opd.objects.get(code="DINKES").radius_m == 120
    assert Unit.objects.get(code="LAB").frontline is True
    assert Employee.objects.get(nip=nip).active_from == dt.date(2024, 2, 1)


def test_xlsx_errors_name_the_sheet_and_spreadsheet_row(db):
    data = workbook(
        {
            "employees": [
                ["nip", "name", "opd_code"],
                [make_nip(), "A", "DINKES"],
                ["1", "B", "X"],
                [int(make_nip()), "NIP sebagai angka", "X"],
            ]
        }
    )
    result = run(employees=Upload("pegawai.xlsx", data))
    assert_error(result, "pegawai.xlsx:employees", 3, "nip", "18 digit")
    assert_error(result, "pegawai.xlsx:employees", 2, "opd_code", "DINKES")
    # Excel keeps numbers as doubles: an 18-digit NIP typed as a number has lost digits
    assert_error(result, "pegawai.xlsx:employees", 4, "nip", "format kolom NIP sebagai Teks")


def test_a_supervisor_nip_excel_turned_into_a_number_gets_the_same_hint(world):
    data = workbook(
        {
            "employees": [
                ["nip", "name", "opd_code", "supervisor_nip"],
                [make_nip(), "A", "DISKOMINFO", float(world.head.nip)],
            ]
        }
    )
    result = run(employees=Upload("pegawai.xlsx", data), dry_run=True)
    assert_error(
        result, "pegawai.xlsx:employees", 2, "supervisor_nip", "format kolom NIP sebagai Teks"
    )


def test_xlsx_rows_beyond_a_stale_dimension_in_the_file_are_still_read(world):
    """Some exporters write <dimension ref="A1:D2"/> whatever the sheet holds; openpyxl's
    read-only mode would stop there and the rows below would vanish without an error."""
    data = workbook(
        {
            "employees": [
                ["nip", "name", "opd_code", "unit_code"],
                [make_nip(), "Baris Dua", "DISKOMINFO", "SEK"],
                [make_nip(), "Baris Tiga", "TIDAK-ADA", "SEK"],
            ]
        }
    )
    stale = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(stale, "w") as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:D2"', content)
            zout.writestr(item, content)
    result = run(employees=Upload("pegawai.xlsx", stale.getvalue()), dry_run=True)
    assert_error(result, "pegawai.xlsx:employees", 3, "opd_code", "TIDAK-ADA")


def test_utf16_unicode_text_from_excel_imports(world):
    nip = make_nip()
    text = f"nip\tname\topd_code\tunit_code\r\n{nip}\tSiti Utf16\tDISKOMINFO\tSEK\r\n"
    result = run(employees=Upload("pegawai.txt", text.encode("utf-16")))
    assert result.ok, [str(e) for e in result.errors]
    assert Employee.objects.get(nip=nip).name == "Siti Utf16"


def test_a_binary_file_given_as_csv_is_one_clear_error(world):
    result = run(employees=Upload("foto.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    error = only_error(result)
    assert (error.file, error.row) == ("foto.csv", None) and "CSV UTF-8" in error.message


def test_columns_of_the_templates_match_what_the_importer_reads():
    assert COLUMNS["employees"][:11] == tuple(EMP_HEADER)
