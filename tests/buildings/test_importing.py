"""import_buildings: buildings, zones and meters all-or-nothing, bad cells named by row and
column, references within the import and to stored rows, and a second run changing nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from buildings.importing import buildings_import
from buildings.models import Building, Meter, MeterKind, Tariff, UnitSeat, Zone
from common.tabular import Upload

BUILDINGS = (
    "kode,nama,alamat,latitude,longitude,opd\n"
    "PEMKOT,Kantor Pemkot,Jl. Juanda 100,-6.2383,106.999,DISKOMINFO; DISDUKCAPIL\n"
)
ZONES = (
    "gedung,kode,nama,lantai,kapasitas,unit,selalu_menyala,keterangan_beban,bagian_meter\n"
    'PEMKOT,L1,Lantai 1,1,40,DISDUKCAPIL/LOKET,ya,Loket layanan,"0,4"\n'
    "PEMKOT,L2,Lantai 2,2,30,SEK; TIK,tidak,,\n"
)
METERS = (
    "gedung,kode,jenis,zona,tarif,berlaku_sejak,keterangan\n"
    'PEMKOT,PLN-1,listrik,,"1.444,70",2025-01-01,PLN P-1\n'
    "PEMKOT,PLN-1,listrik,,1500,2026-01-01,PLN P-1\n"
    "PEMKOT,PDAM-1,air,L1,7500,01/01/2025,\n"
)


def up(name: str, text: str) -> Upload:
    return Upload(name=name, data=text.encode())


def run(**texts):
    return buildings_import(**{k: up(f"{k}.csv", v) for k, v in texts.items()})


def test_the_three_files_are_written_with_units_seated_and_tariff_history(world):
    result = run(buildings=BUILDINGS, zones=ZONES, meters=METERS)
    assert result.ok, result.errors
    b = Building.objects.get(code="PEMKOT")
    assert set(b.opds.values_list("code", flat=True)) == {"DISKOMINFO", "DISDUKCAPIL"}
    assert b.latitude == Decimal("-6.238300")
    l1, l2 = Zone.objects.order_by("code")
    assert (l1.capacity, l1.always_on, l1.always_on_note, l1.meter_share) == (
        40,
        True,
        "Loket layanan",
        Decimal("0.4"),
    )
    assert set(UnitSeat.objects.filter(zone=l2).values_list("unit__code", flat=True)) == {
        "SEK",
        "TIK",
    }
    pln = Meter.objects.get(code="PLN-1")
    assert pln.kind == MeterKind.ELECTRICITY and pln.zone is None
    assert pln.tariff_on(dt.date(2025, 6, 1)).price_rp == Decimal("1444.70")
    assert pln.tariff_on(dt.date(2026, 2, 1)).price_rp == Decimal("1500.00")
    assert Meter.objects.get(code="PDAM-1").zone == l1
    assert result.counts["meters"].created == 2


def test_importing_the_same_files_again_changes_nothing(world):
    run(buildings=BUILDINGS, zones=ZONES, meters=METERS)
    again = run(buildings=BUILDINGS, zones=ZONES, meters=METERS)
    assert again.ok
    for counts in again.counts.values():
        assert (counts.created, counts.updated) == (0, 0), again.counts
    assert Tariff.objects.count() == 3


def test_a_zone_file_alone_refers_to_stored_buildings_and_moves_a_unit(world):
    run(buildings=BUILDINGS, zones=ZONES)
    moved = "gedung,kode,nama,kapasitas,unit\nPEMKOT,L1,Lantai 1,40,DISKOMINFO/TIK; LOKET\n"
    result = run(zones=moved)
    assert result.ok, result.errors
    assert UnitSeat.objects.get(unit=world.it).zone.code == "L1"
    assert set(UnitSeat.objects.values_list("unit__code", flat=True)) == {"TIK", "LOKET", "SEK"}


@pytest.mark.parametrize(
    ("sheet", "text", "row", "column", "words"),
    [
        ("buildings", "kode,nama,opd\nPEMKOT,Kantor,DINAS-X\n", 2, "opd", "DINAS-X"),
        ("buildings", "kode,nama,latitude\nPEMKOT,Kantor,-95\n", 2, "latitude", "-95"),
        ("buildings", "kode,nama\nPEM KOT,Kantor\n", 2, "kode", "PEM KOT"),
        ("buildings", "kode,nama\nA,Satu\nA,Dua\n", 3, "kode", "baris 2"),
        ("zones", "gedung,kode,nama,kapasitas\nNOWHERE,L1,Lantai,10\n", 2, "gedung", "NOWHERE"),
        ("zones", "gedung,kode,nama,kapasitas\nPEMKOT,L1,Lantai,banyak\n", 2, "kapasitas", ""),
        ("zones", "gedung,kode,nama,kapasitas,unit\nPEMKOT,L1,L,9,XYZ\n", 2, "unit", "XYZ"),
        (
            "zones",
            "gedung,kode,nama,kapasitas,unit\nPEMKOT,L1,L,9,SEK\nPEMKOT,L2,L,9,SEK\n",
            3,
            "unit",
            "baris 2",
        ),
        (
            "zones",
            "gedung,kode,nama,kapasitas,selalu_menyala\nPEMKOT,L1,L,9,mungkin\n",
            2,
            "selalu_menyala",
            "mungkin",
        ),
        (
            "zones",
            "gedung,kode,nama,kapasitas,bagian_meter\nPEMKOT,L1,L,9,2\n",
            2,
            "bagian_meter",
            "2",
        ),
        ("meters", "gedung,kode,jenis\nPEMKOT,M1,gas\n", 2, "jenis", "gas"),
        ("meters", "gedung,kode,jenis,zona\nPEMKOT,M1,air,L9\n", 2, "zona", "L9"),
        (
            "meters",
            "gedung,kode,jenis,tarif,berlaku_sejak\nPEMKOT,M1,air,murah,2025-01-01\n",
            2,
            "tarif",
            "murah",
        ),
        (
            "meters",
            "gedung,kode,jenis,tarif,berlaku_sejak\nPEMKOT,M1,air,100,31/02/2025\n",
            2,
            "berlaku_sejak",
            "31/02/2025",
        ),
        ("meters", "gedung,kode,jenis,tarif\nPEMKOT,M1,air,100\n", 2, "berlaku_sejak", ""),
    ],
)
def test_a_bad_cell_is_named_by_file_row_and_column_and_nothing_is_written(
    world, sheet, text, row, column, words
):
    texts = {"buildings": BUILDINGS, sheet: text} if sheet != "buildings" else {sheet: text}
    if sheet == "meters":
        texts["zones"] = ZONES
    result = run(**texts)
    assert not result.ok
    assert not result.written
    matching = [e for e in result.errors if (e.row, e.column) == (row, column)]
    assert matching, result.errors
    assert matching[0].file == f"{sheet}.csv"
    assert words in matching[0].message or words in str(matching[0])
    assert not Building.objects.exists() and not Zone.objects.exists()


def test_a_missing_required_column_names_the_file_and_header(world):
    result = run(zones="gedung,kode,nama\nPEMKOT,L1,Lantai\n")
    assert [(e.file, e.row) for e in result.errors] == [("zones.csv", 1)]
    assert "kapasitas" in result.errors[0].message


def test_a_dry_run_counts_without_writing(world):
    result = buildings_import(buildings=up("b.csv", BUILDINGS), dry_run=True)
    assert result.ok and result.counts["buildings"].created == 1
    assert not Building.objects.exists()


def test_the_command_writes_and_reports_counts(world, tmp_path, capsys):
    for name, text in (("b.csv", BUILDINGS), ("z.csv", ZONES), ("m.csv", METERS)):
        (tmp_path / name).write_text(text)
    call_command(
        "import_buildings",
        buildings=str(tmp_path / "b.csv"),
        zones=str(tmp_path / "z.csv"),
        meters=str(tmp_path / "m.csv"),
    )
    out = capsys.readouterr().out
    assert "buildings: 1 created" in out and "zones: 2 created" in out
    assert Zone.objects.count() == 2


def test_the_command_lists_row_errors_and_fails(world, tmp_path, capsys):
    (tmp_path / "z.csv").write_text("gedung,kode,nama,kapasitas\nNOWHERE,L1,Lantai,10\n")
    with pytest.raises(CommandError, match="1 kesalahan"):
        call_command("import_buildings", zones=str(tmp_path / "z.csv"))
    assert "z.csv baris 2, kolom gedung" in capsys.readouterr().err
