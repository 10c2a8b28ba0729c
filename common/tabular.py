"""Tables people upload, and what goes back to them: CSV or XLSX in, row errors and CSV out.

The one home of the reading every import shares (the organisation import, the kajian inputs,
the attendance and leave commands):

- `read_table` turns an `Upload` into a `Table` of text cells: a CSV in UTF-8 with or without
  BOM (also Excel's UTF-16 "Unicode Text" and a Windows code page), comma, semicolon or tab
  delimited, or a sheet of an XLSX workbook. Header names are lowercased, spaces and hyphens
  become underscores. Row numbers are the spreadsheet's: the header is row 1, the first data row
  row 2, and blank rows keep their number.
- `read_records` is the short way for a command: (row number, {column: text}) for every data
  row, or one clear `ReadError` when the file cannot be read or a required column is missing.
- `RowError` is one problem with where it is (file, row, column) and why; `errors_csv` lists
  them for a spreadsheet, `csv_bytes` and `xlsx_bytes` write the templates.
- Every CSV or XLSX the app writes goes through `safe_cell` (`csv_writer`, `xlsx_append`,
  `csv_bytes`, `xlsx_bytes`): text a spreadsheet would run as a formula is neutralised.

No project models here: each import checks its own columns and rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

# --------------------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True, slots=True, kw_only=True)
class RowError:
    """One problem in an import: where it is (file, row, column) and why, in Bahasa Indonesia.

    `row` is the spreadsheet row number (header = 1), or None for a problem with a whole file;
    `file` may be empty when the caller reads a single, unnamed table.
    """

    file: str = ""
    row: int | None
    column: str = ""
    message: str

    def __str__(self) -> str:
        place = self.file
        if self.row is not None:
            place = " ".join(p for p in (place, _("baris %(row)d") % {"row": self.row}) if p)
        if self.column:
            column = _("kolom %(column)s") % {"column": self.column}
            place = ", ".join(p for p in (place, column) if p)
        if not self.file:
            place = place[:1].upper() + place[1:]
        return f"{place}: {self.message}" if place else self.message

    def as_dict(self) -> dict:
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message}


class ReadError(Exception):
    """A file that cannot be read at all; carries the RowError to report."""

    def __init__(self, error: RowError):
        super().__init__(str(error))
        self.error = error


# --------------------------------------------------------------------------------------------
# Reading


@dataclass(frozen=True)
class Upload:
    """An uploaded or opened file: its name (as shown in errors) and its bytes."""

    name: str
    data: bytes

    @classmethod
    def from_path(cls, path: str | Path) -> Upload:
        """The file at `path`, named by its file name (raises OSError)."""
        file = Path(path)
        return cls(name=file.name, data=file.read_bytes())


@dataclass
class Table:
    """One sheet as text cells. `rows` holds (spreadsheet row number, cells) for non-blank rows."""

    sheet: str
    file: str
    columns: list[str]
    rows: list[tuple[int, list[str]]]

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number, {column: text}) for each row; a missing cell is "", unnamed columns
        and cells beyond the header are left out."""
        named = [(i, name) for i, name in enumerate(self.columns) if name]
        for number, cells in self.rows:
            yield number, {name: (cells[i] if i < len(cells) else "") for i, name in named}


def is_xlsx(upload: Upload) -> bool:
    return upload.data[:4] == b"PK\x03\x04" or upload.name.lower().endswith(".xlsx")


def normalise_header(name: str) -> str:
    name = name.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", name)


