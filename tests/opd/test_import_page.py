"""The HR import page: upload, preview with errors, confirm, templates."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common.tabular import Upload
from opd.importing.services import org_import
from opd.models import Employee, ImportBatch, ImportStatus, Opd
from tests.factories import make_nip
from tests.opd.import_files import emp, employees

pytestmark = pytest.mark.django_db


def as_file(upload: Upload) -> SimpleUploadedFile:
    return SimpleUploadedFile(upload.name, upload.data, content_type="text/csv")


@pytest.fixture
def post_upload(client, django_capture_on_commit_callbacks):
    """POST the upload form; the preview task queued on commit runs (eagerly) before the
    redirect is followed, as it does outside a test's transaction."""

    def post(data: dict, follow: bool = False):
        with django_capture_on_commit_callbacks(execute=True):
            resp = client.post(reverse("opd:import"), data)
        if follow and resp.status_code == 302:
            resp = client.get(resp.url)
        return resp

    return post


def test_hr_sees_the_import_link_and_an_empty_state_that_says_what_to_do(client, world):
    client.force_login(world.hr)
    body = client.get(reverse("opd:list")).content.decode()
    assert reverse("opd:import") in body
    body = client.get(reverse("opd:import")).content.decode()
    assert "Belum ada impor. Unduh templat" in body
    assert reverse("opd:import_template", args=["org.xlsx"]) in body


def test_opd_admin_gets_403_and_no_link(client, world):
    client.force_login(world.opd_admin)
    assert reverse("opd:import") not in client.get(reverse("opd:list")).content.decode()
    assert client.get(reverse("opd:import")).status_code == 403
    assert client.get(reverse("opd:import_template", args=["opds.csv"])).status_code == 403
    batch = ImportBatch.objects.create(created_by=world.hr)
    assert client.get(reverse("opd:import_batch", args=[batch.pk])).status_code == 403
    assert client.post(reverse("opd:import_confirm", args=[batch.pk])).status_code == 403
    assert client.get(reverse("opd:import_errors", args=[batch.pk])).status_code == 403


def test_upload_with_one_bad_row_shows_the_row_and_reason_and_writes_nothing(
    client, world, post_upload
):
    client.force_login(world.hr)
    upload = employees(emp(name="Baik"), emp("19850230200312100", name="Salah"))
    resp = post_upload({"employees": as_file(upload)}, follow=True)
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "Pratinjau impor" in body and "Ada 1 kesalahan" in body
    assert "employees.csv" in body and "<code>nip</code>" in body
    assert '<td class="num">3</td>' in body and "harus 18 digit" in body
    assert "Lanjutkan impor" not in body
    assert not Employee.objects.filter(name="Baik").exists()
    batch = ImportBatch.objects.get()
    errors_csv = client.get(reverse("opd:import_errors", args=[batch.pk])).content.decode()
    assert "employees.csv,3,nip," in errors_csv


def test_preview_then_confirm_imports_and_shows_the_counts(client, world, post_upload, confirm):
    client.force_login(world.hr)
    upload = employees(emp(name="Rina Baru"), emp(name="Tono Baru", unit_code="TIK"))
    resp = post_upload({"employees": as_file(upload)}, follow=True)
    body = resp.content.decode()
    assert "Lanjutkan impor" in body and "Akan dibuat" in body
    assert not Employee.objects.filter(name="Rina Baru").exists()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.PREVIEWED
    resp = confirm(batch, follow=True)
    body = resp.content.decode()
    assert "Impor selesai." in body and "Hasil impor" in body
    assert Employee.objects.filter(name__in=["Rina Baru", "Tono Baru"]).count() == 2
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and batch.finished_at is not None
    assert batch.result["counts"]["employees"]["created"] == 2
    # a second confirm (double click, back button) does not import again
    confirm(batch)
    assert Employee.objects.filter(name="Rina Baru").count() == 1


def test_keep_good_rows_checkbox_imports_the_good_rows_on_confirm(
    client, world, post_upload, confirm
):
    client.force_login(world.hr)
    upload = employees(emp(name="Lolos"), emp("123", name="Gagal"))
    post_upload({"employees": as_file(upload), "keep_good_rows": "on"})
    batch = ImportBatch.objects.get()
    body = client.get(reverse("opd:import_batch", args=[batch.pk])).content.decode()
    assert "akan dilewati" in body and "Lanjutkan impor" in body
    confirm(batch)
    assert Employee.objects.filter(name="Lolos").exists()
    assert not Employee.objects.filter(name="Gagal").exists()


def test_confirm_rechecks_and_fails_when_the_registry_changed_since_the_preview(
    client, world, post_upload, confirm
):
    client.force_login(world.hr)
    upload = employees(emp(name="Kepala Baru", unit_code="SEK", role="kepala"))
    post_upload({"employees": as_file(upload)})
    batch = ImportBatch.objects.get()
    world.other.unit_role = "head"  # someone made another head of SEK meanwhile
    world.other.save()
    body = confirm(batch, follow=True)
    assert "Impor dibatalkan" in body.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert not Employee.objects.filter(name="Kepala Baru").exists()


def test_upload_without_files_says_what_to_choose(client, world, post_upload):
    client.force_login(world.hr)
    body = post_upload({}).content.decode()
    assert "Pilih minimal satu berkas" in body
    assert not ImportBatch.objects.exists()


