"""Single-day edits on a draft grid, checked against every limit of the phase (wfh.limits)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opd import access
from wfh import limits
from wfh.models import Assignment, AssignmentChange, Mode, PatternKind, Roster, Source


@transaction.atomic
def assignment_change(
    *, roster: Roster, employee_id: int, day: dt.date, mode: str, user, reason: str
) -> Assignment:
    """A single-day edit on a draft grid, checked against every limit of the phase.

    Raises ValidationError whose message names the limit the change would break.
    """
    if not access.can_manage_opd(user, roster.opd):
        raise PermissionDenied
    if roster.workflow not in Roster.EDITABLE_WORKFLOWS or roster.status != Roster.Status.READY:
        raise ValidationError(_("Hanya draf yang sudah siap yang dapat diubah; buat versi baru."))
    if mode not in (Mode.WFH, Mode.WFO):
        raise ValidationError(
            _("Hanya WFH atau WFO yang dapat dipilih; cuti berasal dari data cuti.")
        )
    if not reason.strip():
        raise ValidationError(_("Tuliskan alasan perubahan."))
    cell = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("employee", "unit")
        .filter(roster=roster, employee_id=employee_id, day=day)
        .first()
    )
    if cell is None:
        raise ValidationError(
            _("Tidak ada jadwal untuk pegawai ini pada tanggal itu (hari libur?).")
        )
    if cell.mode == Mode.LEAVE:
        raise ValidationError(_("Pegawai sedang cuti/izin/dinas pada tanggal itu."))
    if cell.mode == mode:
        return cell
    _check_limits(roster=roster, cell=cell, new_mode=mode)
    AssignmentChange.objects.create(
        roster=roster,
        employee_id=employee_id,
        day=day,
        old_mode=cell.mode,
        new_mode=mode,
        reason=reason.strip(),
        changed_by=user,
    )
    cell.mode, cell.source, cell.reason = mode, Source.MANUAL, "manual"
    cell.save(update_fields=["mode", "source", "reason"])
    return cell


def _check_limits(*, roster: Roster, cell: Assignment, new_mode: str) -> None:
    """The limits of wfh.limits for one cell turning WFH, counted on this version's cells."""
    if new_mode != Mode.WFH:
        return  # going to the office keeps every limit
    phase, emp, unit = roster.phase, cell.employee, cell.unit
    day_rows = Assignment.objects.filter(roster=roster, day=cell.day, unit=unit).exclude(pk=cell.pk)
    monday, sunday = limits.week_bounds(cell.day)
    week_wfh = Assignment.objects.filter(
        roster=roster, employee=emp, mode=Mode.WFH, day__gte=monday, day__lte=sunday
    ).count()
    problem = (
        limits.frontline(
            unit_name=unit.name if unit else "",
            is_frontline=bool(unit and unit.frontline),
            name=emp.name,
        )
        or limits.eligibility(
            eligible=emp.wfh_eligible, name=emp.name, why=emp.get_ineligible_reason_display()
        )
        or limits.weekly_cap(name=emp.name, wfh_days=week_wfh, cap=phase.weekly_cap, day=cell.day)
        or limits.onsite_minimum(
            unit_name=unit.name if unit else "",
            onsite=day_rows.filter(mode=Mode.WFO).count(),
            minimum=unit.min_onsite if unit else 0,
            day=cell.day,
        )
    )
    if problem is None and phase.pattern == PatternKind.ROTATION:
        present = day_rows.exclude(mode=Mode.LEAVE).filter(employee__wfh_eligible=True).count() + 1
        partner = limits.LEADER_PARTNER.get(emp.unit_role)
        problem = limits.rotation_ratio(
            wfh_after=day_rows.filter(mode=Mode.WFH).count() + 1,
            ratio=float(phase.ratio),
            present=present,
        ) or limits.leaders(
            rotation=True,
            partner_home=bool(
                partner and day_rows.filter(mode=Mode.WFH, employee__unit_role=partner).exists()
            ),
        )
    if problem:
        raise ValidationError(problem)
