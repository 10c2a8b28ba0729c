"""import_sanctions: disciplinary sanctions (and their examinations) from a CSV or XLSX.

Columns `nip,kind,start,end,reference,note`; `nip`, `kind` and `start` are required. `kind` is
examination, light, moderate or severe, or HR's words for them (pemeriksaan, sedang diperiksa,
ringan, sedang, berat; opd.importing.words); dates as 2025-10-01, 01/10/2025 or 1 Oktober 2025;
an empty `end` means not ended yet. A row is keyed by (nip, kind, start): importing it again
updates its end, reference and note. All rows or none: every problem is reported with its row
and column, and an OPD admin may only record sanctions of the staff of their own OPDs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from common.tabular import ReadError, RowError, Upload, read_records
from opd import access
from opd.importing import free_text, words
from opd.importing.cells import nip_text, parse_date, scientific_hint
from opd.importing.errors import CellError
from opd.models import DisciplinarySanction, Employee
from opd.nip import NipError, parse_nip

COLUMNS = ("nip", "kind", "start", "end", "reference", "note")
REQUIRED = ("nip", "kind", "start")
TEMPLATE_EXAMPLE = {
    "nip": "198503302003121002",
    "kind": "sedang",
    "start": "2026-09-01",
    "end": "2027-08-31",
    "reference": "800.1.6.4/123/BKPSDM",
    "note": "",
}


@dataclass
class SanctionImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def read_kind(text: str) -> str | None:
    norm = free_text.normalise(text)
    for kind, phrases in words.SANCTION_PHRASES:
        if any(f" {free_text.normalise(p)} " in f" {norm} " for p in phrases):
            return kind
    return None


def _day(text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except CellError:
        found = free_text.find_date(text)  # raises CellError for a date not in the calendar
        if found is None:
            raise
        return found


@dataclass
class _Row:
    number: int
    employee: Employee
    kind: str
    start: dt.date
    end: dt.date | None
    reference: str
    note: str


def _check(
    records: list[tuple[int, dict]], file: str, user: User | None, errors: list[RowError]
) -> list[_Row]:
    def error(number: int, column: str, message: str) -> None:
        errors.append(RowError(file=file, row=number, column=column, message=message))

    nips = {nip_text(r.get("nip", "")) for _n, r in records}
    employees = {e.nip: e for e in Employee.objects.filter(nip__in=nips).select_related("opd")}
    rows: list[_Row] = []
    first: dict[tuple[str, str, dt.date], int] = {}
    for number, cells in records:
        before = len(errors)
        nip = nip_text(cells.get("nip", ""))
        employee = None
        try:
            nip = parse_nip(nip).nip
        except NipError as exc:
            error(number, "nip", str(exc) + scientific_hint(nip))
        else:
            employee = employees.get(nip)
            if employee is None:
                error(number, "nip", _("NIP %(nip)s tidak terdaftar.") % {"nip": nip})
            elif user is not None and not access.can_manage_opd(user, employee.opd):
                error(
                    number,
                    "nip",
                    _("Pegawai %(nip)s bukan pegawai OPD yang Anda kelola.") % {"nip": nip},
                )
        kind_text = cells.get("kind", "")
        kind = read_kind(kind_text) if kind_text else None
        if kind is None:
            error(
                number,
                "kind",
                _(
                    "Jenis %(value)s tidak dikenal; isi pemeriksaan, ringan, sedang atau berat "
                    "(juga examination, light, moderate, severe)."
                )
                % {"value": kind_text}
                if kind_text
                else _("Wajib diisi: pemeriksaan, ringan, sedang atau berat."),
            )
        dates: dict[str, dt.date | None] = {}
        for column in ("start", "end"):
            text = cells.get(column, "")
            if column == "start" and not text:
                error(number, column, _("Wajib diisi."))
                continue
            try:
                dates[column] = _day(text)
            except CellError as exc:
                error(number, column, str(exc))
        start, end = dates.get("start"), dates.get("end")
        if start and end and end < start:
            error(number, "end", _("Tanggal akhir sebelum tanggal mulai."))
        reference = " ".join(cells.get("reference", "").split())
        note = " ".join(cells.get("note", "").split())
        for column, value, limit in (("reference", reference, 100), ("note", note, 200)):
            if len(value) > limit:
                error(
                    number,
                    column,
                    _("Terlalu panjang: %(n)d karakter, paling banyak %(limit)d.")
                    % {"n": len(value), "limit": limit},
                )
        if len(errors) > before or employee is None or kind is None or start is None:
            continue
        key = (employee.nip, kind, start)
        if key in first:
            error(
                number,
                "start",
                _("Hukuman yang sama (NIP, jenis, mulai) sudah ada di baris %(row)d.")
                % {"row": first[key]},
            )
            continue
        first[key] = number
        rows.append(_Row(number, employee, kind, start, end, reference, note))
    return rows


@transaction.atomic
def sanctions_import(
    *, upload: Upload, user: User | None = None, dry_run: bool = False
) -> SanctionImportResult:
    """Check every row, then write all of them (or, with errors or `dry_run`, none). `user`,
    when given, limits the rows to the employees they may manage (opd.access)."""
    result = SanctionImportResult(dry_run=dry_run)
    try:
        records = read_records(upload, columns=COLUMNS, required=REQUIRED)
    except ReadError as exc:
        result.errors.append(exc.error)
        return result
    rows = _check(records, upload.name, user, result.errors)
    if not records and not result.errors:
        result.errors.append(
            RowError(file=upload.name, row=None, message=_("Berkas tidak berisi baris data."))
        )
    existing = {
        (s.employee_id, s.kind, s.start): s
        for s in DisciplinarySanction.objects.select_for_update(of=("self",))
        .filter(employee_id__in={r.employee.pk for r in rows})
        .order_by()  # no ordering join: PostgreSQL refuses FOR UPDATE on its nullable side
    }
    new, changed = [], []
    for r in rows:
        current = existing.get((r.employee.pk, r.kind, r.start))
        if current is None:
            new.append(
                DisciplinarySanction(
                    employee=r.employee,
                    kind=r.kind,
                    start=r.start,
                    end=r.end,
                    reference=r.reference,
                    note=r.note,
                    created_by=user,
                )
            )
        elif (current.end, current.reference, current.note) != (r.end, r.reference, r.note):
            current.end, current.reference, current.note = r.end, r.reference, r.note
            changed.append(current)
        else:
            result.unchanged += 1
    result.created, result.updated = len(new), len(changed)
    if result.errors or dry_run:
        return result
    DisciplinarySanction.objects.bulk_create(new, batch_size=2000)
    DisciplinarySanction.objects.bulk_update(changed, ["end", "reference", "note"])
    result.written = bool(new or changed)
    return result
