"""Individual WFH orders: an OPD head's order (through the OPD admin, or HR) that named employees
work from home on given days, for a reason (banjir, tugas khusus, kesehatan) and under a number.

The limits one change must keep are `wfh.limits`' (the weekly cap, the unit minimum on site, the
rotation's ratio cap of `wfh.engine.ratio`, frontline units, eligibility), checked here on the
published schedule as the order would leave it. An order that breaks one is a departure: it is
refused unless it carries an explicit reason, and then kept with its departures, which the roster
page and the evaluation show. Days already lived, leave and declared days are not rewritten
(`wfh.overrides.precedence`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from common.tasks import queue_on_commit
from opd import access
from opd.models import Employee, Opd
from wfh import limits
from wfh.dates import long_date
from wfh.models import Mode, PatternKind, ScheduleDay, Source
from wfh.overrides.models import OrderReason, OverrideStatus, WfhOrder
from wfh.overrides.precedence import override_takes
from wfh.rosters.published_days import DayRewrite, published_days_rewrite

MAX_DAYS = 31


@dataclass
class OrderCheck:
    """What an order would do: the cells it takes, the limits it breaks (messages in the active
    language), and the days it leaves alone (leave, a declared day)."""

    rewrites: list[DayRewrite] = field(default_factory=list)
    departures: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _why(number: str, reason: str) -> str:
    """Stored text (AssignmentChange.reason): Indonesian whatever the request's language."""
    with translation.override("id"):
        return f"Perintah WFH {number}: {OrderReason(reason).label}"


