"""Publishing a roster version tells its staff in their inbox, once per version."""

from __future__ import annotations

import pytest
from django.test import TestCase

from accounts.models import Notification, NotificationKind
from accounts.notifications import text_of
from tests.wfh.test_leave_roster import jabar, published  # noqa: F401 (jabar is a fixture)
from wfh.rosters.publication_notice import roster_published_notify


@pytest.mark.django_db
def test_publishing_tells_each_employee_with_a_login_once(jabar):  # noqa: F811
    with TestCase.captureOnCommitCallbacks(execute=True):
        roster = published(jabar.phase1, jabar.kominfo)
    told = Notification.objects.filter(kind=NotificationKind.ROSTER_PUBLISHED)
    assert set(told.values_list("user_id", flat=True)) == {
        jabar.pegawai_user.pk,
        jabar.atasan_user.pk,
    }
    note = told.get(user=jabar.pegawai_user)
    assert "Dinas Komunikasi dan Informatika" in text_of(note) and note.url == "/saya/kalender/"
    assert roster_published_notify(roster_id=roster.pk) == 0  # a rerun adds nothing
    assert told.count() == 2
