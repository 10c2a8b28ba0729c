"""How far an import has got, as a percentage for the HR page's progress bar.

Reading the files is the slow part (an XLSX of 100,000 rows takes seconds): it fills the first
READ_SHARE percent, each file its equal band, by rows read against the rows the file says it
has; the checks fill the rest step by step. `report(percent, rows_read)` is told only when the
percentage moves forward, so a caller that stores it writes a bounded number of times.
"""

from __future__ import annotations

from collections.abc import Callable

from common.tabular import ReadProgress

Report = Callable[[int, int], None]
READ_SHARE = 70
STEPS = {"opds": 75, "parents": 78, "units": 82, "employees": 92, "references": 95}


class Progress:
    def __init__(self, report: Report | None = None, *, files: int = 1):
        self._report = report
        self._files = max(files, 1)
        self._percent = 0
        self._rows_done = 0  # rows of the files read before the current one
        self._rows = 0

    def file(self, index: int) -> ReadProgress | None:
        """The callback for reading the `index`th file (from 0)."""
        if self._report is None:
            return None
        self._rows_done += self._rows
        self._rows = 0
        low = READ_SHARE * index // self._files
        band = READ_SHARE // self._files

        def read(rows: int, expected: int | None) -> None:
            self._rows = rows
            fraction = min(rows / expected, 0.99) if expected else 0.0
            self._tell(low + int(band * fraction))

        self._tell(low)
        return read

    def step(self, name: str) -> None:
        self._tell(STEPS[name])

    def _tell(self, percent: int) -> None:
        if self._report is not None and percent > self._percent:
            self._percent = percent
            self._report(percent, self._rows_done + self._rows)
