"""Writing a version's cells: every cell of the engine's result as one Assignment row, by COPY on
PostgreSQL and multi-row INSERT elsewhere (common.bulk), without an ORM object per cell."""

from __future__ import annotations

import datetime as dt

from common.bulk import NULL, copy_text, insert_rows, is_postgres
from wfh.models import Roster, Source
from wfh.rosters.engine_io import employee_id_of

ASSIGNMENT_COLUMNS = ("roster_id", "employee_id", "unit_id", "day", "mode", "source", "reason")


def assignments_write(
    *,
    roster: Roster,
    result,
    unit_of: dict[int, int | None],
    manual: dict[tuple[int, dt.date], str],
) -> None:
    """Write every cell of the engine's result as this roster's rows (COPY on PostgreSQL).

    `unit_of` is each engine id's unit, `manual` the source of each manual cell the engine kept
    (keyed by engine id and day); every other cell is generated."""
    if is_postgres():
        copy_text(
            "wfh_assignment", ASSIGNMENT_COLUMNS, _copy_lines(roster.pk, result, unit_of, manual)
        )
        return
    generated = Source.GENERATED.value
    rows = (  # plain tuples: an ORM object per cell costs 3x more
        (
            roster.pk,
            employee_id_of(emp),
            unit_of.get(emp),
            day.isoformat(),
            mode,
            manual.get((emp, day), generated),
            reason,
        )
        for emp, day, mode, reason in result.iter_rows()
    )
    insert_rows("wfh_assignment", ASSIGNMENT_COLUMNS, rows)


def _copy_lines(roster_id: int, result, unit_of, manual):
    """The cells as COPY text lines. Day and employee prefixes are formatted once, not per cell:
    this loop runs for every cell of a 100,000-employee phase."""
    day_text: dict[dt.date, str] = {}
    prefix: dict[int, str] = {}
    generated = Source.GENERATED.value
    for emp, day, mode, reason in result.iter_rows():
        head = prefix.get(emp)
        if head is None:
            unit = unit_of.get(emp)
            employee = employee_id_of(emp)
            head = prefix[emp] = f"{roster_id}\t{employee}\t{NULL if unit is None else unit}\t"
        text = day_text.get(day)
        if text is None:
            text = day_text[day] = day.isoformat()
        source = manual.get((emp, day), generated) if manual else generated
        yield f"{head}{text}\t{mode}\t{source}\t{reason}\n"
