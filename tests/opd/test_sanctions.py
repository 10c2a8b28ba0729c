"""Disciplinary sanctions: import_sanctions and the page, all rows or none, row and column named,
and the eligibility they make for their dates only."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from opd.eligibility_records import describe, employee_eligibility
from opd.models import DisciplinarySanction, SanctionKind

pytestmark = pytest.mark.django_db
D = dt.date
HEADER = "nip,kind,start,end,reference,note\n"


def write(tmp_path, text: str):
    path = tmp_path / "sanctions.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return str(path)


def test_import_then_eligibility_for_the_dates_only(world, tmp_path):
    path = write(
        tmp_path,
        f"{world.staff.nip},sedang,2025-11-10,21/11/2025,800/12/BKPSDM,\n"
        f"{world.other.nip},sedang diperiksa,1 Desember 2025,,,\n",
    )
    out = io.StringIO()
    call_command("import_sanctions", path, stdout=out)
    assert "2 created" in out.getvalue()
    s = DisciplinarySanction.objects.get(employee=world.staff)
    assert (s.kind, s.start, s.end, s.reference) == (
        SanctionKind.MODERATE,
        D(2025, 11, 10),
        D(2025, 11, 21),
        "800/12/BKPSDM",
    )
    assert employee_eligibility(world.staff, D(2025, 11, 9)).eligible
    inside = employee_eligibility(world.staff, D(2025, 11, 14))
    assert not inside.eligible
    assert describe(inside) == (
        "Hukuman disiplin sedang sejak 10 November 2025: memenuhi syarat mulai 22 November 2025"
    )
    assert employee_eligibility(world.staff, D(2025, 11, 22)).eligible
    exam = DisciplinarySanction.objects.get(employee=world.other)
    assert (exam.kind, exam.end) == (SanctionKind.EXAMINATION, None)
    # the same file again changes nothing
    out = io.StringIO()
    call_command("import_sanctions", path, stdout=out)
    assert "0 created, 0 updated, 2 unchanged" in out.getvalue()


def test_one_bad_row_writes_nothing_and_each_error_names_row_and_column(world, tmp_path):
    path = write(
        tmp_path,
        f"{world.staff.nip},ringan,2025-11-10,2025-11-21,,\n"
        "123,ringan,2025-11-10,,,\n"
        f"{world.other.nip},dipecat,2025-11-10,,,\n"
        f"{world.head.nip},berat,2025-13-40,,,\n"
        f"{world.clerk.nip},berat,2025-11-10,2025-11-01,,\n",
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 kesalahan"):
        call_command("import_sanctions", path, stderr=err)
    lines = err.getvalue()
    assert "baris 3, kolom nip" in lines
    assert "baris 4, kolom kind: Jenis dipecat tidak dikenal" in lines
    assert "baris 5, kolom start" in lines
    assert "baris 6, kolom end: Tanggal akhir sebelum tanggal mulai" in lines
    assert not DisciplinarySanction.objects.exists()


def as_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("sanctions.csv", (HEADER + text).encode(), content_type="text/csv")


def test_the_page_is_for_hr_and_opd_admins_only(client, world):
    client.force_login(world.pegawai_user)
    assert client.get(reverse("opd:sanctions")).status_code == 403
    client.force_login(world.opd_admin)
    body = client.get(reverse("opd:sanctions")).content.decode()
    assert "Belum ada catatan hukuman disiplin" in body


def test_an_opd_admin_records_only_their_own_staff(client, world):
    client.force_login(world.opd_admin)
    resp = client.post(
        reverse("opd:sanctions"),
        {"file": as_file(f"{world.clerk.nip},ringan,2025-11-10,,,\n")},
    )
    body = resp.content.decode()
    assert "bukan pegawai OPD yang Anda kelola" in body and "Tidak ada yang disimpan" in body
    assert not DisciplinarySanction.objects.exists()
    resp = client.post(
        reverse("opd:sanctions"),
        {"file": as_file(f"{world.staff.nip},ringan,2025-11-10,2025-11-21,,\n")},
        follow=True,
    )
    assert "Impor selesai: 1 baru" in resp.content.decode()
    DisciplinarySanction.objects.create(employee=world.clerk, kind="light", start=D(2025, 1, 1))
    body = client.get(reverse("opd:sanctions")).content.decode()
    assert world.staff.name in body and world.clerk.name not in body
    client.force_login(world.hr)
    body = client.get(reverse("opd:sanctions")).content.decode()
    assert world.staff.name in body and world.clerk.name in body


def test_the_employee_page_says_why_and_until_when(client, world):
    DisciplinarySanction.objects.create(
        employee=world.staff, kind="severe", start=D(2020, 1, 1), end=D(2099, 12, 31)
    )
    client.force_login(world.hr)
    body = client.get(reverse("opd:employee", args=[world.staff.nip])).content.decode()
    assert "Hukuman disiplin berat sejak 1 Januari 2020" in body
    assert "memenuhi syarat mulai 1 Januari 2100" in body


def test_the_manual_override_wins_and_shows_its_reason(client, world):
    DisciplinarySanction.objects.create(
        employee=world.staff, kind="light", start=D(2020, 1, 1), end=D(2099, 12, 31)
    )
    world.staff.wfh_eligible = False
    world.staff.ineligible_reason = "other"
    world.staff.ineligible_note = "tugas belajar"
    world.staff.save()
    answer = employee_eligibility(world.staff)
    assert (answer.reason, answer.manual) == ("other", True)
    client.force_login(world.hr)
    body = client.get(reverse("opd:employee", args=[world.staff.nip])).content.decode()
    assert "Lainnya (tugas belajar): ditetapkan HR, berlaku sampai dicabut" in body
