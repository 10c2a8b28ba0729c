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
counts without writing. Importing the same files again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from buildings.models import Building, Meter, MeterKind, Tariff, UnitSeat, Zone
from common.tabular import ReadError, RowError, Upload, read_records
from opd.importing import free_text
from opd.importing.cells import (
    parse_code,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_max_len,
    parse_yes_no,
)
from opd.importing.errors import CellError
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

_KINDS = {
    "electricity": MeterKind.ELECTRICITY,
    "listrik": MeterKind.ELECTRICITY,
    "pln": MeterKind.ELECTRICITY,
    "kwh": MeterKind.ELECTRICITY,
    "water": MeterKind.WATER,
    "air": MeterKind.WATER,
    "pdam": MeterKind.WATER,
    "fuel": MeterKind.FUEL,
    "bbm": MeterKind.FUEL,
    "solar": MeterKind.FUEL,
    "genset": MeterKind.FUEL,
    "internet": MeterKind.INTERNET,
}
_LIST_SPLIT = re.compile(r"[;,\n]+")
MAX_PRICE = Decimal("9999999999.99")


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


def split_list(text: str) -> list[str]:
    return [part.strip() for part in _LIST_SPLIT.split(text) if part.strip()]


def parse_kind(text: str) -> str:
    if not text:
        raise CellError(_("Wajib diisi: listrik, air, bbm atau internet."))
    kind = _KINDS.get(free_text.normalise(text).split(" ")[0]) if text.strip() else None
    if kind is None:
        raise CellError(
            _("Jenis meter %(value)s tidak dikenal; isi listrik, air, bbm atau internet.")
            % {"value": text}
        )
    return kind


def parse_price(text: str) -> Decimal | None:
    """Rupiah per unit: 1444,70 or 1444.70 or 1.444,70 (Indonesian thousands dots)."""
    if not text:
        return None
    cleaned = text.replace("Rp", "").replace("rp", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        price = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(_("%(value)s bukan angka rupiah.") % {"value": text}) from None
    if not price.is_finite() or price < 0 or price > MAX_PRICE:
        raise CellError(
            _("Tarif %(value)s di luar batas (0 sampai 9.999.999.999).") % {"value": text}
        )
    return price.quantize(Decimal("0.01"))


# -- checking ------------------------------------------------------------------------------------


@dataclass
class _BuildingRow:
    number: int
    code: str
    name: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    opd_ids: list[int]


@dataclass
class _ZoneRow:
    number: int
    building: str
    code: str
    name: str
    floor: str
    capacity: int
    unit_ids: list[int] | None  # None: the column was left out (seats kept)
    always_on: bool
    note: str
    share: Decimal | None


@dataclass
class _MeterRow:
    number: int
    building: str
    code: str
    kind: str
    zone: str
    price: Decimal | None
    valid_from: dt.date | None
    description: str


class _Checker:
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        self.file = ""

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(file=self.file, row=row, column=column, message=message))

    def cell(self, row: int, column: str, parse, *args):
        try:
            return parse(*args)
        except CellError as exc:
            self.error(row, column, str(exc))
            return None


def _check_buildings(check: _Checker, records, opds: dict[str, Opd]) -> list[_BuildingRow]:
    rows, first = [], {}
    for number, cells in records:
        before = len(check.errors)
        code = check.cell(number, "kode", parse_code, cells.get("kode", ""))
        name = free_text.tidy(cells.get("nama", ""))
        if not name:
            check.error(number, "nama", _("Wajib diisi."))
        else:
            check.cell(number, "nama", parse_max_len, name, 200)
        address = free_text.tidy(cells.get("alamat", ""))
        check.cell(number, "alamat", parse_max_len, address, 300)
        lat = check.cell(
            number, "latitude", parse_decimal, cells.get("latitude", ""), -90, 90, "Lintang"
        )
        lon = check.cell(
            number, "longitude", parse_decimal, cells.get("longitude", ""), -180, 180, "Bujur"
        )
        opd_ids = []
        for opd_code in split_list(cells.get("opd", "")):
            opd = opds.get(opd_code.upper())
            if opd is None:
                check.error(number, "opd", _("OPD %(code)s tidak terdaftar.") % {"code": opd_code})
            else:
                opd_ids.append(opd.pk)
        if code and code.upper() in first:
            check.error(
                number,
                "kode",
                _("Gedung %(code)s sudah ada di baris %(row)d.")
                % {"code": code, "row": first[code.upper()]},
            )
        if len(check.errors) > before:
            continue
        first[code.upper()] = number
        rows.append(_BuildingRow(number, code, name, address, lat, lon, sorted(set(opd_ids))))
    return rows


