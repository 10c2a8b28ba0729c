"""The private iCal feed: a revocable token, all-day WFH events that calendar apps can read."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from selfservice.models import CalendarToken
from tests.selfservice.conftest import WFH_DAYS
from wfh.models import ScheduleDay

pytestmark = pytest.mark.django_db

SETTINGS = "/saya/ical/"
FEED = re.compile(r"http://testserver(/ical/([A-Za-z0-9_-]+)\.ics)")


def create_feed(client) -> tuple[str, str]:
    response = client.post(SETTINGS, {"action": "create"})
    assert response.status_code == 200
    match = FEED.search(response.content.decode())
    assert match, "the new address is shown once after creating it"
    return match.group(1), match.group(2)


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(cal: Calendar) -> list:
    return list(cal.walk("VEVENT"))


def test_routes():
    assert reverse("selfservice:ical_settings") == SETTINGS
    assert reverse("selfservice:ical", args=["abc"]) == "/ical/abc.ics"


def test_feed_holds_exactly_my_wfh_days_as_all_day_events(client, sched):
    client.force_login(sched.world.pegawai_user)
    path, _token = create_feed(client)
    client.logout()
    cal = parse(client.get(path))  # no login: the token is the secret
    found = events(cal)
    assert sorted(e.decoded("dtstart") for e in found) == sorted(WFH_DAYS["sari"])
    for event in found:
        start = event.decoded("dtstart")
        assert type(start) is dt.date  # all day, not a datetime
        assert event.decoded("dtend") == start + dt.timedelta(days=1)
        assert str(event["summary"]) == "WFH"
        assert str(event["description"]) == "Tahap II: Rapat penting dilakukan daring."
        assert event.get("dtstamp") is not None
    assert len({str(e["uid"]) for e in found}) == len(found)


def test_uids_are_stable_across_fetches_and_follow_a_changed_schedule(client, sched):
    client.force_login(sched.world.pegawai_user)
    path, _token = create_feed(client)
    first = {str(e["uid"]): e.decoded("dtstart") for e in events(parse(client.get(path)))}
    ScheduleDay.objects.filter(employee=sched.sari, day=dt.date(2025, 11, 5)).update(mode="WFH")
    second = {str(e["uid"]): e.decoded("dtstart") for e in events(parse(client.get(path)))}
    assert set(first) < set(second)
    assert second.keys() - first.keys() == {f"wfh-{sched.sari.pk}-20251105@wfh-asn"}


def test_only_a_hash_of_the_token_is_stored(client, sched):
    client.force_login(sched.world.pegawai_user)
    _path, token = create_feed(client)
    row = CalendarToken.objects.get(employee=sched.sari, revoked_at__isnull=True)
    assert row.token_hash != token and token not in row.token_hash
    assert token.startswith(row.hint)
    page = client.get(SETTINGS).content.decode()
    assert token not in page  # shown once only
    assert row.hint in page


def test_revoked_token_answers_404(client, sched):
    client.force_login(sched.world.pegawai_user)
    path, _token = create_feed(client)
    assert client.get(path).status_code == 200
    response = client.post(SETTINGS, {"action": "revoke"})
    assert response.status_code == 302
    assert client.get(path).status_code == 404


def test_regenerating_replaces_the_old_address(client, sched):
    client.force_login(sched.world.pegawai_user)
    old, _ = create_feed(client)
    new, _ = create_feed(client)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarToken.objects.filter(employee=sched.sari, revoked_at__isnull=True).count() == 1


def test_calendar_apps_may_ask_with_head(client, sched):
    client.force_login(sched.world.pegawai_user)
    path, _token = create_feed(client)
    client.logout()
    response = client.head(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_unknown_token_answers_404(client, sched):
    assert client.get("/ical/bukan-token-yang-ada.ics").status_code == 404


def test_one_employee_feed_never_shows_another(client, sched):
    client.force_login(sched.world.pegawai_user)
    sari_path, _ = create_feed(client)
    client.force_login(sched.rekan_user)
    rudi_path, _ = create_feed(client)
    sari_days = {e.decoded("dtstart") for e in events(parse(client.get(sari_path)))}
    rudi_days = {e.decoded("dtstart") for e in events(parse(client.get(rudi_path)))}
    assert sari_days == set(WFH_DAYS["sari"])
    assert rudi_days == set(WFH_DAYS["rudi"])


def test_settings_page_needs_an_employee(client, sched):
    client.force_login(sched.world.hr)
    response = client.get(SETTINGS)
    assert "tidak terhubung dengan data pegawai" in response.content.decode()
    response = client.post(SETTINGS, {"action": "create"})
    assert not CalendarToken.objects.exists()
