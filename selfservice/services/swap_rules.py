"""Every rule a swap must keep, in `swap_check`: used by the preview, by the request, again when
the colleague agrees and again by the approval (the schedule may have moved in between). The
limits are wfh.limits, the same checks as the roster's single-day edit, counted on the published
schedule of that day:

- both people have a published working day there, in the same unit, with opposite modes (WFH and
  WFO; never a leave day), and the day is still ahead in the OPD's time zone;
- the one who becomes WFH may work from home: not a frontline unit, eligible, and within the
  phase's weekly cap in that ISO week;
- the unit keeps its minimum on site (a swap inside a unit keeps the count, so this fails only
  where the unit is already short), and in a rotation a unit head and deputy are not both WFH.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from opd.models import Employee, Opd
from selfservice.models import OPEN_SWAP_STATUSES, SwapRequest
from wfh import limits
from wfh.calendar import working_days
from wfh.dates import long_date
from wfh.models import Mode, PatternKind, ScheduleDay, Source


def local_today(opd: Opd) -> dt.date:
    """Today in the OPD's time zone (WIB, WITA or WIT)."""
    return opd.local_today()


@dataclass
class SwapCheck:
    """What the preview says and what the request and the approval require."""

    day: dt.date
    requester_mode: str | None = None
    colleague_mode: str | None = None
    problems: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    requester_row: ScheduleDay | None = None
    colleague_row: ScheduleDay | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def swap_check(
    *,
    requester: Employee,
    colleague: Employee | None,
    day: dt.date,
    today: dt.date | None = None,
    lock: bool = False,
    ignore_swap_id: int | None = None,
) -> SwapCheck:
    """Every rule a swap of `requester` and `colleague` on `day` must keep, on the published
    schedule as it is now. `lock` takes row locks on the unit's day (for the approval)."""
    check = SwapCheck(day=day)
    today = today or local_today(requester.opd)
    if day <= today:
        check.problems.append(
            _("Tanggal %(day)s sudah lewat atau hari ini: tukar jadwal hanya untuk hari mendatang.")
            % {"day": long_date(day)}
        )
        return check
    if colleague is None:
        check.problems.append(_("Pilih rekan untuk bertukar jadwal."))
        return check
    if colleague.pk == requester.pk:
        check.problems.append(_("Pilih rekan lain: tidak dapat bertukar dengan diri sendiri."))
        return check
    rows = ScheduleDay.objects.filter(
        employee_id__in=(requester.pk, colleague.pk), day=day
    ).select_related("phase", "unit", "employee")
    if lock:
        rows = rows.select_for_update(of=("self",))
    by_emp = {r.employee_id: r for r in rows}
    mine, theirs = by_emp.get(requester.pk), by_emp.get(colleague.pk)
    check.requester_row, check.colleague_row = mine, theirs
    if mine is None:
        check.problems.append(
            _("Anda tidak punya jadwal terbit pada %(day)s (hari libur atau belum terbit).")
            % {"day": long_date(day)}
        )
        return check
    if theirs is None:
        check.problems.append(
            _("%(name)s tidak punya jadwal terbit pada %(day)s.")
            % {"name": colleague.name, "day": long_date(day)}
        )
        return check
    check.requester_mode, check.colleague_mode = mine.mode, theirs.mode
    if day not in working_days(day, day, opd_id=mine.opd_id):
        check.problems.append(
            _("%(day)s bukan hari kerja lagi (ada libur baru).") % {"day": long_date(day)}
        )
        return check
    if mine.unit_id is None or mine.unit_id != theirs.unit_id:
        check.problems.append(
            _("%(name)s bukan rekan satu unit Anda pada %(day)s: tukar hanya di dalam satu unit.")
            % {"name": colleague.name, "day": long_date(day)}
        )
        return check
    if colleague.pk == requester.supervisor_id:
        # the supervisor approves the swap: they would approve their own day (the other checks
        # still run, so every reason is named at once)
        check.problems.append(
            _("%(name)s adalah atasan yang menyetujui tukar jadwal Anda: pilih rekan lain.")
            % {"name": colleague.name}
        )
    if {mine.source, theirs.source} & {Source.DECLARED, Source.ORDER}:
        # a declared day or an individual order outranks a swap (wfh.overrides.precedence)
        check.problems.append(
            _("%(day)s ditetapkan BKPSDM atau oleh perintah WFH: hari itu tidak dapat ditukar.")
            % {"day": long_date(day)}
        )
        return check
    if Mode.LEAVE in (mine.mode, theirs.mode):
        who = requester.name if mine.mode == Mode.LEAVE else colleague.name
        check.problems.append(
            _("%(name)s cuti/izin/dinas pada %(day)s: hari cuti tidak dapat ditukar.")
            % {"name": who, "day": long_date(day)}
        )
        return check
    if mine.mode == theirs.mode:
        check.problems.append(
            _(
                "Anda dan %(name)s sama-sama %(mode)s pada %(day)s: "
                "tukar butuh mode yang berlawanan."
            )
            % {"name": colleague.name, "mode": mine.mode, "day": long_date(day)}
        )
        return check
    check.passed.append(
        _("Anda %(mine)s dan %(name)s %(theirs)s pada %(day)s, satu unit (%(unit)s).")
        % {
            "mine": mine.mode,
            "name": colleague.name,
            "theirs": theirs.mode,
            "day": long_date(day),
            "unit": mine.unit.name,
        }
    )
    going_home = mine if mine.mode == Mode.WFO else theirs
    coming_in = theirs if going_home is mine else mine
    _check_going_home(check, going_home, coming_in)
    _check_unit(check, mine, going_home, coming_in, lock)
    pending = SwapRequest.objects.filter(status__in=OPEN_SWAP_STATUSES, day=day).filter(
        requester_id__in=(requester.pk, colleague.pk)
    ) | SwapRequest.objects.filter(status__in=OPEN_SWAP_STATUSES, day=day).filter(
        colleague_id__in=(requester.pk, colleague.pk)
    )
    if ignore_swap_id:
        pending = pending.exclude(pk=ignore_swap_id)
    if pending.exists():
        check.problems.append(
            _(
                "Sudah ada permintaan tukar yang menunggu persetujuan untuk Anda atau %(name)s "
                "pada %(day)s. Batalkan atau tunggu keputusannya dahulu."
            )
            % {"name": colleague.name, "day": long_date(day)}
        )
    return check


