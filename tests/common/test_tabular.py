"""common.tabular: one row error, one CSV/XLSX reader and one errors CSV for every import."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from common.tabular import (
    ReadError,
    RowError,
    Upload,
    csv_bytes,
    errors_csv,
    read_csv,
    read_records,
    read_table,
    xlsx_bytes,
)
from evaluation.importing import inputs_import
from evaluation.inputs import COSTS
from opd.importing.services import org_import


def read_error(call, *args, **kwargs) -> RowError:
    with pytest.raises(ReadError) as caught:
        call(*args, **kwargs)
    return caught.value.error


# --- RowError


def test_a_row_error_names_its_file_row_and_column():
    error = RowError(file="pegawai.csv", row=3, column="nip", message="NIP salah.")
    assert str(error) == "pegawai.csv baris 3, kolom nip: NIP salah."


def test_a_row_error_without_a_file_starts_with_the_row_as_the_commands_print_it():
    error = RowError(row=4, column="end", message="Tanggal selesai sebelum tanggal mulai.")
    assert str(error) == "Baris 4, kolom end: Tanggal selesai sebelum tanggal mulai."
    assert str(RowError(row=2, message="Salah.")) == "Baris 2: Salah."


def test_a_whole_file_error_has_no_row():
    assert (
        str(RowError(file="foto.csv", row=None, message="Bukan teks.")) == "foto.csv: Bukan teks."
    )


def test_a_row_error_survives_the_json_of_an_import_batch():
    error = RowError(file="units.csv", row=2, column="code", message="Wajib diisi.")
    assert RowError(**error.as_dict()) == error


def test_a_row_error_is_built_with_keywords_only():
    with pytest.raises(TypeError):
        RowError("units.csv", 2, "code", "Wajib diisi.")  # type: ignore[misc]


# --- reading CSV


def test_csv_with_bom_semicolons_and_untidy_headers_keeps_spreadsheet_row_numbers():
    text = "\ufeff Kode ;Nama-OPD\n\nDINKES; Dinas Kesehatan \n;\nDISHUB;Dinas Perhubungan\n"
    table = read_csv(Upload("opds.csv", text.encode("utf-8")), sheet="opds")
    assert table.columns == ["kode", "nama_opd"]
    assert table.rows == [(3, ["DINKES", "Dinas Kesehatan"]), (5, ["DISHUB", "Dinas Perhubungan"])]
    assert (table.sheet, table.file) == ("opds", "opds.csv")


def test_csv_from_a_windows_code_page_and_utf16_unicode_text_are_read():
    windows = read_csv(Upload("a.csv", "name\nJosé\n".encode("cp1252")))
    assert windows.rows == [(2, ["José"])]
    unicode_text = read_csv(Upload("a.txt", "nip\tname\r\n1\tSiti\r\n".encode("utf-16")))
    assert (unicode_text.columns, unicode_text.rows) == (["nip", "name"], [(2, ["1", "Siti"])])


def test_a_binary_file_an_empty_file_and_a_blank_header_are_one_clear_error_each():
    binary = read_error(read_csv, Upload("foto.csv", b"\x89PNG\r\n\x1a\n\x00\x00"))
    assert (binary.file, binary.row) == ("foto.csv", None) and "CSV UTF-8" in binary.message
    assert "kosong" in read_error(read_csv, Upload("a.csv", b"")).message
    assert read_error(read_csv, Upload("a.csv", b",,\nx,y\n")).row == 1


def test_an_unclosed_quote_is_an_error_on_its_row_instead_of_swallowing_the_rows_below():
    text = 'nip,name\n1,"Budi\n2,Siti\n3,Ani\n'
    error = read_error(read_csv, Upload("a.csv", text.encode()))
    assert error.row == 2 and "tidak ditutup" in error.message


def test_records_give_every_named_column_and_an_empty_text_for_a_missing_cell():
    table = read_csv(Upload("a.csv", b"nip,,name\n1,x,Budi\n2\n"))
    assert list(table.records()) == [
        (2, {"nip": "1", "name": "Budi"}),
        (3, {"nip": "2", "name": ""}),
    ]


# --- reading XLSX


def test_a_workbook_sheet_is_chosen_by_name_and_numbers_keep_their_digits():
    data = xlsx_bytes(
        {
            "Catatan": [["apa"], ["bukan ini"]],
            "Pegawai": [["nip", "aktif", "radius"], ["198503302003121002", True, 150.0]],
        }
    )
    table = read_table(Upload("org.xlsx", data), sheet="employees", names={"pegawai"})
    assert table.file == "org.xlsx:Pegawai"
    assert table.rows == [(2, ["198503302003121002", "ya", "150"])]


def test_a_workbook_without_the_sheet_falls_back_only_when_asked_or_when_it_has_one_sheet():
    two = Upload("a.xlsx", xlsx_bytes({"satu": [["a"], ["1"]], "dua": [["b"], ["2"]]}))
    error = read_error(read_table, two, sheet="units")
    assert error.row is None and "units" in error.message
    assert read_table(two, sheet="units", any_sheet=True).columns == ["a"]
    one = Upload("b.xlsx", xlsx_bytes({"Sheet1": [["c"], ["3"]]}))
    assert read_table(one, sheet="units").columns == ["c"]


def test_a_broken_xlsx_is_one_clear_error():
    error = read_error(read_table, Upload("rusak.xlsx", b"PK\x03\x04 bukan zip"))
    assert (error.file, error.row) == ("rusak.xlsx", None) and "XLSX" in error.message


# --- read_records: the short way for a command


def test_read_records_numbers_rows_as_the_spreadsheet_does_even_after_a_blank_line():
    # csv.DictReader skips the blank line and numbers the row below it 3
    upload = Upload("cuti.csv", b"nip,kind,start,end,note\n1,sakit,x,y,\n\n2,cuti, a ,b\n")
    assert read_records(
        upload, columns=["nip", "kind", "start", "end", "note"], required={"nip"}
    ) == [
        (2, {"nip": "1", "kind": "sakit", "start": "x", "end": "y", "note": ""}),
        (4, {"nip": "2", "kind": "cuti", "start": "a", "end": "b", "note": ""}),
    ]


def test_read_records_names_every_missing_required_column_and_the_known_ones():
    upload = Upload("presensi.csv", b"nip,waktu\n1,2\n")
    error = read_error(
        read_records,
        upload,
        columns=["nip", "timestamp", "kind", "mode"],
        required={"nip", "timestamp", "kind", "mode"},
    )
    assert (error.file, error.row) == ("presensi.csv", 1)
    assert (
        "kind, mode, timestamp" in error.message and "nip, timestamp, kind, mode" in error.message
    )


def test_read_records_keeps_columns_it_does_not_know_as_dictreader_does():
    upload = Upload("a.csv", b"nip,extra\n1,x\n")
    assert read_records(upload, columns=["nip"], required={"nip"}) == [
        (2, {"nip": "1", "extra": "x"})
    ]


def test_an_upload_opened_from_a_path_is_named_by_its_file_name(tmp_path):
    path = tmp_path / "cuti.csv"
    path.write_bytes(b"nip\n1\n")
    assert Upload.from_path(path) == Upload("cuti.csv", b"nip\n1\n")
    with pytest.raises(OSError):
        Upload.from_path(tmp_path / "tidak-ada.csv")


# --- writing


def test_errors_csv_lists_file_row_column_and_reason_for_a_spreadsheet():
    data = errors_csv(
        [
            RowError(file="employees.csv", row=3, column="nip", message="NIP salah, 17 digit."),
            RowError(file="org.xlsx", row=None, message="Tidak bisa dibuka."),
        ]
    )
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [
        ["berkas", "baris", "kolom", "alasan"],
        ["employees.csv", "3", "nip", "NIP salah, 17 digit."],
        ["org.xlsx", "", "", "Tidak bisa dibuka."],
    ]
    assert b"\r\n" in data


def test_a_csv_template_reads_back_as_written():
    data = csv_bytes([["nip", "name"], ["198503302003121002", "Budi, S.Kom"]])
    table = read_csv(Upload("t.csv", data))
    assert (table.columns, table.rows) == (
        ["nip", "name"],
        [(2, ["198503302003121002", "Budi, S.Kom"])],
    )


def test_an_xlsx_template_is_text_in_every_cell_and_column_and_reads_back():
    data = xlsx_bytes({"employees": [["nip", "phone"], ["198503302003121002", "0812"]]})
    ws = load_workbook(io.BytesIO(data))["employees"]
    assert ws["A1"].font.bold and ws["A2"].number_format == "@"
    assert ws.column_dimensions["A"].number_format == "@"  # rows typed below stay text too
    table = read_table(Upload("t.xlsx", data), sheet="employees")
    assert table.rows == [(2, ["198503302003121002", "0812"])]


# --- one home (issue 13, defect 6): the imports report the same RowError and read alike


@pytest.mark.django_db
def test_the_org_and_the_kajian_imports_report_the_one_row_error_of_common_tabular():
    org = org_import(employees=Upload("employees.csv", b"nip,name,opd_code\n123,A,X\n"))
    kajian = inputs_import(kind=COSTS, upload=Upload("biaya.csv", b"opd_code,month\nX,2025-13\n"))
    errors = [*org.errors, *kajian.errors]
    assert errors and all(type(e) is RowError for e in errors)
    assert {(e.file, e.row) for e in errors} == {("employees.csv", 2), ("biaya.csv", 2)}
