"""The demo's overrides: a two-day national WFA declared for next week (Dishub and every
puskesmas exempt, frontline units always), and an individual WFH order in opd.demo's OPD, so
the HR page, the roster grid and pegawai.demo's phone show them. No mails (the demo's console
would print one per employee)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from demo.data.dinas import DEMO_OPD
from demo.logins import EMPLOYEE_USERNAME
from opd.models import Employee, Opd, UnitRole
from wfh.overrides.declared import declared_days_declare
from wfh.overrides.inputs import declaration_parse
from wfh.overrides.orders import order_parse, wfh_order_issue

DEMO_REFERENCE = "SE MenPANRB 2/2026"
DEMO_ORDER_NUMBER = "800/45/DISKOMINFOSTANDI/2026"


@dataclass(frozen=True)
class OverridesResult:
    declared_start: dt.date
    declared_employees: int
    order_day: dt.date | None


def _next_monday(today: dt.date) -> dt.date:
    """The first Monday at least three days ahead: notice, as a real circular gives."""
    monday = today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
    return monday if (monday - today).days >= 3 else monday + dt.timedelta(days=7)


def overrides_seed(*, today: dt.date) -> OverridesResult:
    monday = _next_monday(today)
    spec = declaration_parse(
        {
            "start": monday,
            "end": monday + dt.timedelta(days=1),
            "reference": DEMO_REFERENCE,
            "title": "WFA nasional (contoh demo)",
            "exempt_opds": ["DISHUB"],
            "exempt_kinds": ["puskesmas"],
        }
    )
    _declared, plan = declared_days_declare(spec=spec, today=today, notify=False)
    return OverridesResult(monday, plan.totals["employees"], _order_seed(monday, today))


def _order_seed(monday: dt.date, today: dt.date) -> dt.date | None:
    """A flood order for one colleague of pegawai.demo on the Wednesday of the week after."""
    opd = Opd.objects.filter(code=DEMO_OPD).first()
    me = Employee.objects.filter(user__username=EMPLOYEE_USERNAME).first()
    if opd is None or me is None:
        return None
    colleague = (
        Employee.objects.filter(opd=opd, unit_id=me.unit_id, unit_role=UnitRole.STAFF)
        .filter(user__isnull=True, wfh_eligible=True)
        .order_by("id")
        .first()
    )
    if colleague is None:
        return None
    day = monday + dt.timedelta(days=9)  # Wednesday of the following week
    data = {
        "nips": [colleague.nip],
        "start": day,
        "end": day,
        "number": DEMO_ORDER_NUMBER,
        "reason": "banjir",
        "note": "Perumahan terendam (contoh demo)",
        "departure_reason": "Akses jalan terputus banjir (contoh demo)",
    }
    try:
        order = order_parse(opd=opd, data=data, today=today)
        wfh_order_issue(order=order, notify=False)
    except ValidationError:
        return None  # no published day there (e.g. after the last phase): the demo goes on
    return day
