"""The employees sheet: each row parsed, then its OPD, unit and supervisor, supervisor loops, and
one head per unit."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from opd.importing.cells import (
    ASN_TYPES,
    MISSING,
    ROLE_CODES,
    YES_NO_CODES,
    nip_text,
    parse_date,
    parse_email,
    parse_max_len,
    parse_reason,
    parse_role,
    parse_yes_no,
    scientific_hint,
)
from opd.importing.checks import Checks
from opd.importing.checks_units import unit_ref
from opd.importing.free_text import ReasonReading, describe_reading, tidy
from opd.importing.rows import EmployeeRow
from opd.models import IneligibleReason, UnitRole
from opd.nip import NipError, parse_nip


def parse_employees(checks: Checks) -> None:
    """Each row of the employees sheet as an EmployeeRow (NIP rules, eligibility, dates)."""
    if "employees" not in checks.tables:
        return
    index = checks.columns("employees")
    if index is None:
        return
    today = checks.today
    db_employees = checks.db.employees
    first_row: dict[str, int] = {}
    sheet = "employees"
    for number, cells in checks.cells(sheet, index):
        ok = True
        raw_nip = nip_text(cells["nip"])
        try:
            info = parse_nip(raw_nip, today=today)
        except NipError as exc:
            checks.error(sheet, number, "nip", str(exc) + scientific_hint(raw_nip))
            checks.bad_rows[sheet] += 1
            continue
        nip = info.nip
        if nip in first_row:
            checks.error(
                sheet,
                number,
                "nip",
                _("NIP %(nip)s sudah ada di baris %(row)d.") % {"nip": nip, "row": first_row[nip]},
            )
            checks.bad_rows[sheet] += 1
            continue
        first_row[nip] = number
        current = db_employees.get(nip)
        if current is not None:
            rec = EmployeeRow(number, nip, *current.values())
        else:
            rec = EmployeeRow(number, nip)
        name = cells["name"]
        if not name:
            checks.error(sheet, number, "name", _("Wajib diisi."))
            ok = False
        elif len(name) > 200:
            name, ok = checks.field(sheet, number, ok, "name", parse_max_len, name, 200)
        rec.name = name
        asn_type = cells.get("asn_type", "")
        if asn_type:
            given = ASN_TYPES.get(asn_type.lower())
            if given is None:
                checks.error(
                    sheet,
                    number,
                    "asn_type",
                    _("Jenis ASN %(value)s tidak dikenal; isi PNS atau PPPK.")
                    % {"value": asn_type},
                )
                ok = False
            elif given != info.asn_type:
                checks.error(
                    sheet,
                    number,
                    "asn_type",
                    _("Jenis ASN %(given)s tidak sesuai dengan NIP, yang berbentuk %(nip_type)s.")
                    % {"given": given, "nip_type": info.asn_type},
                )
                ok = False
        rec.asn_type = info.asn_type
        opd_code = cells["opd_code"]
        if not opd_code:
            checks.error(sheet, number, "opd_code", _("Wajib diisi."))
            ok = False
        rec.opd_code = opd_code
        if "unit_code" in cells:
            rec.unit_code = cells["unit_code"] or None
        if "position" in cells:
            rec.position, ok = checks.field(
                sheet, number, ok, "position", parse_max_len, tidy(cells["position"]), 200
            )
        if "role" in cells:
            role = cells["role"]
            if role:
                rec.unit_role, ok = checks.field(sheet, number, ok, "role", parse_role, role)
                if rec.unit_role is not MISSING and role.lower() not in ROLE_CODES:
                    checks.read_as(sheet, number, "role", role, str(UnitRole(rec.unit_role).label))
            else:
                rec.unit_role = UnitRole.STAFF
        if "supervisor_nip" in cells:
            sup = nip_text(cells["supervisor_nip"])
            if sup == nip:
                checks.error(
                    sheet,
                    number,
                    "supervisor_nip",
                    _("Pegawai tidak boleh menjadi atasan dirinya sendiri."),
                )
                ok = False
            rec.supervisor_nip = sup or None
        reading, ok = _read_reason(checks, number, rec, cells, ok)
        if "email" in cells:
            rec.email, ok = checks.field(sheet, number, ok, "email", parse_email, cells["email"])
        if "phone" in cells:
            rec.phone, ok = checks.field(
                sheet, number, ok, "phone", parse_max_len, cells["phone"], 32
            )
        for column in ("new_in_post_since", "active_from", "active_to"):
            if column in cells:
                value, ok = checks.field(sheet, number, ok, column, parse_date, cells[column])
                setattr(rec, column, value)
        if (
            reading is not None
            and reading.since
            and reading.reason == IneligibleReason.NEW_IN_POST
            and not cells.get("new_in_post_since")
        ):
            rec.new_in_post_since = reading.since  # "baru mutasi sejak 2025-10-01"
        if ok and rec.active_from and rec.active_to and rec.active_to < rec.active_from:
            checks.error(
                sheet,
                number,
                "active_to",
                _("Tanggal akhir aktif sebelum tanggal mulai (active_from)."),
            )
            ok = False
        rec.ok = ok
        checks.employees[nip] = rec


def _read_reason(
    checks: Checks, number: int, rec: EmployeeRow, cells: dict, ok: bool
) -> tuple[ReasonReading | None, bool]:
    """wfh_eligible and ineligible_reason. A reason in HR's words is read, never refused (the
    preview says how); a reason alone, with wfh_eligible left empty, means not eligible."""
    sheet = "employees"
    reading = None
    reason = cells.get("ineligible_reason", "")
    if "ineligible_reason" in cells:
        rec.ineligible_reason, rec.ineligible_note = "", ""
        if reason:
            reading, ok = checks.field(sheet, number, ok, "ineligible_reason", parse_reason, reason)
            if reading is MISSING:  # a date in it that is not in the calendar
                reading = None
                rec.ineligible_reason = IneligibleReason.OTHER
            else:
                rec.ineligible_reason = reading.reason
                rec.ineligible_note = reading.note if reading.free else ""
    flag = cells.get("wfh_eligible", "")
    if flag:
        rec.wfh_eligible, ok = checks.field(
            sheet, number, ok, "wfh_eligible", parse_yes_no, flag, True
        )
        if rec.wfh_eligible is not MISSING and flag.lower() not in YES_NO_CODES:
            checks.read_as(
                sheet, number, "wfh_eligible", flag, _("ya") if rec.wfh_eligible else _("tidak")
            )
    elif "wfh_eligible" in cells or reason:
        rec.wfh_eligible = not reason
    if rec.wfh_eligible is True:
        if reason:
            checks.error(
                sheet,
                number,
                "ineligible_reason",
                _(
                    "Alasan diisi padahal wfh_eligible = ya; kosongkan alasan atau isi "
                    "wfh_eligible = tidak."
                ),
            )
            ok = False
        rec.ineligible_reason, rec.ineligible_note = "", ""
    elif rec.wfh_eligible is False and not rec.ineligible_reason:
        checks.error(
            sheet,
            number,
            "ineligible_reason",
            _(
                "Isi alasan bila pegawai tidak boleh WFH, mis. hukuman disiplin, baru mutasi "
                "sejak 2025-10-01, layanan langsung, atau keterangan lain."
            ),
        )
        ok = False
    if reading is not None:
        checks.read_as(sheet, number, "ineligible_reason", reason, describe_reading(reading))
    return reading, ok


def check_employee_refs(checks: Checks) -> None:
    """OPD, unit and supervisor references; then supervisor loops and unit heads."""
    if not checks.employees:
        return
    subordinates: dict[str, list[EmployeeRow]] = defaultdict(list)
    work: list[str] = []
    for rec in checks.employees.values():
        if rec.supervisor_nip:
            subordinates[rec.supervisor_nip].append(rec)
        if not rec.ok:
            work.append(rec.nip)
            continue
        rec.ok = bool(
            (not rec.opd_code or checks.opd_ref("employees", rec.row, "opd_code", rec.opd_code))
            and (not rec.unit_code or unit_ref(checks, rec.row, rec.opd_code, rec.unit_code))
            and (not rec.supervisor_nip or _supervisor_ref(checks, rec, rec.supervisor_nip))
        )
        if not rec.ok:
            work.append(rec.nip)
    checks.cascade(work, subordinates, lambda rec, nip: _supervisor_ref(checks, rec, nip))
    _check_supervisor_loops(checks, subordinates)
    _check_heads(checks, subordinates)


def _supervisor_ref(checks: Checks, rec: EmployeeRow, nip: str) -> bool:
    boss = checks.employees.get(nip)
    if (boss is not None and boss.ok) or nip in checks.db.employees:
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
        message += scientific_hint(nip)
    checks.error("employees", rec.row, "supervisor_nip", message)
    return False


def _check_supervisor_loops(checks: Checks, subordinates: dict[str, list[EmployeeRow]]) -> None:
    boss_of = {nip: rec.supervisor_nip for nip, rec in checks.db.employees.items()}
    boss_of.update({nip: rec.supervisor_nip for nip, rec in checks.employees.items() if rec.ok})
    work = checks.flag_loops(
        boss_of,
        checks.employees,
        "employees",
        "supervisor_nip",
        _("Rantai atasan berputar: %(loop)s."),
    )
    checks.cascade(work, subordinates, lambda rec, nip: _supervisor_ref(checks, rec, nip))


def _check_heads(checks: Checks, subordinates: dict[str, list[EmployeeRow]]) -> None:
    """At most one head per unit, counting database heads the import leaves in place."""
    db_heads: dict[tuple[str, str], str] = {}
    for nip, current in checks.db.employees.items():
        if current.unit_role == UnitRole.HEAD and current.unit_code:
            rec = checks.employees.get(nip)
            if rec is None or not rec.ok:
                db_heads[(current.opd_code, current.unit_code)] = nip
    first: dict[tuple[str, str], EmployeeRow] = {}
    # A head whose row keeps them heading the same unit stays; a newcomer is the extra head,
    # wherever the two rows are in the file.
    for rec in checks.employees.values():
        current = checks.db.employees.get(rec.nip)
        if (
            current is not None
            and rec.ok
            and rec.unit_role == current.unit_role == UnitRole.HEAD
            and (rec.opd_code, rec.unit_code) == (current.opd_code, current.unit_code)
        ):
            first[(rec.opd_code, rec.unit_code)] = rec
    work = []
    for rec in checks.employees.values():
        if not (rec.ok and rec.unit_role == UnitRole.HEAD and rec.unit_code):
            continue
        key = (rec.opd_code, rec.unit_code)
        if first.get(key) is rec:
            continue
        if key in db_heads:
            holder = checks.db.employees[db_heads[key]]
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
        checks.error("employees", rec.row, "role", message)
        rec.ok = False
        work.append(rec.nip)
    checks.cascade(work, subordinates, lambda rec, nip: _supervisor_ref(checks, rec, nip))
