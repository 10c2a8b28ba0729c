"""import_leave: every row stored or none, each failure with its row and column, and a row checked
exactly as an entry is (status, overlap, date bounds, note length; the decider recorded)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from common.tabular import RowError
from leave import services as leave_services
from leave.importing import LeaveImportError, leave_import
from leave.models import LeaveKind, LeaveRecord, LeaveStatus

TODAY = dt.date(2025, 12, 1)  # the OPDs' date in these tests
HEADER = "nip,kind,start,end,status,note\n"


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("opd.models.today_in", lambda tz_name: TODAY)
    return TODAY


def import_file(tmp_path, text: str) -> tuple[str, str]:
    path = tmp_path / "cuti.csv"
    path.write_text(HEADER + text)
    out, err = StringIO(), StringIO()
    try:
        call_command("import_leave", str(path), stdout=out, stderr=err)
    except CommandError as exc:
        err.write(f"\n{exc}")
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_leave_stores_every_row(world, tmp_path, today):
    out, _err = import_file(
        tmp_path,
        f"{world.staff.nip},cuti_tahunan,2025-12-08,2025-12-10,approved,Pulang kampung\n"
        f"{world.head.nip},dinas_luar,2025-12-04,2025-12-04,,Bimtek di Bandung\n"
        f"{world.other.nip},cuti_besar,2026-01-05,2026-01-30,pending,\n",
    )
    assert "3 catatan" in out
    records = {r.employee_id: r for r in LeaveRecord.objects.all()}
    assert records[world.staff.pk].end == dt.date(2025, 12, 10)
    assert records[world.head.pk].status == LeaveStatus.APPROVED
    assert records[world.other.pk].status == LeaveStatus.PENDING


@pytest.mark.django_db
def test_import_leave_is_all_or_nothing_with_row_and_column(world, tmp_path, today):
    _out, err = import_file(
        tmp_path,
        f"{world.staff.nip},cuti_tahunan,2025-12-08,2025-12-10,approved,\n"
        "199001012015011001,sakit,2025-12-08,2025-12-08,approved,\n"
        f"{world.head.nip},cuti_bersama,2025-12-08,2025-12-01,disetujui,\n",
    )
    assert "4 kesalahan; tidak ada data" in err
    assert "Baris 3, kolom nip: NIP 199001012015011001 tidak terdaftar" in err
    assert "Baris 4, kolom kind" in err
    assert "Baris 4, kolom end: Tanggal selesai sebelum tanggal mulai" in err
    assert "Baris 4, kolom status" in err
    assert LeaveRecord.objects.count() == 0


# Each case: a good row 2 and a wrong row 3 (Sari's rows), the column and the words refused.
REFUSED = {
    "rejected": (
        "{staff},cuti_tahunan,2025-12-15,2025-12-16,rejected,",
        "status",
        "Pilih disetujui atau diajukan",
    ),
    "cancelled": (
        "{staff},sakit,2025-12-15,2025-12-15,cancelled,",
        "status",
        "Pilih disetujui atau diajukan",
    ),
    "overlapping stored leave": (
        "{staff},sakit,2025-12-09,2025-12-09,approved,",
        "start",
        "Bertumpang tindih dengan Dinas luar 8 Desember 2025",
    ),
    "overlapping an earlier row of the file": (
        "{staff},cuti_tahunan,2025-12-03,2025-12-04,pending,",
        "start",
        "Bertumpang tindih dengan Cuti tahunan 2 Desember 2025",
    ),
    "starting more than a year back": (
        "{staff},cuti_tahunan,2024-11-29,2024-11-29,approved,",
        "start",
        "Tanggal mulai lebih dari setahun yang lalu",
    ),
    "ending more than five years ahead": (
        "{staff},tugas_belajar,2026-01-05,2031-01-05,approved,",
        "end",
        "Tanggal selesai lebih dari lima tahun ke depan",
    ),
    "with a note over 2000 characters": (
        "{staff},cuti_tahunan,2025-12-15,2025-12-15,approved," + "x" * 2001,
        "note",
        "Keterangan paling panjang 2000 karakter",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(REFUSED))
def test_a_row_an_entry_could_not_be_is_refused_with_its_row_and_column(
    world, tmp_path, today, case
):
    LeaveRecord.objects.create(
        employee=world.staff,
        kind=LeaveKind.DINAS_LUAR,
        start=dt.date(2025, 12, 8),
        end=dt.date(2025, 12, 10),
    )
    row, column, words = REFUSED[case]
    _out, err = import_file(
        tmp_path,
        f"{world.staff.nip},cuti_tahunan,2025-12-02,2025-12-03,approved,\n"
        + row.format(staff=world.staff.nip)
        + "\n",
    )
    assert "1 kesalahan; tidak ada data yang disimpan" in err
    assert f"Baris 3, kolom {column}: {words}" in err
    assert LeaveRecord.objects.count() == 1  # nothing written, the stored entry alone


@pytest.mark.django_db
def test_rejected_and_cancelled_entries_hold_no_days_for_the_import(world, tmp_path, today):
    for status in (LeaveStatus.REJECTED, LeaveStatus.CANCELLED):
        LeaveRecord.objects.create(
            employee=world.staff,
            kind=LeaveKind.SAKIT,
            start=dt.date(2025, 12, 8),
            end=dt.date(2025, 12, 8),
            status=status,
        )
    out, _err = import_file(tmp_path, f"{world.staff.nip},sakit,2025-12-08,2025-12-08,,\n")
    assert "1 catatan" in out


@pytest.mark.django_db
def test_imported_approved_rows_record_who_decided_them(world, tmp_path, today):
    import_file(
        tmp_path,
        f"{world.staff.nip},cuti_tahunan,2025-12-08,2025-12-09,approved,\n"
        f"{world.head.nip},cuti_tahunan,2025-12-08,2025-12-09,pending,\n",
    )
    approved = LeaveRecord.objects.get(employee=world.staff)
    pending = LeaveRecord.objects.get(employee=world.head)
    assert approved.decided_at is not None and pending.decided_at is None


@pytest.mark.django_db
def test_the_entry_form_and_the_import_refuse_a_row_with_the_same_words(world, tmp_path, today):
    LeaveRecord.objects.create(
        employee=world.staff,
        kind=LeaveKind.DINAS_LUAR,
        start=dt.date(2025, 12, 8),
        end=dt.date(2025, 12, 10),
    )
    with pytest.raises(ValidationError) as entry:
        leave_services.leave_create(
            employee=world.staff,
            kind=LeaveKind.SAKIT,
            start=dt.date(2025, 12, 9),
            end=dt.date(2025, 12, 9),
            note="x" * 2001,
            user=world.opd_admin,
        )
    with pytest.raises(ValidationError) as overlap:
        leave_services.leave_create(
            employee=world.staff,
            kind=LeaveKind.SAKIT,
            start=dt.date(2025, 12, 9),
            end=dt.date(2025, 12, 9),
            user=world.opd_admin,
        )
    _out, err = import_file(
        tmp_path,
        f"{world.staff.nip},sakit,2025-12-09,2025-12-09,approved,{'x' * 2001}\n"
        f"{world.head.nip},sakit,2025-12-09,2025-12-09,approved,\n"
        f"{world.staff.nip},sakit,2025-12-09,2025-12-09,approved,\n",
    )
    assert f"Baris 2, kolom note: {entry.value.message_dict['note'][0]}" in err
    assert f"Baris 4, kolom start: {overlap.value.message_dict['start'][0]}" in err


# --- one reader and one row error (issue 13, defect 6)


@pytest.mark.django_db
def test_import_leave_reads_a_semicolon_file_and_numbers_rows_after_a_blank_line(
    world, tmp_path, today
):
    path = tmp_path / "cuti.csv"
    path.write_text(
        "nip;kind;start;end;status;note\n"
        f"{world.staff.nip};cuti_tahunan;2025-12-08;2025-12-09;approved;\n"
        "\n"
        f" {world.head.nip} ;sakit;2025-12-08;2025-12-01;approved\n",
        encoding="cp1252",
    )
    err = StringIO()
    with pytest.raises(CommandError, match="1 kesalahan"):
        call_command("import_leave", str(path), stdout=StringIO(), stderr=err)
    assert "Baris 4, kolom end: Tanggal selesai sebelum tanggal mulai" in err.getvalue()
    assert LeaveRecord.objects.count() == 0


@pytest.mark.django_db
def test_import_leave_names_the_file_without_a_required_column_or_that_cannot_be_read(tmp_path):
    path = tmp_path / "cuti.csv"
    path.write_text("nip,jenis\n1,sakit\n")
    with pytest.raises(CommandError, match="cuti.csv baris 1: Kolom wajib tidak ada: end, kind"):
        call_command("import_leave", str(path))
    with pytest.raises(CommandError, match="Berkas .*hilang.csv tidak dapat dibaca"):
        call_command("import_leave", str(tmp_path / "hilang.csv"))


@pytest.mark.django_db
def test_the_leave_import_reports_the_one_row_error_of_common_tabular(world, today):
    with pytest.raises(LeaveImportError) as caught:
        leave_import(rows=[(3, {"nip": "", "kind": "sakit", "start": "x", "end": "2025-12-08"})])
    errors = caught.value.errors
    assert errors and all(type(e) is RowError for e in errors)
    assert [(e.file, e.row, e.column) for e in errors] == [("", 3, "nip"), ("", 3, "start")]
    assert str(errors[0]) == "Baris 3, kolom nip: NIP wajib diisi."
