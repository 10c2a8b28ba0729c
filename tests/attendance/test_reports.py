"""Daily work reports: who files them on which days, the supervisor's review, and the pages."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from attendance import reports
from attendance.models import ReportStatus, WorkReport
from config.navigation import review_badge_queries
from opd.access import scope_for
from opd.queues import QUEUE_PAGE_QUERIES
from tests.attendance.conftest import WFH_DAY, WFO_DAY, publish
from tests.factories import make_employee, make_user
from wfh.models import Mode

TODAY = dt.date(2025, 12, 3)


def submit(user, day=WFH_DAY, **kw):
    kw.setdefault("activities", "Menyusun draf SOP layanan daring")
    kw.setdefault("outputs", "Draf SOP v1 (tautan di e-Kinerja)")
    return reports.report_submit(user=user, day=day, today=TODAY, **kw)


@pytest.mark.django_db
def test_an_employee_files_a_report_for_their_wfh_day(days):
    report = submit(days.pegawai_user)
    assert report.employee == days.staff
    assert report.status == ReportStatus.SUBMITTED


@pytest.mark.django_db
def test_a_wfo_day_a_day_without_schedule_or_a_future_day_is_refused_on_the_day(days):
    for day, words in (
        (WFO_DAY, "WFO"),
        (dt.date(2025, 12, 3), "tidak ada jadwal terbit"),
        (dt.date(2025, 12, 4), "belum tiba"),
    ):
        with pytest.raises(ValidationError) as exc:
            submit(days.pegawai_user, day=day)
        assert words in " ".join(exc.value.message_dict["day"])


@pytest.mark.django_db
def test_a_leave_day_is_not_a_report_day(days):
    publish(days.staff, dt.date(2025, 12, 3), Mode.LEAVE)
    with pytest.raises(ValidationError):
        submit(days.pegawai_user, day=dt.date(2025, 12, 3))


@pytest.mark.django_db
def test_empty_activities_and_outputs_are_refused_per_field(days):
    with pytest.raises(ValidationError) as exc:
        submit(days.pegawai_user, activities=" ", outputs="")
    assert set(exc.value.message_dict) == {"activities", "outputs"}


@pytest.mark.django_db
def test_an_account_without_an_employee_cannot_file(days):
    with pytest.raises(PermissionDenied):
        submit(days.hr)


@pytest.mark.django_db
def test_returned_report_is_replaced_on_resubmission_and_approved_is_final(days):
    report = submit(days.pegawai_user)
    with pytest.raises(ValidationError) as exc:
        reports.report_review(report=report, user=days.atasan_user, approve=False, note="")
    assert "note" in exc.value.message_dict
    reports.report_review(
        report=report, user=days.atasan_user, approve=False, note="Lampirkan tautan", today=TODAY
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.review_note == "Lampirkan tautan"
    again = submit(days.pegawai_user, outputs="Draf SOP v2: https://contoh.go.id/sop")
    assert again.pk == report.pk
    assert again.status == ReportStatus.SUBMITTED and "v2" in again.outputs
    reports.report_review(report=again, user=days.atasan_user, approve=True, today=TODAY)
    with pytest.raises(ValidationError):
        submit(days.pegawai_user, activities="lain")
    with pytest.raises(ValidationError):  # reviewed once only
        reports.report_review(report=again, user=days.atasan_user, approve=False, note="x")
    assert WorkReport.objects.count() == 1


@pytest.mark.django_db
def test_only_a_supervisor_up_the_chain_or_hr_reviews(days):
    report = submit(days.pegawai_user)
    grand_user = make_user("kepala.dinas", Role.SUPERVISOR)
    grand = make_employee(days.kominfo, days.it, name="Kepala Dinas", user=grand_user)
    days.head.supervisor = grand
    days.head.save()
    outsider_user = make_user("atasan.lain", Role.SUPERVISOR)
    outsider = make_employee(days.kominfo, days.sek, name="Atasan Lain", user=outsider_user)
    make_employee(days.kominfo, days.sek, name="Bawahan Lain", supervisor=outsider)
    assert reports.may_review(user=days.atasan_user, report=report)
    assert reports.may_review(user=grand_user, report=report)
    assert reports.may_review(user=days.hr, report=report)
    assert not reports.may_review(user=outsider_user, report=report)
    assert not reports.may_review(user=days.pegawai_user, report=report)
    assert not reports.may_review(user=days.opd_admin, report=report)
    with pytest.raises(PermissionDenied):
        reports.report_review(report=report, user=outsider_user, approve=True)


@pytest.mark.django_db
def test_a_report_for_a_lived_day_asks_for_its_recompute(days, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "attendance.reports.summaries_recompute",
        lambda *, days, opd_ids: calls.append((list(days), list(opd_ids))),
    )
    report = submit(days.pegawai_user)
    reports.report_review(report=report, user=days.atasan_user, approve=True, today=TODAY)
    assert calls == [([WFH_DAY], [days.kominfo.pk])] * 2


# -- pages ----------------------------------------------------------------------------------------


def login(client, world, username):
    assert client.login(username=username, password=world.password)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username,mine,queue", [("pegawai", 200, 403), ("atasan", 200, 200), ("hr", 403, 200)]
)
def test_report_pages_by_role(client, days, username, mine, queue):
    login(client, days, username)
    assert client.get(reverse("attendance:report_mine")).status_code == mine
    assert client.get(reverse("attendance:report_form", args=["2025-12-02"])).status_code == mine
    assert client.get(reverse("attendance:report_queue")).status_code == queue


@pytest.mark.django_db
def test_the_opd_admin_without_a_team_gets_no_queue(client, days):
    login(client, days, "admin.kominfo")
    assert client.get(reverse("attendance:report_queue")).status_code == 403


@pytest.mark.django_db
def test_the_form_shows_the_mode_and_files_the_report(client, days):
    login(client, days, "pegawai")
    url = reverse("attendance:report_form", args=["2025-12-01"])
    page = client.get(url).content.decode()
    assert "WFO" in page and "hanya untuk hari WFH" in page and "<textarea" not in page
    url = reverse("attendance:report_form", args=["2025-12-02"])
    assert "<textarea" in client.get(url).content.decode()
    response = client.post(url, {"activities": "", "outputs": "x"})
    assert "activities" in response.context["form"].errors
    response = client.post(url, {"activities": "Rapat daring", "outputs": "Notulen"})
    assert response.status_code == 302
    mine = client.get(reverse("attendance:report_mine")).content.decode()
    assert "Rapat daring" in mine and "diajukan" in mine


@pytest.mark.django_db
def test_my_page_lists_wfh_days_still_without_a_report(client, days, monkeypatch):
    monkeypatch.setattr("opd.models.today_in", lambda tz_name: TODAY)
    login(client, days, "pegawai")
    page = client.get(reverse("attendance:report_mine")).content.decode()
    assert reverse("attendance:report_form", args=["2025-12-02"]) in page
    assert "Belum ada laporan" in page


@pytest.mark.django_db
def test_the_queue_approves_and_returns_inline_with_htmx(client, days):
    report = submit(days.pegawai_user)
    login(client, days, "atasan")
    queue = reverse("attendance:report_queue")
    page = client.get(queue).content.decode()
    assert days.staff.name in page and "Menyusun draf SOP" in page
    row = client.post(
        queue, {"report": report.pk, "action": "return", "note": ""}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Tuliskan catatan" in row and 'id="report-' in row
    row = client.post(
        queue,
        {"report": report.pk, "action": "return", "note": "Kurang rinci"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "dikembalikan" in row and "Kurang rinci" in row
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    # plain POST works too, and someone else's team is out of reach
    submit(days.pegawai_user)
    assert client.post(queue, {"report": report.pk, "action": "approve"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert "Tidak ada laporan yang menunggu" in client.get(queue).content.decode()


@pytest.mark.django_db
def test_a_supervisor_cannot_review_outside_their_team(client, days):
    report = submit(days.pegawai_user)
    outsider_user = make_user("atasan.lain", Role.SUPERVISOR, password=days.password)
    outsider = make_employee(days.kominfo, days.sek, name="Atasan Lain", user=outsider_user)
    make_employee(days.kominfo, days.sek, name="Bawahan Lain", supervisor=outsider)
    login(client, days, "atasan.lain")
    queue = reverse("attendance:report_queue")
    assert days.staff.name not in client.get(queue).content.decode()
    assert client.post(queue, {"report": report.pk, "action": "approve"}).status_code == 403


@pytest.mark.django_db
def test_the_queue_runs_a_bounded_number_of_queries(client, days, django_assert_max_num_queries):
    for i in range(25):
        employee = make_employee(days.kominfo, days.it, name=f"Anggota {i}", supervisor=days.head)
        WorkReport.objects.create(
            employee=employee,
            day=WFH_DAY,
            activities="a",
            outputs="b",
            submitted_at=dt.datetime(2025, 12, 2, 10, tzinfo=dt.UTC),
        )
    login(client, days, "atasan")
    # the page's own, plus the review badges and the filters' and waiting count's queries
    extra = review_badge_queries(scope_for(days.atasan_user)) + QUEUE_PAGE_QUERIES
    with django_assert_max_num_queries(14 + extra):
        response = client.get(reverse("attendance:report_queue"), {"status": "all"})
    assert response.content.decode().count('aria-label="Pilih laporan Anggota ') == 25


@pytest.mark.django_db
def test_the_queue_filters_by_date(client, days):
    submit(days.pegawai_user)
    login(client, days, "atasan")
    queue = reverse("attendance:report_queue")
    assert days.staff.name in client.get(queue, {"from": "2025-12-02"}).content.decode()
    assert days.staff.name not in client.get(queue, {"from": "2025-12-03"}).content.decode()


def _team_reports(days, n, day=WFH_DAY, prefix="Anggota "):
    made = []
    for i in range(n):
        employee = make_employee(days.kominfo, days.it, name=f"{prefix}{i}", supervisor=days.head)
        made.append(
            WorkReport.objects.create(
                employee=employee,
                day=day,
                activities="a",
                outputs="b",
                submitted_at=dt.datetime(2025, 12, 2, 10, tzinfo=dt.UTC),
            )
        )
    return made


@pytest.mark.django_db
def test_bulk_approve_decides_each_ticked_report_and_the_count_drops_at_once(client, days):
    made = _team_reports(days, 3)
    login(client, days, "atasan")
    url = reverse("attendance:report_queue_bulk")
    html = client.post(
        url, {"action": "approve", "ids": [made[0].pk, made[1].pk]}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "2 laporan disetujui." in html
    assert 'id="queue-count" hx-swap-oob="true">1 menunggu' in html
    statuses = dict(WorkReport.objects.values_list("pk", "status"))
    assert statuses[made[0].pk] == statuses[made[1].pk] == ReportStatus.APPROVED
    assert statuses[made[2].pk] == ReportStatus.SUBMITTED


@pytest.mark.django_db
def test_bulk_return_needs_the_one_note_and_gives_it_to_each(client, days):
    made = _team_reports(days, 2)
    login(client, days, "atasan")
    url = reverse("attendance:report_queue_bulk")
    ids = [r.pk for r in made]
    html = client.post(url, {"action": "return", "ids": ids}, HTTP_HX_REQUEST="true").content
    assert "Tuliskan catatan" in html.decode()
    assert not WorkReport.objects.exclude(status=ReportStatus.SUBMITTED).exists()
    response = client.post(url, {"action": "return", "ids": ids, "note": "Tambah tautan"})
    assert response.status_code == 302
    assert set(WorkReport.objects.values_list("status", "review_note")) == {
        (ReportStatus.RETURNED, "Tambah tautan")
    }


@pytest.mark.django_db
def test_bulk_names_a_report_outside_the_team_and_decides_the_rest(client, days):
    mine = _team_reports(days, 1)[0]
    boss_user = make_user("atasan.lain", Role.SUPERVISOR, password=days.password)
    boss = make_employee(days.kominfo, days.sek, name="Atasan Lain", user=boss_user)
    other = make_employee(days.kominfo, days.sek, name="Bawahan Lain", supervisor=boss)
    theirs = WorkReport.objects.create(
        employee=other,
        day=WFH_DAY,
        activities="a",
        outputs="b",
        submitted_at=dt.datetime.now(dt.UTC),
    )
    login(client, days, "atasan")
    html = client.post(
        reverse("attendance:report_queue_bulk"),
        {"action": "approve", "ids": [mine.pk, theirs.pk]},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "1 laporan disetujui." in html
    assert "Bawahan Lain: Anda bukan atasan pegawai ini." in html
    theirs.refresh_from_db()
    assert theirs.status == ReportStatus.SUBMITTED


@pytest.mark.django_db
def test_bulk_without_ticks_or_action_says_what_to_do(client, days):
    _team_reports(days, 1)
    login(client, days, "atasan")
    url = reverse("attendance:report_queue_bulk")
    html = client.post(url, {"action": "approve"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Centang dulu laporan" in html
    html = client.post(url, {"action": "x", "ids": ["1"]}, HTTP_HX_REQUEST="true").content.decode()
    assert "Pilih setujui atau kembalikan." in html


@pytest.mark.django_db
def test_the_queue_is_newest_first_and_filters_by_unit_date_and_opd(client, days):
    older = _team_reports(days, 1, day=dt.date(2025, 12, 1))[0]
    type(older.employee).objects.filter(pk=older.employee_id).update(unit=days.sek)
    newer = WorkReport.objects.create(
        employee=days.staff,
        day=WFH_DAY,
        activities="a",
        outputs="b",
        submitted_at=dt.datetime.now(dt.UTC),
    )
    login(client, days, "hr")
    queue = reverse("attendance:report_queue")
    page = client.get(queue).content.decode()
    assert page.index(days.staff.name) < page.index(older.employee.name)
    by_day = client.get(queue, {"date": "2025-12-01"}).content.decode()
    assert older.employee.name in by_day and days.staff.name not in by_day
    by_unit = client.get(queue, {"unit": newer.employee.unit_id}).content.decode()
    assert days.staff.name in by_unit and older.employee.name not in by_unit
    by_opd = client.get(queue, {"opd": days.kominfo.code}).content.decode()
    assert days.staff.name in by_opd
    bad = client.get(queue, {"date": "kemarin", "status": "nope"}).content.decode()
    assert "bukan tanggal" in bad or "tidak dikenal" in bad


@pytest.mark.django_db
def test_the_bulk_post_runs_queries_that_do_not_grow_with_the_queue(client, days):
    login(client, days, "atasan")
    counts = []
    for n in (3, 30):
        WorkReport.objects.all().delete()
        made = _team_reports(days, n, prefix=f"Q{n} ")
        with CaptureQueriesContext(connection) as ctx:
            client.post(
                reverse("attendance:report_queue_bulk"),
                {"action": "approve", "ids": [made[0].pk, made[1].pk]},
                HTTP_HX_REQUEST="true",
            )
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
