"""Organisation import: OPDs, units and employees from CSV files or one XLSX workbook.

The flow is read -> validate -> write:

- `read_table` / `read_workbook` turn an upload into `Table`s (CSV in UTF-8 with or without BOM,
  comma or semicolon delimited, or XLSX sheets named opds, units, employees). Row numbers are the
  spreadsheet's: the header is row 1, the first data row is row 2.
- `import_org` checks every row against the file itself and the database (references may point to
  rows of the same import or to existing rows) and collects every problem as a `RowError` with the
  file, row, column and a reason in Bahasa Indonesia.
- The write is all-or-nothing unless `keep_good_rows`: then bad rows, and rows that depend on a bad
  row (employees of a skipped OPD, subordinates of a skipped supervisor), are left out and reported.
  A dry run validates and counts without writing.

A column left out of a file keeps the current value of existing rows (and the default for new
ones); a column that is present but empty sets the empty value. Importing the same files again
changes nothing. The work is set-based: a few queries to preload, bulk writes in large batches
(COPY on PostgreSQL), supervisors in a second pass, then `placements_sync` for new and changed
employees so that a move keeps the past days with the old OPD and unit.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import secrets
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from common.bulk import copy_csv, is_postgres
from opd.models import (
    AsnType,
    Employee,
    ImportBatch,
    ImportStatus,
    IneligibleReason,
    Opd,
    OpdKind,
    Placement,
    Unit,
    UnitRole,
)
from opd.nip import NipError, parse_nip
from opd.services import placements_sync

SHEETS = ("opds", "units", "employees")

COLUMNS: dict[str, tuple[str, ...]] = {
    "opds": (
        "code",
        "name",
        "kind",
        "parent_code",
        "latitude",
        "longitude",
        "radius_m",
        "time_zone",
        "active",
    ),
    "units": ("opd_code", "code", "name", "frontline", "min_onsite"),
    "employees": (
        "nip",
        "name",
        "asn_type",
        "opd_code",
        "unit_code",
        "position",
        "role",
        "supervisor_nip",
        "wfh_eligible",
        "ineligible_reason",
        "email",
        "phone",
        "new_in_post_since",
        "active_from",
        "active_to",
    ),
}
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "opds": ("code", "name", "kind"),
    "units": ("opd_code", "code", "name"),
    "employees": ("nip", "name", "opd_code"),
}
SHEET_ALIASES = {
    "opds": {"opds", "opd"},
    "units": {"units", "unit", "unit_kerja"},
    "employees": {"employees", "employee", "pegawai"},
}

# The example row of each template; the NIP is a valid PNS number.
TEMPLATE_EXAMPLE: dict[str, dict[str, str]] = {
    "opds": {
        "code": "DISKOMINFO",
        "name": "Dinas Komunikasi dan Informatika",
        "kind": "dinas",
        "parent_code": "",
        "latitude": "-6.238270",
        "longitude": "106.975571",
        "radius_m": "150",
        "time_zone": "Asia/Jakarta",
        "active": "ya",
    },
    "units": {
        "opd_code": "DISKOMINFO",
        "code": "TIK",
        "name": "Bidang Teknologi Informasi dan Komunikasi",
        "frontline": "tidak",
        "min_onsite": "1",
    },
    "employees": {
        "nip": "198503302003121002",
        "name": "Budi Santoso",
        "asn_type": "PNS",
        "opd_code": "DISKOMINFO",
        "unit_code": "TIK",
        "position": "Pranata Komputer Ahli Muda",
        "role": "staf",
        "supervisor_nip": "",
        "wfh_eligible": "ya",
        "ineligible_reason": "",
        "email": "budi.santoso@example.go.id",
        "phone": "081234567890",
        "new_in_post_since": "",
        "active_from": "",
        "active_to": "",
    },
}

BATCH = 5000
MAX_RADIUS_M = 100_000
MAX_MIN_ONSITE = 100_000
DEFAULT_RADIUS_M = 150
DEFAULT_TIME_ZONE = "Asia/Jakarta"
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
LOOP_SHOWN = 6  # members of a loop named in its message

_YES = {"yes", "ya", "y", "true", "1", "benar"}
_NO = {"no", "tidak", "t", "n", "false", "0", "salah"}
_ROLES = {
    "head": UnitRole.HEAD,
    "kepala": UnitRole.HEAD,
    "deputy": UnitRole.DEPUTY,
    "wakil": UnitRole.DEPUTY,
    "pengganti": UnitRole.DEPUTY,
    "staff": UnitRole.STAFF,
    "staf": UnitRole.STAFF,
}
_REASONS = {
    "disciplinary": IneligibleReason.DISCIPLINARY,
    "hukuman_disiplin": IneligibleReason.DISCIPLINARY,
    "new_in_post": IneligibleReason.NEW_IN_POST,
    "baru_menjabat": IneligibleReason.NEW_IN_POST,
    "frontline": IneligibleReason.FRONTLINE,
    "layanan_langsung": IneligibleReason.FRONTLINE,
    "other": IneligibleReason.OTHER,
    "lainnya": IneligibleReason.OTHER,
}
# "P3K" is how many Pemda spreadsheets write PPPK; part-time PPPK is still PPPK.
_ASN_TYPES = {
    "pns": AsnType.PNS,
    "pppk": AsnType.PPPK,
    "p3k": AsnType.PPPK,
    "pppk paruh waktu": AsnType.PPPK,
}
_TZ_ALIASES = {"wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura"}


# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in an import: where it is (file, row, column) and why, in Bahasa Indonesia.

    `row` is the spreadsheet row number (header = 1), or None for a problem with a whole file.
    """

    file: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += " " + _("baris %(row)d") % {"row": self.row}
        if self.column:
            where += ", " + _("kolom %(column)s") % {"column": self.column}
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message}


