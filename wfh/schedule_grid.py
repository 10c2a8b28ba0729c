"""The roster page's presenter: the grid (one month of one page of employees, grouped by unit,
with each unit's daily totals) and the engine's stats in the page's words.

No views here (wfh.views_schedule calls it) and no writes: reads go through wfh.selectors. The
grid's cells are rendered as HTML in Python (`cell_renderer`): a month of 100 employees is
2,000+ cells, too many for a template include each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opd.eligibility_records import describe, eligibility_between
from opd.models import Unit
from wfh import selectors
from wfh.engine.types import Reason
from wfh.models import Assignment, Mode, Roster, Source
from wfh.overrides.selectors import roster_overrides

EMPLOYEES_PER_PAGE = 100
NO_UNIT_FILTER = "none"  # the grid's unit filter value for staff placed in no unit


@dataclass
class GridUnit:
    key: str
    code: str
    name: str
    min_onsite: int
    frontline: bool
    totals: list[dict] = field(default_factory=list)
    employees: list[dict] = field(default_factory=list)


def cell_renderer(edit_url: str):
    """Render grid cells as HTML in Python: a month of 100 employees is 2,000+ cells, too many
    for a template include each. Each cell carries its mode as text (for screen readers too)."""
    leave = escape(_("Cuti"))
    inactive = (
        '<span aria-hidden="true">·</span><span class="sr-only">'
        + escape(_("tidak aktif"))
        + "</span>"
    )
    manual = '<span class="sr-only"> (' + escape(_("ubahan manual")) + ")</span>"
    piket = '<span class="sr-only"> (' + escape(_("piket")) + ")</span>"
    overrides = {
        Source.DECLARED: '<span class="sr-only"> ('
        + escape(_("hari yang ditetapkan"))
        + ")</span>",
        Source.ORDER: '<span class="sr-only"> (' + escape(_("perintah WFH")) + ")</span>",
    }
    base = escape(edit_url)

    def render(emp_id: int, cell: dict, *, oob: bool = False) -> str:
        mode = cell["mode"]
        classes = "cell m-" + (escape(mode.lower()) if mode else "none")
        text = leave if mode == Mode.LEAVE else (escape(mode) if mode else inactive)
        override = cell.get("override")
        if override in overrides:
            classes += f" {override}"  # a declared day or an individual order (legend)
            text += overrides[override]
        elif cell["manual"]:
            classes += " manual"
            text += manual
        if cell["piket"]:
            classes += " piket"
            text += piket
        if cell["edit"]:
            href = f"{base}?employee={int(emp_id)}&amp;day={cell['iso']}"
            text = f'<a href="{href}">{text}</a>'  # boosted by the grid: htmx GET
        swap = ' hx-swap-oob="true"' if oob else ""
        return f'<td id="c-{int(emp_id)}-{cell["iso"]}" class="{classes}"{swap}>{text}</td>'

    return render


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def roster_grid(
    roster: Roster,
    *,
    query: Mapping[str, str],
    days: list[dt.date],
    units: dict[int, Unit],
    editable: bool,
) -> dict:
    """The grid's part of the roster page: one month (query "bulan"), one unit or all (query
    "unit", NO_UNIT_FILTER for staff in no unit), one page of employees (query "page"), each
    cell a link to its edit form where `editable`. A constant number of queries whatever the
    headcount."""
    months = sorted({month_key(d) for d in days})
    wanted = query.get("bulan", "")
    today_key = month_key(timezone.localdate())
    if wanted not in months:
        wanted = today_key if today_key in months else (months[0] if months else "")
    shown = [d for d in days if month_key(d) == wanted]

    unit_param = query.get("unit", "")
    unit_id = int(unit_param) if unit_param.isdigit() and int(unit_param) in units else None
    no_unit = unit_param == NO_UNIT_FILTER
    rows = selectors.roster_grid_rows(roster, unit_id=unit_id, no_unit=no_unit)

    def order(row):
        unit = units.get(row[5])
        return (unit is None, unit.code if unit else "", row[1], row[2])

    rows.sort(key=order)
    page = Paginator(rows, EMPLOYEES_PER_PAGE).get_page(query.get("page"))
    page_rows = list(page.object_list)
    cells = (
        selectors.roster_cells(roster, [r[0] for r in page_rows], shown[0], shown[-1])
        if shown and page_rows
        else {}
    )
    counts = selectors.unit_day_counts(roster, start=shown[0], end=shown[-1]) if shown else {}
    notes = eligibility_notes([r[0] for r in page_rows], shown) if shown and page_rows else {}
    render_cell = cell_renderer(reverse("wfh:cell_edit", args=[roster.pk]))
    isos = [d.isoformat() for d in shown]

    blocks: list[GridUnit] = []
    for emp_id, name, nip, role, eligible, unit_pk in page_rows:
        unit = units.get(unit_pk)
        key = str(unit.pk) if unit else "0"
        if not blocks or blocks[-1].key != key:
            block = GridUnit(
                key=key,
                code=unit.code if unit else "",
                name=unit.name if unit else _("Tanpa unit"),
                min_onsite=unit.min_onsite if unit else 0,
                frontline=bool(unit and unit.frontline),
            )
            for day in shown:
                count = counts.get((unit_pk, day), {"WFH": 0, "WFO": 0, "LEAVE": 0})
                block.totals.append(
                    {
                        "iso": day.isoformat(),
                        "wfo": count["WFO"],
                        "wfh": count["WFH"],
                        "below": count["WFO"] < block.min_onsite,
                    }
                )
            blocks.append(block)
        line = []
        for day, iso in zip(shown, isos, strict=True):
            mode, source, reason = cells.get((emp_id, unit_pk, day), ("", "", ""))
            cell = {
                "iso": iso,
                "mode": mode,
                "manual": selectors.is_manual(source),
                "override": source,
                "piket": reason == Reason.PIKET,
                "edit": editable and mode in (Mode.WFH, Mode.WFO),
            }
            line.append(render_cell(emp_id, cell))
        blocks[-1].employees.append(
            {
                "id": emp_id,
                "name": name,
                "nip": nip,
                "role": role,
                "eligible": (emp_id not in notes) if shown else eligible,
                "eligibility_note": notes.get(emp_id, ""),
                "cells": mark_safe("".join(line)),  # noqa: S308 -- built from escaped parts
            }
        )
    return {
        "blocks": blocks,
        "days": shown,
        "months": [(m, dt.date(int(m[:4]), int(m[5:]), 1)) for m in months],
        "month": wanted,
        "units": sorted(units.values(), key=lambda u: u.code),
        "unit_param": unit_param if (unit_id is not None or no_unit) else "",
        "no_unit_filter": NO_UNIT_FILTER,
        "page": page,
        "editable": editable,
        "employee_count": len(rows),
        "overrides": roster_overrides(roster, shown),
    }


SHORTFALL_LABELS = {
    "staff_below_minimum": gettext_lazy("Pegawai unit lebih sedikit dari minimal di kantor"),
    "leave_below_minimum": gettext_lazy("Terlalu banyak cuti: yang hadir kurang dari minimal"),
    "frozen_below_minimum": gettext_lazy(
        "Hari terkunci (hari lampau atau ubahan manual) membuat yang di kantor kurang dari minimal"
    ),
    "frozen_over_cap": gettext_lazy("Hari terkunci membuat WFH melebihi rasio"),
    "ratio_limited_by_minimum": gettext_lazy(
        "Minimal di kantor membuat WFH lebih sedikit dari rasio"
    ),
}
SHORTFALLS_SHOWN = 50


def stats_summary(stats: dict, units: dict) -> dict:
    """The engine's stats (RosterStats.to_dict) in the page's words: shortfalls with their unit,
    day and reason, and who stood piket how often."""
    shortfalls = []
    for item in (stats.get("shortfalls") or [])[:SHORTFALLS_SHOWN]:
        unit = units.get(item.get("unit_id"))
        try:
            day = dt.date.fromisoformat(item.get("day", ""))
        except (TypeError, ValueError):
            day = None
        reason = item.get("reason", "")
        shortfalls.append(
            {
                "day": day,
                "unit": unit.name if unit else _("Tanpa unit"),
                "reason": str(SHORTFALL_LABELS.get(reason, reason)),
                "detail": item.get("detail", ""),
            }
        )
    by_reason = [
        (str(SHORTFALL_LABELS.get(reason, reason)), n)
        for reason, n in (stats.get("shortfalls_by_reason") or {}).items()
    ]
    piket = {int(e): n for e, n in (stats.get("piket_by_employee") or {}).items()}
    names = selectors.employee_names(piket) if piket else {}
    modes = stats.get("modes") or {}
    return {
        "shortfalls": shortfalls,
        "shortfall_total": len(stats.get("shortfalls") or []),
        "shortfalls_by_reason": by_reason,
        "piket_count": len(piket),
        "piket_turns": stats.get("piket_total", sum(piket.values())),
        "piket": sorted(
            ((names.get(e, str(e)), n) for e, n in piket.items()), key=lambda p: (-p[1], p[0])
        ),
        "modes": [(m, modes.get(m, 0)) for m in ("WFH", "WFO", "LEAVE")],
        "wfh_pct": round(float(stats.get("wfh_share", 0)) * 100, 1),
        "below_minimum": stats.get("unit_days_below_minimum", 0),
        "has_stats": bool(stats),
    }


def saved_cell(roster: Roster, cell: Assignment, changed: Assignment, message: str) -> dict:
    """What the grid swaps in after an htmx edit of one cell: the cell itself (out of band) and
    its unit's new total for that day."""
    unit = cell.unit
    count = selectors.unit_day_counts(roster, unit_id=cell.unit_id, start=cell.day, end=cell.day)
    count = count.get((cell.unit_id, cell.day), {"WFH": 0, "WFO": 0, "LEAVE": 0})
    minimum = unit.min_onsite if unit else 0
    render_cell = cell_renderer(reverse("wfh:cell_edit", args=[roster.pk]))
    new_cell = {
        "iso": cell.day.isoformat(),
        "mode": changed.mode,
        "manual": selectors.is_manual(changed.source),
        "piket": False,
        "edit": True,
    }
    return {
        "message": message,
        "cell_html": mark_safe(render_cell(cell.employee_id, new_cell, oob=True)),  # noqa: S308
        "unit_key": str(unit.pk) if unit else "0",
        "total": {
            "iso": cell.day.isoformat(),
            "wfo": count["WFO"],
            "wfh": count["WFH"],
            "below": count["WFO"] < minimum,
        },
    }


def eligibility_notes(employee_ids: list[int], days: list[dt.date]) -> dict[int, str]:
    """Why each of these employees may not work from home on some of `days`, and until when
    (opd.eligibility, per date); employees eligible on all of them are left out."""
    notes = {}
    for emp_id, pieces in eligibility_between(employee_ids, days[0], days[-1]).items():
        texts = list(dict.fromkeys(describe(a) for _lo, _hi, a in pieces if not a.eligible))
        if texts:
            notes[emp_id] = "; ".join(texts)
    return notes