def _check_zones(
    check: _Checker,
    records,
    *,
    buildings: dict[str, set[int]],  # building code (upper) -> its OPD ids
    units: dict[tuple[str, str], Unit],
    unit_column: bool,
) -> list[_ZoneRow]:
    rows, first, seated = [], {}, {}
    for number, cells in records:
        before = len(check.errors)
        building = cells.get("gedung", "").strip()
        if not building:
            check.error(number, "gedung", _("Wajib diisi."))
        elif building.upper() not in buildings:
            check.error(
                number,
                "gedung",
                _("Gedung %(code)s tidak ada di berkas gedung maupun di data.")
                % {"code": building},
            )
        code = check.cell(number, "kode", parse_code, cells.get("kode", ""))
        name = free_text.tidy(cells.get("nama", ""))
        if not name:
            check.error(number, "nama", _("Wajib diisi."))
        else:
            check.cell(number, "nama", parse_max_len, name, 200)
        floor = free_text.tidy(cells.get("lantai", ""))
        check.cell(number, "lantai", parse_max_len, floor, 32)
        capacity = None
        if not cells.get("kapasitas", ""):
            check.error(number, "kapasitas", _("Wajib diisi: jumlah kursi."))
        else:
            capacity = check.cell(
                number, "kapasitas", parse_integer, cells.get("kapasitas", ""), 0, 0, 100000
            )
        always_on = check.cell(
            number, "selalu_menyala", parse_yes_no, cells.get("selalu_menyala", ""), False
        )
        note = free_text.tidy(cells.get("keterangan_beban", ""))
        check.cell(number, "keterangan_beban", parse_max_len, note, 200)
        share = check.cell(
            number, "bagian_meter", parse_decimal, cells.get("bagian_meter", ""), 0, 1, "Bagian"
        )
        if share is not None:
            share = share.quantize(Decimal("0.0001"))
        unit_ids: list[int] | None = None
        if unit_column:
            unit_ids = []
            opd_ids = buildings.get(building.upper(), set())
            for ref in split_list(cells.get("unit", "")):
                unit = _find_unit(check, number, ref, units, opd_ids)
                if unit is None:
                    continue
                if unit.pk in seated:
                    check.error(
                        number,
                        "unit",
                        _(
                            "Unit %(unit)s sudah ditempatkan di baris %(row)d "
                            "(satu unit, satu zona)."
                        )
                        % {"unit": ref, "row": seated[unit.pk]},
                    )
                    continue
                seated[unit.pk] = number
                unit_ids.append(unit.pk)
        key = (building.upper(), (code or "").upper())
        if code and key in first:
            check.error(
                number,
                "kode",
                _("Zona %(code)s gedung %(building)s sudah ada di baris %(row)d.")
                % {"code": code, "building": building, "row": first[key]},
            )
        if len(check.errors) > before:
            continue
        first[key] = number
        rows.append(
            _ZoneRow(
                number, building, code, name, floor, capacity, unit_ids, always_on, note, share
            )
        )
    return rows


def _find_unit(check, number, ref, units, opd_ids) -> Unit | None:
    if "/" in ref:
        opd_code, _sep, unit_code = ref.partition("/")
        unit = units.get((opd_code.strip().upper(), unit_code.strip().upper()))
        if unit is None:
            check.error(number, "unit", _("Unit %(unit)s tidak terdaftar.") % {"unit": ref})
        return unit
    found = [u for (o, c), u in units.items() if c == ref.upper() and u.opd_id in opd_ids]
    if len(found) == 1:
        return found[0]
    if not found:
        check.error(
            number,
            "unit",
            _(
                "Unit %(unit)s tidak ada di OPD penghuni gedung ini; tulis sebagai OPD/UNIT, "
                "mis. DISKOMINFO/SEK."
            )
            % {"unit": ref},
        )
    else:
        check.error(
            number,
            "unit",
            _("Unit %(unit)s ada di beberapa OPD gedung ini; tulis sebagai OPD/UNIT.")
            % {"unit": ref},
        )
    return None


