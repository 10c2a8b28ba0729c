"""Import bombs: every import reads through common.tabular, which holds a file to the caps of
common.upload_limits while it reads and names the cap it hit; openpyxl parses with defusedxml."""

from __future__ import annotations

import io
import zipfile

import defusedxml.ElementTree
import openpyxl
import pytest
from django.utils import translation
from openpyxl import Workbook

from common.tabular import ReadError, Upload, read_records, read_table
from common.upload_limits import MB, LimitedUploadHandler
from tests.common.bombs import (
    SHEET,
    SHEET_CLOSE,
    SHEET_OPEN,
    inline_row,
    with_declared_size,
    workbook_with_sheet,
    xlsx_billion_laughs,
    xlsx_bomb,
)

HEADER = "nip,name,opd_code\n"


def read_error(upload: Upload) -> str:
    with pytest.raises(ReadError) as caught:
        read_table(upload, any_sheet=True)
    return str(caught.value.error)


@pytest.fixture
def no_openpyxl_parse(monkeypatch):
    """Fails the test if openpyxl is asked to open the workbook at all."""

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl opened a workbook that the size checks should refuse")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


@pytest.fixture(scope="session")
def bomb_174mb() -> bytes:
    """Like the file of the report: about half a megabyte, 174 MB of sheet XML."""
    return xlsx_bomb(174 * MB)


def test_the_xlsx_bomb_of_the_report_is_refused_before_openpyxl_parses_it(
    bomb_174mb, no_openpyxl_parse
):
    assert len(bomb_174mb) < 600 * 1024
    message = read_error(Upload("pegawai.xlsx", bomb_174mb))
    assert message == (
        "pegawai.xlsx: Isi XLSX melebihi 100 MB setelah dibuka; bagi menjadi beberapa berkas."
    )


def test_the_limit_in_the_message_is_the_setting_and_speaks_english(settings, bomb_174mb):
    settings.IMPORT_MAX_UNCOMPRESSED_MB = 150
    with translation.override("en"):
        message = read_error(Upload("staff.xlsx", bomb_174mb))
    assert (
        message == "staff.xlsx: The XLSX opens into more than 150 MB; split it into several files."
    )


def test_a_part_compressed_too_far_is_refused_by_its_ratio(no_openpyxl_parse):
    data = xlsx_bomb(20 * MB)  # under the 100 MB cap, but a thousand times smaller than it opens
    message = read_error(Upload("org.xlsx", data))
    assert "xl/worksheets/sheet1.xml" in message
    assert "dipadatkan lebih dari 100 kali" in message


def test_past_the_size_checks_the_bomb_stops_at_the_row_cap(settings, no_openpyxl_parse):
    settings.IMPORT_MAX_COMPRESSION_RATIO = 100_000
    data = xlsx_bomb(20 * MB)  # 400,000 rows
    with pytest.raises(ReadError) as caught:  # readable now: its rows are the next problem
        read_table(Upload("org.xlsx", data), any_sheet=True)
    assert "200.000 baris" in str(caught.value.error)


def test_a_zip_that_understates_its_size_is_refused_while_inflating(settings, no_openpyxl_parse):
    settings.IMPORT_MAX_COMPRESSION_RATIO = 100_000
    lying = with_declared_size(xlsx_bomb(20 * MB), SHEET, 4096)
    with zipfile.ZipFile(io.BytesIO(lying)) as archive:
        assert archive.getinfo(SHEET).file_size == 4096
    message = read_error(Upload("org.xlsx", lying))
    assert message.startswith("org.xlsx: Berkas XLSX tidak bisa dibuka")


def test_a_billion_laughs_in_the_sheet_xml_is_refused_by_defusedxml():
    message = read_error(Upload("org.xlsx", xlsx_billion_laughs()))
    assert "deklarasi entitas XML (DTD) yang tidak diizinkan" in message


def test_openpyxl_parses_with_defusedxml():
    from openpyxl.worksheet import _reader
    from openpyxl.xml import functions

    assert openpyxl.xml.DEFUSEDXML is True
    assert _reader.iterparse is defusedxml.ElementTree.iterparse
    assert functions.fromstring is defusedxml.ElementTree.fromstring


def test_a_csv_over_the_row_cap_stops_at_the_first_row_over_it(settings):
    rows = "198503302003121002,Budi,DISKOMINFO\n" * 200_001
    # past the cap, a cell the CSV reader refuses: reading on would report it instead
    data = (HEADER + rows + "x" * 200_000 + "\n").encode()
    with pytest.raises(ReadError) as caught:
        read_records(Upload("pegawai.csv", data), columns=["nip"], required=["nip"])
    assert str(caught.value.error) == (
        "pegawai.csv: Berkas melebihi 200.000 baris; bagi menjadi beberapa berkas."
    )
    settings.IMPORT_MAX_ROWS = 1500
    with translation.override("en"), pytest.raises(ReadError) as caught:
        read_table(Upload("staff.csv", data))
    assert (
        str(caught.value.error)
        == "staff.csv: The file has more than 1,500 rows; split it into several files."
    )