def _decode(upload: Upload) -> str:
    unreadable = ReadError(
        RowError(
            file=upload.name,
            row=None,
            message=_(
                "Berkas tidak bisa dibaca sebagai teks UTF-8. Simpan ulang sebagai CSV UTF-8."
            ),
        )
    )
    data = upload.data
    # Excel's "Unicode Text" is UTF-16 with a byte-order mark; its "CSV (Comma delimited)" from
    # an Indonesian Windows is in the Windows code page
    encodings = ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:  # a binary file (or UTF-16 without its mark), not text
            raise unreadable
        return text
    raise unreadable


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _table_from_rows(sheet: str, file: str, raw_rows: Iterator[list[str]]) -> Table:
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(raw_rows, start=1):
        if header is None:
            if not any(c.strip() for c in cells):
                raise ReadError(
                    RowError(
                        file=file,
                        row=1,
                        message=_("Baris pertama harus berisi nama kolom (baris judul)."),
                    )
                )
            header = [normalise_header(c) for c in cells]
            continue
        stripped = [c.strip() for c in cells]
        if any(stripped):
            rows.append((number, stripped))
    if header is None:
        raise ReadError(RowError(file=file, row=None, message=_("Berkas kosong.")))
    return Table(sheet=sheet, file=file, columns=header, rows=rows)


def read_csv(upload: Upload, *, sheet: str = "") -> Table:
    text = _decode(upload)
    first_line = text.split("\n", 1)[0]
    delimiter = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = _table_from_rows(sheet, upload.name, reader)
    except csv.Error as exc:
        raise ReadError(
            RowError(
                file=upload.name,
                row=reader.line_num,
                message=_("Format CSV rusak: %(error)s") % {"error": exc},
            )
        ) from None
    last = table.rows[-1] if table.rows else None
    if last and any("\n" in cell for cell in last[1]) and _ends_inside_quotes(text, delimiter):
        # the lenient reader reads an unclosed quote to the end of the file: every row below it
        # would be one cell of this row, and vanish without an error
        raise ReadError(
            RowError(
                file=upload.name,
                row=last[0],
                message=_(
                    'Tanda kutip (") di baris ini tidak ditutup, sehingga semua baris sesudahnya '
                    "terbaca sebagai isi satu sel. Tutup tanda kutipnya lalu ulangi."
                ),
            )
        )
    return table


def _ends_inside_quotes(text: str, delimiter: str) -> bool:
    try:
        for _row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "end of data" in str(exc)
    return False


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # Excel keeps numbers as doubles: integral values up to 2**53 are exact, an 18-digit
        # NIP typed as a number is not (it stays in scientific notation and fails as a NIP).
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    return str(value)


