"""The README walk-through on any date: the demo seeded for a given `today` holds a phase from
the next Monday that HR generates for one OPD, edits, submits and publishes, all live."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.models import User
from demo.city import city_seed
from demo.logins import HR_USERNAME
from demo.walkthrough import OPDS, PHASE, walkthrough_seed, walkthrough_start
from opd.models import Opd
from tests.wfh.page_helpers import generate
from wfh.models import Mode, PatternKind, Phase, Roster, ScheduleDay, Source
from wfh.rosters import edits

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "monday"),
    [
        (dt.date(2027, 3, 10), dt.date(2027, 3, 15)),  # a Wednesday: the coming Monday
        (dt.date(2028, 1, 3), dt.date(2028, 1, 10)),  # a Monday: the one a week later
    ],
)
def test_walkthrough_phase_is_generated_edited_submitted_and_published_on_any_date(
    today, monday, client, django_capture_on_commit_callbacks
):
    city_seed(employees=260, seed=7, password="demo12345")
    assert walkthrough_start(today) == monday
    phase = walkthrough_seed(today=today)
    assert (phase.start, phase.end) == (monday, monday + dt.timedelta(days=27))
    assert sorted(phase.opds.values_list("code", flat=True)) == sorted(OPDS)
    assert not Roster.objects.filter(phase=phase).exists()  # left for the walk-through
    hr = User.objects.get(username=HR_USERNAME)
    opd = Opd.objects.get(code=OPDS[0])

    roster = generate(django_capture_on_commit_callbacks, phase, opd, user=hr)
    home = (
        roster.assignments.filter(mode=Mode.WFH, day__gte=phase.start)
        .order_by("day", "employee_id")
        .first()
    )
    assert home is not None
    assert roster.assignments.filter(mode=Mode.WFO).exists()
    assert not roster.assignments.filter(unit__frontline=True, mode=Mode.WFH).exists()
    assert roster.assignments.filter(unit__frontline=True).exists()  # the field crew, on site
    cell = edits.assignment_change(
        roster=roster,
        employee_id=home.employee_id,
        day=home.day,
        mode=Mode.WFO,
        user=hr,
        reason="Rapat koordinasi di kantor",
    )
    assert (cell.mode, cell.source) == (Mode.WFO, Source.MANUAL)

    client.force_login(hr)  # submit and publish as HR on the roster page
    assert client.post(f"/jadwal/{roster.pk}/ajukan/").status_code == 302
    roster.refresh_from_db()
    assert roster.workflow == Roster.Workflow.SUBMITTED
    page = client.get(f"/jadwal/{roster.pk}/").content.decode()
    assert "Terbitkan" in page and "sudah berakhir" not in page
    answer = client.post(f"/jadwal/{roster.pk}/terbitkan/", {"from_date": ""}, follow=True)
    roster.refresh_from_db()
    assert roster.workflow == Roster.Workflow.PUBLISHED
    assert roster.published_from == phase.start > today
    published = ScheduleDay.objects.filter(roster=roster)
    assert published.count() == roster.assignments.count() > 0  # the whole phase, live
    written = f"Jadwal diterbitkan: {published.count()} baris jadwal"
    assert written in answer.content.decode()
    assert published.get(employee_id=home.employee_id, day=home.day).mode == Mode.WFO
    assert published.filter(mode=Mode.WFH).exists()


def test_seeding_again_moves_the_phase_to_the_new_today_and_clears_other_phases_days():
    city_seed(employees=260, seed=7, password="demo12345")
    first = walkthrough_seed(today=dt.date(2027, 3, 10))
    opd = Opd.objects.get(code=OPDS[0])
    other = Phase.objects.create(
        programme=first.programme,
        slug="lain",
        name="Tahap lain",
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 12, 31),
        pattern=PatternKind.WEEKDAY,
        wfh_weekdays=[3],
    )
    roster = Roster.objects.create(phase=other, opd=opd, version=1)
    employee = opd.employees.order_by("id").first()
    inside, outside = dt.date(2027, 4, 8), dt.date(2027, 5, 6)  # Thursdays
    for day in (inside, outside):
        ScheduleDay.objects.create(
            employee=employee,
            day=day,
            mode=Mode.WFH,
            source=Source.GENERATED,
            phase=other,
            opd=opd,
            unit=employee.unit,
            roster=roster,
        )
    again = walkthrough_seed(today=dt.date(2027, 3, 31))
    assert again.pk == first.pk and Phase.objects.filter(slug=PHASE).count() == 1
    assert (again.start, again.end) == (dt.date(2027, 4, 5), dt.date(2027, 5, 2))
    assert list(ScheduleDay.objects.filter(phase=other).values_list("day", flat=True)) == [outside]
