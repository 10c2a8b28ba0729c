"""Leave and duty requests from the employee: who may decide, guarded decisions, cancellation,
the attachment's checks and storage, the notifications and mails of each step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from accounts.models import Notification, NotificationKind, Role
from accounts.notifications import text_of
from leave import requests as leave_requests
from leave import services as leave_services
from leave.models import LeaveKind, LeaveRecord, LeaveStatus
from tests.factories import make_employee, make_opd, make_user

TODAY = dt.date(2025, 11, 3)
DAY = dt.date(2025, 11, 13)
PDF = b"%PDF-1.4\n% surat dokter\n"


@pytest.fixture(autouse=True)
def attachments_in_tmp(settings, tmp_path):
    settings.LEAVE_ATTACHMENT_ROOT = str(tmp_path / "private")
    settings.SITE_URL = "https://wfh.example.go.id"
    return tmp_path / "private"


def ask(world, *, kind=LeaveKind.CUTI_TAHUNAN, start=DAY, end=DAY, attachment=None, note=""):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return leave_requests.leave_request_create(
            user=world.pegawai_user,
            kind=kind,
            start=start,
            end=end,
            note=note,
            attachment=attachment,
            today=TODAY,
        )


def decide(record, user, *, approve=True, note=""):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return leave_requests.leave_request_decide(
            record=record, user=user, approve=approve, note=note, today=TODAY
        )


@pytest.mark.django_db
def test_a_request_waits_pending_and_tells_the_supervisor_and_the_opd_admin(world, mailoutbox):
    world.head.email = "budi@example.id"
    world.head.save(update_fields=["email"])
    record = ask(world, note="Acara keluarga")
    assert record.status == LeaveStatus.PENDING
    assert record.created_by == world.pegawai_user and record.decided_by is None
    told = set(
        Notification.objects.filter(kind=NotificationKind.LEAVE_ASKED).values_list(
            "user_id", flat=True
        )
    )
    assert told == {world.atasan_user.pk, world.opd_admin.pk}
    [mail] = mailoutbox
    assert mail.to == ["budi@example.id"]
    assert f"https://wfh.example.go.id/persetujuan/cuti/#cuti-{record.pk}" in mail.body


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["atasan_user", "opd_admin", "hr"])
def test_the_direct_supervisor_the_opd_admin_and_hr_may_approve(world, who):
    record = ask(world)
    decided = decide(record, getattr(world, who))
    assert decided.status == LeaveStatus.APPROVED
    assert decided.decided_by == getattr(world, who)


@pytest.mark.django_db
def test_an_employee_a_colleague_and_another_opds_admin_may_not_decide(world):
    record = ask(world)
    colleague_user = make_user("rekan", Role.EMPLOYEE)
    make_employee(world.kominfo, world.it, name="Rudi Rekan", user=colleague_user)
    other_admin = make_user("admin.dukcapil", Role.OPD_ADMIN)
    world.dukcapil.admins.add(other_admin)
    for user in (world.pegawai_user, colleague_user, other_admin):
        with pytest.raises(PermissionDenied):
            decide(record, user)
    assert LeaveRecord.objects.get(pk=record.pk).status == LeaveStatus.PENDING


@pytest.mark.django_db
def test_a_supervisor_who_is_also_opd_admin_may_not_approve_their_own_request(world):
    world.kominfo.admins.add(world.atasan_user)
    boss_user = make_user("kadis", Role.SUPERVISOR)
    boss = make_employee(world.kominfo, world.sek, name="Kepala Dinas", user=boss_user)
    world.head.supervisor = boss
    world.head.save(update_fields=["supervisor"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        own = leave_requests.leave_request_create(
            user=world.atasan_user, kind=LeaveKind.DINAS_LUAR, start=DAY, end=DAY, today=TODAY
        )
    with pytest.raises(PermissionDenied):
        decide(own, world.atasan_user)
    assert decide(own, boss_user).status == LeaveStatus.APPROVED


@pytest.mark.django_db
def test_a_second_decision_is_refused_and_changes_nothing(world):
    record = ask(world)
    decide(record, world.atasan_user)
    with pytest.raises(ValidationError, match="sudah berstatus"):
        decide(record, world.opd_admin, approve=False, note="Terlambat")
    fresh = LeaveRecord.objects.get(pk=record.pk)
    assert fresh.status == LeaveStatus.APPROVED and fresh.decided_by == world.atasan_user
    assert Notification.objects.filter(kind=NotificationKind.LEAVE_DECIDED).count() == 1


@pytest.mark.django_db
def test_returning_needs_a_note_and_the_employee_reads_it(world, mailoutbox):
    world.staff.email = "sari@example.id"
    world.staff.save(update_fields=["email"])
    record = ask(world)
    with pytest.raises(ValidationError):
        decide(record, world.atasan_user, approve=False, note="  ")
    returned = decide(record, world.atasan_user, approve=False, note="Tanggal bentrok rapat")
    assert returned.status == LeaveStatus.RETURNED
    note = Notification.objects.get(user=world.pegawai_user, kind=NotificationKind.LEAVE_DECIDED)
    assert "Tanggal bentrok rapat" in text_of(note)
    assert note.url == f"/saya/cuti/#cuti-{record.pk}"
    decision_mail = mailoutbox[-1]
    assert decision_mail.to == ["sari@example.id"]
    assert f"https://wfh.example.go.id/saya/cuti/#cuti-{record.pk}" in decision_mail.body


@pytest.mark.django_db
def test_a_returned_request_holds_no_days_so_the_employee_may_ask_again(world):
    record = ask(world)
    decide(record, world.atasan_user, approve=False, note="Ganti tanggal")
    again = ask(world)
    assert again.pk != record.pk and again.status == LeaveStatus.PENDING


@pytest.mark.django_db
def test_the_employee_cancels_a_pending_request_once_and_nobody_else_may(world):
    record = ask(world)
    with pytest.raises(PermissionDenied):
        leave_requests.leave_request_cancel(record=record, user=world.atasan_user)
    cancelled = leave_requests.leave_request_cancel(record=record, user=world.pegawai_user)
    assert cancelled.status == LeaveStatus.CANCELLED
    with pytest.raises(ValidationError):
        leave_requests.leave_request_cancel(record=record, user=world.pegawai_user)
    with pytest.raises(ValidationError):
        decide(record, world.atasan_user)


@pytest.mark.django_db
def test_an_approved_request_cannot_be_cancelled_by_the_employee(world):
    record = ask(world)
    decide(record, world.atasan_user)
    with pytest.raises(ValidationError):
        leave_requests.leave_request_cancel(record=record, user=world.pegawai_user)


@pytest.mark.django_db
def test_a_request_overlapping_a_pending_one_names_it(world):
    ask(world, start=DAY, end=DAY + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as err:
        ask(world, start=DAY + dt.timedelta(days=1), end=DAY + dt.timedelta(days=1))
    assert "Bertumpang tindih" in str(err.value.message_dict["start"])


@pytest.mark.django_db
def test_sick_leave_of_more_than_a_day_needs_an_attachment(world):
    with pytest.raises(ValidationError) as err:
        ask(world, kind=LeaveKind.SAKIT, end=DAY + dt.timedelta(days=1))
    assert "attachment" in err.value.message_dict
    one_day = ask(world, kind=LeaveKind.SAKIT)
    assert not one_day.attachment


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("surat.exe", b"MZ\x90\x00", "PDF, JPG atau PNG"),
        ("surat.pdf", b"MZ\x90\x00 not a pdf", "bukan PDF"),
        ("foto.png", b"\xff\xd8\xff\xe0 a jpeg", "bukan PNG"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_an_attachment_of_the_wrong_type_is_refused_by_name_and_content(world, name, content, says):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as err:
        ask(world, kind=LeaveKind.CUTI_SAKIT, end=DAY + dt.timedelta(days=2), attachment=upload)
    assert says in " ".join(err.value.message_dict["attachment"])
    assert not LeaveRecord.objects.exists()


@pytest.mark.django_db
def test_an_attachment_over_the_size_cap_is_refused(world, settings):
    settings.LEAVE_ATTACHMENT_MAX_MB = 1
    upload = SimpleUploadedFile("besar.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as err:
        ask(world, kind=LeaveKind.CUTI_SAKIT, attachment=upload)
    assert "1 MB" in " ".join(err.value.message_dict["attachment"])


@pytest.mark.django_db
def test_an_attachment_is_stored_outside_media_under_a_random_name(world, attachments_in_tmp):
    upload = SimpleUploadedFile("Surat Dokter Sari.pdf", PDF)
    record = ask(
        world, kind=LeaveKind.CUTI_SAKIT, end=DAY + dt.timedelta(days=2), attachment=upload
    )
    assert record.attachment_name == "Surat Dokter Sari.pdf"
    stored = attachments_in_tmp / record.attachment.name
    assert stored.read_bytes() == PDF
    assert "Sari" not in record.attachment.name and record.attachment.name.endswith(".pdf")
    assert leave_requests.content_type_of(record) == "application/pdf"


@pytest.mark.django_db
def test_an_account_without_an_employee_cannot_ask(world):
    with pytest.raises(PermissionDenied):
        leave_requests.leave_request_create(
            user=world.hr, kind=LeaveKind.CUTI_TAHUNAN, start=DAY, end=DAY, today=TODAY
        )


@pytest.mark.django_db
def test_the_queue_holds_only_the_pending_requests_one_may_decide(world):
    mine = ask(world)
    clerk_user = make_user("andi", Role.EMPLOYEE)
    world.clerk.user = clerk_user
    world.clerk.save(update_fields=["user"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        theirs = leave_requests.leave_request_create(
            user=clerk_user, kind=LeaveKind.DINAS_LUAR, start=DAY, end=DAY, today=TODAY
        )
    assert list(leave_requests.requests_to_decide(user=world.atasan_user)) == [mine]
    assert list(leave_requests.requests_to_decide(user=world.opd_admin)) == [mine]
    assert set(leave_requests.requests_to_decide(user=world.hr)) == {mine, theirs}
    assert list(leave_requests.requests_to_decide(user=world.pegawai_user)) == []
    other = make_opd("BAPPEDA")
    other_admin = make_user("admin.bappeda", Role.OPD_ADMIN)
    other.admins.add(other_admin)
    assert list(leave_requests.requests_to_decide(user=other_admin)) == []


@pytest.mark.django_db
def test_deciding_on_the_opd_admins_leave_page_tells_the_employee_too(world):
    first, second = (
        ask(world),
        ask(world, start=DAY + dt.timedelta(days=7), end=DAY + dt.timedelta(days=7)),
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        leave_services.leave_approve(record=first, user=world.opd_admin, today=TODAY)
        leave_services.leave_reject(record=second, user=world.opd_admin, note="Kuota habis")
    texts = [
        text_of(n)
        for n in Notification.objects.filter(
            user=world.pegawai_user, kind=NotificationKind.LEAVE_DECIDED
        ).order_by("pk")
    ]
    assert "disetujui" in texts[0] and "ditolak: Kuota habis" in texts[1]