def test_a_csv_at_the_row_cap_is_read_whole(settings):
    settings.IMPORT_MAX_ROWS = 3
    table = read_table(Upload("p.csv", (HEADER + "1,a,b\n\n2,c,d\n").encode()))
    assert [n for n, _cells in table.rows] == [2, 4]


def test_an_xlsx_over_the_row_cap_stops_without_reading_the_rest(settings):
    settings.IMPORT_MAX_ROWS = 3
    # three rows as the zip is counted, but row 10 after a gap: reading stops at row 5, before
    # the broken XML past row 10 (64 KB on, beyond what the parser reads ahead)
    parts = [SHEET_OPEN.replace(b"<sheetData>", b'<dimension ref="A1:B10"/><sheetData>')]
    parts += [inline_row(1, "nip", "name"), inline_row(2, "1", "a"), inline_row(10, "x" * 65536)]
    parts += [b"<row r='11'><c><v>broken XML past the cap", SHEET_CLOSE]
    message = read_error(Upload("org.xlsx", workbook_with_sheet(parts)))
    assert message == "org.xlsx:employees: Berkas melebihi 3 baris; bagi menjadi beberapa berkas."
    settings.IMPORT_MAX_ROWS = 10  # reading on meets the broken XML
    assert "tidak bisa dibuka" in read_error(Upload("org.xlsx", workbook_with_sheet(parts)))


def test_an_xlsx_with_more_rows_than_the_cap_is_refused_before_it_is_parsed(
    settings, no_openpyxl_parse
):
    settings.IMPORT_MAX_ROWS = 3
    parts = [SHEET_OPEN, *(inline_row(n, str(n)) for n in range(1, 6)), SHEET_CLOSE]
    message = read_error(Upload("org.xlsx", workbook_with_sheet(parts)))
    assert message == "org.xlsx: Berkas melebihi 3 baris; bagi menjadi beberapa berkas."


def test_a_row_of_too_many_cells_is_refused_but_trailing_empty_cells_are_not(settings):
    settings.IMPORT_MAX_COLUMNS = 5
    wide = (HEADER + "1,a,b,c,d,e\n").encode()
    assert read_error(Upload("p.csv", wide)) == "p.csv: Baris 2 berisi lebih dari 5 kolom."
    padded = (HEADER + "1,a,b" + "," * 50 + "\n").encode()
    assert read_table(Upload("p.csv", padded)).rows == [(2, ["1", "a", "b"])]


def test_an_xlsx_row_padded_to_the_last_column_is_refused_at_that_row():
    wb = Workbook()
    wb.active.append(["nip", "name"])
    wb.active.append(["1", "a"])
    wb.active.cell(row=3, column=16_384, value="far")
    out = io.BytesIO()
    wb.save(out)
    message = read_error(Upload("org.xlsx", out.getvalue()))
    assert message.endswith("Baris 3 berisi lebih dari 200 kolom.")


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(settings, tmp_path, monkeypatch):
    settings.IMPORT_MAX_FILE_MB = 1
    path = tmp_path / "pegawai.csv"
    with path.open("wb") as file:
        file.truncate(2 * MB)  # sparse: nothing written
    monkeypatch.setattr(type(path), "read_bytes", lambda self: pytest.fail("read whole"))
    with pytest.raises(ReadError) as caught:
        Upload.from_path(path)
    assert (
        str(caught.value.error)
        == "pegawai.csv: Berkas melebihi 1 MB; bagi menjadi beberapa berkas."
    )
    # the same cap when the bytes are handed over directly
    assert read_error(Upload("p.csv", b"nip\n" + b"1\n" * MB)).endswith(
        "melebihi 1 MB; bagi menjadi beberapa berkas."
    )


def test_the_upload_handler_drops_a_file_once_it_streams_past_the_cap(settings, rf):
    settings.IMPORT_MAX_FILE_MB = 1
    request = rf.post("/")
    handler = LimitedUploadHandler(request)
    handler.new_file("workbook", "org.xlsx", "application/octet-stream", None)
    chunk = b"x" * (64 * 1024)
    for start in range(0, MB, len(chunk)):
        assert handler.receive_data_chunk(chunk, start) == chunk
    from django.core.files.uploadhandler import SkipFile

    with pytest.raises(SkipFile):
        handler.receive_data_chunk(chunk, MB)
    from common.upload_limits import refused_uploads

    assert refused_uploads(request) == {"workbook"}
