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
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from common.upload_limits import (
    LimitExceeded,
    Limits,
    columns_check,
    file_size_check,
    rows_check,
    zip_check,
)

# progress(rows read so far, rows expected or None): told every PROGRESS_EVERY rows of a table
ReadProgress = Callable[[int, int | None], None]
PROGRESS_EVERY = 1000

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
        """The file at `path`, named by its file name (raises OSError). A file over
        IMPORT_MAX_FILE_MB raises ReadError before a byte of it is read."""
        file = Path(path)
        with _limits_named(file.name):
            file_size_check(file.stat().st_size, Limits.current())
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


@contextmanager
def _limits_named(file: str):
    """A cap of common.upload_limits passed as the ReadError of `file`."""
    try:
        yield
    except LimitExceeded as exc:
        raise ReadError(RowError(file=file, row=None, message=str(exc))) from None


def _limited_rows(
    raw_rows: Iterable[Sequence[str]],
    limits: Limits,
    progress: ReadProgress | None = None,
    expected: int | None = None,
) -> Iterator[list[str]]:
    """The rows (the data rows without their trailing empty cells, which a workbook pads up to
    its widest row), stopping with LimitExceeded at the first row over IMPORT_MAX_ROWS or with
    more than IMPORT_MAX_COLUMNS cells: the rest of the file is never read."""
    for number, cells in enumerate(raw_rows, start=1):
        width = len(cells)
        while width and not cells[width - 1]:
            width -= 1
        rows_check(number, limits)
        columns_check(width, number, limits)
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, expected)
        yield list(cells) if number == 1 else list(cells[:width])


def _table_from_rows(sheet: str, file: str, raw_rows: Iterable[list[str]]) -> Table:
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


def read_csv(upload: Upload, *, sheet: str = "", progress: ReadProgress | None = None) -> Table:
    limits = Limits.current()
    with _limits_named(upload.name):
        file_size_check(len(upload.data), limits)
    text = _decode(upload)
    first_line = text.split("\n", 1)[0]
    delimiter = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    expected = text.count("\n") + 1 if progress is not None else None
    try:
        with _limits_named(upload.name):
            rows = _limited_rows(reader, limits, progress, expected)
            table = _table_from_rows(sheet, upload.name, rows)
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


def _xlsx_unreadable(file: str, exc: Exception) -> ReadError:
    return ReadError(
        RowError(
            file=file,
            row=None,
            message=_("Berkas XLSX tidak bisa dibuka: %(error)s") % {"error": exc},
        )
    )


def _xml_refused(file: str) -> ReadError:
    return ReadError(
        RowError(
            file=file,
            row=None,
            message=_(
                "Berkas XLSX memuat deklarasi entitas XML (DTD) yang tidak diizinkan; simpan "
                "ulang buku kerjanya dari Excel."
            ),
        )
    )


def _workbook_error(file: str, exc: BaseException) -> ReadError:
    """What to tell of an error openpyxl raised; it wraps the parser's in a ValueError of its
    own ("Unable to read workbook ..."), so the cause is the one to name."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return _xml_refused(file)
        if cause.__cause__ is None:
            break
        cause = cause.__cause__
    return _xlsx_unreadable(file, cause or exc)


def _openpyxl_defused() -> None:
    """openpyxl parses with defusedxml when the package is installed and OPENPYXL_DEFUSEDXML is
    not "False": refuse to read a workbook otherwise."""
    import openpyxl.xml  # only the XLSX paths pay for loading openpyxl

    if not openpyxl.xml.DEFUSEDXML:
        raise ImproperlyConfigured(
            "openpyxl does not parse with defusedxml: install defusedxml (requirements.txt) "
            "and leave OPENPYXL_DEFUSEDXML unset."
        )


@contextmanager
def open_workbook(upload: Upload):
    """The workbook of an XLSX upload (read-only, values not formulas), closed afterwards.

    Before openpyxl sees it, the file is held to IMPORT_MAX_FILE_MB and its parts to the caps
    of common.upload_limits (declared and inflated sizes, compression ratio); openpyxl then
    parses its XML with defusedxml, so a DTD with entities (billion laughs) is refused.
    """
    from openpyxl import load_workbook  # only the XLSX paths pay for loading openpyxl

    _openpyxl_defused()
    limits = Limits.current()
    with _limits_named(upload.name):
        file_size_check(len(upload.data), limits)
        try:
            with zipfile.ZipFile(io.BytesIO(upload.data)) as archive:
                zip_check(archive, limits)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            if isinstance(exc, LimitExceeded):
                raise
            raise _xlsx_unreadable(upload.name, exc) from None
    try:
        wb = load_workbook(io.BytesIO(upload.data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ParseError, TypeError) as exc:
        raise _workbook_error(upload.name, exc) from None
    try:
        yield wb
    finally:
        wb.close()


def sheet_table(ws, *, sheet: str, file: str, progress: ReadProgress | None = None) -> Table:
    """One worksheet as a Table; its errors name the file and the sheet ("org.xlsx:units").

    Reading stops at the first row over IMPORT_MAX_ROWS (or wider than IMPORT_MAX_COLUMNS)."""
    name = f"{file}:{ws.title}"
    expected = ws.max_row  # as the file states it: only an estimate for `progress`
    # read-only mode trusts the size the file states, which some exporters leave stale (A1:D2 on
    # a sheet of 500 rows): rows beyond it would vanish silently
    ws.reset_dimensions()
    values = ([_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True))
    try:
        with _limits_named(name):
            return _table_from_rows(
                sheet, name, _limited_rows(values, Limits.current(), progress, expected)
            )
    except (ParseError, zipfile.BadZipFile, ValueError, TypeError) as exc:
        raise _workbook_error(name, exc) from None


def read_table(
    upload: Upload,
    *,
    sheet: str = "",
    names: Collection[str] = (),
    any_sheet: bool = False,
    progress: ReadProgress | None = None,
) -> Table:
    """One table from a CSV, or from a sheet of an XLSX.

    In a workbook the sheet is the first whose (normalised) title is in `names` (by default
    `sheet` itself); failing that, the first sheet when `any_sheet` or when it is the only one.
    """
    if not is_xlsx(upload):
        return read_csv(upload, sheet=sheet, progress=progress)
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
        return sheet_table(chosen[0], sheet=sheet, file=upload.name, progress=progress)


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
