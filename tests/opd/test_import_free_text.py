"""An employees.csv as HR writes it: free-text reasons, role words and yes/no variants import,
and the preview says how each cell was read ("Dibaca sebagai")."""

from __future__ import annotations

import datetime as dt
import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from opd.eligibility_records import describe, employee_eligibility
from opd.models import Employee, ImportBatch, UnitRole
from tests.factories import make_nip
from tests.opd.import_files import EMP_HEADER, assert_error, emp, employees, run

pytestmark = pytest.mark.django_db

D = dt.date
REASONS = {
    "Mutasi Baru": ("baru mutasi sejak 2025-10-01", "new_in_post", D(2025, 10, 1), ""),
    "Rotasi Baru": ("Rotasi 1 Oktober 2025", "new_in_post", D(2025, 10, 1), ""),
    "Sedang Diperiksa": ("sedang diperiksa inspektorat", "disciplinary", None, ""),
    "Hukdis": ("hukdis", "disciplinary", None, ""),
    "Loket": ("layanan langsung", "frontline", None, ""),
    "Tugas Belajar": ("tugas belajar S2", "other", None, "tugas belajar S2"),
}


def hr_file():
    rows = [
        emp(name=name, wfh_eligible="", ineligible_reason=text)
        for name, (text, *_rest) in REASONS.items()
    ]
    rows.append(emp(name="Iya Boleh", wfh_eligible="Iya", role="Pelaksana"))
    rows.append(emp(name="Kepala Baru", wfh_eligible="tdk", ineligible_reason="promosi", role=""))
    return employees(*rows)


def test_free_text_reasons_import_each_read_as_the_preview_says(
    client, world, django_capture_on_commit_callbacks, confirm
):
    client.force_login(world.hr)
    upload = hr_file()
    # The preview is a task queued on commit (run eagerly here), then the batch page shows it.
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            reverse("opd:import"),
            {"employees": SimpleUploadedFile(upload.name, upload.data, content_type="text/csv")},
        )
    resp = client.get(resp.url)
    body = html.unescape(resp.content.decode())
    assert "Dibaca sebagai" in body and "Lanjutkan impor" in body, body
    batch = ImportBatch.objects.get()
    readings = {(r["row"], r["column"]): r["read_as"] for r in batch.result["readings"]}
    assert readings[(2, "ineligible_reason")] == (
        "Tidak boleh WFH: Baru menduduki jabatan (mutasi), sejak 1 Oktober 2025, memenuhi "
        "syarat mulai 1 Oktober 2026"
    )
    assert readings[(4, "ineligible_reason")].startswith(
        "Tidak boleh WFH: Sedang menjalani hukuman disiplin (dalam proses pemeriksaan)"
    )
    assert readings[(7, "ineligible_reason")] == (
        "Tidak boleh WFH: Lainnya, keterangan: tugas belajar S2"
    )
    assert readings[(8, "wfh_eligible")] == "ya" and readings[(8, "role")] == "Staf"
    for text in readings.values():
        assert text in body
    confirm(batch)
    for name, (text, reason, since, _note) in REASONS.items():
        e = Employee.objects.get(name=name)
        assert (e.wfh_eligible, e.ineligible_reason, e.new_in_post_since) == (False, reason, since)
        assert e.ineligible_note == text  # HR's words are kept beside the reason
    mutasi = Employee.objects.get(name="Mutasi Baru")
    # what the roster and the pages show: read from the same rule
    answer = employee_eligibility(mutasi, D(2025, 12, 1))
    assert (answer.eligible, answer.until) == (False, D(2026, 10, 1))
    assert employee_eligibility(mutasi, D(2026, 10, 1)).eligible
    assert "memenuhi syarat mulai 1 Oktober 2026" in describe(answer)
    assert Employee.objects.get(name="Iya Boleh").wfh_eligible is True
    assert Employee.objects.get(name="Kepala Baru").ineligible_reason == "new_in_post"


def test_the_command_prints_how_each_cell_was_read(world, tmp_path):
    path = tmp_path / "employees.csv"
    path.write_bytes(hr_file().data)
    out = io.StringIO()
    call_command("import_org", "--employees", str(path), "--dry-run", stdout=out)
    text = out.getvalue()
    assert 'baris 2, kolom ineligible_reason: "baru mutasi sejak 2025-10-01" dibaca sebagai' in text
    assert "Uji coba" in text


def test_a_date_that_does_not_exist_names_its_row_and_column(world):
    result = run(
        employees=employees(
            emp(name="Baik", wfh_eligible="tidak", ineligible_reason="mutasi 2025-10-01"),
            emp(name="Salah", wfh_eligible="tidak", ineligible_reason="mutasi 31/02/2025"),
        )
    )
    assert_error(result, "employees.csv", 3, "ineligible_reason", "31/02/2025")
    assert not result.written and not Employee.objects.filter(name="Baik").exists()


def test_an_explicit_yes_with_a_reason_and_unknown_role_words_stay_errors(world):
    result = run(
        employees=employees(
            emp(wfh_eligible="ya", ineligible_reason="baru mutasi"),
            emp(role="bendahara"),
            emp(nip="12345", name="NIP pendek"),
        )
    )
    assert_error(result, "employees.csv", 2, "ineligible_reason", "wfh_eligible = ya")
    assert_error(result, "employees.csv", 3, "role", "bendahara")
    assert_error(result, "employees.csv", 4, "nip")
    assert not result.written


def test_a_date_in_the_column_wins_over_one_in_the_text(world):
    header = [*EMP_HEADER, "new_in_post_since"]
    nip = make_nip()
    run(
        employees=employees(
            emp(
                nip,
                wfh_eligible="tidak",
                ineligible_reason="mutasi sejak 2025-10-01",
                new_in_post_since="2025-09-15",
                role="Kepala Seksi",
                unit_code="SEK",
            ),
            header=header,
        )
    )
    e = Employee.objects.get(nip=nip)
    assert e.new_in_post_since == D(2025, 9, 15) and e.unit_role == UnitRole.HEAD
