"""The leave request pages: the employee's form and list, the approvers' queue, the decision,
the attachment download, and who gets 403."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from leave import requests as leave_requests
from leave.models import LeaveKind, LeaveRecord, LeaveStatus
from tests.factories import make_employee, make_user

DAY = dt.date(2025, 11, 13)
PDF = b"%PDF-1.4\n% surat\n"
MINE, QUEUE = "/saya/cuti/", "/persetujuan/cuti/"


@pytest.fixture(autouse=True)
def attachments_in_tmp(settings, tmp_path, monkeypatch):
    settings.LEAVE_ATTACHMENT_ROOT = str(tmp_path / "private")
    monkeypatch.setattr("opd.models.today_in", lambda tz_name: dt.date(2025, 11, 3))


def login(client, world, user):
    client.force_login(user)
    return client


def post_request(client, **kw):
    data = {"kind": LeaveKind.CUTI_TAHUNAN, "start": DAY.isoformat(), "end": DAY.isoformat()}
    data.update(kw)
    return client.post(MINE, data)


def with_attachment(world) -> LeaveRecord:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return leave_requests.leave_request_create(
            user=world.pegawai_user,
            kind=LeaveKind.CUTI_SAKIT,
            start=DAY,
            end=DAY + dt.timedelta(days=1),
            attachment=SimpleUploadedFile("surat.pdf", PDF),
        )


@pytest.mark.django_db
def test_the_employee_asks_from_the_form_and_sees_it_pending(client, world):
    login(client, world, world.pegawai_user)
    response = post_request(client, note="Acara keluarga")
    assert response.status_code == 302
    record = LeaveRecord.objects.get(employee=world.staff)
    assert record.status == LeaveStatus.PENDING
    page = client.get(MINE).content.decode()
    assert "Kamis, 13 November 2025" in page and "diajukan" in page
    assert reverse("selfservice:leave_cancel", args=[record.pk]) in page
    assert "data-confirm" in page


@pytest.mark.django_db
def test_a_wrong_form_names_the_field_and_stores_nothing(client, world):
    login(client, world, world.pegawai_user)
    response = post_request(client, end="2025-11-10")
    assert response.status_code == 200
    assert "Tanggal selesai sebelum tanggal mulai." in response.content.decode()
    response = client.post(
        MINE,
        {
            "kind": LeaveKind.SAKIT,
            "start": DAY.isoformat(),
            "end": "2025-11-14",
            "attachment": SimpleUploadedFile("virus.exe", b"MZ"),
        },
    )
    assert "PDF, JPG atau PNG" in response.content.decode()
    assert not LeaveRecord.objects.exists()


@pytest.mark.django_db
def test_the_supervisor_approves_from_the_queue_and_the_employee_sees_it(client, world):
    login(client, world, world.pegawai_user)
    post_request(client)
    record = LeaveRecord.objects.get()
    client.force_login(world.atasan_user)
    queue = client.get(QUEUE).content.decode()
    assert "Sari Staf" in queue and f"cuti-{record.pk}" in queue
    response = client.post(
        reverse("selfservice:leave_decide", args=[record.pk]), {"action": "approve"}
    )
    assert response.status_code == 302
    assert LeaveRecord.objects.get().status == LeaveStatus.APPROVED
    # deciding again says so, it is not a 500 and changes nothing
    again = client.post(
        reverse("selfservice:leave_decide", args=[record.pk]),
        {"action": "return", "note": "x"},
        follow=True,
    )
    assert "sudah berstatus" in again.content.decode()
    assert LeaveRecord.objects.get().status == LeaveStatus.APPROVED
    client.force_login(world.pegawai_user)
    assert "disetujui" in client.get(MINE).content.decode()


@pytest.mark.django_db
def test_returning_without_a_note_is_refused_with_a_message(client, world):
    login(client, world, world.pegawai_user)
    post_request(client)
    record = LeaveRecord.objects.get()
    client.force_login(world.opd_admin)
    page = client.post(
        reverse("selfservice:leave_decide", args=[record.pk]), {"action": "return"}, follow=True
    ).content.decode()
    assert "Tuliskan catatan" in page
    assert LeaveRecord.objects.get().status == LeaveStatus.PENDING


@pytest.mark.django_db
def test_the_queue_is_403_for_an_employee_and_deciding_is_403_for_who_may_not(client, world):
    login(client, world, world.pegawai_user)
    post_request(client)
    record = LeaveRecord.objects.get()
    assert client.get(QUEUE).status_code == 403
    url = reverse("selfservice:leave_decide", args=[record.pk])
    assert client.post(url, {"action": "approve"}).status_code == 403  # one's own request
    other_admin = make_user("admin.dukcapil", Role.OPD_ADMIN)
    world.dukcapil.admins.add(other_admin)
    client.force_login(other_admin)
    assert client.get(QUEUE).status_code == 200
    assert "Sari Staf" not in client.get(QUEUE).content.decode()
    assert client.post(url, {"action": "approve"}).status_code == 403
    assert LeaveRecord.objects.get().status == LeaveStatus.PENDING


@pytest.mark.django_db
def test_only_the_employee_cancels_their_pending_request(client, world):
    login(client, world, world.pegawai_user)
    post_request(client)
    record = LeaveRecord.objects.get()
    url = reverse("selfservice:leave_cancel", args=[record.pk])
    client.force_login(world.atasan_user)
    assert client.post(url).status_code == 403
    client.force_login(world.pegawai_user)
    assert client.post(url).status_code == 302
    assert LeaveRecord.objects.get().status == LeaveStatus.CANCELLED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("pegawai_user", 200),
        ("atasan_user", 200),
        ("opd_admin", 200),
        ("hr", 200),
        ("colleague", 403),
        ("other_admin", 403),
    ],
)
def test_the_attachment_opens_only_for_the_employee_their_approvers_and_hr(
    client, world, who, status
):
    record = with_attachment(world)
    colleague = make_user("rekan", Role.EMPLOYEE)
    make_employee(world.kominfo, world.it, name="Rudi Rekan", supervisor=world.head, user=colleague)
    other_admin = make_user("admin.dukcapil", Role.OPD_ADMIN)
    world.dukcapil.admins.add(other_admin)
    users = {"colleague": colleague, "other_admin": other_admin}
    client.force_login(users.get(who) or getattr(world, who))
    response = client.get(reverse("selfservice:leave_attachment", args=[record.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert 'attachment; filename="surat.pdf"' in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_attachment_needs_a_login(client, world):
    record = with_attachment(world)
    response = client.get(reverse("selfservice:leave_attachment", args=[record.pk]))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


@pytest.mark.django_db
def test_a_login_without_an_employee_is_told_what_to_do(client, world):
    client.force_login(world.hr)
    response = client.get(MINE)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' not in response.content.decode()


@pytest.mark.django_db
def test_the_queue_costs_the_same_queries_for_two_or_eight_requests(client, world):
    client.force_login(world.opd_admin)
    counts = []
    for n in (2, 8):
        LeaveRecord.objects.all().delete()
        people = [make_employee(world.kominfo, world.it, name=f"Staf {n}-{i}") for i in range(n)]
        LeaveRecord.objects.bulk_create(
            LeaveRecord(
                employee=p,
                kind=LeaveKind.DINAS_LUAR,
                start=DAY,
                end=DAY,
                status=LeaveStatus.PENDING,
            )
            for p in people
        )
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(QUEUE).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_opd_admins_leave_list_links_the_attachment(client, world):
    record = with_attachment(world)
    client.force_login(world.opd_admin)
    page = client.get(reverse("attendance:leave_list")).content.decode()
    assert reverse("selfservice:leave_attachment", args=[record.pk]) in page
