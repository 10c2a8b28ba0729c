"""HR's webhook page at /klien-api/webhook/: subscriptions and the delivery log, filters,
re-sending a failed delivery and switching a subscription off; HR only."""

from __future__ import annotations

import uuid
from unittest import mock

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from api import webhooks
from api.models import WebhookDelivery, WebhookSubscription
from api.services import api_client_create

Status = WebhookDelivery.Status


def login(world, username: str) -> Client:
    http = Client()
    assert http.login(username=username, password=world.password)
    return http


@pytest.fixture
def log(world):
    tpp, _token = api_client_create(name="TPP BKPSDM", scopes=["schedule:read"])
    dash, _token = api_client_create(name="Dasbor Wali Kota", scopes=["summary:read"])
    tpp_hook = WebhookSubscription.objects.create(
        client=tpp, url="https://tpp.example.go.id/hook", events=["roster.published"], secret="s"
    )
    dash_hook = WebhookSubscription.objects.create(
        client=dash, url="https://dasbor.example.go.id/in", events=["summary.ready"], secret="s"
    )

    def delivery(subscription, event, status, **kw):
        return WebhookDelivery.objects.create(
            subscription=subscription, event=event, event_id=uuid.uuid4(), status=status, **kw
        )

    failed = delivery(
        tpp_hook,
        "roster.published",
        Status.FAILED,
        attempts=6,
        last_status_code=500,
        last_error="HTTP 500 Internal Server Error",
    )
    delivered = delivery(dash_hook, "summary.ready", Status.DELIVERED, attempts=1)
    return tpp, dash, tpp_hook, dash_hook, failed, delivered


@pytest.mark.parametrize("username", ["admin.kominfo", "atasan", "pegawai"])
def test_only_hr_opens_the_page_and_its_actions(world, log, username):
    _tpp, _dash, tpp_hook, _dash_hook, failed, _delivered = log
    http = login(world, username)
    assert http.get(reverse("api_pages:webhooks")).status_code == 403
    assert http.post(reverse("api_pages:webhook-resend", args=[failed.pk])).status_code == 403
    assert http.post(reverse("api_pages:webhook-toggle", args=[tpp_hook.pk])).status_code == 403
    assert WebhookDelivery.objects.get(pk=failed.pk).status == Status.FAILED
    assert WebhookSubscription.objects.get(pk=tpp_hook.pk).active


def test_hr_sees_subscriptions_and_deliveries_and_filters_them(world, log):
    tpp, _dash, _tpp_hook, _dash_hook, failed, _delivered = log
    http = login(world, "hr")
    page = http.get(reverse("api_pages:webhooks"))
    assert page.status_code == 200
    text = page.content.decode()
    for part in (
        "TPP BKPSDM",
        "Dasbor Wali Kota",
        "https://tpp.example.go.id/hook",
        "tpp.example.go.id",
        "HTTP 500 Internal Server Error",
        "Kirim ulang",
        str(failed.event_id),
    ):
        assert part in text
    only_tpp = http.get(reverse("api_pages:webhooks"), {"client": tpp.pk}).content.decode()
    assert "dasbor.example.go.id" not in only_tpp
    delivered = http.get(reverse("api_pages:webhooks"), {"status": "delivered"}).content.decode()
    assert "Kirim ulang" not in delivered and "summary.ready" in delivered
    none = http.get(reverse("api_pages:webhooks"), {"event": "ping"}).content.decode()
    assert "Tidak ada kiriman yang cocok" in none


def test_the_page_says_so_when_there_is_nothing_yet(world):
    text = login(world, "hr").get(reverse("api_pages:webhooks")).content.decode()
    assert "Belum ada klien yang mendaftarkan webhook" in text
    assert "Belum ada kiriman webhook" in text


def test_hr_resends_a_failed_delivery_but_never_a_delivered_one(world, log):
    _tpp, _dash, _tpp_hook, _dash_hook, failed, delivered = log
    http = login(world, "hr")
    with (
        mock.patch.object(webhooks, "deliveries_queue") as queued,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        answer = http.post(
            reverse("api_pages:webhook-resend", args=[failed.pk]), {"next_query": "status=failed"}
        )
    assert answer.status_code == 302
    assert answer["Location"].endswith("?status=failed")
    failed.refresh_from_db()
    assert failed.status == Status.PENDING and failed.attempts == 0
    queued.assert_called_once_with(ids=[failed.pk])
    with mock.patch.object(webhooks, "deliveries_queue") as queued:
        http.post(reverse("api_pages:webhook-resend", args=[delivered.pk]))
    assert WebhookDelivery.objects.get(pk=delivered.pk).status == Status.DELIVERED
    queued.assert_not_called()
    assert http.get(reverse("api_pages:webhook-resend", args=[failed.pk])).status_code == 405


def test_hr_switches_a_subscription_off_and_its_deliveries_stop(world, log):
    _tpp, _dash, tpp_hook, _dash_hook, failed, _delivered = log
    http = login(world, "hr")
    assert http.post(reverse("api_pages:webhook-toggle", args=[tpp_hook.pk])).status_code == 302
    assert not WebhookSubscription.objects.get(pk=tpp_hook.pk).active
    failed.refresh_from_db()
    assert not webhooks.delivery_resend(delivery=failed)
    assert "nonaktif" in http.get(reverse("api_pages:webhooks")).content.decode()
    http.post(reverse("api_pages:webhook-toggle", args=[tpp_hook.pk]))
    assert WebhookSubscription.objects.get(pk=tpp_hook.pk).active
