"""The inbox: the badge's one query, opening and marking read, the wording in each language."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.models import Notification, NotificationKind
from accounts.notifications import notify, text_of, unread_count


def swap_asked(user, n=1):
    for _ in range(n):
        notify(
            users=[user.pk],
            kind=NotificationKind.SWAP_ASKED,
            params={"name": "Rudi Rekan", "day": "2025-11-13"},
            url="/saya/tukar/daftar/",
        )


def badge_queries(client, path="/notifikasi/") -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return sum(1 for q in ctx.captured_queries if "accounts_notification" in q["sql"])


@pytest.mark.django_db
def test_the_header_shows_the_unread_count_with_one_query_however_many(client, world):
    client.force_login(world.pegawai_user)
    swap_asked(world.pegawai_user, 2)
    page = client.get(reverse("selfservice:my_month")).content.decode()
    assert 'class="menu-badge"' in page and ">2</span>" in page
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("selfservice:my_month"))
    few = len(ctx.captured_queries)
    counts = [q["sql"] for q in ctx.captured_queries if "accounts_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT" in counts[0].upper()
    swap_asked(world.pegawai_user, 30)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("selfservice:my_month")).content.decode()
    assert len(ctx.captured_queries) == few
    assert ">32</span>" in page


@pytest.mark.django_db
def test_no_badge_when_everything_is_read(client, world):
    client.force_login(world.pegawai_user)
    swap_asked(world.pegawai_user)
    Notification.objects.update(read_at="2025-11-03T08:00:00+07:00")
    assert 'class="menu-badge"' not in client.get("/notifikasi/").content.decode()


@pytest.mark.django_db
def test_the_inbox_lists_newest_first_worded_with_the_long_date(client, world):
    client.force_login(world.pegawai_user)
    swap_asked(world.pegawai_user)
    notify(
        users=[world.pegawai_user.pk],
        kind=NotificationKind.REPORT_RETURNED,
        params={"day": "2025-11-04", "note": "Lengkapi hasil kerja"},
    )
    page = client.get("/notifikasi/").content.decode()
    assert page.index("Lengkapi hasil kerja") < page.index("Rudi Rekan meminta")
    assert "Kamis, 13 November 2025" in page and "2025-11-13" not in page


@pytest.mark.django_db
def test_the_inbox_page_costs_the_same_queries_for_two_or_twenty(client, world):
    client.force_login(world.pegawai_user)
    swap_asked(world.pegawai_user, 2)
    with CaptureQueriesContext(connection) as ctx:
        client.get("/notifikasi/")
    two = len(ctx.captured_queries)
    swap_asked(world.pegawai_user, 18)
    with CaptureQueriesContext(connection) as ctx:
        client.get("/notifikasi/")
    assert len(ctx.captured_queries) == two


@pytest.mark.django_db
def test_opening_marks_it_read_and_goes_to_the_page_where_one_acts(client, world):
    client.force_login(world.pegawai_user)
    swap_asked(world.pegawai_user)
    note = Notification.objects.get()
    response = client.post(reverse("inbox:open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/saya/tukar/daftar/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert unread_count(user_id=world.pegawai_user.pk) == 0


@pytest.mark.django_db
def test_one_cannot_open_or_mark_anothers_notification(client, world):
    swap_asked(world.atasan_user)
    note = Notification.objects.get()
    client.force_login(world.pegawai_user)
    response = client.post(reverse("inbox:open", args=[note.pk]))
    assert response["Location"] == reverse("inbox:list")
    client.post(reverse("inbox:read_all"))
    note.refresh_from_db()
    assert note.read_at is None


@pytest.mark.django_db
def test_mark_all_read_and_a_get_is_refused(client, world):
    client.force_login(world.pegawai_user)
    swap_asked(world.pegawai_user, 3)
    assert client.get(reverse("inbox:read_all")).status_code == 405
    client.post(reverse("inbox:read_all"))
    assert unread_count(user_id=world.pegawai_user.pk) == 0


@pytest.mark.django_db
def test_an_empty_inbox_says_what_will_come(client, world):
    client.force_login(world.hr)
    assert "Belum ada notifikasi" in client.get("/notifikasi/").content.decode()


@pytest.mark.django_db
def test_a_keyed_notification_is_written_once_per_user(world):
    for _ in range(2):
        notify(
            users=[world.pegawai_user.pk, world.atasan_user.pk],
            kind=NotificationKind.ROSTER_PUBLISHED,
            params={"opd": "Diskominfo", "phase": "Tahap I"},
            key="roster-1",
        )
    assert Notification.objects.count() == 2


@pytest.mark.django_db
def test_the_text_follows_the_readers_language(world):
    notify(
        users=[world.pegawai_user.pk],
        kind=NotificationKind.LEAVE_DECIDED,
        params={
            "what": "Cuti tahunan",
            "start_day": "2025-11-13",
            "end_day": "2025-11-14",
            "status": "returned",
            "note": "Ganti tanggal",
        },
    )
    note = Notification.objects.get()
    assert "dikembalikan: Ganti tanggal" in text_of(note)
    with translation.override("en"):
        english = text_of(note)
    assert "returned" in english and "Thursday, 13 November 2025" in english


@pytest.mark.django_db
def test_the_reminder_switch_on_the_profile(client, world):
    client.force_login(world.pegawai_user)
    profile = client.get(reverse("opd:me"), follow=True).content.decode()
    assert "Matikan pengingat" in profile
    client.post(reverse("inbox:reminder"), {"on": "0"})
    world.pegawai_user.refresh_from_db()
    assert world.pegawai_user.checkin_reminder is False
    profile = client.get(reverse("opd:me"), follow=True).content.decode()
    assert "Nyalakan pengingat" in profile
    client.post(reverse("inbox:reminder"), {"on": "1"})
    world.pegawai_user.refresh_from_db()
    assert world.pegawai_user.checkin_reminder is True
