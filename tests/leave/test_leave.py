"""Leave services and pages: validation, overlap, who may enter and decide, the list and CSV."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse

from leave import services as leave_services
from leave.models import LeaveKind, LeaveRecord, LeaveStatus
from tests.factories import make_employee, make_opd

D = dt.date
TODAY = D(2025, 12, 1)


MONDAY, TUESDAY = D(2025, 12, 8), D(2025, 12, 9)


def create(world, employee=None, start=MONDAY, end=TUESDAY, **kw):
    kw.setdefault("user", world.opd_admin)
    kw.setdefault("kind", LeaveKind.CUTI_TAHUNAN)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return leave_services.leave_create(
            employee=employee or world.staff, start=start, end=end, today=TODAY, **kw
        )


def errors_of(exc_info) -> dict:
    return exc_info.value.message_dict


@pytest.mark.django_db
def test_the_opd_admin_records_approved_leave(world):
    record = create(world, note="  liburan keluarga ")
    assert record.status == LeaveStatus.APPROVED
    assert record.note == "liburan keluarga"
    assert record.created_by == record.decided_by == world.opd_admin


@pytest.mark.django_db
def test_an_end_before_the_start_is_refused_on_the_end_field(world):
    with pytest.raises(ValidationError) as exc:
        create(world, start=D(2025, 12, 9), end=D(2025, 12, 8))
    assert "end" in errors_of(exc)


@pytest.mark.django_db
def test_dates_far_in_the_past_or_future_are_refused(world):
    with pytest.raises(ValidationError) as exc:
        create(world, start=D(2024, 1, 1), end=D(2024, 1, 2))
    assert "start" in errors_of(exc)
    with pytest.raises(ValidationError) as exc:
        create(world, start=D(2025, 12, 8), end=D(2031, 1, 1))
    assert "end" in errors_of(exc)


@pytest.mark.django_db
def test_an_unknown_kind_or_status_is_refused_per_field(world):
    with pytest.raises(ValidationError) as exc:
        create(world, kind="liburan", status=LeaveStatus.REJECTED)
    assert set(errors_of(exc)) == {"kind", "status"}


@pytest.mark.django_db
def test_overlapping_leave_of_the_same_employee_is_refused_naming_it(world):
    create(world, start=D(2025, 12, 8), end=D(2025, 12, 10))
    with pytest.raises(ValidationError) as exc:
        create(world, kind=LeaveKind.SAKIT, start=D(2025, 12, 10), end=D(2025, 12, 12))
    message = " ".join(errors_of(exc)["start"])
    assert "Cuti tahunan" in message and "8 Desember 2025" in message
    # another employee, or a rejected entry, does not overlap
    create(world, employee=world.other, start=D(2025, 12, 10), end=D(2025, 12, 10))
    LeaveRecord.objects.filter(employee=world.staff).update(status=LeaveStatus.REJECTED)
    create(world, start=D(2025, 12, 10), end=D(2025, 12, 12))


@pytest.mark.django_db
def test_only_the_employees_opd_admin_or_hr_may_enter_leave(world):
    with pytest.raises(PermissionDenied):
        create(world, employee=world.clerk)  # DISDUKCAPIL: not administered by admin.kominfo
    with pytest.raises(PermissionDenied):
        create(world, user=world.atasan_user)
    assert create(world, employee=world.clerk, user=world.hr).pk


@pytest.mark.django_db
def test_pending_leave_is_approved_or_rejected_once_and_rejection_needs_a_note(world):
    record = create(world, status=LeaveStatus.PENDING)
    with pytest.raises(ValidationError) as exc:
        leave_services.leave_reject(record=record, user=world.opd_admin, note=" ")
    assert "note" in errors_of(exc)
    rejected = leave_services.leave_reject(record=record, user=world.opd_admin, note="kuota habis")
    assert rejected.status == LeaveStatus.REJECTED and rejected.decision_note == "kuota habis"
    with pytest.raises(ValidationError):
        leave_services.leave_approve(record=record, user=world.opd_admin, today=TODAY)


@pytest.mark.django_db
def test_cancel_withdraws_approved_or_pending_but_not_twice(world):
    record = create(world)
    with TestCase.captureOnCommitCallbacks(execute=True):
        leave_services.leave_cancel(record=record, user=world.opd_admin, today=TODAY)
    record.refresh_from_db()
    assert record.status == LeaveStatus.CANCELLED
    with pytest.raises(ValidationError):
        leave_services.leave_cancel(record=record, user=world.opd_admin, today=TODAY)
    # the days are free again for a new entry
    create(world)


@pytest.mark.django_db
def test_leave_over_past_days_asks_for_those_days_to_be_recomputed(world, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "attendance.receivers.summaries_recompute",
        lambda *, days, opd_ids: calls.append((list(days), list(opd_ids))),
    )
    create(world, start=D(2025, 11, 27), end=D(2025, 12, 2))
    assert calls == [
        ([D(2025, 11, 27), D(2025, 11, 28), D(2025, 11, 29), D(2025, 11, 30)], [world.kominfo.pk])
    ]
    calls.clear()
    create(world, employee=world.other, start=D(2025, 12, 3), end=D(2025, 12, 4))
    assert calls == []  # nothing lived yet


# -- pages ----------------------------------------------------------------------------------------


def login(client, world, username):
    assert client.login(username=username, password=world.password)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username,status", [("hr", 200), ("admin.kominfo", 200), ("atasan", 403), ("pegawai", 403)]
)
def test_leave_pages_are_for_hr_and_opd_admins(client, world, username, status):
    login(client, world, username)
    assert client.get(reverse("attendance:leave_list")).status_code == status
    assert client.get(reverse("attendance:leave_add")).status_code == status


@pytest.mark.django_db
def test_an_opd_admin_never_sees_or_touches_another_opds_leave(client, world):
    mine = create(world)
    theirs = create(world, employee=world.clerk, user=world.hr)
    login(client, world, "admin.kominfo")
    page = client.get(reverse("attendance:leave_list")).content.decode()
    assert world.staff.name in page and world.clerk.name not in page
    csv_text = client.get(reverse("attendance:leave_list") + "?format=csv").content.decode()
    assert world.staff.nip in csv_text and world.clerk.nip not in csv_text
    for name in ("attendance:leave_decide", "attendance:leave_cancel"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 403
        assert (
            client.post(reverse(name, args=[theirs.pk]), {"action": "approve"}).status_code == 403
        )
        assert client.get(reverse(name, args=[mine.pk])).status_code == 200
    theirs.refresh_from_db()
    assert theirs.status == LeaveStatus.APPROVED


@pytest.mark.django_db
def test_the_list_filters_by_kind_status_month_and_opd(client, world):
    create(world, start=D(2025, 12, 8), end=D(2025, 12, 8))
    create(
        world,
        employee=world.other,
        kind=LeaveKind.DINAS_LUAR,
        start=D(2026, 1, 5),
        end=D(2026, 1, 6),
    )
    create(world, employee=world.clerk, user=world.hr, status=LeaveStatus.PENDING)
    login(client, world, "hr")
    url = reverse("attendance:leave_list")
    page = client.get(url, {"kind": "dinas_luar"}).content.decode()
    assert world.other.name in page and world.staff.name not in page
    page = client.get(url, {"month": "2025-12"}).content.decode()
    assert world.staff.name in page and world.other.name not in page
    page = client.get(url, {"status": "pending"}).content.decode()
    assert world.clerk.name in page and world.staff.name not in page
    page = client.get(url, {"opd": "DISDUKCAPIL"}).content.decode()
    assert world.clerk.name in page and world.staff.name not in page
    csv_lines = (
        client.get(url, {"opd": "DISKOMINFO", "format": "csv"}).content.decode().splitlines()
    )
    assert csv_lines[0].startswith("nip,name,opd") and len(csv_lines) == 3
    empty = client.get(url, {"kind": "tugas_belajar"}).content.decode()
    assert "Tidak ada catatan yang cocok" in empty


@pytest.mark.django_db
def test_the_list_runs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    opd = make_opd("BAPPEDA")
    for i in range(30):
        employee = make_employee(opd, name=f"Pegawai {i}")
        LeaveRecord.objects.create(
            employee=employee,
            kind=LeaveKind.SAKIT,
            start=D(2025, 12, 1),
            end=D(2025, 12, 2),
            created_by=world.hr,
            decided_by=world.hr,
            status=LeaveStatus.REJECTED,
            decision_note="x",
        )
    login(client, world, "hr")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("attendance:leave_list"))
    assert response.status_code == 200
    assert response.content.decode().count("Pegawai ") >= 30


@pytest.mark.django_db
def test_the_add_form_finds_the_employee_by_nip_or_name_and_shows_field_errors(client, world):
    login(client, world, "admin.kominfo")
    url = reverse("attendance:leave_add")
    response = client.post(
        url,
        {
            "employee": world.clerk.nip,
            "kind": "sakit",
            "start": "2025-12-09",
            "end": "2025-12-08",
            "status": "approved",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "employee" in form.errors  # not among the employees this admin manages
    response = client.post(
        url,
        {
            "employee": "Sari",
            "kind": "sakit",
            "start": "2025-12-09",
            "end": "2025-12-08",
            "status": "approved",
        },
    )
    assert "end" in response.context["form"].errors
    response = client.post(
        url,
        {
            "employee": f"{world.staff.nip} — {world.staff.name}",
            "kind": "sakit",
            "start": "2026-12-08",
            "end": "2026-12-09",
            "status": "pending",
        },
    )
    assert response.status_code == 302
    record = LeaveRecord.objects.get(employee=world.staff)
    assert record.status == LeaveStatus.PENDING and record.created_by == world.opd_admin


@pytest.mark.django_db
def test_deciding_and_cancelling_through_the_pages(client, world):
    pending = create(world, status=LeaveStatus.PENDING)
    login(client, world, "admin.kominfo")
    decide = reverse("attendance:leave_decide", args=[pending.pk])
    client.post(decide, {"action": "reject", "note": ""})
    pending.refresh_from_db()
    assert pending.status == LeaveStatus.PENDING  # a rejection needs a note
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(decide, {"action": "approve", "note": ""})
    pending.refresh_from_db()
    assert pending.status == LeaveStatus.APPROVED
    cancel = reverse("attendance:leave_cancel", args=[pending.pk])
    assert "Ya, batalkan" in client.get(cancel).content.decode()
    pending.refresh_from_db()
    assert pending.status == LeaveStatus.APPROVED  # GET only asks
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(cancel, {"note": "batal berangkat"}).status_code == 302
    pending.refresh_from_db()
    assert pending.status == LeaveStatus.CANCELLED and pending.decision_note == "batal berangkat"


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = client.get(reverse("attendance:leave_list"))
    assert response.status_code == 302 and "next=/cuti/" in response.url


@pytest.mark.django_db
def test_an_admin_of_two_opds_filters_by_opd(client, world):
    world.dukcapil.admins.add(world.opd_admin)
    create(world, employee=world.clerk)
    login(client, world, "admin.kominfo")
    page = client.get(reverse("attendance:leave_list"), {"opd": "DISDUKCAPIL"}).content.decode()
    assert world.clerk.name in page


@pytest.mark.django_db
def test_a_note_that_looks_like_a_formula_is_text_in_the_csv(client, world):
    create(world, note="=cmd|' /C calc'!A0")
    login(client, world, "hr")
    body = client.get(reverse("attendance:leave_list") + "?format=csv").content.decode()
    assert ",'=cmd|' /C calc'!A0," in body and ",=cmd" not in body
