"""HR opens an OPD's summarised attendance day in a browser and filters its late and absent staff.

The day is built the way production builds it: events go through attendance.services.events_ingest
(as the phone page, the API and the CSV import do), then attendance.summaries.runs.summaries_build
turns them into daily records and the OPD's summary. The page is then read as a person reads it:
the summary figures, the status filter, and the names in the records table.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from attendance.models import DailyRecord, DayStatus, OpdDaySummary
from attendance.services import ACCEPTED, events_ingest
from attendance.summaries.runs import summaries_build
from opd.services import placements_sync
from tests.attendance.conftest import publish
from tests.e2e.conftest import login
from tests.factories import make_employee
from wfh.models import Mode

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
DAY = dt.date(2025, 12, 4)  # Thursday: hours 07:30-16:00 by default, not a day off


def _at(hour: int, minute: int) -> str:
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=WIB).isoformat()


def _events(nip: str, mode: str, check_in: str | None, check_out: str | None) -> list[dict]:
    items = []
    if check_in:
        items.append({"nip": nip, "timestamp": check_in, "kind": "in", "mode": mode})
    if check_out:
        items.append({"nip": nip, "timestamp": check_out, "kind": "out", "mode": mode})
    return items


@pytest.fixture
def summarised_day(live_world):
    """DISKOMINFO on Thursday 4 December 2025, with one person in each situation:

    - Sari Staf (TIK, WFH): checked in from home on time, checked out at 16:05: hadir WFH
    - Dewi Sekretariat (SEK, WFO): in 07:58, out 16:10: terlambat 28 minutes (TL1)
    - Budi Kepala (TIK, WFO): in 09:15, out 16:20: terlambat 105 minutes (the open tier)
    - Rudi Alpa (SEK, WFO): no event at all: tidak hadir
    - Wati Kantor (TIK, WFH): came to the office instead (claims WFO): mode tidak sesuai
    - Andi Loket of DISDUKCAPIL is late too, but in another OPD: never on this page.
    """
    w = live_world
    w.absent = make_employee(w.kominfo, w.sek, name="Rudi Alpa")
    w.mismatched = make_employee(w.kominfo, w.it, name="Wati Kantor")
    placements_sync(effective=dt.date(2025, 1, 1))
    for employee, mode in (
        (w.staff, Mode.WFH),
        (w.other, Mode.WFO),
        (w.head, Mode.WFO),
        (w.absent, Mode.WFO),
        (w.mismatched, Mode.WFH),
        (w.clerk, Mode.WFO),
    ):
        publish(employee, DAY, mode)
    items = (
        _events(w.staff.nip, "WFH", _at(7, 20), _at(16, 5))
        + _events(w.other.nip, "WFO", _at(7, 58), _at(16, 10))
        + _events(w.head.nip, "WFO", _at(9, 15), _at(16, 20))
        + _events(w.mismatched.nip, "WFO", _at(7, 25), _at(16, 3))
        + _events(w.clerk.nip, "WFO", _at(8, 40), _at(16, 1))
    )
    received = dt.datetime.combine(DAY, dt.time(17, 0), tzinfo=WIB)
    results = events_ingest(items=items, source="csv", received_at=received)
    assert [r.status for r in results] == [ACCEPTED] * len(items), [r.as_dict() for r in results]

    run = summaries_build(start=DAY, end=DAY)
    assert run.outcome == "ok"
    status = dict(
        DailyRecord.objects.filter(day=DAY, opd=w.kominfo).values_list("employee__name", "status")
    )
    assert status == {
        "Sari Staf": DayStatus.HADIR_WFH,
        "Dewi Sekretariat": DayStatus.TERLAMBAT,
        "Budi Kepala": DayStatus.TERLAMBAT,
        "Rudi Alpa": DayStatus.TIDAK_HADIR,
        "Wati Kantor": DayStatus.HADIR_WFO,
    }
    return w


def _day_url(live_server, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"date": DAY.isoformat(), **params}.items())
    return f"{live_server.url}{reverse('attendance:opd_day', args=['DISKOMINFO'])}?{query}"


def _figure(page, label: str):
    """The <dd> of the summary's figure whose <dt> says `label`."""
    return (
        page.locator(".presence-summary .summary-grid > div")
        .filter(has=page.locator("dt", has_text=label))
        .locator("dd")
    )


