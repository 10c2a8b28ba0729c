"""The row checks' shared state: the parsed rows, the errors, and the helpers every sheet uses.

The sheets are checked in order by opd.importing.services: checks_opds (parse, parents and their
loops), checks_units, checks_employees (parse, references, supervisor loops, unit heads). A row
that fails, or depends on a row that failed, ends with `ok = False`; every reason is a RowError.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.utils.translation import gettext as _

from common.tabular import RowError, Table
from opd.importing.cells import MISSING
from opd.importing.errors import CellError
from opd.importing.registry import Registry
from opd.importing.results import Reading
from opd.importing.rows import EmployeeRow, OpdRow, UnitRow
from opd.importing.sheets import COLUMNS, REQUIRED_COLUMNS

LOOP_SHOWN = 6  # members of a loop named in its message


class Checks:
    """Parsed rows of every sheet, checked against each other and the registry."""

    def __init__(self, tables: dict[str, Table], db: Registry, today: dt.date):
        self.tables = tables
        self.db = db
        self.today = today
        self.errors: list[RowError] = []
        self.opds: dict[str, OpdRow] = {}
        self.units: dict[tuple[str, str], UnitRow] = {}
        self.employees: dict[str, EmployeeRow] = {}
        self.sheet_failed: set[str] = set()  # a sheet whose header makes its rows unusable
        self.bad_rows: dict[str, int] = defaultdict(int)  # rows with no usable key, per sheet
        self.readings: list[Reading] = []  # hand-written cells and how they were read

    def read_as(self, sheet: str, row: int, column: str, text: str, read_as: str) -> None:
        self.readings.append(Reading(self.tables[sheet].file, row, column, text, read_as))

    def error(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.errors.append(
            RowError(file=self.tables[sheet].file, row=row, column=column, message=message)
        )

    def columns(self, sheet: str) -> dict[str, int] | None:
        table = self.tables[sheet]
        index: dict[str, int] = {}
        ok = True
        for position, name in enumerate(table.columns):
            if not name:
                continue
            if name in index:
                self.error(sheet, 1, name, _("Kolom %(col)s muncul dua kali.") % {"col": name})
                ok = False
            elif name not in COLUMNS[sheet]:
                self.error(
                    sheet,
                    1,
                    name,
                    _("Kolom %(col)s tidak dikenal. Kolom yang dikenal: %(known)s.")
                    % {"col": name, "known": ", ".join(COLUMNS[sheet])},
                )
            else:
                index[name] = position
        for name in REQUIRED_COLUMNS[sheet]:
            if name not in index:
                self.error(
                    sheet,
                    1,
                    name,
                    _("Kolom wajib %(col)s tidak ada di baris judul.") % {"col": name},
                )
                ok = False
        if not ok:
            self.sheet_failed.add(sheet)
            return None
        return index

    def cells(self, sheet: str, index: dict[str, int]) -> Iterator[tuple[int, dict]]:
        """(row number, {column: text}) for each row; reports rows with too many cells."""
        width = len(self.tables[sheet].columns)
        for number, cells in self.tables[sheet].rows:
            if len(cells) > width and any(cells[width:]):
                self.error(
                    sheet,
                    number,
                    "",
                    _(
                        "Baris berisi %(n)d sel, lebih banyak dari %(m)d kolom di baris judul "
                        "(periksa tanda pemisah di dalam nilai, mis. koma pada gelar)."
                    )
                    % {"n": len(cells), "m": width},
                )
                self.bad_rows[sheet] += 1
                continue
            yield (
                number,
                {name: (cells[pos] if pos < len(cells) else "") for name, pos in index.items()},
            )

    def field(
        self, sheet: str, number: int, row_ok: bool, column: str, func: Callable, *args
    ) -> tuple[Any, bool]:
        """Run one cell parser; on failure report it and return (MISSING, False)."""
        try:
            return func(*args), row_ok
        except CellError as exc:
            self.error(sheet, number, column, str(exc))
            return MISSING, False

    def opd_ref(self, sheet: str, number: int, column: str, code: str) -> bool:
        """Is `code` an OPD that will exist after the import? Reports why not."""
        rec = self.opds.get(code)
        if (rec is not None and rec.ok) or code in self.db.opds:
            return True
        if rec is not None:
            message = _("OPD %(code)s (baris %(row)d) tidak diimpor karena barisnya salah.") % {
                "code": code,
                "row": rec.row,
            }
        elif "opds" in self.tables:
            message = _("OPD %(code)s tidak ada di berkas opds maupun di database.") % {
                "code": code
            }
        else:
            message = _("OPD %(code)s tidak ada di database.") % {"code": code}
        hint = self._similar_opd(code)
        if hint:
            message += " " + _("Maksud Anda %(code)s?") % {"code": hint}
        self.error(sheet, number, column, message)
        return False

    def _similar_opd(self, code: str) -> str | None:
        lowered = code.lower()
        for known in list(self.opds) + list(self.db.opds):
            if known.lower() == lowered and known != code:
                return known
        return None

    def cascade(
        self, work: list[str], dependants: Mapping[str, list], recheck: Callable[[Any, str], bool]
    ) -> None:
        """Mark rows that depend on a newly bad row as bad too (reported by `recheck`)."""
        while work:
            key = work.pop()
            for rec in dependants.get(key, ()):
                if rec.ok and not recheck(rec, key):
                    rec.ok = False
                    work.append(rec.code if isinstance(rec, OpdRow) else rec.nip)

    def flag_loops(
        self,
        link_of: dict[str, str | None],
        records: Mapping[str, OpdRow | EmployeeRow],
        sheet: str,
        column: str,
        message: str,
    ) -> list[str]:
        """Report each file row on a loop of `link_of` (parents or supervisors); return the keys."""
        flagged = []
        for loop in find_loops(link_of):
            text = " → ".join(shorten(loop + [loop[0]]))
            for key in loop:
                rec = records.get(key)
                if rec is not None and rec.ok:
                    self.error(sheet, rec.row, column, message % {"loop": text})
                    rec.ok = False
                    flagged.append(key)
        return flagged


def find_loops(parent_of: dict[str, str | None]) -> list[list[str]]:
    """Every cycle of a functional graph (each node has at most one parent), in order."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    loops = []
    for start in parent_of:
        if start in state:
            continue
        path = []
        node = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = parent_of.get(node)
        if node is not None and state.get(node) == 1:
            loops.append(path[path.index(node) :])
        for visited in path:
            state[visited] = 2
    return loops


def shorten(items: list[str]) -> list[str]:
    if len(items) <= LOOP_SHOWN:
        return items
    return items[: LOOP_SHOWN - 1] + ["…", items[-1]]
