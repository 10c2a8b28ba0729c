"""The checks of import_buildings (buildings.importing): each row of the buildings, zones and
meters files cell by cell; every problem a RowError with the file, row and column."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from buildings.models import MeterKind
from common.tabular import RowError
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
from opd.models import Opd, Unit

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


@dataclass
class BuildingRow:
    number: int
    code: str
    name: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    opd_ids: list[int]


@dataclass
class ZoneRow:
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
class MeterRow:
    number: int
    building: str
    code: str
    kind: str
    zone: str
    price: Decimal | None
    valid_from: dt.date | None
    description: str


class Checker:
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


def check_buildings(check: Checker, records, opds: dict[str, Opd]) -> list[BuildingRow]:
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
        rows.append(BuildingRow(number, code, name, address, lat, lon, sorted(set(opd_ids))))
    return rows


def check_zones(
    check: Checker,
    records,
    *,
    buildings: dict[str, set[int]],  # building code (upper) -> its OPD ids
    units: dict[tuple[str, str], Unit],
    unit_column: bool,
) -> list[ZoneRow]:
    rows, first, seated = [], {}, {}
    for number, cells in records:
        before = len(check.errors)
        building = _building_cell(check, number, cells, buildings)
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
            ZoneRow(number, building, code, name, floor, capacity, unit_ids, always_on, note, share)
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


def _building_cell(check: Checker, number: int, cells, known) -> str:
    """The row's `gedung`: required, and a building of the file or of the data (`known` holds
    their codes in upper case)."""
    building = cells.get("gedung", "").strip()
    if not building:
        check.error(number, "gedung", _("Wajib diisi."))
    elif building.upper() not in known:
        check.error(
            number,
            "gedung",
            _("Gedung %(code)s tidak ada di berkas gedung maupun di data.") % {"code": building},
        )
    return building


def check_meters(
    check: Checker, records, *, buildings: set[str], zones: set[tuple[str, str]]
) -> list[MeterRow]:
    rows, first, kinds = [], {}, {}
    for number, cells in records:
        before = len(check.errors)
        building = _building_cell(check, number, cells, buildings)
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
        rows.append(MeterRow(number, building, code, kind, zone, price, valid_from, description))
    return rows