@contextmanager
def open_workbook(upload: Upload):
    """The workbook of an XLSX upload (read-only, values not formulas), closed afterwards."""
    from openpyxl import load_workbook  # only the XLSX paths pay for loading openpyxl

    try:
        wb = load_workbook(io.BytesIO(upload.data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadError(
            RowError(
                file=upload.name,
                row=None,
                message=_("Berkas XLSX tidak bisa dibuka: %(error)s") % {"error": exc},
            )
        ) from None
    try:
        yield wb
    finally:
        wb.close()


def sheet_table(ws, *, sheet: str, file: str) -> Table:
    """One worksheet as a Table; its errors name the file and the sheet ("org.xlsx:units")."""
    # read-only mode trusts the size the file states, which some exporters leave stale (A1:D2 on
    # a sheet of 500 rows): rows beyond it would vanish silently
    ws.reset_dimensions()
    rows = ([_cell_text(v) for v in values] for values in ws.iter_rows(values_only=True))
    return _table_from_rows(sheet, f"{file}:{ws.title}", rows)


def read_table(
    upload: Upload, *, sheet: str = "", names: Collection[str] = (), any_sheet: bool = False
) -> Table:
    """One table from a CSV, or from a sheet of an XLSX.

    In a workbook the sheet is the first whose (normalised) title is in `names` (by default
    `sheet` itself); failing that, the first sheet when `any_sheet` or when it is the only one.
    """
    if not is_xlsx(upload):
        return read_csv(upload, sheet=sheet)
    wanted = set(names) or {sheet}
    with open_workbook(upload) as wb:
        sheets = wb.worksheets
        chosen = [ws for ws in sheets if normalise_header(ws.title) in wanted]
        if not chosen and (any_sheet or len(sheets) == 1):
            chosen = sheets
        if not chosen:
            raise ReadError(
                RowError(
                    file=upload.name,
                    row=None,
                    message=_("Buku kerja ini tidak punya lembar bernama %(sheet)s.")
                    % {"sheet": sheet},
                )
            )
        return sheet_table(chosen[0], sheet=sheet, file=upload.name)


def read_records(
    upload: Upload, *, columns: Sequence[str], required: Collection[str]
) -> list[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, {column: text}) for every data row of a CSV or XLSX upload.

    Raises ReadError when the file cannot be read or a `required` column is missing (the message
    lists the missing and the known `columns`). Columns outside `columns` are kept, as
    csv.DictReader keeps them; cells are stripped and a missing cell is "".
    """
    table = read_table(upload, any_sheet=True)
    missing = sorted(set(required) - set(table.columns))
    if missing:
        raise ReadError(
            RowError(
                file=table.file,
                row=1,
                message=_("Kolom wajib tidak ada: %(missing)s. Kolom yang dikenal: %(known)s.")
                % {"missing": ", ".join(missing), "known": ", ".join(columns)},
            )
        )
    return list(table.records())


# --------------------------------------------------------------------------------------------
# Writing: every CSV and XLSX the app hands out goes through these (exports, errors, templates)

# A spreadsheet reads a cell that starts with one of these as a formula (or, for tab and CR,
# strips them and reads what follows): a name "=HYPERLINK(...)" would be a live link, a note
# "+cmd|..." a command. OWASP's "CSV injection" advice: prefix such text with a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def safe_cell(value):
    """`value` as written to a CSV or XLSX cell: text that a spreadsheet would read as a formula
    gets a leading apostrophe ("'=HYPERLINK(...)"); numbers, dates and None stay as they are, and
    so does text that is a plain number ("-5", "+62")."""
    formula_like = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    if formula_like and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


class SafeCsvWriter:
    """csv.writer whose rows go through `safe_cell` (use `csv_writer`)."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs) -> SafeCsvWriter:
    """A csv.writer on `out` (a file, a StringIO or an HttpResponse) that neutralises formulas."""
    return SafeCsvWriter(out, **kwargs)


def xlsx_append(ws, row: Iterable) -> None:
    """Append `row` to an openpyxl worksheet (normal or write-only): text is neutralised by
    `safe_cell` and stored as a string cell, never as a formula or an error value ("#N/A");
    numbers, dates and None keep their type."""
    from openpyxl.cell import WriteOnlyCell  # only the XLSX paths pay for loading openpyxl

    cells = []
    for value in row:
        value = safe_cell(value)
        cell = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    ws.append(cells)


def csv_bytes(rows: Iterable[Sequence]) -> bytes:
    """Comma-separated rows, UTF-8 with BOM and CRLF (so Excel opens them right)."""
    out = io.StringIO()
    csv_writer(out, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def errors_csv(errors: Iterable[RowError]) -> bytes:
    """The errors of an import as a CSV (file, row, column, reason) for a spreadsheet."""
    header = [_("berkas"), _("baris"), _("kolom"), _("alasan")]
    return csv_bytes([header, *([e.file, e.row or "", e.column, e.message] for e in errors)])


def xlsx_bytes(sheets: Mapping[str, Sequence[Sequence[str]]]) -> bytes:
    """A workbook with a sheet per item (a header row in bold, then the rows); every cell and
    every column is text, so NIPs keep their 18 digits and phone numbers their leading 0."""
    from openpyxl import Workbook  # only the XLSX paths pay for loading openpyxl
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            xlsx_append(ws, row)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in ws.iter_rows():
            for cell in row:
                cell.number_format = "@"
        for index in range(1, ws.max_column + 1):
            column = ws.column_dimensions[ws.cell(1, index).column_letter]
            column.width = max(len(str(row[index - 1])) for row in rows if len(row) >= index) + 2
            # the rows typed or pasted below the example are text too: a NIP typed into a
            # General cell becomes 1.98503E+17, a phone number loses its leading 0
            column.number_format = "@"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
