"""What an organisation import did: counts per sheet and every error."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a failed one, would do for the good rows)."""

    counts: dict[str, SheetCounts]
    errors: list[RowError]
    written: bool
    dry_run: bool
    keep_good_rows: bool

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
        }

    @classmethod
    def from_dict(cls, data: dict) -> ImportResult:
        return cls(
            counts={s: SheetCounts(**c) for s, c in data.get("counts", {}).items()},
            errors=[RowError(**e) for e in data.get("errors", [])],
            written=bool(data.get("written")),
            dry_run=bool(data.get("dry_run")),
            keep_good_rows=bool(data.get("keep_good_rows")),
        )
