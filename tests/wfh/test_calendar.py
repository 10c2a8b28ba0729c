import datetime as dt

import pytest

from wfh.calendar import days_off, month_view, working_days
from wfh.models import LocalDayOff

pytestmark = pytest.mark.django_db

D = dt.date


def test_november_2025_has_twenty_working_days_and_no_holiday():
    days = working_days(D(2025, 11, 1), D(2025, 11, 30))
    assert len(days) == 20
    assert days_off(D(2025, 11, 1), D(2025, 11, 30)) == {}
    assert [d for d in days if d.weekday() == 3] == [
        D(2025, 11, 6),
        D(2025, 11, 13),
        D(2025, 11, 20),
        D(2025, 11, 27),
    ]


def test_christmas_and_its_cuti_bersama_are_not_working_days_in_december_2025():
    days = working_days(D(2025, 12, 1), D(2025, 12, 31))
    assert D(2025, 12, 25) not in days and D(2025, 12, 26) not in days
    assert len(days) == 21
    off = days_off(D(2025, 12, 1), D(2025, 12, 31))
    assert off[D(2025, 12, 25)].kind == "holiday" and off[D(2025, 12, 25)].name == "Hari Raya Natal"
    assert off[D(2025, 12, 26)].kind == "cuti_bersama"


def test_any_year_works_from_the_holidays_package():
    off = days_off(D(2026, 3, 1), D(2026, 3, 31))
    assert off[D(2026, 3, 20)].kind == "cuti_bersama"  # Idul Fitri 2026
    assert D(2026, 3, 23) not in working_days(D(2026, 3, 1), D(2026, 3, 31))


def test_local_day_off_for_all_opds_or_only_some(world):
    LocalDayOff.objects.create(date=D(2025, 11, 12), name="HUT Kota")
    only = LocalDayOff.objects.create(date=D(2025, 11, 19), name="FWA Kominfo")
    only.opds.add(world.kominfo)
    everyone = working_days(D(2025, 11, 10), D(2025, 11, 21))
    kominfo = working_days(D(2025, 11, 10), D(2025, 11, 21), opd_id=world.kominfo.pk)
    dukcapil = working_days(D(2025, 11, 10), D(2025, 11, 21), opd_id=world.dukcapil.pk)
    assert D(2025, 11, 12) not in everyone and D(2025, 11, 19) in everyone
    assert D(2025, 11, 19) not in kominfo
    assert D(2025, 11, 19) in dukcapil and D(2025, 11, 12) not in dukcapil


def test_month_view_marks_weekends_holidays_and_working_days():
    weeks = month_view(2025, 12)
    cells = {c["day"]: c for week in weeks for c in week}
    assert all(len(week) == 7 for week in weeks)
    assert cells[D(2025, 12, 25)]["off"].kind == "holiday"
    assert cells[D(2025, 12, 6)]["weekend"] and not cells[D(2025, 12, 6)]["working"]
    assert cells[D(2025, 12, 1)]["working"]
    assert not cells[D(2026, 1, 4)]["in_month"]  # the last week runs to Sunday


def test_deleting_the_only_opd_of_a_local_day_off_does_not_make_it_a_day_off_for_all():
    from tests.factories import make_opd

    gone, stays, other = make_opd("HAPUS"), make_opd("TETAP"), make_opd("LAIN")
    day = D(2025, 12, 10)
    only_gone = LocalDayOff.objects.create(date=day, name="Libur OPD yang dihapus")
    only_gone.opds.set([gone])
    shared = LocalDayOff.objects.create(date=D(2025, 12, 11), name="Libur bersama")
    shared.opds.set([gone, stays])
    gone.delete()
    assert not LocalDayOff.objects.filter(pk=only_gone.pk).exists()
    assert list(shared.opds.all()) == [stays]
    assert day in working_days(day, day, opd_id=other.pk)
    assert working_days(D(2025, 12, 11), D(2025, 12, 11), opd_id=stays.pk) == []
