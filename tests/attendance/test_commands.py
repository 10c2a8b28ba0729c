"""import_events: per-row results (import_leave: tests/leave/test_importing.py)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from attendance.models import AttendanceEvent
from attendance.services import events_ingest
from wfh.calendar import working_days

HEADER = "nip,timestamp,kind,mode,latitude,longitude,accuracy_m,device_id,external_id\n"


def run(name: str, path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(name, str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_events_prints_each_row_with_its_number(days, tmp_path):
    today = dt.date.today()
    last_working = working_days(today - dt.timedelta(days=14), today - dt.timedelta(days=1))[-1]
    stamp = f"{last_working.isoformat()}T07:25:00+07:00"
    path = tmp_path / "presensi.csv"
    path.write_text(
        HEADER
        + f"{days.staff.nip},{stamp},in,WFO,,,,mesin-1,e-1\n"
        + f"{days.staff.nip},{stamp},in,WFO,,,,mesin-1,e-1\n"
        + f"{days.staff.nip},2025-12-01 07:25,in,WFO,,,,mesin-1,e-2\n"
        + f"{days.head.nip},{stamp},keluar,WFO,,,,mesin-1,e-3\n",
        encoding="utf-8",
    )
    out, _err = run("import_events", path)
    assert "Baris 2: diterima" in out
    assert "Baris 3: duplikat" in out
    assert "Baris 4, kolom timestamp: ditolak" in out
    assert "Baris 5, kolom kind: ditolak" in out
    assert "1 diterima, 0 ditandai, 1 duplikat, 2 ditolak" in out
    event = AttendanceEvent.objects.get()
    assert event.source == "csv" and event.external_id == "e-1"


def test_import_events_flags_rows_that_fail_a_check(days, tmp_path):
    path = tmp_path / "presensi.csv"
    path.write_text(HEADER + f"{days.staff.nip},2020-01-06T07:25:00+07:00,in,WFO,,,,,\n")
    out, _err = run("import_events", path)
    assert "Baris 2: ditandai (too_old" in out
    assert AttendanceEvent.objects.get().status == "flagged"


def test_import_events_without_required_columns_stops(days, tmp_path):
    path = tmp_path / "presensi.csv"
    path.write_text("nip,waktu\n1,2\n")
    with pytest.raises(
        CommandError, match="presensi.csv baris 1: Kolom wajib tidak ada: kind, mode, timestamp"
    ):
        run("import_events", path)


def test_import_events_reads_a_semicolon_file_and_numbers_rows_after_a_blank_line(days, tmp_path):
    path = tmp_path / "presensi.csv"
    path.write_text(
        HEADER.replace(",", ";")
        + f"{days.staff.nip};2020-01-06T07:25:00+07:00;in;WFO;;;;;\n"
        + "\n"
        + f" {days.staff.nip} ;2020-01-06T07:30:00+07:00;masuk;WFO\n",
        encoding="utf-8",
    )
    out, _err = run("import_events", path)
    assert "Baris 2: ditandai (too_old" in out
    assert "Baris 4, kolom kind: ditolak" in out
    assert "1 ditandai, 0 duplikat, 1 ditolak" in out


def test_import_events_names_a_file_that_cannot_be_read(days, tmp_path):
    with pytest.raises(CommandError, match="Berkas .*hilang.csv tidak dapat dibaca"):
        run("import_events", tmp_path / "hilang.csv")


@pytest.mark.parametrize("stamp", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
def test_import_events_names_the_row_and_column_of_a_timestamp_no_offset_can_hold(
    days, tmp_path, stamp
):
    path = tmp_path / "presensi.csv"
    good = f"{days.staff.nip},{_recent_stamp()},in,WFO,,,,mesin-1,e-1\n"
    path.write_text(HEADER + f"{days.staff.nip},{stamp},in,WFO,,,,mesin-1,e-2\n" + good)
    out, _err = run("import_events", path)
    assert "Baris 2, kolom timestamp: ditolak" in out and "rentang" in out
    assert "Baris 3: diterima" in out
    assert AttendanceEvent.objects.get().external_id == "e-1"


def test_import_events_owns_its_external_ids_apart_from_api_clients(days, tmp_path):
    stamp = _recent_stamp()
    events_ingest(
        items=[{"nip": days.clerk.nip, "timestamp": stamp, "kind": "in", "mode": "WFO",
                "external_id": "e-1"}],
        source="csv",
        sender="client:9",
    )  # fmt: skip
    path = tmp_path / "presensi.csv"
    path.write_text(HEADER + f"{days.staff.nip},{stamp},in,WFO,,,,mesin-1,e-1\n")
    out, _err = run("import_events", path)
    assert "Baris 2: diterima" in out
    assert AttendanceEvent.objects.get(employee=days.staff).sender == "import"


def _recent_stamp() -> str:
    today = dt.date.today()
    last_working = working_days(today - dt.timedelta(days=14), today - dt.timedelta(days=1))[-1]
    return f"{last_working.isoformat()}T07:25:00+07:00"
