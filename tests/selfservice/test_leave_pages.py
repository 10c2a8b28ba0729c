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


BULK = "/persetujuan/cuti/massal/"


def pending_for(world, n, *, kind=LeaveKind.DINAS_LUAR, unit=None, prefix="Staf"):
    people = [
        make_employee(world.kominfo, unit or world.it, name=f"{prefix} {i}") for i in range(n)
    ]
    return LeaveRecord.objects.bulk_create(
        LeaveRecord(employee=p, kind=kind, start=DAY, end=DAY, status=LeaveStatus.PENDING)
        for p in people
    )


@pytest.mark.django_db
def test_bulk_approve_decides_each_ticked_request_and_the_count_drops_at_once(client, world):
    made = pending_for(world, 3)
    client.force_login(world.opd_admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        html = client.post(
            BULK, {"action": "approve", "ids": [made[0].pk, made[1].pk]}, HTTP_HX_REQUEST="true"
        ).content.decode()
    assert "2 pengajuan disetujui." in html
    assert 'id="queue-count" hx-swap-oob="true">1 menunggu' in html
    statuses = dict(LeaveRecord.objects.values_list("pk", "status"))
    assert statuses[made[0].pk] == statuses[made[1].pk] == LeaveStatus.APPROVED
    assert statuses[made[2].pk] == LeaveStatus.PENDING


@pytest.mark.django_db
def test_bulk_return_needs_the_one_note_and_gives_it_to_each(client, world):
    made = pending_for(world, 2)
    client.force_login(world.opd_admin)
    ids = [r.pk for r in made]
    html = client.post(BULK, {"action": "return", "ids": ids}, HTTP_HX_REQUEST="true").content
    assert "Tuliskan catatan" in html.decode()
    assert LeaveRecord.objects.filter(status=LeaveStatus.PENDING).count() == 2
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(BULK, {"action": "return", "ids": ids, "note": "Lengkapi surat"})
    assert response.status_code == 302
    assert set(LeaveRecord.objects.values_list("status", flat=True)) == {LeaveStatus.RETURNED}


@pytest.mark.django_db
def test_bulk_names_a_request_the_user_may_not_decide_and_decides_the_rest(client, world):
    mine = pending_for(world, 1)[0]
    elsewhere = make_employee(world.dukcapil, None, name="Pegawai Dukcapil")
    theirs = LeaveRecord.objects.create(
        employee=elsewhere,
        kind=LeaveKind.DINAS_LUAR,
        start=DAY,
        end=DAY,
        status=LeaveStatus.PENDING,
    )
    client.force_login(world.opd_admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        html = client.post(
            BULK, {"action": "approve", "ids": [mine.pk, theirs.pk]}, HTTP_HX_REQUEST="true"
        ).content.decode()
    assert "1 pengajuan disetujui." in html
    assert "Pegawai Dukcapil: Anda tidak dapat memutuskan pengajuan pegawai ini." in html
    theirs.refresh_from_db()
    assert theirs.status == LeaveStatus.PENDING


@pytest.mark.django_db
def test_the_queue_filters_by_kind_unit_and_date_and_names_a_bad_filter(client, world):
    pending_for(world, 1, kind=LeaveKind.DINAS_LUAR, prefix="Dinas")
    pending_for(world, 1, kind=LeaveKind.CUTI_TAHUNAN, unit=world.sek, prefix="Cuti")
    client.force_login(world.opd_admin)
    by_kind = client.get(QUEUE, {"kind": LeaveKind.CUTI_TAHUNAN}).content.decode()
    assert "Cuti 0" in by_kind and "Dinas 0" not in by_kind
    by_unit = client.get(QUEUE, {"unit": world.it.pk}).content.decode()
    assert "Dinas 0" in by_unit and "Cuti 0" not in by_unit
    other_day = client.get(QUEUE, {"date": "2025-11-20"}).content.decode()
    assert "Dinas 0" not in other_day and "Kosongkan saringan" in other_day
    assert "Dinas 0" in client.get(QUEUE, {"date": DAY.isoformat()}).content.decode()
    bad = client.get(QUEUE, {"kind": "liburan"}).content.decode()
    assert "Jenis: liburan tidak dikenal" in bad


@pytest.mark.django_db
def test_the_bulk_post_costs_the_same_queries_for_a_short_or_long_queue(client, world):
    client.force_login(world.opd_admin)
    counts = []
    for n in (3, 20):
        LeaveRecord.objects.all().delete()
        made = pending_for(world, n, prefix=f"Q{n}")
        with CaptureQueriesContext(connection) as ctx:
            client.post(
                BULK, {"action": "approve", "ids": [made[0].pk, made[1].pk]}, HTTP_HX_REQUEST="true"
            )
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
