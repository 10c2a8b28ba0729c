"""What an organisation import did: counts per sheet and every error."""

from __future__ import annotations

from dataclasses import dataclass, field

from common.tabular import RowError


@dataclass(slots=True)
class SheetCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # bad rows and rows that depend on them

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


@dataclass(frozen=True, slots=True)
class Reading:
    """How a hand-written cell was read: the preview's "dibaca sebagai"."""

    file: str
    row: int
    column: str
    text: str
    read_as: str

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "text": self.text,
            "read_as": self.read_as,
        }


READINGS_KEPT = 1000  # readings a result keeps for the preview (the count says how many more)


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a failed one, would do for the good rows)."""

    counts: dict[str, SheetCounts]
    errors: list[RowError]
    written: bool
    dry_run: bool
    keep_good_rows: bool
    readings: list[Reading] = field(default_factory=list)
    readings_total: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "counts": {sheet: c.as_dict() for sheet, c in self.counts.items()},
            "errors": [e.as_dict() for e in self.errors],
            "written": self.written,
            "dry_run": self.dry_run,
            "keep_good_rows": self.keep_good_rows,
            "readings": [r.as_dict() for r in self.readings[:READINGS_KEPT]],
            "readings_total": max(self.readings_total, len(self.readings)),
        }

    @classmethod
    def from_dict(cls, data: dict) -> ImportResult:
        return cls(
            counts={s: SheetCounts(**c) for s, c in data.get("counts", {}).items()},
            errors=[RowError(**e) for e in data.get("errors", [])],
            written=bool(data.get("written")),
            dry_run=bool(data.get("dry_run")),
            keep_good_rows=bool(data.get("keep_good_rows")),
            readings=[Reading(**r) for r in data.get("readings", [])],
            readings_total=int(data.get("readings_total", 0)),
        )
