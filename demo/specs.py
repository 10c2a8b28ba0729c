"""What the demo city's tables are made of: an OPD and its units, a naming tradition, the
shorthand for their rows (a bidang, a dinas, ...) and the helpers that keep the tables short
(lists written as one string, codes made from names)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from demo.data.positions import SEKRETARIAT_STAFF
from opd.models import OpdKind


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    weight: float = 1.0
    frontline: bool = False
    staff: tuple[str, ...] = ()  # typical positions of the unit's staff
    head: str = ""
    deputy: str = ""


@dataclass(frozen=True)
class OpdSpec:
    code: str
    name: str
    kind: str
    weight: float  # relative headcount; all weights together are about 4,300
    head: str  # title of the head of the OPD
    deputy: str  # title of their second (Sekretaris ...), deputy of the lead unit
    units: tuple[UnitSpec, ...]  # the first is the lead unit, headed by the head of the OPD
    staff: tuple[str, ...] = ()  # typical functional positions of the OPD
    parent: str = ""
    location: tuple[float, float] | None = None  # near which point the office sits


@dataclass(frozen=True)
class NameGroup:
    """First and last names of one naming tradition; women may take a last name of their own."""

    weight: float
    male: tuple[str, ...]
    female: tuple[str, ...]
    last: tuple[str, ...]
    female_last: tuple[str, ...] = ()
    muslim: bool = True
    single_name_share: float = 0.0


def items(text: str) -> tuple[str, ...]:
    """A tuple from a comma-separated list: keeps the long lists of positions and places short."""
    return tuple(item.strip() for item in text.split(","))


def w(names: str) -> tuple[str, ...]:
    return tuple(names.split())


def code_of(name: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")


# Shorthand for the tables' rows: a bidang, bagian or seksi, a sekretariat, a frontline unit,
# a dinas or badan (its sekretariat first).


def bidang(code: str, subject: str, weight: float = 1.0, staff: tuple[str, ...] = ()) -> UnitSpec:
    return UnitSpec(
        code,
        f"Bidang {subject}",
        weight,
        staff=staff,
        head=f"Kepala Bidang {subject}",
        deputy=f"Ketua Tim Kerja {subject}",
    )


def bagian(code: str, subject: str, weight: float = 1.0, staff: tuple[str, ...] = ()) -> UnitSpec:
    return UnitSpec(
        code,
        f"Bagian {subject}",
        weight,
        staff=staff,
        head=f"Kepala Bagian {subject}",
        deputy=f"Kepala Subbagian {subject}",
    )


def seksi(code: str, subject: str, weight: float = 1.0, frontline: bool = False) -> UnitSpec:
    return UnitSpec(
        code,
        f"Seksi {subject}",
        weight,
        frontline=frontline,
        head=f"Kepala Seksi {subject}",
        deputy=f"Koordinator {subject}",
    )


def sekretariat(weight: float = 1.2) -> UnitSpec:
    return UnitSpec("SEK", "Sekretariat", weight, staff=SEKRETARIAT_STAFF)


def frontline(
    code: str, name: str, weight: float, staff: tuple[str, ...], head: str = "", deputy: str = ""
) -> UnitSpec:
    return UnitSpec(code, name, weight, True, staff, head or f"Koordinator {name}", deputy)


def dinas(
    code: str,
    subject: str,
    weight: float,
    units: Sequence[UnitSpec],
    staff: tuple[str, ...],
    *,
    kind: str = OpdKind.DINAS,
) -> OpdSpec:
    word = "Badan" if kind == OpdKind.BADAN else "Dinas"
    return OpdSpec(
        code=code,
        name=f"{word} {subject}",
        kind=kind,
        weight=weight,
        head=f"Kepala {word} {subject}",
        deputy=f"Sekretaris {word}",
        units=(sekretariat(), *units),
        staff=staff,
    )


def badan(code: str, subject: str, weight: float, units: Sequence[UnitSpec], staff) -> OpdSpec:
    return dinas(code, subject, weight, units, staff, kind=OpdKind.BADAN)
