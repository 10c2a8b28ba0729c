import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wfh.calendar import working_days
from wfh.models import PatternKind, Phase, Programme

pytestmark = pytest.mark.django_db


def load(name):
    out = StringIO()
    call_command("load_preset", name, stdout=out)
    return out.getvalue()


def test_jabar_2025_creates_both_phases_of_se_150():
    load("jabar-2025")
    programme = Programme.objects.get(slug="jabar-2025")
    assert programme.legal_basis == "SE 150/KPG.03/BKD"
    one, two = programme.phases.order_by("order")
    assert (one.start, one.end, one.pattern, one.wfh_weekdays) == (
        dt.date(2025, 11, 1),
        dt.date(2025, 11, 30),
        PatternKind.WEEKDAY,
        [3],
    )
    thursdays = [d for d in working_days(one.start, one.end) if d.weekday() in one.wfh_weekdays]
    assert [d.day for d in thursdays] == [6, 13, 20, 27]
    assert (two.start, two.end, two.pattern, float(two.ratio)) == (
        dt.date(2025, 12, 1),
        dt.date(2025, 12, 31),
        PatternKind.ROTATION,
        0.5,
    )
    assert two.departures() and not one.departures()


def test_jabar_2026_is_thursday_with_optional_friday_all_year():
    load("jabar-2026")
    phase = Phase.objects.get(programme__slug="jabar-2026")
    assert phase.programme.legal_basis == "SE 188/KPG.03/BKD"
    assert (phase.start, phase.end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert phase.wfh_weekdays == [3] and phase.optional_weekday == 4


def test_running_a_preset_twice_changes_nothing():
    load("jabar-2025")
    before = list(Phase.objects.values())
    assert "0 dibuat, 0 diperbarui, 3 tidak berubah" in load("jabar-2025")
    assert list(Phase.objects.values()) == before


def test_a_changed_preset_row_is_put_back():
    load("jabar-2025")
    Phase.objects.filter(slug="jabar-2025-tahap-1").update(wfh_weekdays=[0])
    assert "1 diperbarui" in load("jabar-2025")
    assert Phase.objects.get(slug="jabar-2025-tahap-1").wfh_weekdays == [3]


def test_unknown_preset_names_the_choices():
    with pytest.raises(CommandError, match="jabar-2025"):
        load("jatim-2030")


def test_hr_loads_a_preset_from_the_schedule_page_and_others_may_not(client, world):
    client.force_login(world.opd_admin)
    assert client.post("/jadwal/preset/", {"name": "jabar-2025"}).status_code == 403
    client.force_login(world.hr)
    assert "jabar-2025" in client.get("/jadwal/").content.decode()
    resp = client.post("/jadwal/preset/", {"name": "jabar-2025"})
    assert resp.status_code == 302
    assert Phase.objects.filter(programme__slug="jabar-2025").count() == 2
    client.post("/jadwal/preset/", {"name": "jabar-2025"})
    assert Programme.objects.count() == 1