@dataclass(slots=True)
class SheetCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # bad rows and rows that depend on them

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a failed one, would do for the good rows)."""

    counts: dict[str, SheetCounts]
    errors: list[RowError]
    written: bool
    dry_run: bool
    keep_good_rows: bool

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "counts": {sheet: c.as_dict() for sheet, c in self.counts.items()},
            "errors": [e.as_dict() for e in self.errors],
            "written": self.written,
            "dry_run": self.dry_run,
            "keep_good_rows": self.keep_good_rows,
        }

    @classmethod
    def from_dict(cls, data: dict) -> ImportResult:
        return cls(
            counts={s: SheetCounts(**c) for s, c in data.get("counts", {}).items()},
            errors=[RowError(**e) for e in data.get("errors", [])],
            written=bool(data.get("written")),
            dry_run=bool(data.get("dry_run")),
            keep_good_rows=bool(data.get("keep_good_rows")),
        )


# --------------------------------------------------------------------------------------------
# Reading


@dataclass(frozen=True)
class Upload:
    """An uploaded or opened file: its name (as shown in errors) and its bytes."""

    name: str
    data: bytes


@dataclass
class Table:
    """One sheet as text cells. `rows` holds (spreadsheet row number, cells) for non-blank rows."""

    sheet: str
    file: str
    columns: list[str]
    rows: list[tuple[int, list[str]]]


class ReadError(Exception):
    """A file that cannot be read at all; carries the RowError to report."""

    def __init__(self, error: RowError):
        super().__init__(str(error))
        self.error = error


def is_xlsx(upload: Upload) -> bool:
    return upload.data[:4] == b"PK\x03\x04" or upload.name.lower().endswith(".xlsx")


def _normalise_header(name: str) -> str:
    name = name.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", name)


def _decode(upload: Upload) -> str:
    unreadable = ReadError(
        RowError(
            upload.name,
            None,
            "",
            _("Berkas tidak bisa dibaca sebagai teks UTF-8. Simpan ulang sebagai CSV UTF-8."),
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
                    RowError(file, 1, "", _("Baris pertama harus berisi nama kolom (baris judul)."))
                )
            header = [_normalise_header(c) for c in cells]
            continue
        stripped = [c.strip() for c in cells]
        if any(stripped):
            rows.append((number, stripped))
    if header is None:
        raise ReadError(RowError(file, None, "", _("Berkas kosong.")))
    return Table(sheet=sheet, file=file, columns=header, rows=rows)


def read_csv(upload: Upload, *, sheet: str) -> Table:
    text = _decode(upload)
    first_line = text.split("\n", 1)[0]
    delimiter = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = _table_from_rows(sheet, upload.name, reader)
    except csv.Error as exc:
        raise ReadError(
            RowError(
                upload.name,
                reader.line_num,
                "",
                _("Format CSV rusak: %(error)s") % {"error": exc},
            )
        ) from None
    last = table.rows[-1] if table.rows else None
    if last and any("\n" in cell for cell in last[1]) and _ends_inside_quotes(text, delimiter):
        # the lenient reader reads an unclosed quote to the end of the file: every row below it
        # would be one cell of this row, and vanish without an error
        raise ReadError(
            RowError(
                upload.name,
                last[0],
                "",
                _(
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


def _open_workbook(upload: Upload):
    import zipfile

    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(upload.data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadError(
            RowError(
                upload.name,
                None,
                "",
                _("Berkas XLSX tidak bisa dibuka: %(error)s") % {"error": exc},
            )
        ) from None


def _sheet_table(ws, sheet: str, file: str) -> Table:
    # read-only mode trusts the size the file states, which some exporters leave stale (A1:D2 on
    # a sheet of 500 rows): rows beyond it would vanish silently
    ws.reset_dimensions()
    rows = ([_cell_text(v) for v in values] for values in ws.iter_rows(values_only=True))
    return _table_from_rows(sheet, f"{file}:{ws.title}", rows)


def read_workbook(upload: Upload) -> tuple[dict[str, Table], list[RowError]]:
    """Every known sheet of a workbook (opds, units, employees; case-insensitive)."""
    wb = _open_workbook(upload)
    tables: dict[str, Table] = {}
    errors: list[RowError] = []
    try:
        for ws in wb.worksheets:
            name = _normalise_header(ws.title)
            for sheet, aliases in SHEET_ALIASES.items():
                if name in aliases and sheet not in tables:
                    try:
                        tables[sheet] = _sheet_table(ws, sheet, upload.name)
                    except ReadError as exc:
                        errors.append(exc.error)
        if not tables and not errors:
            errors.append(
                RowError(
                    upload.name,
                    None,
                    "",
                    _("Tidak ada lembar bernama opds, units atau employees di buku kerja ini."),
                )
            )
    finally:
        wb.close()
    return tables, errors


def read_table(upload: Upload, *, sheet: str) -> Table:
    """One sheet from a CSV, or from an XLSX (its sheet named like `sheet`, or its only sheet)."""
    if not is_xlsx(upload):
        return read_csv(upload, sheet=sheet)
    wb = _open_workbook(upload)
    try:
        chosen = [ws for ws in wb.worksheets if _normalise_header(ws.title) in SHEET_ALIASES[sheet]]
        if not chosen and len(wb.worksheets) == 1:
            chosen = wb.worksheets
        if not chosen:
            raise ReadError(
                RowError(
                    upload.name,
                    None,
                    "",
                    _("Buku kerja ini tidak punya lembar bernama %(sheet)s.") % {"sheet": sheet},
                )
            )
        return _sheet_table(chosen[0], sheet, upload.name)
    finally:
        wb.close()


def read_uploads(
    *,
    opds: Upload | None = None,
    units: Upload | None = None,
    employees: Upload | None = None,
    workbook: Upload | None = None,
) -> tuple[dict[str, Table], list[RowError]]:
    tables: dict[str, Table] = {}
    errors: list[RowError] = []
    if workbook is not None:
        try:
            tables, errors = read_workbook(workbook)
        except ReadError as exc:
            errors.append(exc.error)
    for sheet, upload in (("opds", opds), ("units", units), ("employees", employees)):
        if upload is None:
            continue
        try:
            tables[sheet] = read_table(upload, sheet=sheet)
        except ReadError as exc:
            errors.append(exc.error)
    return tables, errors


# --------------------------------------------------------------------------------------------
# Templates


def template_csv(sheet: str) -> bytes:
    """Header and one example row, comma-separated, UTF-8 with BOM (so Excel opens it right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS[sheet])
    writer.writerow([TEMPLATE_EXAMPLE[sheet][c] for c in COLUMNS[sheet]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    """A workbook with the three sheets; every cell is text so NIPs keep their 18 digits."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet)
        ws.append(list(COLUMNS[sheet]))
        ws.append([TEMPLATE_EXAMPLE[sheet][c] for c in COLUMNS[sheet]])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in ws.iter_rows():
            for cell in row:
                cell.number_format = "@"
        for index, name in enumerate(COLUMNS[sheet], start=1):
            column = ws.column_dimensions[ws.cell(1, index).column_letter]
            column.width = max(len(name), len(TEMPLATE_EXAMPLE[sheet][name])) + 2
            # the rows HR types or pastes below the example are text too: a NIP typed into a
            # General cell becomes 1.98503E+17, a phone number loses its leading 0
            column.number_format = "@"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Cell parsing (each returns a value or raises _Bad with the reason)


class _Bad(Exception):
    pass


_MISSING = object()


def _required(value: str) -> str:
    if not value:
        raise _Bad(_("Wajib diisi."))
    return value


def _max_len(value: str, limit: int) -> str:
    if len(value) > limit:
        raise _Bad(
            _("Terlalu panjang: %(n)d karakter, paling banyak %(limit)d.")
            % {"n": len(value), "limit": limit}
        )
    return value


def _code(value: str) -> str:
    _required(value)
    _max_len(value, 32)
    if not CODE_RE.match(value):
        raise _Bad(
            _(
                "Kode %(value)s hanya boleh berisi huruf, angka, titik, garis bawah atau tanda "
                "hubung (tanpa spasi atau /)."
            )
            % {"value": value}
        )
    return value


def _yes_no(value: str, default: bool) -> bool:
    if not value:
        return default
    lowered = value.lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    raise _Bad(
        _("Nilai %(value)s tidak dikenal; isi ya/tidak (juga yes/no, true/false, 1/0).")
        % {"value": value}
    )


def _decimal(value: str, low: int, high: int, label: str) -> Decimal | None:
    if not value:
        return None
    text = value.replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # Indonesian decimal comma
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _Bad(_("%(value)s bukan angka.") % {"value": value}) from None
    if not number.is_finite() or not low <= number <= high:
        raise _Bad(
            _("%(label)s harus antara %(low)d dan %(high)d, bukan %(value)s.")
            % {"label": label, "low": low, "high": high, "value": value}
        )
    return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def _integer(value: str, default: int, low: int, high: int) -> int:
    if not value:
        return default
    text = value.replace(" ", "")
    if text.endswith((".0", ",0")):
        text = text[:-2]
    digits = text.lstrip("-")
    if not (digits.isascii() and digits.isdigit()):  # isdigit() alone takes ² too
        raise _Bad(_("%(value)s bukan bilangan bulat.") % {"value": value})
    number = int(text)
    if not low <= number <= high:
        raise _Bad(
            _("Harus antara %(low)d dan %(high)d, bukan %(value)s.")
            % {"low": low, "high": high, "value": value}
        )
    return number


def _date(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        if "/" in value:  # Indonesian spreadsheets write day first: 30/03/2025
            day, month, year = (int(p) for p in value.split("/"))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise _Bad(
            _("Tanggal %(value)s tidak dikenal; gunakan format YYYY-MM-DD.") % {"value": value}
        ) from None


_tz_cache: dict[str, str | None] = {}


def _time_zone(value: str) -> str:
    if not value:
        return DEFAULT_TIME_ZONE
    if value not in _tz_cache:
        name = _TZ_ALIASES.get(value.lower(), value)
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            name = None
        _tz_cache[value] = name
    name = _tz_cache[value]
    if name is None:
        raise _Bad(
            _(
                "Zona waktu %(value)s tidak dikenal (contoh: Asia/Jakarta, Asia/Makassar, "
                "Asia/Jayapura, atau WIB/WITA/WIT)."
            )
            % {"value": value}
        )
    return name


@functools.cache
def _kinds() -> dict[str, str]:
    """Kind values and their Indonesian labels (e.g. "sekretariat daerah"), lowercased."""
    with translation.override("id"):
        labels = {str(k.label).lower(): k.value for k in OpdKind}
    return {k.value: k.value for k in OpdKind} | labels


def _kind(value: str) -> str:
    _required(value)
    kind = _kinds().get(value.lower())
    if kind is None:
        raise _Bad(
            _("Jenis OPD %(value)s tidak dikenal; gunakan salah satu dari: %(choices)s.")
            % {"value": value, "choices": ", ".join(k.value for k in OpdKind)}
        )
    return kind


_ROLE_LABEL = gettext_lazy("Peran")
_REASON_LABEL = gettext_lazy("Alasan")


def _choice(value: str, mapping: dict, what) -> str:
    found = mapping.get(value.lower().replace(" ", "_"))
    if found is None:
        raise _Bad(
            _("%(what)s %(value)s tidak dikenal; gunakan salah satu dari: %(choices)s.")
            % {"what": what, "value": value, "choices": ", ".join(mapping)}
        )
    return found


# A plain address (dot-atom local part, LDH domain labels): a strict subset of what Django's
# EmailValidator accepts, checked first because the full validator is slow over 100,000 rows.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def _email(value: str) -> str:
    if not value:
        return ""
    _max_len(value, 254)
    if _PLAIN_EMAIL.fullmatch(value):
        return value
    try:
        validate_email(value)
    except ValidationError:
        raise _Bad(_("Alamat email %(value)s tidak valid.") % {"value": value}) from None
    return value


def _scientific_hint(nip: str) -> str:
    """What to do about a NIP that Excel turned into a number (1.98503302003121e+17), or ""."""
    if "e+" not in nip.lower():
        return ""
    return " " + _(
        "NIP tertulis dalam notasi ilmiah: format kolom NIP sebagai Teks di "
        "Excel agar 18 digitnya tidak hilang."
    )


def _nip_text(value: str) -> str:
    return "".join(value.split()).replace("'", "")


# --------------------------------------------------------------------------------------------
# Rows as parsed from the files, completed with current values for columns a file leaves out


@dataclass(slots=True)
class OpdRow:
    row: int
    code: str
    name: str = ""
    kind: str = ""
    parent_code: str | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    radius_m: int = DEFAULT_RADIUS_M
    time_zone: str = DEFAULT_TIME_ZONE
    active: bool = True
    ok: bool = True

    def values(self) -> tuple:
        return (
            self.name,
            self.kind,
            self.parent_code,
            self.latitude,
            self.longitude,
            self.radius_m,
            self.time_zone,
            self.active,
        )


@dataclass(slots=True)
class UnitRow:
    row: int
    opd_code: str
    code: str
    name: str = ""
    frontline: bool = False
    min_onsite: int = 0
    ok: bool = True

    @property
    def key(self) -> tuple[str, str]:
        return (self.opd_code, self.code)

    def values(self) -> tuple:
        return (self.name, self.frontline, self.min_onsite)


@dataclass(slots=True)
class EmployeeRow:
    row: int
    nip: str
    name: str = ""
    asn_type: str = ""
    opd_code: str = ""
    unit_code: str | None = None
    position: str = ""
    unit_role: str = UnitRole.STAFF
    supervisor_nip: str | None = None
    wfh_eligible: bool = True
    ineligible_reason: str = ""
    email: str = ""
    phone: str = ""
    new_in_post_since: dt.date | None = None
    active_from: dt.date | None = None
    active_to: dt.date | None = None
    ok: bool = True

    def values(self) -> tuple:
        return (
            self.name,
            self.asn_type,
            self.opd_code,
            self.unit_code,
            self.position,
            self.unit_role,
            self.supervisor_nip,
            self.wfh_eligible,
            self.ineligible_reason,
            self.email,
            self.phone,
            self.new_in_post_since,
            self.active_from,
            self.active_to,
        )


@dataclass
class _Db:
    """The registry as it is before the import, keyed by codes and NIPs (a few queries)."""

    opds: dict[str, OpdRow] = field(default_factory=dict)
    opd_ids: dict[str, int] = field(default_factory=dict)
    units: dict[tuple[str, str], UnitRow] = field(default_factory=dict)
    unit_ids: dict[tuple[str, str], int] = field(default_factory=dict)
    units_by_code: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    employees: dict[str, EmployeeRow] = field(default_factory=dict)
    employee_ids: dict[str, int] = field(default_factory=dict)
    employee_users: dict[str, int | None] = field(default_factory=dict)

    @classmethod
    def load(cls, *, with_employees: bool) -> _Db:
        db = cls()
        opd_rows = list(
            Opd.objects.values_list(
                "id",
                "code",
                "name",
                "kind",
                "parent_id",
                "latitude",
                "longitude",
                "radius_m",
                "time_zone",
                "active",
            )
        )
        opd_code = {row[0]: row[1] for row in opd_rows}
        for pk, code, name, kind, parent_id, lat, lon, radius, tz, active in opd_rows:
            db.opd_ids[code] = pk
            db.opds[code] = OpdRow(
                row=0,
                code=code,
                name=name,
                kind=kind,
                parent_code=opd_code.get(parent_id),
                latitude=lat,
                longitude=lon,
                radius_m=radius,
                time_zone=tz,
                active=active,
            )
        unit_key: dict[int, tuple[str, str]] = {}
        for pk, opd_id, code, name, frontline, min_onsite in Unit.objects.values_list(
            "id", "opd_id", "code", "name", "frontline", "min_onsite"
        ):
            key = (opd_code[opd_id], code)
            unit_key[pk] = key
            db.unit_ids[key] = pk
            db.units[key] = UnitRow(0, key[0], code, name, frontline, min_onsite)
            db.units_by_code[code].append(key[0])
        if not with_employees:
            return db
        fields = (
            "id",
            "nip",
            "name",
            "asn_type",
            "opd_id",
            "unit_id",
            "position",
            "unit_role",
            "supervisor_id",
            "wfh_eligible",
            "ineligible_reason",
            "email",
            "phone",
            "new_in_post_since",
            "active_from",
            "active_to",
            "user_id",
        )
        rows = list(Employee.objects.values_list(*fields).iterator(chunk_size=20_000))
        nip_by_id = {row[0]: row[1] for row in rows}
        for (
            pk,
            nip,
            name,
            asn_type,
            opd_id,
            unit_id,
            position,
            unit_role,
            supervisor_id,
            eligible,
            reason,
            email,
            phone,
            new_since,
            active_from,
            active_to,
            user_id,
        ) in rows:
            db.employee_ids[nip] = pk
            db.employee_users[nip] = user_id
            unit = unit_key.get(unit_id)
            db.employees[nip] = EmployeeRow(
                0,
                nip,
                name,
                asn_type,
                opd_code[opd_id],
                unit[1] if unit else None,
                position,
                unit_role,
                nip_by_id.get(supervisor_id),
                eligible,
                reason,
                email,
                phone,
                new_since,
                active_from,
                active_to,
            )
        return db


# --------------------------------------------------------------------------------------------
# Validation


class _Checker:
    """Parses the tables into rows, checks them against each other and the database."""

    def __init__(self, tables: dict[str, Table], db: _Db, today: dt.date):
        self.tables = tables
        self.db = db
        self.today = today
        self.errors: list[RowError] = []
        self.opds: dict[str, OpdRow] = {}
        self.units: dict[tuple[str, str], UnitRow] = {}
        self.employees: dict[str, EmployeeRow] = {}
        self.sheet_failed: set[str] = set()  # a sheet whose header makes its rows unusable
        self.bad_rows: dict[str, int] = defaultdict(int)  # rows with no usable key, per sheet

    # -- helpers

    def error(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.errors.append(RowError(self.tables[sheet].file, row, column, message))

    def _columns(self, sheet: str) -> dict[str, int] | None:
        table = self.tables[sheet]
        index: dict[str, int] = {}
        ok = True
        for position, name in enumerate(table.columns):
            if not name:
                continue
            if name in index:
                self.error(sheet, 1, name, _("Kolom %(col)s muncul dua kali.") % {"col": name})
                ok = False
            elif name not in COLUMNS[sheet]:
                self.error(
                    sheet,
                    1,
                    name,
                    _("Kolom %(col)s tidak dikenal. Kolom yang dikenal: %(known)s.")
                    % {"col": name, "known": ", ".join(COLUMNS[sheet])},
                )
            else:
                index[name] = position
        for name in REQUIRED_COLUMNS[sheet]:
            if name not in index:
                self.error(
                    sheet,
                    1,
                    name,
                    _("Kolom wajib %(col)s tidak ada di baris judul.") % {"col": name},
                )
                ok = False
        if not ok:
            self.sheet_failed.add(sheet)
            return None
        return index

    def _cells(self, sheet: str, index: dict[str, int]) -> Iterator[tuple[int, dict]]:
        """(row number, {column: text}) for each row; reports rows with too many cells."""
        width = len(self.tables[sheet].columns)
        for number, cells in self.tables[sheet].rows:
            if len(cells) > width and any(cells[width:]):
                self.error(
                    sheet,
                    number,
                    "",
                    _(
                        "Baris berisi %(n)d sel, lebih banyak dari %(m)d kolom di baris judul "
                        "(periksa tanda pemisah di dalam nilai, mis. koma pada gelar)."
                    )
                    % {"n": len(cells), "m": width},
                )
                self.bad_rows[sheet] += 1
                continue
            yield (
                number,
                {name: (cells[pos] if pos < len(cells) else "") for name, pos in index.items()},
            )

    def _field(self, sheet, number, row_ok, column, func, *args):
        """Run one cell parser; on failure report it and return (_MISSING, False)."""
        try:
            return func(*args), row_ok
        except _Bad as exc:
            self.error(sheet, number, column, str(exc))
            return _MISSING, False

    # -- OPDs

    def parse_opds(self) -> None:
        if "opds" not in self.tables:
            return
        index = self._columns("opds")
        if index is None:
            return
        first_row: dict[str, int] = {}
        for number, cells in self._cells("opds", index):
            ok = True
            code, ok = self._field("opds", number, ok, "code", _code, cells["code"])
            if code is _MISSING:
                self.bad_rows["opds"] += 1
                continue
            if code in first_row:
                self.error(
                    "opds",
                    number,
                    "code",
                    _("Kode OPD %(code)s sudah dipakai di baris %(row)d.")
                    % {"code": code, "row": first_row[code]},
                )
                self.bad_rows["opds"] += 1
                continue
            first_row[code] = number
            current = self.db.opds.get(code)
            rec = OpdRow(row=number, code=code)
            if current is not None:
                (
                    rec.name,
                    rec.kind,
                    rec.parent_code,
                    rec.latitude,
                    rec.longitude,
                    rec.radius_m,
                    rec.time_zone,
                    rec.active,
                ) = current.values()
            name, ok = self._field("opds", number, ok, "name", _required, cells["name"])
            if ok:
                name, ok = self._field("opds", number, ok, "name", _max_len, name, 200)
            rec.name = name
            rec.kind, ok = self._field("opds", number, ok, "kind", _kind, cells["kind"])
            if "parent_code" in cells:
                parent = cells["parent_code"]
                if parent == code:
                    self.error(
                        "opds",
                        number,
                        "parent_code",
                        _("OPD tidak boleh menjadi induk dirinya sendiri."),
                    )
                    ok = False
                rec.parent_code = parent or None
            for column, low, high, label in (
                ("latitude", -90, 90, _("Lintang")),
                ("longitude", -180, 180, _("Bujur")),
            ):
                if column in cells:
                    value, ok = self._field(
                        "opds", number, ok, column, _decimal, cells[column], low, high, label
                    )
                    setattr(rec, column, value)
            if ok and (rec.latitude is None) != (rec.longitude is None):
                missing = "longitude" if rec.longitude is None else "latitude"
                self.error(
                    "opds",
                    number,
                    missing,
                    _("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."),
                )
                ok = False
            if "radius_m" in cells:
                rec.radius_m, ok = self._field(
                    "opds",
                    number,
                    ok,
                    "radius_m",
                    _integer,
                    cells["radius_m"],
                    DEFAULT_RADIUS_M,
                    1,
                    MAX_RADIUS_M,
                )
            if "time_zone" in cells:
                rec.time_zone, ok = self._field(
                    "opds", number, ok, "time_zone", _time_zone, cells["time_zone"]
                )
            if "active" in cells:
                rec.active, ok = self._field(
                    "opds", number, ok, "active", _yes_no, cells["active"], True
                )
            rec.ok = ok
            self.opds[code] = rec

    def _opd_ref(self, sheet: str, number: int, column: str, code: str) -> bool:
        """Is `code` an OPD that will exist after the import? Reports why not."""
        rec = self.opds.get(code)
        if (rec is not None and rec.ok) or code in self.db.opds:
            return True
        if rec is not None:
            message = _("OPD %(code)s (baris %(row)d) tidak diimpor karena barisnya salah.") % {
                "code": code,
                "row": rec.row,
            }
        elif "opds" in self.tables:
            message = _("OPD %(code)s tidak ada di berkas opds maupun di database.") % {
                "code": code
            }
        else:
            message = _("OPD %(code)s tidak ada di database.") % {"code": code}
        hint = self._similar_opd(code)
        if hint:
            message += " " + _("Maksud Anda %(code)s?") % {"code": hint}
        self.error(sheet, number, column, message)
        return False

    def _similar_opd(self, code: str) -> str | None:
        lowered = code.lower()
        for known in list(self.opds) + list(self.db.opds):
            if known.lower() == lowered and known != code:
                return known
        return None

    def check_opd_refs(self) -> None:
        """Parents exist, are not skipped, and do not form a loop."""
        children: dict[str, list[OpdRow]] = defaultdict(list)
        work = [rec.code for rec in self.opds.values() if not rec.ok]
        for rec in self.opds.values():
            if rec.parent_code and rec.parent_code != rec.code:
                children[rec.parent_code].append(rec)
                if rec.ok and not self._opd_ref("opds", rec.row, "parent_code", rec.parent_code):
                    rec.ok = False
                    work.append(rec.code)
        self._cascade(
            work, children, lambda rec, code: self._opd_ref("opds", rec.row, "parent_code", code)
        )
        # loops in the final parent graph (file rows override the database)
        parent_of = {code: rec.parent_code for code, rec in self.db.opds.items()}
        parent_of.update({code: rec.parent_code for code, rec in self.opds.items() if rec.ok})
        work.extend(
            self._flag_loops(
                parent_of, self.opds, "opds", "parent_code", _("Induk OPD berputar: %(loop)s.")
            )
        )
        self._cascade(
            work, children, lambda rec, code: self._opd_ref("opds", rec.row, "parent_code", code)
        )

    def _cascade(self, work: list, dependants: dict, recheck) -> None:
        """Mark rows that depend on a newly bad row as bad too (reported by `recheck`)."""
        while work:
            key = work.pop()
            for rec in dependants.get(key, ()):
                if rec.ok and not recheck(rec, key):
                    rec.ok = False
                    work.append(rec.code if isinstance(rec, OpdRow) else rec.nip)

    # -- units

    def parse_units(self) -> None:
        if "units" not in self.tables:
            return
        index = self._columns("units")
        if index is None:
            return
        first_row: dict[tuple[str, str], int] = {}
        for number, cells in self._cells("units", index):
            ok = True
            opd_code, ok = self._field("units", number, ok, "opd_code", _code, cells["opd_code"])
            code, ok = self._field("units", number, ok, "code", _code, cells["code"])
            if opd_code is _MISSING or code is _MISSING:
                self.bad_rows["units"] += 1
                continue
            key = (opd_code, code)
            if key in first_row:
                self.error(
                    "units",
                    number,
                    "code",
                    _("Unit %(code)s di OPD %(opd)s sudah ada di baris %(row)d.")
                    % {"code": code, "opd": opd_code, "row": first_row[key]},
                )
                self.bad_rows["units"] += 1
                continue
            first_row[key] = number
            rec = UnitRow(number, opd_code, code)
            current = self.db.units.get(key)
            if current is not None:
                rec.name, rec.frontline, rec.min_onsite = current.values()
            name, ok = self._field("units", number, ok, "name", _required, cells["name"])
            if ok:
                name, ok = self._field("units", number, ok, "name", _max_len, name, 200)
            rec.name = name
            if "frontline" in cells:
                rec.frontline, ok = self._field(
                    "units", number, ok, "frontline", _yes_no, cells["frontline"], False
                )
            if "min_onsite" in cells:
                rec.min_onsite, ok = self._field(
                    "units",
                    number,
                    ok,
                    "min_onsite",
                    _integer,
                    cells["min_onsite"],
                    0,
                    0,
                    MAX_MIN_ONSITE,
                )
            if ok and not self._opd_ref("units", number, "opd_code", opd_code):
                ok = False
            rec.ok = ok
            self.units[key] = rec

    def _unit_ref(self, number: int, opd_code: str, unit_code: str) -> bool:
        key = (opd_code, unit_code)
        rec = self.units.get(key)
        if (rec is not None and rec.ok) or key in self.db.units:
            return True
        if rec is not None:
            message = _(
                "Unit %(unit)s di OPD %(opd)s (berkas units baris %(row)d) tidak diimpor "
                "karena barisnya salah."
            ) % {"unit": unit_code, "opd": opd_code, "row": rec.row}
        else:
            elsewhere = sorted(
                {o for (o, c), r in self.units.items() if c == unit_code and r.ok}
                | set(self.db.units_by_code.get(unit_code, ()))
            )
            if elsewhere:
                message = _(
                    "Unit %(unit)s bukan bagian dari OPD %(opd)s (unit itu ada di OPD %(others)s)."
                ) % {"unit": unit_code, "opd": opd_code, "others": ", ".join(elsewhere)}
            else:
                message = _("Unit %(unit)s tidak ada di OPD %(opd)s.") % {
                    "unit": unit_code,
                    "opd": opd_code,
                }
        self.error("employees", number, "unit_code", message)
        return False

    # -- employees

    def parse_employees(self) -> None:
        if "employees" not in self.tables:
            return
        index = self._columns("employees")
        if index is None:
            return
        today = self.today
        db_employees = self.db.employees
        first_row: dict[str, int] = {}
        sheet = "employees"
        for number, cells in self._cells(sheet, index):
            ok = True
            raw_nip = _nip_text(cells["nip"])
            try:
                info = parse_nip(raw_nip, today=today)
            except NipError as exc:
                self.error(sheet, number, "nip", str(exc) + _scientific_hint(raw_nip))
                self.bad_rows[sheet] += 1
                continue
            nip = info.nip
            if nip in first_row:
                self.error(
                    sheet,
                    number,
                    "nip",
                    _("NIP %(nip)s sudah ada di baris %(row)d.")
                    % {"nip": nip, "row": first_row[nip]},
                )
                self.bad_rows[sheet] += 1
                continue
            first_row[nip] = number
            current = db_employees.get(nip)
            if current is not None:
                rec = EmployeeRow(number, nip, *current.values())
            else:
                rec = EmployeeRow(number, nip)
            name = cells["name"]
            if not name:
                self.error(sheet, number, "name", _("Wajib diisi."))
                ok = False
            elif len(name) > 200:
                name, ok = self._field(sheet, number, ok, "name", _max_len, name, 200)
            rec.name = name
            asn_type = cells.get("asn_type", "")
            if asn_type:
                given = _ASN_TYPES.get(asn_type.lower())
                if given is None:
                    self.error(
                        sheet,
                        number,
                        "asn_type",
                        _("Jenis ASN %(value)s tidak dikenal; isi PNS atau PPPK.")
                        % {"value": asn_type},
                    )
                    ok = False
                elif given != info.asn_type:
                    self.error(
                        sheet,
                        number,
                        "asn_type",
                        _(
                            "Jenis ASN %(given)s tidak sesuai dengan NIP, yang berbentuk "
                            "%(nip_type)s."
                        )
                        % {"given": given, "nip_type": info.asn_type},
                    )
                    ok = False
            rec.asn_type = info.asn_type
            opd_code = cells["opd_code"]
            if not opd_code:
                self.error(sheet, number, "opd_code", _("Wajib diisi."))
                ok = False
            rec.opd_code = opd_code
            if "unit_code" in cells:
                rec.unit_code = cells["unit_code"] or None
            if "position" in cells:
                rec.position, ok = self._field(
                    sheet, number, ok, "position", _max_len, cells["position"], 200
                )
            if "role" in cells:
                role = cells["role"]
                if role:
                    rec.unit_role, ok = self._field(
                        sheet, number, ok, "role", _choice, role, _ROLES, _ROLE_LABEL
                    )
                else:
                    rec.unit_role = UnitRole.STAFF
            if "supervisor_nip" in cells:
                sup = _nip_text(cells["supervisor_nip"])
                if sup == nip:
                    self.error(
                        sheet,
                        number,
                        "supervisor_nip",
                        _("Pegawai tidak boleh menjadi atasan dirinya sendiri."),
                    )
                    ok = False
                rec.supervisor_nip = sup or None
            reason_given = False
            if "wfh_eligible" in cells:
                rec.wfh_eligible, ok = self._field(
                    sheet, number, ok, "wfh_eligible", _yes_no, cells["wfh_eligible"], True
                )
            if "ineligible_reason" in cells:
                reason = cells["ineligible_reason"]
                reason_given = bool(reason)
                if reason:
                    rec.ineligible_reason, ok = self._field(
                        sheet,
                        number,
                        ok,
                        "ineligible_reason",
                        _choice,
                        reason,
                        _REASONS,
                        _REASON_LABEL,
                    )
                else:
                    rec.ineligible_reason = ""
            if rec.wfh_eligible is True:
                if reason_given:
                    self.error(
                        sheet,
                        number,
                        "ineligible_reason",
                        _(
                            "Alasan diisi padahal wfh_eligible = ya; kosongkan alasan atau isi "
                            "wfh_eligible = tidak."
                        ),
                    )
                    ok = False
                rec.ineligible_reason = ""
            elif rec.wfh_eligible is False and not rec.ineligible_reason and not reason_given:
                self.error(
                    sheet,
                    number,
                    "ineligible_reason",
                    _(
                        "Isi alasan bila pegawai tidak boleh WFH: disciplinary "
                        "(hukuman_disiplin), new_in_post (baru_menjabat), frontline "
                        "(layanan_langsung) atau other (lainnya)."
                    ),
                )
                ok = False
            if "email" in cells:
                rec.email, ok = self._field(sheet, number, ok, "email", _email, cells["email"])
            if "phone" in cells:
                rec.phone, ok = self._field(
                    sheet, number, ok, "phone", _max_len, cells["phone"], 32
                )
            for column in ("new_in_post_since", "active_from", "active_to"):
                if column in cells:
                    value, ok = self._field(sheet, number, ok, column, _date, cells[column])
                    setattr(rec, column, value)
            if ok and rec.active_from and rec.active_to and rec.active_to < rec.active_from:
                self.error(
                    sheet,
                    number,
                    "active_to",
                    _("Tanggal akhir aktif sebelum tanggal mulai (active_from)."),
                )
                ok = False
            rec.ok = ok
            self.employees[nip] = rec

    def check_unit_and_employee_refs(self) -> None:
        """OPD, unit and supervisor references; then supervisor loops and unit heads."""
        if not self.employees:
            return
        subordinates: dict[str, list[EmployeeRow]] = defaultdict(list)
        work: list[str] = []
        for rec in self.employees.values():
            if rec.supervisor_nip:
                subordinates[rec.supervisor_nip].append(rec)
            if not rec.ok:
                work.append(rec.nip)
                continue
            rec.ok = bool(
                (not rec.opd_code or self._opd_ref("employees", rec.row, "opd_code", rec.opd_code))
                and (not rec.unit_code or self._unit_ref(rec.row, rec.opd_code, rec.unit_code))
                and (not rec.supervisor_nip or self._supervisor_ref(rec, rec.supervisor_nip))
            )
            if not rec.ok:
                work.append(rec.nip)
        self._cascade(work, subordinates, self._supervisor_ref)
        self._check_supervisor_loops(subordinates)
        self._check_heads(subordinates)

    def _supervisor_ref(self, rec: EmployeeRow, nip: str) -> bool:
        boss = self.employees.get(nip)
        if (boss is not None and boss.ok) or nip in self.db.employees:
            return True
        if boss is not None:
            message = _(
                "Atasan dengan NIP %(nip)s (baris %(row)d) tidak diimpor karena barisnya salah."
            ) % {
                "nip": nip,
                "row": boss.row,
            }
        else:
            message = _("Atasan dengan NIP %(nip)s tidak ada di berkas ini maupun di database.") % {
                "nip": nip
            }
            message += _scientific_hint(nip)
        self.error("employees", rec.row, "supervisor_nip", message)
        return False

    def _check_supervisor_loops(self, subordinates) -> None:
        boss_of = {nip: rec.supervisor_nip for nip, rec in self.db.employees.items()}
        boss_of.update({nip: rec.supervisor_nip for nip, rec in self.employees.items() if rec.ok})
        work = self._flag_loops(
            boss_of,
            self.employees,
            "employees",
            "supervisor_nip",
            _("Rantai atasan berputar: %(loop)s."),
        )
        self._cascade(work, subordinates, self._supervisor_ref)

    def _flag_loops(self, link_of, records, sheet: str, column: str, message: str) -> list[str]:
        """Report each file row on a loop of `link_of` (parents or supervisors); return the keys."""
        flagged = []
        for loop in _find_loops(link_of):
            text = " → ".join(_shorten(loop + [loop[0]]))
            for key in loop:
                rec = records.get(key)
                if rec is not None and rec.ok:
                    self.error(sheet, rec.row, column, message % {"loop": text})
                    rec.ok = False
                    flagged.append(key)
        return flagged

    def _check_heads(self, subordinates) -> None:
        """At most one head per unit, counting database heads the import leaves in place."""
        db_heads: dict[tuple[str, str], str] = {}
        for nip, current in self.db.employees.items():
            if current.unit_role == UnitRole.HEAD and current.unit_code:
                rec = self.employees.get(nip)
                if rec is None or not rec.ok:
                    db_heads[(current.opd_code, current.unit_code)] = nip
        first: dict[tuple[str, str], EmployeeRow] = {}
        # A head whose row keeps them heading the same unit stays; a newcomer is the extra head,
        # wherever the two rows are in the file.
        for rec in self.employees.values():
            current = self.db.employees.get(rec.nip)
            if (
                current is not None
                and rec.ok
                and rec.unit_role == current.unit_role == UnitRole.HEAD
                and (rec.opd_code, rec.unit_code) == (current.opd_code, current.unit_code)
            ):
                first[(rec.opd_code, rec.unit_code)] = rec
        work = []
        for rec in self.employees.values():
            if not (rec.ok and rec.unit_role == UnitRole.HEAD and rec.unit_code):
                continue
            key = (rec.opd_code, rec.unit_code)
            if first.get(key) is rec:
                continue
            if key in db_heads:
                holder = self.db.employees[db_heads[key]]
                message = _(
                    "Unit %(unit)s di OPD %(opd)s sudah punya kepala di database: %(name)s "
                    "(NIP %(nip)s). Ubah peran kepala lama di berkas ini atau pilih satu "
                    "kepala saja."
                ) % {"unit": key[1], "opd": key[0], "name": holder.name, "nip": holder.nip}
            elif key in first:
                message = _(
                    "Unit %(unit)s di OPD %(opd)s sudah punya kepala di baris %(row)d "
                    "(NIP %(nip)s); satu unit hanya boleh punya satu kepala."
                ) % {"unit": key[1], "opd": key[0], "row": first[key].row, "nip": first[key].nip}
            else:
                first[key] = rec
                continue
            self.error("employees", rec.row, "role", message)
            rec.ok = False
            work.append(rec.nip)
        self._cascade(work, subordinates, self._supervisor_ref)


def _find_loops(parent_of: dict[str, str | None]) -> list[list[str]]:
    """Every cycle of a functional graph (each node has at most one parent), in order."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    loops = []
    for start in parent_of:
        if start in state:
            continue
        path = []
        node = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = parent_of.get(node)
        if node is not None and state.get(node) == 1:
            loops.append(path[path.index(node) :])
        for visited in path:
            state[visited] = 2
    return loops


def _shorten(items: list[str]) -> list[str]:
    if len(items) <= LOOP_SHOWN:
        return items
    return items[: LOOP_SHOWN - 1] + ["…", items[-1]]


# --------------------------------------------------------------------------------------------
# Planning: what to create, update and leave alone


@dataclass
class _Plan:
    db: _Db
    opds_new: list[OpdRow] = field(default_factory=list)
    opds_changed: list[OpdRow] = field(default_factory=list)
    units_new: list[UnitRow] = field(default_factory=list)
    units_changed: list[UnitRow] = field(default_factory=list)
    employees_new: list[EmployeeRow] = field(default_factory=list)
    employees_changed: list[EmployeeRow] = field(default_factory=list)


def _plan(checker: _Checker) -> tuple[_Plan, dict[str, SheetCounts]]:
    db = checker.db
    plan = _Plan(db=db)
    counts: dict[str, SheetCounts] = {}
    for sheet, records, current, new, changed in (
        ("opds", checker.opds, db.opds, plan.opds_new, plan.opds_changed),
        ("units", checker.units, db.units, plan.units_new, plan.units_changed),
        ("employees", checker.employees, db.employees, plan.employees_new, plan.employees_changed),
    ):
        if sheet not in checker.tables:
            continue
        c = counts[sheet] = SheetCounts(skipped=checker.bad_rows[sheet])
        if sheet in checker.sheet_failed:
            c.skipped += len(checker.tables[sheet].rows)
            continue
        for key, rec in records.items():
            if not rec.ok:
                c.skipped += 1
                continue
            before = current.get(key)
            if before is None:
                new.append(rec)
                c.created += 1
            elif before.values() != rec.values():
                changed.append(rec)
                c.updated += 1
            else:
                c.unchanged += 1
    return plan, counts


# --------------------------------------------------------------------------------------------
# Writing


def _chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _bulk_update(model, fields: list[str], rows: list[tuple]) -> None:
    """Set `fields` on many rows given as (pk, value, ...) tuples, in a few statements.

    PostgreSQL: COPY into a temporary table, then one UPDATE ... FROM it. Elsewhere: Django's
    bulk_update in batches.
    """
    if not rows:
        return
    meta = model._meta
    targets = [meta.get_field(name) for name in fields]
    if not is_postgres():
        attnames = [f.attname for f in targets]
        objs = [model(pk=row[0], **dict(zip(attnames, row[1:], strict=True))) for row in rows]
        model.objects.bulk_update(objs, fields, batch_size=BATCH)
        return
    table = meta.db_table
    temp = f"import_{table}"
    columns = [f.column for f in targets]
    selected = ", ".join(f'"{c}"' for c in [meta.pk.column, *columns])
    assignments = ", ".join(f'"{c}" = s."{c}"' for c in columns)
    pk = meta.pk.column
    # identifiers come from the model's meta; values travel through COPY
    with connection.cursor() as cursor:
        cursor.execute(
            f'CREATE TEMP TABLE "{temp}" AS SELECT {selected} FROM "{table}" WITH NO DATA'  # noqa: S608
        )
        copy_csv(model, [pk, *columns], rows, table=temp)
        cursor.execute(
            f'UPDATE "{table}" AS t SET {assignments} FROM "{temp}" AS s '  # noqa: S608
            f'WHERE t."{pk}" = s."{pk}"'
        )
        cursor.execute(f'DROP TABLE "{temp}"')


def _ids_by_key(model, column: str, keys: list[str]) -> dict[str, int]:
    """Ids of rows by a unique text column (after a COPY, which returns none)."""
    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute(
                f'SELECT "{column}", id FROM "{model._meta.db_table}" WHERE "{column}" = ANY(%s)',  # noqa: S608
                [keys],
            )
            return dict(cursor.fetchall())
    found: dict[str, int] = {}
    for chunk in _chunks(keys, 900):  # SQLite takes at most 999 parameters per statement
        found.update(model.objects.filter(**{f"{column}__in": chunk}).values_list(column, "id"))
    return found


def _unusable_password() -> str:
    # what set_unusable_password() stores, without 40 calls to secrets.choice per user
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


EMPLOYEE_FIELDS = [
    "name",
    "asn_type",
    "opd",
    "unit",
    "position",
    "unit_role",
    "wfh_eligible",
    "ineligible_reason",
    "email",
    "phone",
    "new_in_post_since",
    "active_from",
    "active_to",
]
OPD_FIELDS = ["name", "kind", "latitude", "longitude", "radius_m", "time_zone", "active"]
UNIT_FIELDS = ["name", "frontline", "min_onsite"]
USER_COLUMNS = [
    "password",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
    "role",
]


class _Writer:
    """Writes a plan: OPDs, then units, then employees (accounts, supervisors, placements)."""

    def __init__(self, plan: _Plan, today: dt.date):
        self.plan = plan
        self.db = plan.db
        self.today = today
        self.opd_ids = dict(self.db.opd_ids)
        self.unit_ids = dict(self.db.unit_ids)
        self.employee_ids = dict(self.db.employee_ids)

    def run(self) -> None:
        self.write_opds()
        self.write_units()
        self.write_employees()

    # -- OPDs: create without parents, then set every parent that differs

    def write_opds(self) -> None:
        plan = self.plan
        if plan.opds_new:
            Opd.objects.bulk_create(
                [
                    Opd(code=r.code, **dict(zip(OPD_FIELDS, _opd_values(r), strict=True)))
                    for r in plan.opds_new
                ],
                batch_size=BATCH,
            )
            self.opd_ids = dict(Opd.objects.values_list("code", "id"))
        _bulk_update(
            Opd, OPD_FIELDS, [(self.opd_ids[r.code], *_opd_values(r)) for r in plan.opds_changed]
        )
        parents = []
        for r in plan.opds_new + plan.opds_changed:
            before = self.db.opds.get(r.code)
            if r.parent_code != (before.parent_code if before else None):
                parent_id = self.opd_ids[r.parent_code] if r.parent_code else None
                parents.append((self.opd_ids[r.code], parent_id))
        _bulk_update(Opd, ["parent"], parents)

    def write_units(self) -> None:
        plan = self.plan
        if plan.units_new:
            Unit.objects.bulk_create(
                [
                    Unit(
                        opd_id=self.opd_ids[r.opd_code],
                        code=r.code,
                        name=r.name,
                        frontline=r.frontline,
                        min_onsite=r.min_onsite,
                    )
                    for r in plan.units_new
                ],
                batch_size=BATCH,
            )
            code_of = {pk: code for code, pk in self.opd_ids.items()}
            self.unit_ids = {
                (code_of[opd_id], code): pk
                for pk, opd_id, code in Unit.objects.values_list("id", "opd_id", "code")
            }
        _bulk_update(
            Unit, UNIT_FIELDS, [(self.unit_ids[r.key], *r.values()) for r in plan.units_changed]
        )

    # -- employees

    def _employee_values(self, r: EmployeeRow, role: str) -> tuple:
        """In the order of EMPLOYEE_FIELDS."""
        return (
            r.name,
            r.asn_type,
            self.opd_ids[r.opd_code],
            self.unit_ids[(r.opd_code, r.unit_code)] if r.unit_code else None,
            r.position,
            role,
            r.wfh_eligible,
            r.ineligible_reason,
            r.email,
            r.phone,
            r.new_in_post_since,
            r.active_from,
            r.active_to,
        )

    def write_employees(self) -> None:
        plan = self.plan
        db = self.db
        if not (plan.employees_new or plan.employees_changed):
            return
        # Changed rows go first, so every head who steps down has done so before a new head is
        # written. A changed row that becomes head is written as staff and promoted at the end:
        # one head per unit at every step. New rows are written with their final role.
        promote: list[tuple[int, str]] = []
        changed: list[tuple] = []
        for r in plan.employees_changed:
            pk = db.employee_ids[r.nip]
            role = r.unit_role
            before = db.employees[r.nip]
            if role == UnitRole.HEAD and (before.unit_role, before.opd_code, before.unit_code) != (
                UnitRole.HEAD,
                r.opd_code,
                r.unit_code,
            ):
                promote.append((pk, UnitRole.HEAD))
                role = UnitRole.STAFF
            changed.append((pk, *self._employee_values(r, role)))
        _bulk_update(Employee, EMPLOYEE_FIELDS, changed)
        created_ids, supervisors_set = self._create_employees(plan.employees_new)
        _bulk_update(Employee, ["unit_role"], promote)
        # second pass: supervisors not written yet, now that every employee has an id
        supervisors = []
        pending = (
            plan.employees_changed
            if supervisors_set
            else plan.employees_new + plan.employees_changed
        )
        for r in pending:
            before = db.employees.get(r.nip)
            if r.supervisor_nip != (before.supervisor_nip if before else None):
                boss = self.employee_ids[r.supervisor_nip] if r.supervisor_nip else None
                supervisors.append((self.employee_ids[r.nip], boss))
        _bulk_update(Employee, ["supervisor"], supervisors)
        self._open_first_placements(created_ids)
        changed_ids = [pk for pk, *_ in changed]
        for chunk in _chunks(changed_ids, 20_000):
            placements_sync(employee_ids=chunk, effective=self.today)

    def _open_first_placements(self, employee_ids: list[int]) -> None:
        """The first placement of each new employee, from min(active_from, today).

        This is the row placements_sync opens for someone without history (a test holds the two
        to the same rule), written here with one INSERT ... SELECT instead of a model instance
        per employee; placements_sync then handles the changed employees, whose moves close the
        old placement and open a new one.
        """
        if not employee_ids:
            return
        p, e = Placement._meta.db_table, Employee._meta.db_table
        earliest = "LEAST" if is_postgres() else "MIN"
        sql = (
            f'INSERT INTO "{p}" (employee_id, opd_id, unit_id, position, unit_role, valid_from) '  # noqa: S608
            f"SELECT id, opd_id, unit_id, position, unit_role, "
            f'{earliest}(COALESCE(active_from, %s), %s) FROM "{e}" WHERE id '
        )
        with connection.cursor() as cursor:
            if is_postgres():
                cursor.execute(sql + "= ANY(%s)", [self.today, self.today, employee_ids])
                return
            for chunk in _chunks(employee_ids, 900):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"{sql}IN ({marks})", [self.today, self.today, *chunk])

    def _create_employees(self, rows: list[EmployeeRow]) -> tuple[list[int], bool]:
        """Insert new employees with their accounts; returns their ids, and whether their
        supervisors are set already.

        PostgreSQL: ids are taken from the sequence first, so one COPY writes every row with its
        supervisor and account (foreign keys are checked at commit). Elsewhere: bulk_create, and
        supervisors follow in the second pass.
        """
        if not rows:
            return [], True
        fields = [Employee._meta.get_field(name) for name in EMPLOYEE_FIELDS]
        if is_postgres():
            ids = _reserve_ids(Employee, len(rows))
            self.employee_ids.update(zip((r.nip for r in rows), ids, strict=True))
            user_ids = self._create_users(rows)
            employee_ids = self.employee_ids
            copy_csv(
                Employee,
                ["id", "nip", *(f.column for f in fields), "supervisor_id", "user_id"],
                (
                    (
                        pk,
                        r.nip,
                        *self._employee_values(r, r.unit_role),
                        employee_ids[r.supervisor_nip] if r.supervisor_nip else None,
                        user_ids.get(r.nip),
                    )
                    for r, pk in zip(rows, ids, strict=True)
                ),
            )
            return ids, True
        user_ids = self._create_users(rows)
        objs = [
            Employee(
                nip=r.nip,
                user_id=user_ids.get(r.nip),
                **{
                    f.attname: v
                    for f, v in zip(fields, self._employee_values(r, r.unit_role), strict=True)
                },
            )
            for r in rows
        ]
        Employee.objects.bulk_create(objs, batch_size=BATCH)
        self.employee_ids.update((obj.nip, obj.pk) for obj in objs)
        return [obj.pk for obj in objs], False

    def _create_users(self, rows: list[EmployeeRow]) -> dict[str, int]:
        """A login (username = NIP, unusable password, role employee) for each new employee.

        An existing account named after the NIP that no employee uses yet is linked instead.
        """
        existing = _ids_by_key(User, "username", [r.nip for r in rows])
        taken = {pk for pk in self.db.employee_users.values() if pk is not None}
        linked = {nip: pk for nip, pk in existing.items() if pk not in taken}
        fresh = [r for r in rows if r.nip not in existing]
        if not fresh:
            return linked
        now = timezone.now()
        values = [
            (_unusable_password(), False, r.nip, "", "", r.email, False, True, now, Role.EMPLOYEE)
            for r in fresh
        ]
        if is_postgres():
            ids = _reserve_ids(User, len(fresh))
            copy_csv(
                User, ["id", *USER_COLUMNS], ((pk, *v) for pk, v in zip(ids, values, strict=True))
            )
            linked.update(zip((r.nip for r in fresh), ids, strict=True))
        else:
            users = [User(**dict(zip(USER_COLUMNS, v, strict=True))) for v in values]
            User.objects.bulk_create(users, batch_size=BATCH)
            linked.update({u.username: u.pk for u in users})
        return linked


def _reserve_ids(model, count: int) -> list[int]:
    """`count` fresh primary keys from the table's sequence (PostgreSQL), in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _opd_values(r: OpdRow) -> tuple:
    """In the order of OPD_FIELDS."""
    return (r.name, r.kind, r.latitude, r.longitude, r.radius_m, r.time_zone, r.active)


# --------------------------------------------------------------------------------------------
# The entry point


def import_org(
    *,
    opds: Upload | None = None,
    units: Upload | None = None,
    employees: Upload | None = None,
    workbook: Upload | None = None,
    dry_run: bool = False,
    keep_good_rows: bool = False,
    today: dt.date | None = None,
) -> ImportResult:
    """Read, check and (unless `dry_run`, and only if clean unless `keep_good_rows`) write.

    Every problem is in `errors`; `counts` says per sheet how many rows were (or, when nothing is
    written, would be) created, updated, left unchanged, and skipped.
    """
    tables, read_errors = read_uploads(
        opds=opds, units=units, employees=employees, workbook=workbook
    )
    return import_tables(
        tables=tables,
        read_errors=read_errors,
        dry_run=dry_run,
        keep_good_rows=keep_good_rows,
        today=today,
    )


def import_tables(
    *,
    tables: dict[str, Table],
    read_errors: list[RowError] | None = None,
    dry_run: bool = False,
    keep_good_rows: bool = False,
    today: dt.date | None = None,
) -> ImportResult:
    today = today or timezone.localdate()
    errors = list(read_errors or [])
    if not tables and not errors:
        errors.append(
            RowError(
                "-",
                None,
                "",
                _("Tidak ada berkas untuk diimpor: berikan opds, units atau employees."),
            )
        )
    try:
        return _import(tables, errors, dry_run=dry_run, keep_good_rows=keep_good_rows, today=today)
    except IntegrityError as exc:
        # another session changed the registry between the checks and the write
        errors.append(
            RowError(
                "-",
                None,
                "",
                _(
                    "Data berubah selama impor sehingga tidak ada yang disimpan; ulangi impor. "
                    "(%(error)s)"
                )
                % {"error": exc},
            )
        )
        return ImportResult(
            counts={}, errors=errors, written=False, dry_run=dry_run, keep_good_rows=keep_good_rows
        )


@transaction.atomic
def _import(tables, errors, *, dry_run, keep_good_rows, today) -> ImportResult:
    db = _Db.load(with_employees="employees" in tables)
    checker = _Checker(tables, db, today)
    checker.parse_opds()
    checker.check_opd_refs()
    checker.parse_units()
    checker.parse_employees()
    checker.check_unit_and_employee_refs()
    errors.extend(_sorted(checker.errors, tables))
    plan, counts = _plan(checker)
    write = not dry_run and (keep_good_rows or not errors)
    if write:
        _Writer(plan, today).run()
    written = write and any(c.created or c.updated for c in counts.values())
    return ImportResult(
        counts=counts,
        errors=errors,
        written=written,
        dry_run=dry_run,
        keep_good_rows=keep_good_rows,
    )


def _sorted(errors: list[RowError], tables: dict[str, Table]) -> list[RowError]:
    order = {table.file: SHEETS.index(sheet) for sheet, table in tables.items()}
    return sorted(errors, key=lambda e: (order.get(e.file, 9), e.file, e.row or 0))


# --------------------------------------------------------------------------------------------
# Imports from the HR page: upload and preview, then confirm


def create_batch(*, user: User, uploads: dict[str, Upload], keep_good_rows: bool) -> ImportBatch:
    """Keep the uploaded files and preview them (a dry run) so HR can confirm."""
    batch = ImportBatch(created_by=user, keep_good_rows=keep_good_rows)
    for kind, upload in uploads.items():
        setattr(batch, f"{kind}_name", upload.name)
        setattr(batch, f"{kind}_data", upload.data)
    result = import_org(**uploads, dry_run=True, keep_good_rows=keep_good_rows)
    batch.result = result.as_dict()
    batch.save()
    return batch


def batch_uploads(batch: ImportBatch) -> dict[str, Upload]:
    uploads = {}
    for kind in (*SHEETS, "workbook"):
        data = getattr(batch, f"{kind}_data")
        if data is not None:
            uploads[kind] = Upload(name=getattr(batch, f"{kind}_name"), data=bytes(data))
    return uploads


def run_batch(*, batch_id: int, today: dt.date | None = None) -> ImportBatch:
    """Run a previewed batch for real, once: a second confirm finds it no longer previewed.

    The files are checked again (the registry may have changed since the preview). The batch ends
    `done`, or `failed` when errors stopped an all-or-nothing import.
    """
    claimed = (
        ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.PREVIEWED).update(
            status=ImportStatus.RUNNING
        )
        == 1
    )
    batch = ImportBatch.objects.get(pk=batch_id)
    if not claimed:
        return batch
    try:
        result = import_org(
            **batch_uploads(batch), keep_good_rows=batch.keep_good_rows, today=today
        )
    except Exception:
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportStatus.FAILED, finished_at=timezone.now()
        )
        raise
    blocked = bool(result.errors) and not result.keep_good_rows
    batch.status = ImportStatus.FAILED if blocked else ImportStatus.DONE
    batch.result = result.as_dict()
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "result", "finished_at"])
    return batch


def errors_csv(errors: Iterable[RowError]) -> bytes:
    """The errors of an import as a CSV (file, row, column, reason) for a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("berkas"), _("baris"), _("kolom"), _("alasan")])
    for e in errors:
        writer.writerow([e.file, e.row or "", e.column, e.message])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def batch_file_names(batch: ImportBatch) -> list[str]:
    return [
        getattr(batch, f"{kind}_name")
        for kind in (*SHEETS, "workbook")
        if getattr(batch, f"{kind}_name")
    ]
