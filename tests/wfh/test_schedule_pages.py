"""The calendar, phase and roster pages: who may see and do what, and that each action lands."""

from __future__ import annotations

import csv
import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from opd.models import UnitRole
from opd.services import placements_sync
from tests.factories import make_employee, make_opd, make_unit
from wfh import selectors
from wfh.calendar import working_days
from wfh.models import (
    Assignment,
    AssignmentChange,
    LocalDayOff,
    Mode,
    Phase,
    PhaseOpdOption,
    Roster,
    ScheduleDay,
)
from wfh.rosters import edits, generation, publication

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
GRID_QUERY_BOUND = 25


@pytest.fixture
def sched(world):
    """The world plus the jabar-2025 programme and enough staff for rotations and piket."""
    call_command("load_preset", "jabar-2025", stdout=io.StringIO())
    for n in range(5):
        make_employee(world.kominfo, world.it, name=f"Staf TIK {n}")
        make_employee(world.kominfo, world.sek, name=f"Staf Sekretariat {n}")
    make_employee(world.dukcapil, world.counter, name="Rina Loket")
    placements_sync(effective=dt.date(2025, 1, 1))
    return SimpleNamespace(
        world=world,
        phase1=Phase.objects.get(slug="jabar-2025-tahap-1"),
        phase2=Phase.objects.get(slug="jabar-2025-tahap-2"),
    )


def generate(capture, phase, opd, **kwargs) -> Roster:
    """Queue one roster and let the (eager) Celery task run when the transaction commits."""
    with capture(execute=True):
        (roster,) = generation.rosters_start(phase=phase, opds=[opd], **kwargs)
    roster.refresh_from_db()
    assert roster.status == Roster.Status.READY, roster.error
    return roster


def login(client, user):
    client.force_login(user)
    return client


def a_cell(roster, mode, *, weekday=None, unit=None) -> Assignment:
    qs = Assignment.objects.filter(roster=roster, mode=mode).order_by("day", "employee_id")
    if unit is not None:
        qs = qs.filter(unit=unit)
    cells = list(qs)
    if weekday is not None:
        cells = [c for c in cells if c.day.weekday() == weekday]
    return cells[0]


# -- who may open the pages ---------------------------------------------------------------------


def test_schedule_index_says_how_to_load_a_programme_when_there_is_none(client, world):
    body = login(client, world.hr).get(reverse("wfh:schedule")).content.decode()
    assert "python manage.py load_preset jabar-2025" in body