def _check_going_home(check: SwapCheck, going_home: ScheduleDay, coming_in: ScheduleDay) -> None:
    emp, unit, phase = going_home.employee, going_home.unit, going_home.phase
    problem = limits.frontline(
        unit_name=unit.name, is_frontline=unit.frontline, name=emp.name
    ) or limits.eligibility(
        eligible=emp.wfh_eligible, name=emp.name, why=emp.get_ineligible_reason_display()
    )
    if problem:
        check.problems.append(problem)
        return
    monday, sunday = limits.week_bounds(check.day)
    week_wfh = ScheduleDay.objects.filter(
        employee_id=emp.pk, mode=Mode.WFH, day__gte=monday, day__lte=sunday
    ).count()
    problem = limits.weekly_cap(
        name=emp.name, wfh_days=week_wfh, cap=phase.weekly_cap, day=check.day
    )
    if problem:
        check.problems.append(problem)
    else:
        check.passed.append(
            _(
                "Batas mingguan terjaga: %(name)s menjadi %(n)s hari WFH pada minggu itu "
                "(maksimal %(cap)s); %(other)s berkurang satu hari WFH."
            )
            % {
                "name": emp.name,
                "n": week_wfh + 1,
                "cap": phase.weekly_cap,
                "other": coming_in.employee.name,
            }
        )


def _check_unit(
    check: SwapCheck, mine: ScheduleDay, going_home: ScheduleDay, coming_in: ScheduleDay, lock: bool
) -> None:
    unit, phase = mine.unit, mine.phase
    day_rows = ScheduleDay.objects.filter(unit_id=unit.pk, day=check.day, opd_id=mine.opd_id)
    if lock:
        day_rows = day_rows.select_for_update(of=("self",))
    modes = list(day_rows.values_list("employee_id", "mode", "employee__unit_role"))
    onsite = sum(1 for _e, mode, _r in modes if mode == Mode.WFO)  # a swap keeps this count
    problem = limits.onsite_minimum(
        unit_name=unit.name, onsite=onsite, minimum=unit.min_onsite, day=check.day
    )
    if problem:
        check.problems.append(problem + " " + _("Tukar ini tidak menambahnya; hubungi admin OPD."))
    else:
        check.passed.append(
            _("Batas minimal di kantor terjaga: unit %(unit)s tetap %(n)s orang (minimal %(min)s).")
            % {"unit": unit.name, "n": onsite, "min": unit.min_onsite}
        )
    partner = limits.LEADER_PARTNER.get(going_home.employee.unit_role)
    problem = limits.leaders(
        rotation=phase.pattern == PatternKind.ROTATION,
        partner_home=any(
            mode == Mode.WFH and role == partner and emp != coming_in.employee_id
            for emp, mode, role in modes
        ),
    )
    if partner and problem:
        check.problems.append(problem)
