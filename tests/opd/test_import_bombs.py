"""Import bombs through the command and the HR page: refused with the limit named, nothing
written; the web preview runs as a Celery task that records its progress on the batch."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance.models import AttendanceEvent
from common.upload_limits import MB
from leave.models import LeaveRecord
from opd.importing import batches
from opd.importing.batches import import_batch_create, import_batch_preview
from opd.models import Employee, ImportBatch, ImportStatus
from tests.common.bombs import xlsx_billion_laughs, xlsx_bomb
from tests.opd.import_files import emp, employees

pytestmark = pytest.mark.django_db

BOMB_MESSAGE = "Isi XLSX melebihi 100 MB setelah dibuka; bagi menjadi beberapa berkas."


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return xlsx_bomb(174 * MB)


def post(client, capture, data: dict, *, run_tasks: bool = True):
    """POST the upload form; with `run_tasks` the preview queued on commit runs (eagerly, as
    without a broker) before the redirect is followed."""
    with capture(execute=run_tasks) as callbacks:
        resp = client.post(reverse("opd:import"), data)
    return resp, callbacks


# --- the command


def test_import_org_refuses_the_xlsx_bomb_naming_the_limit_and_writes_nothing(
    world, tmp_path, bomb
):
    path = tmp_path / "org.xlsx"
    path.write_bytes(bomb)
    before = Employee.objects.count()
    err = StringIO()
    with pytest.raises(CommandError, match="tidak ada yang disimpan"):
        call_command("import_org", "--workbook", str(path), stdout=StringIO(), stderr=err)
    assert f"org.xlsx: {BOMB_MESSAGE}" in err.getvalue()
    assert Employee.objects.count() == before


def test_import_org_refuses_a_file_over_the_size_cap_before_reading_it(settings, world, tmp_path):
    settings.IMPORT_MAX_FILE_MB = 1
    path = tmp_path / "employees.csv"
    with path.open("wb") as file:
        file.truncate(2 * MB)
    with pytest.raises(CommandError, match="employees.csv: Berkas melebihi 1 MB"):
        call_command("import_org", "--employees", str(path), stdout=StringIO())


def test_import_leave_and_import_events_refuse_a_csv_over_the_row_cap(settings, world, tmp_path):
    settings.IMPORT_MAX_ROWS = 5
    leave = tmp_path / "cuti.csv"
    row = f"{world.staff.nip},cuti,2025-11-10,2025-11-10\n"
    leave.write_text("nip,kind,start,end\n" + row * 6)
    with pytest.raises(CommandError, match="cuti.csv: Berkas melebihi 5 baris"):
        call_command("import_leave", str(leave), stdout=StringIO())
    assert not LeaveRecord.objects.exists()
    events = tmp_path / "presensi.xlsx"
    events.write_bytes(xlsx_bomb(120 * MB))
    with pytest.raises(CommandError, match="presensi.xlsx: Isi XLSX melebihi 100 MB"):
        call_command("import_events", str(events), stdout=StringIO())
    assert not AttendanceEvent.objects.exists()


# --- the page


def test_the_page_previews_the_xlsx_bomb_as_an_error_and_offers_no_confirm(
    client, world, bomb, django_capture_on_commit_callbacks
):
    client.force_login(world.hr)
    before = Employee.objects.count()
    upload = SimpleUploadedFile("org.xlsx", bomb)
    resp, _callbacks = post(client, django_capture_on_commit_callbacks, {"workbook": upload})
    batch = ImportBatch.objects.get()
    assert resp.url == reverse("opd:import_batch", args=[batch.pk])
    assert batch.status == ImportStatus.PREVIEWED
    assert [e["message"] for e in batch.result["errors"]] == [BOMB_MESSAGE]
    body = client.get(resp.url).content.decode()
    assert BOMB_MESSAGE in body and "Lanjutkan impor" not in body
    assert Employee.objects.count() == before


def test_the_page_refuses_a_billion_laughs_and_a_csv_over_the_row_cap(
    settings, client, world, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_ROWS = 2
    client.force_login(world.hr)
    data = {
        "workbook": SimpleUploadedFile("org.xlsx", xlsx_billion_laughs()),
        "employees": SimpleUploadedFile("employees.csv", employees(emp(), emp(), emp()).data),
    }
    post(client, django_capture_on_commit_callbacks, data)
    errors = {e["file"]: e["message"] for e in ImportBatch.objects.get().result["errors"]}
    assert "deklarasi entitas XML (DTD) yang tidak diizinkan" in errors["org.xlsx"]
    assert errors["employees.csv"] == "Berkas melebihi 2 baris; bagi menjadi beberapa berkas."
    assert not Employee.objects.filter(name="Pegawai Baru").exists()


def test_an_upload_over_the_size_cap_is_dropped_as_it_streams_and_named_on_the_form(
    settings, client, world, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_FILE_MB = 1
    client.force_login(world.hr)
    big = SimpleUploadedFile("employees.csv", b"nip,name,opd_code\n" + b"1,a,b\n" * (MB // 6 + 10))
    resp, callbacks = post(client, django_capture_on_commit_callbacks, {"employees": big})
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "Berkas melebihi 1 MB; bagi menjadi beberapa berkas." in body
    assert "employees" not in resp.wsgi_request.FILES  # dropped while streaming, never kept
    assert not ImportBatch.objects.exists() and not callbacks


# --- the preview task and its progress


def test_the_preview_is_queued_then_polled_with_a_progress_bar_until_it_is_ready(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.hr)
    upload = SimpleUploadedFile("employees.csv", employees(emp(name="Rina Baru")).data)
    resp, callbacks = post(
        client, django_capture_on_commit_callbacks, {"employees": upload}, run_tasks=False
    )
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.QUEUED and len(callbacks) == 1
    progress_url = reverse("opd:import_progress", args=[batch.pk])
    body = client.get(resp.url).content.decode()
    assert "Berkas sedang diperiksa" in body and "Menunggu giliran" in body
    assert f'hx-get="{progress_url}"' in body and 'hx-trigger="every 1s"' in body
    assert "Lanjutkan impor" not in body

    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.CHECKING, progress=40, rows_read=12000
    )
    part = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in part
    text = part.content.decode()
    assert '<progress value="40" max="100"' in text and "40% · 12.000 baris terbaca" in text
    assert f'hx-get="{progress_url}"' in text

    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    callbacks[0]()  # the worker runs the task
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED and batch.progress == 100
    assert batch.rows_read == 1
    part = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert part["HX-Refresh"] == "true" and "hx-get" not in part.content.decode()
    body = client.get(resp.url).content.decode()
    assert "Pratinjau impor" in body and "Lanjutkan impor" in body
    assert not Employee.objects.filter(name="Rina Baru").exists()


def test_the_progress_and_the_preview_speak_english(
    settings, client, world, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_ROWS = 1
    client.force_login(world.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    upload = SimpleUploadedFile("employees.csv", employees(emp(), emp()).data)
    resp, callbacks = post(
        client, django_capture_on_commit_callbacks, {"employees": upload}, run_tasks=False
    )
    batch = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.CHECKING, progress=55, rows_read=12000
    )
    body = client.get(resp.url).content.decode()
    assert "The files are being checked" in body and "55% · 12,000 rows read" in body
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED)
    callbacks[0]()
    # the task speaks the uploader's language, whatever the worker's
    batch.refresh_from_db()
    assert [e["message"] for e in batch.result["errors"]] == [
        "The file has more than 1 rows; split it into several files."
    ]


def _preview_queries(world, rows: int) -> tuple[int, list[int]]:
    upload = employees(*(emp(name=f"Pegawai {i}") for i in range(rows)))
    batch = ImportBatch.objects.create(
        created_by=world.hr, employees_name=upload.name, employees_data=upload.data
    )
    with CaptureQueriesContext(connection) as queries:
        import_batch_preview(batch_id=batch.pk)
    updates = [
        q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "progress" in q["sql"]
    ]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED, batch.error
    return len(queries), updates


def test_the_preview_records_its_progress_in_a_bounded_number_of_queries(world):
    small, small_updates = _preview_queries(world, 20)
    large, large_updates = _preview_queries(world, 3000)
    # reading 3,000 rows tells the batch at 1,000 and 2,000 (and the checks as they pass)
    assert len(large_updates) > len(small_updates) >= 3
    assert len(large_updates) <= 25  # at most one write per percentage step of 5
    assert large <= small + 25


def test_a_redelivered_preview_leaves_a_previewed_batch_alone(world):
    upload = employees(emp())
    batch = ImportBatch.objects.create(
        created_by=world.hr,
        employees_name=upload.name,
        employees_data=upload.data,
        status=ImportStatus.PREVIEWED,
        result={"counts": {}, "errors": []},
    )
    assert import_batch_preview(batch_id=batch.pk).result == {"counts": {}, "errors": []}


def test_a_preview_that_breaks_leaves_the_batch_failed_with_the_reason(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(batches, "org_import", broken)
    with django_capture_on_commit_callbacks(execute=True):  # eager: the task runs on commit
        batch = import_batch_create(
            user=world.hr, uploads={"employees": employees(emp())}, keep_good_rows=False
        )
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and batch.error == "RuntimeError: disk full"
    client.force_login(world.hr)
    body = client.get(reverse("opd:import_batch", args=[batch.pk])).content.decode()
    assert "Pemeriksaan berkas gagal" in body and "Lanjutkan impor" not in body


# --- a preview whose worker died


def _checking_batch(world, *, attempts: int, silent_s: int) -> ImportBatch:
    import datetime as dt

    from django.utils import timezone

    upload = employees(emp(name="Rina Sapu"))
    batch = ImportBatch.objects.create(
        created_by=world.hr, employees_name=upload.name, employees_data=upload.data
    )
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.CHECKING,
        attempts=attempts,
        progress=40,
        heartbeat_at=timezone.now() - dt.timedelta(seconds=silent_s),
    )
    return batch


def test_the_sweep_restarts_a_check_whose_worker_died_and_leaves_a_live_one(
    settings, world, django_capture_on_commit_callbacks
):
    settings.IMPORT_PREVIEW_STALE_S = 300
    dead = _checking_batch(world, attempts=1, silent_s=301)
    alive = _checking_batch(world, attempts=1, silent_s=30)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = batches.import_batches_sweep()
    assert outcome["requeued"] == [dead.pk] and not outcome["failed"]
    dead.refresh_from_db()
    alive.refresh_from_db()
    # queued again and, the task having run (eager here), previewed by its second check
    assert dead.status == ImportStatus.PREVIEWED and dead.attempts == 2
    assert alive.status == ImportStatus.CHECKING and alive.progress == 40


def test_after_the_last_attempt_the_sweep_fails_the_batch_with_the_reason(settings, world):
    settings.IMPORT_PREVIEW_STALE_S = 300
    settings.IMPORT_PREVIEW_MAX_ATTEMPTS = 3
    batch = _checking_batch(world, attempts=3, silent_s=400)
    outcome = batches.import_batches_sweep()
    batch.refresh_from_db()
    assert outcome["failed"] == [batch.pk]
    assert batch.status == ImportStatus.FAILED and "3 kali" in batch.error


def test_a_run_the_sweep_gave_up_on_writes_nothing(settings, world, monkeypatch):
    """The first worker was only slow: by the time it finishes, the sweep has queued a second
    check (attempt 2); the first run's result is not written over the second's state."""
    settings.IMPORT_PREVIEW_STALE_S = 300
    upload = employees(emp(name="Rina Lambat"))
    batch = ImportBatch.objects.create(
        created_by=world.hr, employees_name=upload.name, employees_data=upload.data
    )
    real = batches.org_import

    def slow(**kwargs):
        result = real(**kwargs)
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.QUEUED, attempts=5)
        return result

    monkeypatch.setattr(batches, "org_import", slow)
    batches.import_batch_preview(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.QUEUED and batch.result == {}