def test_schedule_index_lists_programmes_phases_and_only_the_admins_rosters(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    generate(django_capture_on_commit_callbacks, sched.phase1, w.dukcapil)
    mine = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    body = login(client, w.opd_admin).get(reverse("wfh:schedule")).content.decode()
    assert "Tahap I — setiap Kamis" in body and "Tahap II — rotasi 50:50" in body
    assert reverse("wfh:roster", args=[mine.pk]) in body
    assert "DISDUKCAPIL" not in body
    body = login(client, w.hr).get(reverse("wfh:schedule")).content.decode()
    assert "draf: 2" in body


def test_supervisors_and_employees_get_403_on_every_schedule_page(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    urls = [
        reverse("wfh:schedule"),
        reverse("wfh:calendar"),
        reverse("wfh:phase", args=[sched.phase1.slug]),
        reverse("wfh:roster", args=[roster.pk]),
        reverse("wfh:roster_progress", args=[roster.pk]),
        reverse("wfh:roster_download", args=[roster.pk, "csv"]),
    ]
    for user in (w.atasan_user, w.pegawai_user):
        login(client, user)
        for url in urls:
            assert client.get(url).status_code == 403, (user.username, url)
        assert client.post(reverse("wfh:roster_submit", args=[roster.pk])).status_code == 403


def test_hr_phase_page_shows_the_departure_working_days_holidays_and_every_opd(client, sched):
    body = (
        login(client, sched.world.hr)
        .get(reverse("wfh:phase", args=[sched.phase2.slug]))
        .content.decode()
    )
    assert "menyimpang dari aturan nasional" in body
    assert "Batas 3 hari WFH per minggu melebihi ketentuan nasional" in body
    assert len(working_days(sched.phase2.start, sched.phase2.end)) == 21
    assert "21 hari kerja" in body
    assert "Kamis, 25 Desember 2025" in body and "Hari Raya Natal" in body
    assert "Cuti Bersama Hari Raya Natal" in body
    assert "DISKOMINFO" in body and "DISDUKCAPIL" in body
    assert 'name="opds"' in body and 'name="composition"' in body


def test_opd_admin_phase_page_shows_only_their_opd(client, sched):
    body = (
        login(client, sched.world.opd_admin)
        .get(reverse("wfh:phase", args=[sched.phase1.slug]))
        .content.decode()
    )
    assert "DISKOMINFO" in body
    assert "DISDUKCAPIL" not in body
    assert "menyimpang dari aturan nasional" not in body
    assert 'name="composition"' not in body  # a weekday phase has no composition


# -- generating ---------------------------------------------------------------------------------


def test_generate_button_queues_a_roster_that_becomes_ready_and_keeps_the_composition(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    login(client, w.opd_admin)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            reverse("wfh:phase_generate", args=[sched.phase2.slug]),
            {"opd": w.kominfo.pk, "composition": "alternating_days", "seed": "7"},
        )
    roster = Roster.objects.get(phase=sched.phase2, opd=w.kominfo)
    assert resp.status_code == 302 and resp["Location"] == reverse("wfh:roster", args=[roster.pk])
    assert roster.status == Roster.Status.READY
    assert (roster.composition, roster.seed, roster.created_by) == (
        "alternating_days",
        7,
        w.opd_admin,
    )
    assert roster.progress_done == roster.progress_total > 0
    option = PhaseOpdOption.objects.get(phase=sched.phase2, opd=w.kominfo)
    assert option.composition == "alternating_days"
    body = client.get(resp["Location"]).content.decode()
    assert "Staf TIK 0" in body and "Bidang TIK" in body and "Di kantor (min. 1)" in body


def test_opd_admin_cannot_generate_for_another_opd(client, sched):
    w = sched.world
    resp = login(client, w.opd_admin).post(
        reverse("wfh:phase_generate", args=[sched.phase1.slug]), {"opd": w.dukcapil.pk}
    )
    assert resp.status_code == 302
    assert not Roster.objects.filter(opd=w.dukcapil).exists()


def test_hr_generates_every_covered_opd_when_none_is_chosen(
    client, sched, django_capture_on_commit_callbacks
):
    login(client, sched.world.hr)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wfh:phase_generate", args=[sched.phase1.slug]), {})
    states = set(Roster.objects.filter(phase=sched.phase1).values_list("opd__code", "status"))
    assert states == {("DISKOMINFO", "ready"), ("DISDUKCAPIL", "ready")}


def test_progress_fragment_reports_done_of_total_and_polls_only_while_running(
    client, sched, django_capture_on_commit_callbacks
):
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, sched.world.kominfo)
    Roster.objects.filter(pk=roster.pk).update(
        status=Roster.Status.RUNNING, progress_done=3, progress_total=10
    )
    url = reverse("wfh:roster_progress", args=[roster.pk])
    body = login(client, sched.world.opd_admin).get(url, **HTMX).content.decode()
    assert 'value="3"' in body and 'max="10"' in body and "3 dari 10 pegawai" in body
    assert 'hx-trigger="every 2s"' in body
    Roster.objects.filter(pk=roster.pk).update(status=Roster.Status.READY, progress_done=10)
    resp = client.get(url + "?reload=1", **HTMX)
    assert "hx-trigger" not in resp.content.decode() and 'value="10"' in resp.content.decode()
    assert resp["HX-Refresh"] == "true"


def test_regenerate_from_a_date_keeps_earlier_days_and_manual_changes(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    cell = a_cell(roster, Mode.WFH, weekday=3)
    edits.assignment_change(
        roster=roster,
        employee_id=cell.employee_id,
        day=cell.day,
        mode=Mode.WFO,
        user=w.opd_admin,
        reason="rapat tatap muka",
    )
    earlier = set(
        Assignment.objects.filter(roster=roster, day__lt=dt.date(2025, 11, 17)).values_list(
            "employee_id", "day", "mode"
        )
    )
    login(client, w.opd_admin)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            reverse("wfh:roster_regenerate", args=[roster.pk]),
            {"seed": "99", "regenerate_from": "2025-11-17"},
        )
    roster.refresh_from_db()
    assert resp["Location"] == reverse("wfh:roster", args=[roster.pk])
    assert (roster.status, roster.seed) == (Roster.Status.READY, 99)
    kept = Assignment.objects.get(roster=roster, employee_id=cell.employee_id, day=cell.day)
    assert (kept.mode, kept.source) == (Mode.WFO, "manual")
    assert earlier <= set(
        Assignment.objects.filter(roster=roster).values_list("employee_id", "day", "mode")
    )


def test_regenerate_from_a_date_outside_the_phase_is_refused(
    client, sched, django_capture_on_commit_callbacks
):
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, sched.world.kominfo)
    resp = login(client, sched.world.opd_admin).post(
        reverse("wfh:roster_regenerate", args=[roster.pk]), {"regenerate_from": "2025-12-15"}
    )
    body = client.get(resp["Location"]).content.decode()
    assert "Tanggal harus di dalam tahap" in body