def _names(page) -> list[str]:
    return page.locator("table.presence-records tbody tr td:first-child").all_inner_texts()


def test_hr_filters_an_opd_day_for_late_and_absent_staff(page, live_server, summarised_day):
    w = summarised_day
    summary = OpdDaySummary.objects.get(opd=w.kominfo, day=DAY)
    assert (summary.headcount, summary.late, summary.absent, summary.mismatches) == (5, 2, 1, 1)

    login(page, live_server, w.hr.username, w.password)
    # from the index of every OPD, follow the OPD's link for that day
    page.goto(f"{live_server.url}{reverse('attendance:index')}?date={DAY.isoformat()}")
    row = page.locator("tbody tr").filter(has=page.get_by_role("link", name="DISKOMINFO"))
    expect(row.locator("td").nth(1)).to_have_text("5")  # Pegawai
    page.get_by_role("link", name="DISKOMINFO").click()
    page.wait_for_url(lambda url: "/presensi/opd/DISKOMINFO/" in url)
    expect(page.locator("h2").first).to_have_text("Kamis, 4 Desember 2025")

    # the summary's figures
    expect(_figure(page, "Jumlah pegawai")).to_have_text("5")
    expect(_figure(page, "Terlambat")).to_have_text("2")
    expect(_figure(page, "Tidak hadir")).to_have_text("1")
    expect(_figure(page, "Mode tidak sesuai")).to_have_text("1")
    expect(_figure(page, "Hadir WFH / WFO")).to_have_text("1 / 3")
    assert sorted(_names(page)) == sorted(
        ["Sari Staf", "Dewi Sekretariat", "Budi Kepala", "Rudi Alpa", "Wati Kantor"]
    )
    assert "Andi Loket" not in page.content()  # another OPD's late clerk

    # "Terlambat": the two late people, with their minutes and tiers
    page.get_by_label("Status").select_option(label="Terlambat")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(lambda url: "status=terlambat" in url)
    expect(page.locator("table.presence-records tbody tr")).to_have_count(2)
    assert sorted(_names(page)) == ["Budi Kepala", "Dewi Sekretariat"]
    dewi = page.locator("table.presence-records tbody tr").filter(has_text="Dewi Sekretariat")
    expect(dewi).to_contain_text("07:58 / 16:10")
    expect(dewi).to_contain_text("28 mnt")
    budi = page.locator("table.presence-records tbody tr").filter(has_text="Budi Kepala")
    expect(budi).to_contain_text("105 mnt")

    # "Tidak hadir": the one person with no event, counted as an unexcused absence this year
    page.get_by_label("Status").select_option(label="Tidak hadir")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(lambda url: "status=tidak_hadir" in url)
    expect(page.locator("table.presence-records tbody tr")).to_have_count(1)
    absent = page.locator("table.presence-records tbody tr")
    expect(absent.locator("td").first).to_have_text("Rudi Alpa")
    expect(absent).to_contain_text("Tidak hadir")
    expect(absent).to_contain_text("— / —")
    expect(absent.locator("td").last).to_have_text("1")  # Alpa tahun ini

    # "Mode tidak sesuai": scheduled WFH, checked in at the office
    page.get_by_label("Status").select_option(label="Mode tidak sesuai")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(lambda url: "status=mismatch" in url)
    assert _names(page) == ["Wati Kantor"]
    expect(page.locator("table.presence-records tbody tr")).to_contain_text(
        "tidak sesuai (hadir WFO)"
    )

    # a filter with nobody in it says how to get back
    page.goto(_day_url(live_server, status="cuti"))
    expect(page.locator("table.presence-records")).to_have_count(0)
    expect(page.locator("p.empty")).to_contain_text("Tidak ada pegawai dengan saringan ini")
