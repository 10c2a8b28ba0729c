"""Swaps tell people in their inbox: the colleague asked, the requester declined or decided; and
every swap mail links to the page where its reader acts."""

from __future__ import annotations

import pytest
from django.test import TestCase

from accounts.models import Notification, NotificationKind
from accounts.notifications import text_of
from selfservice.services import swaps
from tests.selfservice.conftest import TODAY, request_agreed, request_swap


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://wfh.example.go.id"


def inbox(user):
    return list(Notification.objects.filter(user=user).order_by("pk"))


@pytest.mark.django_db
def test_the_colleague_is_told_a_swap_is_asked_of_them_and_the_mail_links_there(
    client, sched, mailoutbox
):
    client.force_login(sched.world.pegawai_user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        swap = request_swap(client, sched)
    [note] = inbox(sched.rekan_user)
    assert note.kind == NotificationKind.SWAP_ASKED
    assert "Sari Staf meminta bertukar" in text_of(note)
    assert note.url == f"/saya/tukar/daftar/#minta-{swap.pk}"
    [mail] = mailoutbox
    assert f"https://wfh.example.go.id/saya/tukar/daftar/#minta-{swap.pk}" in mail.body


@pytest.mark.django_db
def test_a_decision_tells_both_people_and_the_supervisor_mail_links_the_queue(
    client, sched, mailoutbox
):
    client.force_login(sched.world.pegawai_user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        swap = request_agreed(client, sched)
    assert any("https://wfh.example.go.id/saya/tukar/persetujuan/" in m.body for m in mailoutbox)
    with TestCase.captureOnCommitCallbacks(execute=True):
        swaps.swap_approve(swap=swap, user=sched.world.atasan_user, today=TODAY)
    sari = [n for n in inbox(sched.world.pegawai_user) if n.kind == NotificationKind.SWAP_DECIDED]
    rudi = [n for n in inbox(sched.rekan_user) if n.kind == NotificationKind.SWAP_DECIDED]
    assert len(sari) == len(rudi) == 1
    assert "dengan Rudi Rekan disetujui" in text_of(sari[0])
    assert "dengan Sari Staf disetujui" in text_of(rudi[0])
    assert "https://wfh.example.go.id/saya/kalender/" in mailoutbox[-1].body


@pytest.mark.django_db
def test_a_declined_swap_tells_the_requester(client, sched):
    client.force_login(sched.world.pegawai_user)
    swap = request_swap(client, sched)
    swaps.swap_decline(swap=swap, user=sched.rekan_user, note="Ada rapat")
    [note] = [n for n in inbox(sched.world.pegawai_user) if n.kind == NotificationKind.SWAP_DECIDED]
    assert "Rudi Rekan menolak" in text_of(note) and "Ada rapat" in text_of(note)