def _check_meters(
    check: _Checker, records, *, buildings: set[str], zones: set[tuple[str, str]]
) -> list[_MeterRow]:
    rows, first, kinds = [], {}, {}
    for number, cells in records:
        before = len(check.errors)
        building = cells.get("gedung", "").strip()
        if not building:
            check.error(number, "gedung", _("Wajib diisi."))
        elif building.upper() not in buildings:
            check.error(
                number,
                "gedung",
                _("Gedung %(code)s tidak ada di berkas gedung maupun di data.")
                % {"code": building},
            )
        code = check.cell(number, "kode", parse_max_len, cells.get("kode", ""), 64)
        if not code:
            if code is not None:
                check.error(number, "kode", _("Wajib diisi."))
        elif not re.match(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", code):
            check.error(
                number,
                "kode",
                _(
                    "Kode %(value)s hanya boleh berisi huruf, angka, titik, garis bawah atau tanda "
                    "hubung (tanpa spasi)."
                )
                % {"value": code},
            )
        kind = check.cell(number, "jenis", parse_kind, cells.get("jenis", ""))
        zone = cells.get("zona", "").strip()
        if zone and building and (building.upper(), zone.upper()) not in zones:
            check.error(
                number,
                "zona",
                _("Zona %(zone)s tidak ada di gedung %(building)s.")
                % {"zone": zone, "building": building},
            )
        price = check.cell(number, "tarif", parse_price, cells.get("tarif", ""))
        valid_from = check.cell(number, "berlaku_sejak", parse_date, cells.get("berlaku_sejak", ""))
        if (
            price is not None
            and valid_from is None
            and "berlaku_sejak" not in [e.column for e in check.errors[before:]]
        ):
            check.error(number, "berlaku_sejak", _("Wajib diisi bila tarif diisi."))
        if valid_from is not None and price is None and not cells.get("tarif", ""):
            check.error(number, "tarif", _("Wajib diisi bila berlaku_sejak diisi."))
        description = free_text.tidy(cells.get("keterangan", ""))
        check.cell(number, "keterangan", parse_max_len, description, 200)
        if len(check.errors) > before:
            continue
        meter_key = (building.upper(), code.upper())
        if meter_key in kinds and kinds[meter_key][0] != (kind, zone.upper()):
            check.error(
                number,
                "jenis",
                _("Meter %(code)s di baris %(row)d punya jenis atau zona lain.")
                % {"code": code, "row": kinds[meter_key][1]},
            )
            continue
        kinds.setdefault(meter_key, ((kind, zone.upper()), number))
        key = (*meter_key, valid_from)
        if key in first:
            check.error(
                number,
                "berlaku_sejak" if valid_from else "kode",
                _("Meter %(code)s dengan tanggal berlaku yang sama sudah ada di baris %(row)d.")
                % {"code": code, "row": first[key]},
            )
            continue
        first[key] = number
        rows.append(_MeterRow(number, building, code, kind, zone, price, valid_from, description))
    return rows


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
    check = _Checker(result.errors)
    existing_buildings = {
        b.code.upper(): b for b in Building.objects.select_for_update().prefetch_related("opds")
    }
    building_rows: list[_BuildingRow] = []
    if "buildings" in records:
        check.file = buildings.name
        opds = {o.code.upper(): o for o in Opd.objects.all()}
        building_rows = _check_buildings(check, records["buildings"], opds)
    building_opds = {
        code: {o.pk for o in b.opds.all()} for code, b in existing_buildings.items()
    } | {r.code.upper(): set(r.opd_ids) for r in building_rows}
    zone_rows: list[_ZoneRow] = []
    existing_zones = {
        (z.building.code.upper(), z.code.upper()): z
        for z in Zone.objects.select_related("building").select_for_update(of=("self",))
    }
    if "zones" in records:
        check.file = zones.name
        units = {
            (u.opd.code.upper(), u.code.upper()): u for u in Unit.objects.select_related("opd")
        }
        zone_rows = _check_zones(
            check,
            records["zones"],
            buildings=building_opds,
            units=units,
            unit_column="unit" in present.get("zones", set()),
        )
    meter_rows: list[_MeterRow] = []
    if "meters" in records:
        check.file = meters.name
        zone_keys = set(existing_zones) | {(r.building.upper(), r.code.upper()) for r in zone_rows}
        meter_rows = _check_meters(
            check, records["meters"], buildings=set(building_opds), zones=zone_keys
        )
    result.counts = _write(
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


def _write(
    building_rows, zone_rows, meter_rows, *, existing_buildings, existing_zones, sheets, commit
) -> dict[str, SheetCounts]:
    """Count what would change and, when `commit`, write it set-wise."""
    counts = {sheet: SheetCounts() for sheet in sheets}
    # buildings
    new_b, changed_b, opd_sets = [], [], {}
    for r in building_rows:
        b = existing_buildings.get(r.code.upper())
        values = (r.name, r.address, r.latitude, r.longitude)
        if b is None:
            b = Building(
                code=r.code,
                name=r.name,
                address=r.address,
                latitude=r.latitude,
                longitude=r.longitude,
            )
            new_b.append(b)
            counts["buildings"].created += 1
        else:
            current = (
                b.name,
                b.address,
                None if b.latitude is None else Decimal(b.latitude).quantize(Decimal("0.000001")),
                None if b.longitude is None else Decimal(b.longitude).quantize(Decimal("0.000001")),
            )
            same_opds = sorted(o.pk for o in b.opds.all()) == r.opd_ids
            if current == values and same_opds:
                counts["buildings"].unchanged += 1
            else:
                b.name, b.address, b.latitude, b.longitude = values
                changed_b.append(b)
                counts["buildings"].updated += 1
        opd_sets[r.code.upper()] = (b, r.opd_ids)
    if commit:
        Building.objects.bulk_create(new_b)
        Building.objects.bulk_update(changed_b, ["name", "address", "latitude", "longitude"])
        if new_b:  # SQLite's bulk_create leaves pk unset
            ids = dict(
                Building.objects.filter(code__in=[b.code for b in new_b]).values_list("code", "id")
            )
            for b in new_b:
                b.pk = ids[b.code]
        through = Building.opds.through
        touched = [b.pk for b, _ids in opd_sets.values()]
        through.objects.filter(building_id__in=touched).delete()
        through.objects.bulk_create(
            [through(building_id=b.pk, opd_id=o) for b, ids in opd_sets.values() for o in ids]
        )
        existing_buildings = {code: b for code, (b, _ids) in opd_sets.items()} | {
            code: b for code, b in existing_buildings.items() if code not in opd_sets
        }
    # zones
    new_z, changed_z = [], []
    fields = ("name", "floor", "capacity", "always_on", "always_on_note", "meter_share")
    current_seats: dict[int, set[int]] = {}
    for unit_id, zone_id in UnitSeat.objects.values_list("unit_id", "zone_id"):
        current_seats.setdefault(zone_id, set()).add(unit_id)
    zone_objects: dict[tuple[str, str], Zone] = {}
    for r in zone_rows:
        key = (r.building.upper(), r.code.upper())
        z = existing_zones.get(key)
        values = (r.name, r.floor, r.capacity, r.always_on, r.note, r.share)
        if z is None:
            building = existing_buildings.get(r.building.upper())
            z = Zone(building=building, code=r.code, **dict(zip(fields, values, strict=True)))
            if building is not None and building.pk:
                z.building_id = building.pk
            new_z.append(z)
            counts["zones"].created += 1
        else:
            current = tuple(getattr(z, f) for f in fields)
            if current[-1] is not None:
                current = (*current[:-1], Decimal(current[-1]).quantize(Decimal("0.000001")))
            same_seats = r.unit_ids is None or current_seats.get(z.pk, set()) == set(r.unit_ids)
            if current == values and same_seats:
                counts["zones"].unchanged += 1
            else:
                for f, v in zip(fields, values, strict=True):
                    setattr(z, f, v)
                changed_z.append(z)
                counts["zones"].updated += 1
        zone_objects[key] = z
    if commit:
        for z in new_z:
            z.building_id = z.building.pk
        Zone.objects.bulk_create(new_z)
        Zone.objects.bulk_update(changed_z, list(fields))
        if new_z:
            ids = {
                (b.upper(), c.upper()): pk
                for b, c, pk in Zone.objects.filter(
                    building_id__in={z.building_id for z in new_z}
                ).values_list("building__code", "code", "id")
            }
            for key, z in zone_objects.items():
                if z.pk is None:
                    z.pk = ids[key]
        seated = [(zone_objects[(r.building.upper(), r.code.upper())], r) for r in zone_rows]
        seated = [(z, r) for z, r in seated if r.unit_ids is not None]
        UnitSeat.objects.filter(zone_id__in=[z.pk for z, _r in seated]).delete()
        UnitSeat.objects.filter(unit_id__in=[u for _z, r in seated for u in r.unit_ids]).delete()
        UnitSeat.objects.bulk_create(
            [UnitSeat(unit_id=u, zone_id=z.pk) for z, r in seated for u in r.unit_ids]
        )
    # meters and tariffs
    if meter_rows:
        _write_meters(meter_rows, counts["meters"], zone_objects, commit)
    return counts


def _write_meters(meter_rows, counts: SheetCounts, zone_objects, commit: bool) -> None:
    buildings = {
        b.code.upper(): b
        for b in Building.objects.filter(code__in={r.building for r in meter_rows})
    }
    zones = {
        (z.building.code.upper(), z.code.upper()): z
        for z in Zone.objects.select_related("building").filter(
            building__code__in={r.building for r in meter_rows}
        )
    } | zone_objects
    meters = {
        (m.building.code.upper(), m.code.upper()): m
        for m in Meter.objects.select_related("building").filter(
            building__code__in={r.building for r in meter_rows}
        )
    }
    tariffs = {
        (t.meter_id, t.valid_from): t
        for t in Tariff.objects.filter(meter__in=[m.pk for m in meters.values()])
    }
    new_m, changed_m, seen, new_t, changed_t = [], [], set(), [], []
    row_counted: dict[tuple[str, str], str] = {}
    for r in meter_rows:
        key = (r.building.upper(), r.code.upper())
        zone = zones.get((key[0], r.zone.upper())) if r.zone else None
        m = meters.get(key)
        state = "unchanged"
        if m is None:
            m = Meter(code=r.code, kind=r.kind, description=r.description)
            m._building_key, m._zone = key[0], zone
            meters[key] = m
            new_m.append(m)
            state = "created"
        elif key not in seen:
            zone_id = zone.pk if zone is not None else None
            if (m.kind, m.zone_id, m.description) != (r.kind, zone_id, r.description):
                m.kind, m.description, m._zone = r.kind, r.description, zone
                changed_m.append(m)
                state = "updated"
        seen.add(key)
        if r.valid_from is not None:
            t = tariffs.get((m.pk, r.valid_from)) if m.pk else None
            if t is None:
                new_t.append((m, r.valid_from, r.price))
                state = "created" if state == "created" else "updated"
            elif t.price_rp != r.price:
                t.price_rp = r.price
                changed_t.append(t)
                state = "created" if state == "created" else "updated"
        previous = row_counted.get(key)
        order = ("unchanged", "updated", "created")
        if previous is None or order.index(state) > order.index(previous):
            row_counted[key] = state
    for state in row_counted.values():
        setattr(counts, state, getattr(counts, state) + 1)
    if not commit:
        return
    for m in new_m:
        m.building_id = buildings[m._building_key].pk
        m.zone_id = m._zone.pk if m._zone is not None else None
    for m in changed_m:
        m.zone_id = m._zone.pk if m._zone is not None else None
    Meter.objects.bulk_create(new_m)
    Meter.objects.bulk_update(changed_m, ["kind", "zone", "description"])
    if new_m:
        ids = {
            (b.upper(), c.upper()): pk
            for b, c, pk in Meter.objects.filter(
                building_id__in={m.building_id for m in new_m}
            ).values_list("building__code", "code", "id")
        }
        for key, m in meters.items():
            if m.pk is None:
                m.pk = ids[key]
    Tariff.objects.bulk_create(
        [Tariff(meter_id=m.pk, valid_from=day, price_rp=price) for m, day, price in new_t]
    )
    Tariff.objects.bulk_update(changed_t, ["price_rp"])
