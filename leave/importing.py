"""The leave import: rows of a file (nip, kind, start, end, status, note) checked as one entry is
(leave.services.leave_check), every failure reported with its row and column, and then all rows
stored or none."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.tabular import RowError
from leave.models import LeaveRecord, LeaveStatus
from leave.selectors import active_overlapping
from leave.services import describe, leave_changed_send, leave_check, leave_record_new
from leave.signals import LeaveChange
from opd.models import Employee


class LeaveImportError(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def _date(value: str, column: str, row: int, errors: list[RowError]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        message = _("%(value)r bukan tanggal YYYY-MM-DD.") % {"value": value}
        errors.append(RowError(row=row, column=column, message=message))
        return None


@dataclass
class _Row:
    number: int
    employee: Employee | None
    kind: str
    start: dt.date | None
    end: dt.date | None
    status: str
    note: str
    wrong: set[str]  # the columns already reported (an unknown NIP, a date that is none)


def _read(rows: list[tuple[int, dict]], errors: list[RowError]) -> list[_Row]:
    """Each row's cells as values: the employee of its NIP, its dates (a wrong NIP or date is
    an error of its own; the rest is `leave_check`'s)."""
    nips = {str(r.get("nip") or "").strip() for _n, r in rows}
    # one import at a time per employee, as one entry at a time (leave_create)
    employees = {
        e.nip: e
        for e in Employee.objects.select_for_update(of=("self",))
        .select_related("opd")
        .filter(nip__in=nips)
    }
    read = []
    for number, row in rows:
        before = len(errors)
        nip = str(row.get("nip") or "").strip()
        employee = employees.get(nip)
        if not nip:
            errors.append(RowError(row=number, column="nip", message=_("NIP wajib diisi.")))
        elif employee is None:
            message = _("NIP %(nip)s tidak terdaftar.") % {"nip": nip}
            errors.append(RowError(row=number, column="nip", message=message))
        start = _date(str(row.get("start") or ""), "start", number, errors)
        end = _date(str(row.get("end") or ""), "end", number, errors)
        read.append(
            _Row(
                number=number,
                employee=employee,
                kind=str(row.get("kind") or "").strip().lower(),
                start=start,
                end=end,
                status=str(row.get("status") or "").strip().lower() or LeaveStatus.APPROVED,
                note=str(row.get("note") or ""),
                wrong={e.column for e in errors[before:]},
            )
        )
    return read


@transaction.atomic
def leave_import(
    *,
    rows: list[tuple[int, dict]],
    created_by: User | None = None,
    today: dt.date | None = None,
) -> list[LeaveRecord]:
    """Store leave records from (row number, columns) pairs: all of them, or none with errors
    (LeaveImportError, each with its row and column). A row is checked as an entry is
    (`leave_check`, against `today` or its employee's OPD date), also against the file's earlier
    rows for the same employee. Approved rows move the roster, all at once."""
    errors: list[RowError] = []
    read = _read(rows, errors)
    dated = [r for r in read if r.employee is not None and r.start and r.end]
    taken: dict[int, list[LeaveRecord]] = defaultdict(list)
    if dated:
        taken = active_overlapping(
            employee_ids={r.employee.pk for r in dated},
            start=min(r.start for r in dated),
            end=max(r.end for r in dated),
        )
    records: list[LeaveRecord] = []
    for row in read:
        if row.employee is not None:
            row_today = today or row.employee.opd.local_today()
        else:
            row_today = today or timezone.localdate()
        entry = {
            "employee": row.employee,
            "kind": row.kind,
            "start": row.start,
            "end": row.end,
            "status": row.status,
            "note": row.note,
        }
        mine = taken[row.employee.pk] if row.employee is not None else []
        found = leave_check(**entry, today=row_today, taken=mine)
        errors.extend(
            RowError(row=row.number, column=column, message=message)
            for column, message in found.items()
            if column not in row.wrong
        )
        if found or row.wrong:
            continue
        record = leave_record_new(**entry, user=created_by)
        mine.append(record)  # a later row of the file may not overlap it
        records.append(record)
    if errors:
        errors.sort(key=lambda e: e.row)
        raise LeaveImportError(errors)
    created = LeaveRecord.objects.bulk_create(records)
    leave_changed_send(
        changes=[
            LeaveChange(
                employee=r.employee,
                start=r.start,
                end=r.end,
                reason=_("Impor cuti: %(what)s") % {"what": describe(r)},
            )
            for r in created
            if r.status == LeaveStatus.APPROVED
        ],
        user=created_by,
        today=today,
    )
    return created
