"""import_buildings: buildings, their zones and their meters from CSV or XLSX files.

Three files, any subset (the management command, the HR page /gedung/impor/):

- buildings: `kode,nama,alamat,latitude,longitude,opd` — `opd` lists the OPD codes housed there
  (separated by `;` or `,`).
- zones: `gedung,kode,nama,lantai,kapasitas,unit,selalu_menyala,keterangan_beban,bagian_meter` —
  `unit` lists the units seated in the zone as `OPD/UNIT` (or `UNIT` when only one OPD of the
  building has that code); the zone's seats become exactly that list (a unit moves from its old
  zone). `selalu_menyala` is ya/tidak; `bagian_meter` a share of the building's meter, 0 to 1.
- meters: `gedung,kode,jenis,zona,tarif,berlaku_sejak,keterangan` — `jenis` listrik, air, bbm
  or internet; `tarif` rupiah per kWh, m³, litre or GB from `berlaku_sejak`; a meter repeated
  with another date adds to its tariff history.

References point to rows of the same import or to rows already stored. All rows or none, as
import_org: every problem is a RowError naming the file, row and column; a dry run checks and
counts without writing. Importing the same files again changes nothing. The checks are in
importing_checks, the write in importing_writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from buildings.importing_checks import (
    BuildingRow,
    Checker,
    MeterRow,
    ZoneRow,
    check_buildings,
    check_meters,
    check_zones,
)
from buildings.importing_writer import write_rows
from buildings.models import Building, Zone
from common.tabular import ReadError, RowError, Upload, read_records
from opd.importing.results import SheetCounts
from opd.models import Opd, Unit

SHEETS = ("buildings", "zones", "meters")
COLUMNS = {
    "buildings": ("kode", "nama", "alamat", "latitude", "longitude", "opd"),
    "zones": (
        "gedung",
        "kode",
        "nama",
        "lantai",
        "kapasitas",
        "unit",
        "selalu_menyala",
        "keterangan_beban",
        "bagian_meter",
    ),
    "meters": ("gedung", "kode", "jenis", "zona", "tarif", "berlaku_sejak", "keterangan"),
}
REQUIRED = {
    "buildings": ("kode", "nama"),
    "zones": ("gedung", "kode", "nama", "kapasitas"),
    "meters": ("gedung", "kode", "jenis"),
}
TEMPLATE_EXAMPLE = {
    "buildings": {
        "kode": "PEMKOT",
        "nama": "Kompleks Kantor Pemerintah Kota Bekasi",
        "alamat": "Jl. Ir. H. Juanda No. 100, Bekasi Timur",
        "latitude": "-6.2383",
        "longitude": "106.9990",
        "opd": "SETDA; BAPPEDA; DISKOMINFO",
    },
    "zones": {
        "gedung": "PEMKOT",
        "kode": "L3",
        "nama": "Lantai 3",
        "lantai": "3",
        "kapasitas": "120",
        "unit": "DISKOMINFO/SEK; DISKOMINFO/TIK",
        "selalu_menyala": "ya",
        "keterangan_beban": "Ruang server",
        "bagian_meter": "0,15",
    },
    "meters": {
        "gedung": "PEMKOT",
        "kode": "PLN-001",
        "jenis": "listrik",
        "zona": "",
        "tarif": "1444,70",
        "berlaku_sejak": "2025-01-01",
        "keterangan": "PLN golongan P-1",
    },
}
SHEET_LABELS = {"buildings": "gedung", "zones": "zona", "meters": "meter"}


@dataclass
class BuildingImportResult:
    counts: dict[str, SheetCounts] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def template_rows(sheet: str) -> list[list[str]]:
    return [list(COLUMNS[sheet]), [TEMPLATE_EXAMPLE[sheet][c] for c in COLUMNS[sheet]]]


# -- the import ---------------------------------------------------------------------------------


@transaction.atomic
def buildings_import(
    *,
    buildings: Upload | None = None,
    zones: Upload | None = None,
    meters: Upload | None = None,
    dry_run: bool = False,
) -> BuildingImportResult:
    """Check every row of the files given, then write all of them (or, with any error or
    `dry_run`, none)."""
    result = BuildingImportResult(dry_run=dry_run)
    uploads = {"buildings": buildings, "zones": zones, "meters": meters}
    records: dict[str, list] = {}
    present: dict[str, set[str]] = {}
    for sheet, upload in uploads.items():
        if upload is None:
            continue
        try:
            rows = read_records(upload, columns=COLUMNS[sheet], required=REQUIRED[sheet])
        except ReadError as exc:
            result.errors.append(exc.error)
            continue
        if not rows:
            result.errors.append(
                RowError(file=upload.name, row=None, message=_("Berkas tidak berisi baris data."))
            )
        records[sheet] = rows
        present[sheet] = set().union(*(r.keys() for _n, r in rows)) if rows else set()
    if not uploads_given(uploads):
        result.errors.append(
            RowError(row=None, message=_("Berikan berkas gedung, zona atau meter."))
        )
    check = Checker(result.errors)
    existing_buildings = {
        b.code.upper(): b for b in Building.objects.select_for_update().prefetch_related("opds")
    }
    building_rows: list[BuildingRow] = []
    if "buildings" in records:
        check.file = buildings.name
        opds = {o.code.upper(): o for o in Opd.objects.all()}
        building_rows = check_buildings(check, records["buildings"], opds)
    building_opds = {
        code: {o.pk for o in b.opds.all()} for code, b in existing_buildings.items()
    } | {r.code.upper(): set(r.opd_ids) for r in building_rows}
    zone_rows: list[ZoneRow] = []
    existing_zones = {
        (z.building.code.upper(), z.code.upper()): z
        for z in Zone.objects.select_related("building").select_for_update(of=("self",))
    }
    if "zones" in records:
        check.file = zones.name
        units = {
            (u.opd.code.upper(), u.code.upper()): u for u in Unit.objects.select_related("opd")
        }
        zone_rows = check_zones(
            check,
            records["zones"],
            buildings=building_opds,
            units=units,
            unit_column="unit" in present.get("zones", set()),
        )
    meter_rows: list[MeterRow] = []
    if "meters" in records:
        check.file = meters.name
        zone_keys = set(existing_zones) | {(r.building.upper(), r.code.upper()) for r in zone_rows}
        meter_rows = check_meters(
            check, records["meters"], buildings=set(building_opds), zones=zone_keys
        )
    result.counts = write_rows(
        building_rows,
        zone_rows,
        meter_rows,
        existing_buildings=existing_buildings,
        existing_zones=existing_zones,
        sheets=[s for s in SHEETS if s in records],
        commit=not (result.errors or dry_run),
    )
    result.written = not (result.errors or dry_run) and any(
        c.created or c.updated for c in result.counts.values()
    )
    return result


def uploads_given(uploads: dict) -> bool:
    return any(u is not None for u in uploads.values())
