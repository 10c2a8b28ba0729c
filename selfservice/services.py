"""The employee's own schedule: iCal tokens, the swap check, and the swap's life cycle.

Every rule a swap must keep lives in `swap_check`, used by the preview, by the request, again when
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
import hashlib
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from opd import access
from opd.models import Employee, Opd, Unit
from selfservice.models import OPEN_SWAP_STATUSES, CalendarToken, SwapRequest, SwapStatus
from wfh import limits
from wfh.calendar import working_days
from wfh.dates import long_date
from wfh.models import Assignment, AssignmentChange, Mode, PatternKind, Roster, ScheduleDay, Source

TOKEN_BYTES = 32
HINT_CHARS = 6


def local_today(opd: Opd) -> dt.date:
    """Today in the OPD's time zone (WIB, WITA or WIT)."""
    return opd.local_today()


# -- iCal tokens ----------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def ical_token_create(*, employee: Employee) -> str:
    """Revoke the employee's live token, if any, and make a new one. Returns the token itself,
    which is stored nowhere: the caller shows it once."""
    # one token maker at a time per employee (Employee's default ordering joins the unit)
    list(Employee.objects.select_for_update(of=("self",)).filter(pk=employee.pk).order_by())
    CalendarToken.objects.filter(employee=employee, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    CalendarToken.objects.create(
        employee=employee, token_hash=token_hash(token), hint=token[:HINT_CHARS]
    )
    return token


def ical_token_revoke(*, employee: Employee) -> int:
    """Revoke the employee's live token; its address answers 404 from now on."""
    return CalendarToken.objects.filter(employee=employee, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def ical_token_used(*, token: CalendarToken) -> None:
    """Note when a calendar app last fetched the feed (at most one write an hour)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(hours=1):
        CalendarToken.objects.filter(pk=token.pk).update(last_used_at=now)


# -- the swap check -------------------------------------------------------------------------------


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


# -- the swap's life cycle -----------------------------------------------------------------------


def _employee_of(user: User) -> Employee:
    employee = Employee.objects.select_related("opd", "unit").filter(user_id=user.pk).first()
    if employee is None:
        raise PermissionDenied
    return employee


def swap_request_create(
    *, user: User, colleague_id: int, day: dt.date, note: str = "", today: dt.date | None = None
) -> SwapRequest:
    """The logged-in employee asks to swap their mode on `day` with a colleague of their unit.
    The request waits for the colleague's consent first; the colleague is mailed."""
    requester = _employee_of(user)
    # only someone of the requester's own OPD: an id from elsewhere must not reveal a name
    colleague = Employee.objects.filter(pk=colleague_id, opd_id=requester.opd_id).first()
    check = swap_check(requester=requester, colleague=colleague, day=day, today=today)
    if not check.ok:
        raise ValidationError(check.problems)
    try:
        with transaction.atomic():
            swap = SwapRequest.objects.create(
                requester=requester,
                colleague=colleague,
                day=day,
                requester_mode_before=check.requester_mode,
                colleague_mode_before=check.colleague_mode,
                note=note.strip(),
                created_by=user,
            )
    except IntegrityError:
        raise ValidationError(
            _("Sudah ada permintaan tukar Anda yang menunggu untuk %(day)s.")
            % {"day": long_date(day)}
        ) from None
    transaction.on_commit(lambda: _notify_requested(swap.pk))
    return swap


def is_the_colleague(user: User, swap: SwapRequest) -> bool:
    """Only the colleague named in the request agrees or declines."""
    employee_id = access.scope_for(user).employee_id
    return employee_id is not None and employee_id == swap.colleague_id


def can_decide(user: User, swap: SwapRequest) -> bool:
    """HR, or the requester's direct supervisor (once the colleague agreed)."""
    scope = access.scope_for(user)
    if scope.is_hr:
        return True
    return scope.employee_id is not None and swap.requester.supervisor_id == scope.employee_id


def _apply(swap: SwapRequest, check: SwapCheck, user: User) -> None:
    """Both published days and the same cells of every ready, not superseded roster version."""
    why = _("Tukar jadwal #%(id)s: %(a)s dan %(b)s") % {
        "id": swap.pk,
        "a": swap.requester.name,
        "b": swap.colleague.name,
    }
    new_modes = {
        swap.requester_id: swap.colleague_mode_before,
        swap.colleague_id: swap.requester_mode_before,
    }
    rows = [check.requester_row, check.colleague_row]
    for row in rows:
        row.mode, row.source = new_modes[row.employee_id], Source.SWAP
    ScheduleDay.objects.bulk_update(rows, ["mode", "source"])
    phase_id, opd_id = check.requester_row.phase_id, check.requester_row.opd_id
    cells = list(
        Assignment.objects.select_for_update(of=("self",))
        .filter(
            employee_id__in=new_modes,
            day=swap.day,
            roster__phase_id=phase_id,
            roster__opd_id=opd_id,
            roster__status=Roster.Status.READY,
        )
        .exclude(roster__workflow=Roster.Workflow.SUPERSEDED)
        .order_by("roster_id", "employee_id")
    )
    before = {
        swap.requester_id: swap.requester_mode_before,
        swap.colleague_id: swap.colleague_mode_before,
    }
    by_roster: dict[int, list[Assignment]] = {}
    for cell in cells:
        by_roster.setdefault(cell.roster_id, []).append(cell)
    changed, log = [], []
    for roster_cells in by_roster.values():
        # a version where either cell moved away from the swapped modes keeps its own cells
        if len(roster_cells) != 2 or any(c.mode != before[c.employee_id] for c in roster_cells):
            continue
        for cell in roster_cells:
            log.append(
                AssignmentChange(
                    roster_id=cell.roster_id,
                    employee_id=cell.employee_id,
                    day=cell.day,
                    old_mode=cell.mode,
                    new_mode=new_modes[cell.employee_id],
                    reason=why,
                    changed_by=user,
                )
            )
            cell.mode, cell.source, cell.reason = new_modes[cell.employee_id], Source.SWAP, "swap"
            changed.append(cell)
    Assignment.objects.bulk_update(changed, ["mode", "source", "reason"])
    AssignmentChange.objects.bulk_create(log)


def _locked(swap_id: int, *statuses: str) -> SwapRequest:
    """The request, locked, if its status is one of `statuses`; else a ValidationError that says
    where it stands (a supervisor acting too early is told that the colleague has not agreed)."""
    swap = (
        SwapRequest.objects.select_for_update(of=("self",))
        .select_related("requester__opd", "requester__unit", "colleague")
        .get(pk=swap_id)
    )
    if swap.status in statuses:
        return swap
    if swap.status == SwapStatus.COLLEAGUE:
        raise ValidationError(
            _(
                "Permintaan ini masih menunggu persetujuan %(name)s (rekan yang diajak bertukar); "
                "atasan baru dapat memutuskan setelah rekan setuju."
            )
            % {"name": swap.colleague.name}
        )
    raise ValidationError(
        _("Permintaan ini sudah %(status)s.") % {"status": swap.get_status_display()}
    )


def _recheck(swap: SwapRequest, *, today: dt.date | None, lock: bool, moved: str) -> SwapCheck:
    """`swap_check` again on the schedule as it is now, plus: both modes are still those the
    request was made on (else the problem is `moved`). Raises ValidationError naming what broke."""
    check = swap_check(
        requester=swap.requester,
        colleague=swap.colleague,
        day=swap.day,
        today=today,
        lock=lock,
        ignore_swap_id=swap.pk,
    )
    if check.ok and (
        check.requester_mode != swap.requester_mode_before
        or check.colleague_mode != swap.colleague_mode_before
    ):
        check.problems.append(moved)
    if not check.ok:
        raise ValidationError(check.problems)
    return check


@transaction.atomic
def swap_agree(*, swap: SwapRequest, user: User, today: dt.date | None = None) -> SwapRequest:
    """The colleague agrees: the limits are checked again (the schedule may have moved since the
    request), then the request waits for the supervisor, who is mailed."""
    if not is_the_colleague(user, swap):
        raise PermissionDenied
    swap = _locked(swap.pk, SwapStatus.COLLEAGUE)
    _recheck(
        swap,
        today=today,
        lock=False,
        moved=_(
            "Jadwal terbit sudah berubah sejak permintaan diajukan; "
            "tolak permintaan ini dan minta pemohon mengajukan ulang."
        ),
    )
    swap.status, swap.colleague_answered_at = SwapStatus.PENDING, timezone.now()
    swap.save(update_fields=["status", "colleague_answered_at"])
    transaction.on_commit(lambda: _notify_agreed(swap.pk))
    return swap


@transaction.atomic
def swap_decline(*, swap: SwapRequest, user: User, note: str = "") -> SwapRequest:
    """The colleague declines (a note is optional): final, the schedule stays, the requester is
    mailed."""
    if not is_the_colleague(user, swap):
        raise PermissionDenied
    swap = _locked(swap.pk, SwapStatus.COLLEAGUE)
    swap.status, swap.colleague_answered_at = SwapStatus.DECLINED, timezone.now()
    swap.colleague_note = note.strip()
    swap.save(update_fields=["status", "colleague_answered_at", "colleague_note"])
    transaction.on_commit(lambda: _notify_declined(swap.pk))
    return swap


@transaction.atomic
def swap_approve(
    *, swap: SwapRequest, user: User, note: str = "", today: dt.date | None = None
) -> SwapRequest:
    """The supervisor (or HR) approves a request the colleague agreed to: the limits are checked
    again on the schedule as it is now, then both days change at once. Raises ValidationError
    naming the broken limit."""
    if not can_decide(user, swap):
        raise PermissionDenied
    swap = _locked(swap.pk, SwapStatus.PENDING)
    # Approvals in one unit run one at a time: a swap only moves days inside its unit, so the
    # unit's day count and each member's weekly count cannot change under this check.
    unit_id = (
        ScheduleDay.objects.filter(employee_id=swap.requester_id, day=swap.day)
        .values_list("unit_id", flat=True)
        .first()
    )
    if unit_id is not None:
        list(Unit.objects.select_for_update(of=("self",)).filter(pk=unit_id).order_by())
    check = _recheck(
        swap,
        today=today,
        lock=True,
        moved=_(
            "Jadwal terbit sudah berubah sejak permintaan diajukan; tolak dan minta diajukan ulang."
        ),
    )
    _apply(swap, check, user)
    swap.status, swap.decided_by, swap.decided_at = SwapStatus.APPROVED, user, timezone.now()
    swap.decision_note = note.strip()
    swap.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    transaction.on_commit(lambda: _notify_decided(swap.pk))
    return swap


@transaction.atomic
def swap_reject(*, swap: SwapRequest, user: User, note: str) -> SwapRequest:
    if not can_decide(user, swap):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError(_("Tuliskan alasan penolakan untuk pemohon."))
    swap = _locked(swap.pk, SwapStatus.PENDING)
    swap.status, swap.decided_by, swap.decided_at = SwapStatus.REJECTED, user, timezone.now()
    swap.decision_note = note.strip()
    swap.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    transaction.on_commit(lambda: _notify_decided(swap.pk))
    return swap


@transaction.atomic
def swap_cancel(*, swap: SwapRequest, user: User) -> SwapRequest:
    """The requester withdraws a request still waiting for the colleague or the supervisor."""
    if access.scope_for(user).employee_id != swap.requester_id:
        raise PermissionDenied
    swap = _locked(swap.pk, *OPEN_SWAP_STATUSES)
    swap.status, swap.decided_by, swap.decided_at = SwapStatus.CANCELLED, user, timezone.now()
    swap.save(update_fields=["status", "decided_by", "decided_at"])
    return swap


# -- email ---------------------------------------------------------------------------------------


def _address(employee: Employee | None) -> str:
    if employee is None:
        return ""
    if employee.email:
        return employee.email
    return employee.user.email if employee.user_id and employee.user.email else ""


def _send(subject: str, body: str, employees) -> int:
    recipients = sorted({a for a in (_address(e) for e in employees) if a})
    if not recipients:
        return 0
    return send_mail(subject, body, None, recipients)


def _notify_requested(swap_id: int) -> None:
    """To the colleague: a request waits for their consent."""
    swap = SwapRequest.objects.select_related("requester__user", "colleague__user").get(pk=swap_id)
    day = long_date(swap.day)
    subject = _("Permintaan tukar jadwal %(day)s menunggu persetujuan Anda") % {"day": day}
    body = _(
        "%(a)s (%(am)s) meminta bertukar jadwal dengan Anda (%(bm)s) pada %(day)s.\n"
        "Alasan: %(note)s\n\nSetujui atau tolak di halaman Permintaan tukar saya. Bila Anda "
        "setuju, atasan %(a)s atau BKPSDM yang memutuskan; bila Anda menolak, jadwal tetap."
    ) % {
        "a": swap.requester.name,
        "am": swap.requester_mode_before,
        "bm": swap.colleague_mode_before,
        "day": day,
        "note": swap.note or "-",
    }
    _send(subject, body, [swap.colleague])


def _notify_agreed(swap_id: int) -> None:
    """To the requester's supervisor: the colleague agreed, the request is theirs to decide."""
    swap = SwapRequest.objects.select_related("requester__supervisor__user", "colleague").get(
        pk=swap_id
    )
    day = long_date(swap.day)
    subject = _("Permintaan tukar jadwal %(day)s") % {"day": day}
    body = _(
        "%(a)s (%(am)s) meminta bertukar jadwal dengan %(b)s (%(bm)s) pada %(day)s, dan %(b)s "
        "sudah menyetujui.\nAlasan: %(note)s\n\nAtasan %(a)s atau BKPSDM memutuskan di halaman "
        "Persetujuan tukar jadwal."
    ) % {
        "a": swap.requester.name,
        "am": swap.requester_mode_before,
        "b": swap.colleague.name,
        "bm": swap.colleague_mode_before,
        "day": day,
        "note": swap.note or "-",
    }
    _send(subject, body, [swap.requester.supervisor])


def _notify_declined(swap_id: int) -> None:
    """To the requester: the colleague declined; the schedule stays."""
    swap = SwapRequest.objects.select_related("requester__user", "colleague").get(pk=swap_id)
    day = long_date(swap.day)
    subject = _("Tukar jadwal %(day)s ditolak rekan") % {"day": day}
    body = _(
        "%(b)s menolak permintaan tukar jadwal Anda pada %(day)s; jadwal tetap.\n"
        "Catatan %(b)s: %(note)s"
    ) % {"b": swap.colleague.name, "day": day, "note": swap.colleague_note or "-"}
    _send(subject, body, [swap.requester])


def _notify_decided(swap_id: int) -> None:
    swap = SwapRequest.objects.select_related("requester__user", "colleague__user").get(pk=swap_id)
    day = long_date(swap.day)
    if swap.status == SwapStatus.APPROVED:
        subject = _("Tukar jadwal %(day)s disetujui") % {"day": day}
        body = _(
            "Tukar jadwal pada %(day)s disetujui.\n%(a)s kini %(am)s, %(b)s kini %(bm)s.\n"
            "Catatan: %(note)s"
        ) % {
            "day": day,
            "a": swap.requester.name,
            "am": swap.colleague_mode_before,
            "b": swap.colleague.name,
            "bm": swap.requester_mode_before,
            "note": swap.decision_note or "-",
        }
    else:
        subject = _("Tukar jadwal %(day)s ditolak") % {"day": day}
        body = _(
            "Permintaan tukar jadwal %(a)s dengan %(b)s pada %(day)s ditolak; jadwal tetap.\n"
            "Alasan: %(note)s"
        ) % {
            "day": day,
            "a": swap.requester.name,
            "b": swap.colleague.name,
            "note": swap.decision_note or "-",
        }
    _send(subject, body, [swap.requester, swap.colleague])