# -- workflow -----------------------------------------------------------------------------------


def test_opd_admin_gets_403_on_another_opds_roster(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    other = generate(django_capture_on_commit_callbacks, sched.phase1, w.dukcapil)
    login(client, w.opd_admin)
    assert client.get(reverse("wfh:roster", args=[other.pk])).status_code == 403
    assert client.get(reverse("wfh:roster_download", args=[other.pk, "csv"])).status_code == 403
    assert client.post(reverse("wfh:roster_submit", args=[other.pk])).status_code == 403
    cell = a_cell(other, Mode.WFO)
    resp = client.post(
        reverse("wfh:cell_edit", args=[other.pk]),
        {"employee": cell.employee_id, "day": cell.day.isoformat(), "mode": "WFH", "reason": "x"},
    )
    assert resp.status_code == 403
    other.refresh_from_db()
    assert other.workflow == Roster.Workflow.DRAFT
    assert not AssignmentChange.objects.exists()


def test_opd_admin_can_neither_publish_nor_return_their_own_roster(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    login(client, w.opd_admin)
    assert client.post(reverse("wfh:roster_publish", args=[roster.pk])).status_code == 403
    client.post(reverse("wfh:roster_submit", args=[roster.pk]))
    roster.refresh_from_db()
    assert roster.workflow == Roster.Workflow.SUBMITTED
    resp = client.post(reverse("wfh:roster_return", args=[roster.pk]), {"comment": "ulang"})
    assert resp.status_code == 403
    assert client.post(reverse("wfh:roster_publish", args=[roster.pk])).status_code == 403
    roster.refresh_from_db()
    assert roster.workflow == Roster.Workflow.SUBMITTED
    assert not ScheduleDay.objects.exists()
    body = client.get(reverse("wfh:roster", args=[roster.pk])).content.decode()
    assert reverse("wfh:roster_publish", args=[roster.pk]) not in body


def test_submit_return_with_comment_resubmit_and_publish(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    login(client, w.opd_admin)
    client.post(reverse("wfh:roster_submit", args=[roster.pk]))
    roster.refresh_from_db()
    assert (roster.workflow, roster.submitted_by) == (Roster.Workflow.SUBMITTED, w.opd_admin)

    login(client, w.hr)
    resp = client.post(reverse("wfh:roster_return", args=[roster.pk]), {"comment": ""})
    roster.refresh_from_db()
    assert roster.workflow == Roster.Workflow.SUBMITTED  # a return needs a comment
    client.post(reverse("wfh:roster_return", args=[roster.pk]), {"comment": "Piket Kamis kurang."})
    roster.refresh_from_db()
    assert roster.workflow == Roster.Workflow.RETURNED

    login(client, w.opd_admin)
    body = client.get(reverse("wfh:roster", args=[roster.pk])).content.decode()
    assert "Piket Kamis kurang." in body and "Dikembalikan oleh BKPSDM" in body
    client.post(reverse("wfh:roster_submit", args=[roster.pk]))

    login(client, w.hr)
    resp = client.post(reverse("wfh:roster_publish", args=[roster.pk]), {"from_date": ""})
    assert resp.status_code == 302
    roster.refresh_from_db()
    assert (roster.workflow, roster.published_by) == (Roster.Workflow.PUBLISHED, w.hr)
    assert (
        ScheduleDay.objects.filter(roster=roster).count()
        == Assignment.objects.filter(roster=roster).count()
        > 0
    )


def test_published_roster_downloads_as_csv_and_xlsx(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    publication.roster_publish(roster=roster, user=w.hr)
    login(client, w.opd_admin)
    resp = client.get(reverse("wfh:roster_download", args=[roster.pk, "csv"]))
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    assert "attachment" in resp["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(resp.content.decode())))
    assert rows[0] == ["nip", "name", "opd_code", "unit_code", "date", "mode", "source"]
    assert len(rows) - 1 == ScheduleDay.objects.filter(opd=w.kominfo).count()
    assert {r[2] for r in rows[1:]} == {"DISKOMINFO"}
    resp = client.get(reverse("wfh:roster_download", args=[roster.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(resp.content), read_only=True)["jadwal"]
    assert next(sheet.iter_rows(values_only=True))[:3] == ("nip", "name", "opd_code")
    assert client.get(reverse("wfh:roster_download", args=[roster.pk, "pdf"])).status_code == 404


# -- single-day edits ---------------------------------------------------------------------------


def test_single_day_edit_records_who_when_and_why(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    cell = a_cell(roster, Mode.WFH, weekday=3)
    url = reverse("wfh:cell_edit", args=[roster.pk])
    login(client, w.opd_admin)
    form = client.get(
        url, {"employee": cell.employee_id, "day": cell.day.isoformat()}, **HTMX
    ).content.decode()
    assert "Alasan perubahan" in form and 'hx-post="' in form and "<html" not in form
    resp = client.post(
        url,
        {
            "employee": cell.employee_id,
            "day": cell.day.isoformat(),
            "mode": "WFO",
            "reason": "Rapat dengan DPRD",
        },
        **HTMX,
    )
    body = resp.content.decode()
    assert resp.status_code == 200
    assert f'id="c-{cell.employee_id}-{cell.day.isoformat()}"' in body
    assert 'hx-swap-oob="true"' in body
    change = AssignmentChange.objects.get(roster=roster)
    assert (change.changed_by, change.reason, change.old_mode, change.new_mode) == (
        w.opd_admin,
        "Rapat dengan DPRD",
        "WFH",
        "WFO",
    )
    assert change.changed_at is not None
    cell.refresh_from_db()
    assert (cell.mode, cell.source) == ("WFO", "manual")
    page = client.get(reverse("wfh:roster", args=[roster.pk])).content.decode()
    assert "Rapat dengan DPRD" in page and "Catatan perubahan" in page


def test_single_day_edit_works_without_javascript(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    cell = a_cell(roster, Mode.WFH, weekday=3)
    url = reverse("wfh:cell_edit", args=[roster.pk])
    login(client, w.hr)
    page = client.get(url, {"employee": cell.employee_id, "day": cell.day.isoformat()})
    assert "<html" in page.content.decode() and "Ubah jadwal satu hari" in page.content.decode()
    resp = client.post(
        url,
        {"employee": cell.employee_id, "day": cell.day.isoformat(), "mode": "WFO", "reason": "x"},
    )
    assert resp.status_code == 302 and resp["Location"].startswith(
        reverse("wfh:roster", args=[roster.pk])
    )
    assert AssignmentChange.objects.get().changed_by == w.hr


def test_an_edit_over_the_weekly_cap_names_the_limit_and_changes_nothing(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    thursday = dt.date(2025, 11, 6)
    home = Assignment.objects.filter(roster=roster, day=thursday, mode=Mode.WFH, unit=w.sek).first()
    url = reverse("wfh:cell_edit", args=[roster.pk])
    login(client, w.opd_admin)
    monday, tuesday = dt.date(2025, 11, 3), dt.date(2025, 11, 4)
    post = {"employee": home.employee_id, "mode": "WFH", "reason": "tugas di rumah"}
    client.post(url, {**post, "day": monday.isoformat()}, **HTMX)
    assert AssignmentChange.objects.count() == 1  # 2 WFH days that week: still inside the cap
    resp = client.post(url, {**post, "day": tuesday.isoformat()}, **HTMX)
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "Batas mingguan" in body and "maksimal 2" in body and 'role="alert"' in body
    assert AssignmentChange.objects.count() == 1
    cell = Assignment.objects.get(roster=roster, employee_id=home.employee_id, day=tuesday)
    assert (cell.mode, cell.source) == ("WFO", "generated")


def test_an_edit_below_the_unit_minimum_names_the_limit_and_changes_nothing(
    client, sched, django_capture_on_commit_callbacks
):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    monday = dt.date(2025, 11, 3)
    on_site = Assignment.objects.filter(roster=roster, day=monday, unit=w.it, mode=Mode.WFO)
    w.it.min_onsite = on_site.count()  # the unit now needs everyone in on that Monday
    w.it.save()
    cell = on_site.first()
    resp = login(client, w.opd_admin).post(
        reverse("wfh:cell_edit", args=[roster.pk]),
        {"employee": cell.employee_id, "day": monday.isoformat(), "mode": "WFH", "reason": "x"},
        **HTMX,
    )
    body = resp.content.decode()
    assert "Batas minimal di kantor" in body and "Bidang TIK" in body
    assert not AssignmentChange.objects.exists()
    cell.refresh_from_db()
    assert cell.mode == Mode.WFO


def test_a_submitted_roster_cannot_be_edited(client, sched, django_capture_on_commit_callbacks):
    w = sched.world
    roster = generate(django_capture_on_commit_callbacks, sched.phase1, w.kominfo)
    publication.roster_submit(roster=roster, user=w.opd_admin)
    cell = a_cell(roster, Mode.WFH)
    login(client, w.opd_admin)
    page = client.get(reverse("wfh:roster", args=[roster.pk])).content.decode()
    assert reverse("wfh:cell_edit", args=[roster.pk]) + "?" not in page
    resp = client.post(
        reverse("wfh:cell_edit", args=[roster.pk]),
        {"employee": cell.employee_id, "day": cell.day.isoformat(), "mode": "WFO", "reason": "x"},
        **HTMX,
    )
    assert "Hanya draf yang sudah siap" in resp.content.decode()
    assert not AssignmentChange.objects.exists()


# -- optional weekday (the 2026 Friday) ---------------------------------------------------------


def test_opd_applies_for_the_optional_friday_and_hr_approves_it(client, world):
    call_command("load_preset", "jabar-2026", stdout=io.StringIO())
    phase = Phase.objects.get(slug="jabar-2026-kamis")
    apply_url = reverse("wfh:weekday_apply", args=[phase.slug, "DISKOMINFO"])
    decide_url = reverse("wfh:weekday_decide", args=[phase.slug, "DISKOMINFO"])
    login(client, world.opd_admin)
    body = client.get(reverse("wfh:phase", args=[phase.slug])).content.decode()
    assert apply_url in body
    client.post(apply_url)
    option = PhaseOpdOption.objects.get(phase=phase, opd=world.kominfo)
    assert option.optional_weekday == PhaseOpdOption.Application.APPLIED
    assert client.post(decide_url, {"decision": "approve"}).status_code == 403
    assert (
        client.post(reverse("wfh:weekday_apply", args=[phase.slug, "DISDUKCAPIL"])).status_code
        == 403
    )
    login(client, world.hr)
    body = client.get(reverse("wfh:phase", args=[phase.slug])).content.decode()
    assert "Pengajuan hari WFH tambahan" in body and decide_url in body
    client.post(decide_url, {"decision": "approve"})
    option.refresh_from_db()
    assert option.optional_weekday == PhaseOpdOption.Application.APPROVED
    assert selectors.effective_weekdays(phase, world.kominfo) == [3, 4]
    assert selectors.effective_weekdays(phase, world.dukcapil) == [3]


# -- calendar -----------------------------------------------------------------------------------


def test_calendar_names_holidays_and_cuti_bersama(client, world):
    login(client, world.hr)
    body = client.get(reverse("wfh:calendar"), {"year": 2025, "month": 12}).content.decode()
    assert "Desember 2025" in body
    assert "Hari Raya Natal" in body and "Cuti Bersama Hari Raya Natal" in body
    assert "Jumat, 26 Desember 2025" in body
    assert "21 hari kerja bulan ini" in body
    assert "?year=2025&amp;month=11" in body and "?year=2026&amp;month=1" in body


def test_hr_adds_and_deletes_a_local_day_off_and_the_month_view_lists_it(client, world):
    login(client, world.hr)
    resp = client.post(
        reverse("wfh:day_off_add"),
        {"day": "2025-11-17", "name": "Hari Jadi Kota", "opds": [world.kominfo.pk]},
    )
    assert resp.status_code == 302
    off = LocalDayOff.objects.get()
    assert (off.name, off.created_by, list(off.opds.all())) == (
        "Hari Jadi Kota",
        world.hr,
        [world.kominfo],
    )
    body = client.get(resp["Location"] + "&opd=DISKOMINFO").content.decode()
    assert "Hari Jadi Kota" in body and "Senin, 17 November 2025" in body
    assert "19 hari kerja bulan ini" in body  # 20 weekdays in November 2025, one off

    login(client, world.opd_admin)
    body = client.get(reverse("wfh:calendar"), {"year": 2025, "month": 11}).content.decode()
    assert "Hari Jadi Kota" in body
    assert reverse("wfh:day_off_delete", args=[off.pk]) not in body
    assert client.post(reverse("wfh:day_off_delete", args=[off.pk])).status_code == 403
    assert (
        client.post(reverse("wfh:day_off_add"), {"day": "2025-11-18", "name": "x"}).status_code
        == 403
    )
    assert LocalDayOff.objects.count() == 1

    login(client, world.hr)
    client.post(reverse("wfh:day_off_delete", args=[off.pk]))
    assert not LocalDayOff.objects.exists()


def test_a_local_day_off_for_one_opd_is_not_shown_to_another_opds_admin(client, world):
    LocalDayOff.objects.create(date=dt.date(2025, 11, 20), name="Libur Loket").opds.add(
        world.dukcapil
    )
    login(client, world.opd_admin)
    url = reverse("wfh:calendar")
    assert "Libur Loket" not in client.get(url, {"year": 2025, "month": 11}).content.decode()
    resp = client.get(url, {"year": 2025, "month": 11, "opd": "DISDUKCAPIL"})
    assert resp.status_code == 403


def test_adding_a_day_off_inside_a_generated_roster_warns_to_regenerate(
    client, sched, django_capture_on_commit_callbacks
):
    generate(django_capture_on_commit_callbacks, sched.phase1, sched.world.kominfo)
    login(client, sched.world.hr)
    resp = client.post(
        reverse("wfh:day_off_add"), {"day": "2025-11-18", "name": "FWA"}, follow=True
    )
    assert "1 jadwal sudah memuat tanggal ini" in resp.content.decode()
    roster = Roster.objects.get()
    page = client.get(reverse("wfh:roster", args=[roster.pk])).content.decode()
    assert "Selasa, 18 November 2025" in page and "kini libur" in page


def test_a_weekend_day_off_is_refused_with_a_message(client, world):
    login(client, world.hr)
    resp = client.post(
        reverse("wfh:day_off_add"), {"day": "2025-11-15", "name": "Sabtu"}, follow=True
    )
    assert "akhir pekan" in resp.content.decode()
    assert not LocalDayOff.objects.exists()


# -- the grid stays a constant number of queries ------------------------------------------------


def _big_roster(phase, size: int) -> Roster:
    """A ready roster of `size` employees in 3 units, written directly (no engine)."""
    opd = make_opd(f"BIG{size}", name=f"Dinas Besar {size}")
    units = [make_unit(opd, f"U{n}", name=f"Unit {n}", min_onsite=2) for n in range(3)]
    staff = [
        make_employee(
            opd,
            units[n % 3],
            name=f"Pegawai Besar {n:03d}",
            unit_role=UnitRole.HEAD if n < 3 else UnitRole.STAFF,
        )
        for n in range(size)
    ]
    roster = Roster.objects.create(
        phase=phase, opd=opd, status=Roster.Status.READY, stats={"shortfalls": []}
    )
    days = working_days(phase.start, phase.end, opd_id=opd.pk)
    Assignment.objects.bulk_create(
        Assignment(
            roster=roster,
            employee=e,
            unit=e.unit,
            day=d,
            mode=Mode.WFH if (i + d.day) % 2 else Mode.WFO,
            source="manual" if (i, d.day) == (1, days[0].day) else "generated",
        )
        for i, e in enumerate(staff)
        for d in days
    )
    return roster


def _grid_queries(client, roster, **params) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(reverse("wfh:roster", args=[roster.pk]), {"bulan": "2025-12", **params})
    assert resp.status_code == 200
    return len(ctx.captured_queries), resp.content.decode()


def test_grid_query_count_does_not_grow_with_the_headcount(
    client, sched, django_assert_max_num_queries
):
    login(client, sched.world.hr)
    small, big = _big_roster(sched.phase2, 60), _big_roster(sched.phase2, 120)
    client.get(reverse("wfh:roster", args=[small.pk]))  # warm the session and caches
    with django_assert_max_num_queries(GRID_QUERY_BOUND):
        n_small, body = _grid_queries(client, small)
    days = len(working_days(sched.phase2.start, sched.phase2.end))
    assert days == 21
    assert "Pegawai Besar 059" in body and body.count('class="cell m-') == 60 * days
    assert "Unit 2" in body and "Di kantor (min. 2)" in body
    with django_assert_max_num_queries(GRID_QUERY_BOUND):
        n_big, body = _grid_queries(client, big)
    assert body.count('class="cell m-') == 100 * days  # the first page of 100 employees
    assert n_small == n_big
    unit = big.opd.units.get(code="U1")
    n_unit, body = _grid_queries(client, big, unit=unit.pk)
    assert n_unit == n_big and body.count('class="cell m-') == 40 * days