def test_templates_download_and_reimport_cleanly(client, world):
    client.force_login(world.hr)
    files = {}
    for name in ("opds.csv", "units.csv", "employees.csv", "org.xlsx"):
        resp = client.get(reverse("opd:import_template", args=[name]))
        assert resp.status_code == 200
        assert resp["Content-Disposition"] == f'attachment; filename="{name}"'
        files[name] = resp.content
    assert client.get(reverse("opd:import_template", args=["x.csv"])).status_code == 404
    assert files["employees.csv"].decode("utf-8-sig").startswith("nip,name,asn_type,opd_code")

    csv_result = org_import(
        opds=Upload("opds.csv", files["opds.csv"]),
        units=Upload("units.csv", files["units.csv"]),
        employees=Upload("employees.csv", files["employees.csv"]),
    )
    assert csv_result.ok, [str(e) for e in csv_result.errors]
    assert Employee.objects.filter(nip="198503302003121002").exists()
    xlsx_result = org_import(workbook=Upload("org.xlsx", files["org.xlsx"]))
    assert xlsx_result.ok, [str(e) for e in xlsx_result.errors]
    assert all(c.created == c.updated == 0 for c in xlsx_result.counts.values())


def test_template_workbook_keeps_the_nip_as_text(client, world):
    from openpyxl import load_workbook

    client.force_login(world.hr)
    data = client.get(reverse("opd:import_template", args=["org.xlsx"])).content
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["opds", "units", "employees"]
    cell = wb["employees"]["A2"]
    assert cell.value == "198503302003121002" and cell.number_format == "@"


def test_template_workbook_columns_are_text_for_the_rows_hr_types_below_the_example(client, world):
    from openpyxl import load_workbook

    client.force_login(world.hr)
    data = client.get(reverse("opd:import_template", args=["org.xlsx"])).content
    ws = load_workbook(io.BytesIO(data))["employees"]
    header = [cell.value for cell in ws[1]]
    for name in ("nip", "supervisor_nip", "phone"):
        letter = ws.cell(1, header.index(name) + 1).column_letter
        assert ws.column_dimensions[letter].number_format == "@", name


def test_hr_uploads_one_xlsx_workbook(client, world, post_upload, confirm):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "opds"
    wb["opds"].append(["code", "name", "kind"])
    wb["opds"].append(["DINSOS", "Dinas Sosial", "dinas"])
    ws = wb.create_sheet("employees")
    ws.append(["nip", "name", "opd_code"])
    ws.append([make_nip(), "Pegawai Dinsos", "DINSOS"])
    out = io.BytesIO()
    wb.save(out)
    client.force_login(world.hr)
    upload = SimpleUploadedFile("org.xlsx", out.getvalue())
    post_upload({"workbook": upload})
    batch = ImportBatch.objects.get()
    assert batch.result["errors"] == []
    confirm(batch)
    assert Opd.objects.get(code="DINSOS").employees.count() == 1


def test_a_binary_upload_is_previewed_with_an_error_not_a_server_error(client, world, post_upload):
    client.force_login(world.hr)
    junk = SimpleUploadedFile("pegawai.csv", b"\xff\xfe\x00\x00\x01\x02", content_type="text/csv")
    resp = post_upload({"employees": junk}, follow=True)
    assert resp.status_code == 200
    assert "CSV UTF-8" in resp.content.decode()


def test_confirm_queues_the_run_and_the_page_shows_its_progress_until_done(
    client, world, post_upload, django_capture_on_commit_callbacks
):
    """The import runs in a task, not in the request: confirm answers at once with the run
    queued, the page polls its progress, and the task imports."""
    client.force_login(world.hr)
    post_upload({"employees": as_file(employees(emp(name="Rina Antre")))})
    batch = ImportBatch.objects.get()
    with django_capture_on_commit_callbacks() as callbacks:
        resp = client.post(reverse("opd:import_confirm", args=[batch.pk]))
    assert resp.status_code == 302 and len(callbacks) == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CONFIRMED
    assert not Employee.objects.filter(name="Rina Antre").exists()
    body = client.get(resp.url).content.decode()
    assert "Impor sedang dijalankan" in body and "Menunggu giliran impor" in body
    assert reverse("opd:import_progress", args=[batch.pk]) in body
    callbacks[0]()  # the worker runs the import
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and batch.progress == 100
    assert Employee.objects.filter(name="Rina Antre").exists()
    part = client.get(reverse("opd:import_progress", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert part["HX-Refresh"] == "true"


def test_a_run_whose_worker_died_is_run_again_by_the_sweep(
    settings, client, world, post_upload, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from opd.importing.batches import import_batches_sweep

    client.force_login(world.hr)
    post_upload({"employees": as_file(employees(emp(name="Rina Ulang")))})
    batch = ImportBatch.objects.get()
    with django_capture_on_commit_callbacks():  # the message is lost with its worker
        client.post(reverse("opd:import_confirm", args=[batch.pk]))
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.RUNNING,
        attempts=1,
        heartbeat_at=timezone.now() - dt.timedelta(seconds=settings.IMPORT_PREVIEW_STALE_S + 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_batches_sweep()
    assert outcome["requeued"] == [batch.pk]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE and batch.attempts == 2
    assert Employee.objects.filter(name="Rina Ulang").count() == 1