def order_check(
    *,
    opd: Opd,
    employees: Iterable[Employee],
    start: dt.date,
    end: dt.date,
    number: str,
    reason: str,
) -> OrderCheck:
    """The order's cells and departures, read from the published schedule (a few queries)."""
    check = OrderCheck()
    employees = list(employees)
    ids = {e.pk for e in employees}
    names = {e.pk: e.name for e in employees}
    week_start = limits.week_bounds(start)[0]
    week_end = limits.week_bounds(end)[1]
    own = list(
        ScheduleDay.objects.filter(employee_id__in=ids, day__gte=week_start, day__lte=week_end)
        .select_related("phase", "unit")
        .order_by("employee_id", "day")
    )
    taken: dict[tuple[int, dt.date], ScheduleDay] = {}
    for row in own:
        if not start <= row.day <= end:
            continue
        if not override_takes(incoming=Source.ORDER, mode=row.mode, source=row.source):
            what = _("cuti") if row.mode == Mode.LEAVE else _("hari yang ditetapkan")
            check.skipped.append(
                _("%(name)s, %(day)s: tetap (%(what)s).")
                % {"name": names[row.employee_id], "day": long_date(row.day), "what": what}
            )
            continue
        taken[row.employee_id, row.day] = row
    # each person: frontline unit, eligibility, the weekly cap
    seen_unit: set[tuple[int, int | None]] = set()
    for emp in employees:
        mine = [r for r in own if r.employee_id == emp.pk]
        for row in mine:
            if (row.employee_id, row.day) not in taken or (emp.pk, row.unit_id) in seen_unit:
                continue
            seen_unit.add((emp.pk, row.unit_id))
            if row.unit is not None:
                check.departures.append(
                    limits.frontline(
                        unit_name=row.unit.name, is_frontline=row.unit.frontline, name=emp.name
                    )
                )
        if any((emp.pk, r.day) in taken for r in mine):
            check.departures.append(
                limits.eligibility(
                    eligible=emp.wfh_eligible,
                    name=emp.name,
                    why=emp.get_ineligible_reason_display() or _("tidak memenuhi syarat"),
                )
            )
        weeks: dict[dt.date, list[ScheduleDay]] = defaultdict(list)
        for row in mine:
            weeks[limits.week_bounds(row.day)[0]].append(row)
        for rows in weeks.values():
            home = sum(
                1 for r in rows if r.mode == Mode.WFH and (r.employee_id, r.day) not in taken
            )
            for row in rows:
                if (row.employee_id, row.day) not in taken:
                    continue
                broken = limits.weekly_cap(
                    name=emp.name, wfh_days=home, cap=row.phase.weekly_cap, day=row.day
                )
                home += 1
                if broken:
                    check.departures.append(broken)
                    break
    # each unit and day: the minimum on site, and the ratio of a rotation
    moving: dict[tuple[int, dt.date], list[ScheduleDay]] = defaultdict(list)
    for row in taken.values():
        if row.unit_id is not None:
            moving[row.unit_id, row.day].append(row)
    if moving:
        unit_rows = ScheduleDay.objects.filter(
            unit_id__in={u for u, _d in moving}, day__in={d for _u, d in moving}
        ).values_list("unit_id", "day", "employee_id", "mode", "employee__wfh_eligible")
        counts: dict[tuple[int, dt.date], dict[str, int]] = defaultdict(
            lambda: {"WFO": 0, "WFH": 0, "present": 0}
        )
        for unit_id, day, employee_id, mode, eligible in unit_rows:
            if (unit_id, day) not in moving:
                continue
            c = counts[unit_id, day]
            moved = (employee_id, day) in taken
            if mode == Mode.WFO and not moved:
                c["WFO"] += 1
            if mode == Mode.WFH or moved:
                c["WFH"] += 1
            if mode != Mode.LEAVE and eligible:
                c["present"] += 1
        for (unit_id, day), rows in sorted(moving.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            unit, phase = rows[0].unit, rows[0].phase
            c = counts[unit_id, day]
            check.departures.append(
                limits.onsite_minimum(
                    unit_name=unit.name, onsite=c["WFO"], minimum=unit.min_onsite, day=day
                )
            )
            if phase.pattern == PatternKind.ROTATION and phase.ratio is not None:
                check.departures.append(
                    limits.rotation_ratio(
                        wfh_after=c["WFH"], ratio=phase.ratio, present=c["present"]
                    )
                )
    check.departures = list(dict.fromkeys(d for d in check.departures if d))
    why = _why(number, reason)
    check.rewrites = [
        DayRewrite(e, d, Mode.WFH, why=why, source=Source.ORDER, reason="order", restamp=True)
        for (e, d) in sorted(taken)
    ]
    return check


@dataclass(frozen=True)
class OrderInput:
    opd: Opd
    employees: tuple[Employee, ...]
    start: dt.date
    end: dt.date
    number: str
    reason: str
    note: str = ""
    departure_reason: str = ""


def order_parse(*, opd: Opd, data: dict, today: dt.date) -> OrderInput:
    """The order in `data` (nips: NIPs separated by commas, spaces or lines, or a list; start,
    end; number; reason; note; departure_reason), checked; ValidationError naming each field."""
    errors: dict[str, str] = {}
    dates = {}
    for name in ("start", "end"):
        value = data.get(name)
        if isinstance(value, dt.date):
            dates[name] = value
            continue
        try:
            dates[name] = dt.date.fromisoformat(str(value or "").strip())
        except ValueError:
            errors[name] = _("Tanggal %(v)s tidak dikenal: tulis TTTT-BB-HH, mis. 2026-03-16.") % {
                "v": value or ""
            }
    start, end = dates.get("start"), dates.get("end")
    if start and start < today:
        errors["start"] = _("Hari yang sudah lewat tidak diubah: mulai paling awal %(d)s.") % {
            "d": long_date(today)
        }
    if start and end and end < start:
        errors["end"] = _("Tanggal selesai sebelum tanggal mulai.")
    elif start and end and (end - start).days + 1 > MAX_DAYS:
        errors["end"] = _("Paling lama %(n)s hari per perintah.") % {"n": MAX_DAYS}
    number = str(data.get("number") or "").strip()
    if not number:
        errors["number"] = _("Tuliskan nomor surat perintah.")
    elif len(number) > 120:
        errors["number"] = _("Paling banyak 120 karakter.")
    reason = str(data.get("reason") or "").strip()
    if reason not in OrderReason.values:
        errors["reason"] = _("Alasan %(v)s tidak dikenal: pilih %(all)s.") % {
            "v": reason,
            "all": ", ".join(OrderReason.values),
        }
    raw = data.get("nips") or []
    nips = raw.replace(",", " ").split() if isinstance(raw, str) else [str(n) for n in raw]
    nips = list(dict.fromkeys(nips))
    found = {e.nip: e for e in Employee.objects.filter(opd=opd, nip__in=nips)}
    missing = [n for n in nips if n not in found]
    if not nips:
        errors["nips"] = _("Sebutkan sedikitnya satu pegawai (NIP).")
    elif missing:
        errors["nips"] = _("NIP bukan pegawai %(opd)s: %(nips)s.") % {
            "opd": opd.code,
            "nips": ", ".join(missing),
        }
    if errors:
        raise ValidationError(errors)
    return OrderInput(
        opd=opd,
        employees=tuple(found[n] for n in nips),
        start=start,
        end=end,
        number=number,
        reason=reason,
        note=str(data.get("note") or "").strip(),
        departure_reason=str(data.get("departure_reason") or "").strip(),
    )


def _departures_stored(order: OrderInput) -> list[str]:
    with translation.override("id"):
        return order_check(
            opd=order.opd,
            employees=order.employees,
            start=order.start,
            end=order.end,
            number=order.number,
            reason=order.reason,
        ).departures


@transaction.atomic
def wfh_order_issue(
    *, order: OrderInput, user=None, notify: bool = True
) -> tuple[WfhOrder, OrderCheck]:
    """Issue the order: its days become WFH for its employees (published rows and current
    versions, each change logged), refused when it breaks a limit without a departure reason.
    OPD admins issue orders for their own OPD, HR for any; `user=None` is the command line."""
    if user is not None and not access.can_manage_opd(user, order.opd):
        raise PermissionDenied
    check = order_check(
        opd=order.opd,
        employees=order.employees,
        start=order.start,
        end=order.end,
        number=order.number,
        reason=order.reason,
    )
    if not check.rewrites:
        raise ValidationError(
            {
                "start": _(
                    "Tidak ada hari kerja terbit yang dapat diubah pada tanggal ini untuk "
                    "pegawai tersebut (hari libur, belum ada jadwal terbit, cuti atau hari yang "
                    "ditetapkan)."
                )
            }
        )
    if check.departures and not order.departure_reason:
        raise ValidationError(
            {
                "departure_reason": _(
                    "Perintah ini melampaui batas: %(list)s Tuliskan alasan penyimpangan bila "
                    "perintah tetap dikeluarkan."
                )
                % {"list": " ".join(check.departures)}
            }
        )
    row = WfhOrder.objects.create(
        opd=order.opd,
        number=order.number,
        reason=order.reason,
        note=order.note,
        start=order.start,
        end=order.end,
        departures=_departures_stored(order) if check.departures else [],
        departure_reason=order.departure_reason if check.departures else "",
        created_by=user,
    )
    row.employees.set(order.employees)
    published_days_rewrite(rewrites=check.rewrites, user=user)
    if notify:
        employee_ids = sorted({r.employee_id for r in check.rewrites})
        queue_on_commit("wfh.overrides_mail", "order", row.pk, employee_ids)
    return row, check


def order_apply(order: WfhOrder, *, today: dt.date, user=None) -> int:
    """Write an active order's days again (after a revoke gave them back): idempotent."""
    start = max(order.start, today)
    if start > order.end:
        return 0
    check = order_check(
        opd=order.opd,
        employees=order.employees.all(),
        start=start,
        end=order.end,
        number=order.number,
        reason=order.reason,
    )
    return len(published_days_rewrite(rewrites=check.rewrites, user=user).rows)


def orders_active_between(start: dt.date, end: dt.date):
    return WfhOrder.objects.filter(
        status=OverrideStatus.ACTIVE, start__lte=end, end__gte=start
    ).order_by("created_at", "id")
