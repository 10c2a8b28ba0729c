"""Webhooks through the API: registration (scopes, URL checks, own subscriptions only), ping,
the delivery log, retries with backoff, and emission when a roster is published or summaries are
ready (scopes and OPD restrictions respected, never breaking the publisher)."""

from __future__ import annotations

import datetime as dt
import io
import json
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api import webhooks
from api.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from attendance.models import OpdDaySummary
from attendance.summaries.runs import summaries_build
from tests.api.test_webhooks_support import receiver  # noqa: F401  (fixture)
from wfh.models import Phase
from wfh.rosters import generation, publication

Status = WebhookDelivery.Status


def register(http, url, events):
    return http.post("/api/v1/webhooks/", {"url": url, "events": events}, format="json")


def subscribe(client, url="https://tpp.example.go.id/hook", events=None):
    return WebhookSubscription.objects.create(
        client=client,
        url=url,
        events=events or ["roster.published", "summary.ready"],
        secret="whsec_test",
    )


# -- registration ------------------------------------------------------------------------------


def test_a_client_registers_a_url_and_gets_the_secret_once(make_client, receiver):  # noqa: F811
    http = make_client(["schedule:read", "summary:read"])
    made = register(http, receiver.url, ["summary.ready", "roster.published", "roster.published"])
    assert made.status_code == 201, made.json()
    body = made.json()
    assert body["events"] == ["roster.published", "summary.ready"]
    assert body["secret"].startswith("whsec_") and len(body["secret"]) > 30
    assert WebhookSubscription.objects.get(pk=body["id"]).secret == body["secret"]
    listed = http.get("/api/v1/webhooks/").json()
    assert [w["id"] for w in listed["results"]] == [body["id"]]
    assert "secret" not in listed["results"][0]
    assert "secret" not in http.get(f"/api/v1/webhooks/{body['id']}/").json()
    again = register(http, receiver.url, ["roster.published"])
    assert again.status_code == 400
    assert "url" in again.json()["errors"]


def test_a_client_sees_and_deletes_only_its_own_webhooks(make_client, receiver):  # noqa: F811
    owner = make_client(["schedule:read"])
    other = make_client(["schedule:read"])
    made = register(owner, receiver.url, ["roster.published"]).json()
    path = f"/api/v1/webhooks/{made['id']}/"
    assert other.get("/api/v1/webhooks/").json()["count"] == 0
    for call in (other.get, other.delete):
        answer = call(path)
        assert answer.status_code == 404
        assert answer.json()["code"] == "not_found"
    assert other.post(path + "ping/").status_code == 404
    assert other.get(path + "deliveries/").status_code == 404
    assert owner.delete(path).status_code == 204
    assert owner.get(path).status_code == 404
    assert owner.get("/api/v1/webhooks/").json()["count"] == 0
    kept = WebhookSubscription.objects.get(pk=made["id"])
    assert not kept.active and kept.deleted_at is not None  # kept for HR's log


@pytest.mark.parametrize(
    ("scopes", "events", "allowed"),
    [
        (["schedule:read"], ["roster.published"], True),
        (["roster:write"], ["roster.published"], True),
        (["summary:read"], ["summary.ready"], True),
        (["attendance:read"], ["summary.ready"], True),
        (["org:read"], ["roster.published"], False),
        (["attendance:read"], ["roster.published"], False),
        (["schedule:read"], ["summary.ready"], False),
        (["schedule:read"], ["roster.published", "summary.ready"], False),
        (["schedule:read"], ["ping"], False),
        (["schedule:read"], [], False),
        (["schedule:read"], "roster.published", False),
    ],
)
def test_events_need_a_matching_scope(make_client, receiver, scopes, events, allowed):  # noqa: F811
    answer = register(make_client(scopes), receiver.url, events)
    if allowed:
        assert answer.status_code == 201, answer.json()
    else:
        assert answer.status_code == 400
        assert answer.json()["code"] == "validation_error"
        assert list(answer.json()["errors"]) == ["events"]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://tpp.example.go.id/hook",
        "https://user:pass@tpp.example.go.id/hook",
        "https://tpp.example.go.id/hook#x",
        "http:///hook",
        "not a url",
        "",
        "http://127.0.0.1:9000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://0.0.0.0/hook",
    ],
)
def test_bad_or_private_urls_are_refused_in_production(make_client, settings, url):
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    answer = register(make_client(["schedule:read"]), url, ["roster.published"])
    assert answer.status_code == 400, url
    assert list(answer.json()["errors"]) == ["url"]
    assert not WebhookSubscription.objects.exists()


def test_a_private_address_is_allowed_when_the_setting_says_so(make_client, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = True
    answer = register(make_client(["schedule:read"]), "http://10.1.2.3/hook", ["roster.published"])
    assert answer.status_code == 201


def test_webhooks_are_for_token_clients_only(world, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = True
    anonymous = Client().get("/api/v1/webhooks/")
    assert anonymous.status_code == 401
    session = Client()
    assert session.login(username="hr", password=world.password)
    for answer in (
        session.get("/api/v1/webhooks/"),
        session.post(
            "/api/v1/webhooks/",
            json.dumps({"url": "http://10.0.0.1/", "events": ["roster.published"]}),
            content_type="application/json",
        ),
    ):
        assert answer.status_code == 403
        assert answer.json()["code"] == "permission_denied"
        assert "klien API bertoken" in answer.json()["message"]


def test_a_client_holds_at_most_ten_webhooks(make_client, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = True
    http = make_client(["schedule:read"])
    for i in range(webhooks.MAX_SUBSCRIPTIONS):
        assert register(http, f"http://10.0.0.1/{i}", ["roster.published"]).status_code == 201
    answer = register(http, "http://10.0.0.1/last", ["roster.published"])
    assert answer.status_code == 400
    assert "non_field_errors" in answer.json()["errors"]


def test_rotating_the_secret_signs_later_deliveries_with_the_new_one(make_client, receiver):  # noqa: F811
    http = make_client(["schedule:read"])
    made = register(http, receiver.url, ["roster.published"]).json()
    rotated = http.post(f"/api/v1/webhooks/{made['id']}/rotate-secret/")
    assert rotated.status_code == 200
    secret = rotated.json()["secret"]
    assert secret != made["secret"]
    http.post(f"/api/v1/webhooks/{made['id']}/ping/")
    (got,) = receiver.received
    timestamp = int(got.header("X-WFH-Timestamp"))
    assert got.header("X-WFH-Signature") == webhooks.sign(secret, timestamp, got.body)


# -- ping and the delivery log -----------------------------------------------------------------


def test_ping_reports_a_failing_receiver_without_retrying(make_client, receiver):  # noqa: F811
    http = make_client(["schedule:read"])
    made = register(http, receiver.url, ["roster.published"]).json()
    receiver.answers = [500]
    answer = http.post(f"/api/v1/webhooks/{made['id']}/ping/").json()
    assert answer["status"] == "failed"
    assert WebhookDelivery.objects.get(pk=answer["id"]).last_status_code == 500  # for HR's log
    assert answer["attempts"] == 1
    assert answer["next_attempt_at"] is None


def test_ping_to_an_inactive_webhook_is_refused(make_client, receiver):  # noqa: F811
    http = make_client(["schedule:read"])
    made = register(http, receiver.url, ["roster.published"]).json()
    WebhookSubscription.objects.filter(pk=made["id"]).update(active=False)
    answer = http.post(f"/api/v1/webhooks/{made['id']}/ping/")
    assert answer.status_code == 400
    assert not receiver.received


def test_the_delivery_log_lists_newest_first_and_filters(make_client, receiver):  # noqa: F811
    http = make_client(["schedule:read"])
    made = register(http, receiver.url, ["roster.published"]).json()
    receiver.answers = [503]
    http.post(f"/api/v1/webhooks/{made['id']}/ping/")
    http.post(f"/api/v1/webhooks/{made['id']}/ping/")
    log = http.get(f"/api/v1/webhooks/{made['id']}/deliveries/").json()
    assert log["count"] == 2
    assert [d["status"] for d in log["results"]] == ["delivered", "failed"]
    assert "last_error" not in log["results"][1]  # HR's log page shows it, the client does not
    failed = http.get(f"/api/v1/webhooks/{made['id']}/deliveries/?status=failed").json()
    assert failed["count"] == 1
    page = http.get(f"/api/v1/webhooks/{made['id']}/deliveries/?page_size=1").json()
    assert len(page["results"]) == 1 and page["next"]
    bad = http.get(f"/api/v1/webhooks/{made['id']}/deliveries/?status=lost")
    assert bad.status_code == 400


# -- delivery: signing, retries, idempotence ---------------------------------------------------


def make_delivery(subscription, event=WebhookEvent.ROSTER_PUBLISHED) -> WebhookDelivery:
    import uuid

    return WebhookDelivery.objects.create(
        subscription=subscription,
        event=event,
        event_id=uuid.uuid4(),
        payload={"roster": 1},
        next_attempt_at=timezone.now(),
    )


def test_a_delivery_is_signed_over_the_timestamp_and_the_exact_body(make_client, receiver):  # noqa: F811
    subscription = subscribe(make_client(["schedule:read"]).api_client, url=receiver.url)
    delivery = make_delivery(subscription)
    assert webhooks.delivery_attempt(delivery_id=delivery.pk) == Status.DELIVERED
    (got,) = receiver.received
    document = json.loads(got.body)
    assert document == {
        "id": str(delivery.event_id),
        "event": "roster.published",
        "created_at": timezone.localtime(delivery.created_at).isoformat(),
        "data": {"roster": 1},
    }
    assert got.header("X-WFH-Event") == "roster.published"
    assert got.header("X-WFH-Delivery") == str(delivery.event_id)
    timestamp = got.header("X-WFH-Timestamp")
    assert got.header("X-WFH-Signature") == webhooks.sign("whsec_test", int(timestamp), got.body)
    subscription.refresh_from_db()
    assert subscription.last_delivery_at is not None


def test_a_failed_attempt_is_retried_with_backoff_then_delivered_once(make_client, receiver):  # noqa: F811
    subscription = subscribe(make_client(["schedule:read"]).api_client, url=receiver.url)
    delivery = make_delivery(subscription)
    receiver.answers = [500, 502]
    t0 = timezone.now()
    with (
        mock.patch.object(webhooks, "_eager", return_value=False),
        mock.patch("api.tasks.deliver_webhook.apply_async") as queued,
    ):
        assert webhooks.delivery_attempt(delivery_id=delivery.pk, now=t0) == Status.RETRYING
        delivery.refresh_from_db()
        assert delivery.attempts == 1 and delivery.last_status_code == 500
        assert delivery.next_attempt_at == t0 + dt.timedelta(seconds=30)
        queued.assert_called_once_with((delivery.pk,), {}, countdown=30)
        # a copy of the message that arrives early, or twice, sends nothing
        assert webhooks.delivery_attempt(
            delivery_id=delivery.pk, now=t0 + dt.timedelta(seconds=10)
        ) == ("skipped")
        t1 = t0 + dt.timedelta(seconds=31)
        assert webhooks.delivery_attempt(delivery_id=delivery.pk, now=t1) == Status.RETRYING
        delivery.refresh_from_db()
        assert delivery.next_attempt_at == t1 + dt.timedelta(seconds=120)
        assert queued.call_args_list[-1] == mock.call((delivery.pk,), {}, countdown=120)
        t2 = t1 + dt.timedelta(seconds=121)
        assert webhooks.delivery_attempt(delivery_id=delivery.pk, now=t2) == Status.DELIVERED
        assert webhooks.delivery_attempt(
            delivery_id=delivery.pk, now=t2 + dt.timedelta(hours=9)
        ) == ("skipped")
    delivery.refresh_from_db()
    assert delivery.status == Status.DELIVERED and delivery.attempts == 3
    assert delivery.last_status_code == 200 and delivery.last_error == ""
    assert len(receiver.received) == 3
    assert len({r.header("X-WFH-Delivery") for r in receiver.received}) == 1
    assert len({r.body for r in receiver.received}) == 1  # the same bytes every attempt


def test_a_delivery_fails_after_the_last_retry(make_client, receiver, settings):  # noqa: F811
    settings.WEBHOOK_RETRY_DELAYS_S = [5]
    subscription = subscribe(make_client(["schedule:read"]).api_client, url=receiver.url)
    delivery = make_delivery(subscription)
    receiver.answers = [500, 500]
    t0 = timezone.now()
    assert webhooks.delivery_attempt(delivery_id=delivery.pk, now=t0) == Status.RETRYING
    later = t0 + dt.timedelta(seconds=6)
    assert webhooks.delivery_attempt(delivery_id=delivery.pk, now=later) == Status.FAILED
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED and delivery.attempts == 2
    assert delivery.next_attempt_at is None
    assert webhooks.due_deliveries_queue(now=later + dt.timedelta(days=1)) == 0


def test_no_answer_is_recorded_as_an_error_and_retried(make_client, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = True
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    subscription = subscribe(
        make_client(["schedule:read"]).api_client, url=f"http://127.0.0.1:{port}/"
    )
    delivery = make_delivery(subscription)
    assert webhooks.delivery_attempt(delivery_id=delivery.pk) == Status.RETRYING
    delivery.refresh_from_db()
    assert delivery.last_status_code is None and delivery.last_error


def test_the_beat_sweep_sends_due_deliveries(make_client, receiver):  # noqa: F811
    subscription = subscribe(make_client(["schedule:read"]).api_client, url=receiver.url)
    due = make_delivery(subscription)
    later = make_delivery(subscription)
    WebhookDelivery.objects.filter(pk=later.pk).update(
        status=Status.RETRYING, next_attempt_at=timezone.now() + dt.timedelta(hours=1)
    )
    from api.tasks import retry_webhooks

    assert retry_webhooks() == 1
    assert WebhookDelivery.objects.get(pk=due.pk).status == Status.DELIVERED
    assert WebhookDelivery.objects.get(pk=later.pk).status == Status.RETRYING


def test_a_private_receiver_is_not_posted_to_in_production(make_client, settings, receiver):  # noqa: F811
    subscription = subscribe(make_client(["schedule:read"]).api_client, url=receiver.url)
    delivery = make_delivery(subscription)
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    assert webhooks.delivery_attempt(delivery_id=delivery.pk) == Status.RETRYING
    assert not receiver.received
    assert "privat" in WebhookDelivery.objects.get(pk=delivery.pk).last_error


# -- emission ----------------------------------------------------------------------------------


@pytest.fixture
def phase_one(world):
    call_command("load_preset", "jabar-2025", stdout=io.StringIO())
    world.phase1 = Phase.objects.get(slug="jabar-2025-tahap-1")
    return world


def publish_roster(world):
    with TestCase.captureOnCommitCallbacks(execute=True):
        (roster,) = generation.rosters_start(phase=world.phase1, opds=[world.kominfo])
    roster.refresh_from_db()
    with (
        mock.patch.object(webhooks, "deliveries_queue") as queued,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        written = publication.roster_publish(roster=roster, user=world.hr)
    return roster, written, queued


def test_publishing_a_roster_sends_roster_published_to_the_clients_that_may_see_it(
    phase_one, make_client
):
    w = phase_one
    everyone = subscribe(make_client(["schedule:read"]).api_client)
    kominfo = subscribe(make_client(["roster:write"], opds=[w.kominfo]).api_client)
    dukcapil = subscribe(make_client(["schedule:read"], opds=[w.dukcapil]).api_client)
    summaries_only = subscribe(
        make_client(["schedule:read", "summary:read"]).api_client, events=["summary.ready"]
    )
    no_scope = subscribe(make_client(["org:read"]).api_client)  # scope taken away since
    inactive = subscribe(make_client(["schedule:read"]).api_client)
    WebhookSubscription.objects.filter(pk=inactive.pk).update(active=False)

    roster, written, queued = publish_roster(w)

    deliveries = WebhookDelivery.objects.filter(event="roster.published")
    assert set(deliveries.values_list("subscription_id", flat=True)) == {everyone.pk, kominfo.pk}
    assert {dukcapil.pk, summaries_only.pk, no_scope.pk, inactive.pk}.isdisjoint(
        deliveries.values_list("subscription_id", flat=True)
    )
    ids = queued.call_args.kwargs["ids"]
    assert sorted(ids) == sorted(deliveries.values_list("pk", flat=True))
    roster.refresh_from_db()
    data = deliveries.first().payload
    assert data == {
        "roster": roster.pk,
        "phase": "jabar-2025-tahap-1",
        "opd": "DISKOMINFO",
        "version": roster.version,
        "published_from": roster.published_from.isoformat(),
        "phase_end": w.phase1.end.isoformat(),
        "rows": written,
        "roster_url": data["roster_url"],
        "schedule_url": (
            f"/api/v1/schedule/?opd=DISKOMINFO&date={roster.published_from.isoformat()}"
        ),
    }
    assert written > 0
    assert all(d.status == Status.PENDING for d in deliveries)


def test_emission_costs_the_same_queries_for_one_or_many_subscribers(phase_one, make_client):
    w = phase_one
    with TestCase.captureOnCommitCallbacks(execute=True):
        (roster,) = generation.rosters_start(phase=w.phase1, opds=[w.kominfo])
    roster = type(roster).objects.select_related("phase", "opd").get(pk=roster.pk)
    subscribe(make_client(["schedule:read"]).api_client)
    with mock.patch.object(webhooks, "deliveries_queue"), CaptureQueriesContext(connection) as one:
        webhooks.roster_published_emit(roster=roster, rows=1)
    for _i in range(5):
        subscribe(make_client(["schedule:read"], opds=[w.kominfo]).api_client)
    with mock.patch.object(webhooks, "deliveries_queue"), CaptureQueriesContext(connection) as six:
        assert len(webhooks.roster_published_emit(roster=roster, rows=1)) == 6
    assert len(six) == len(one)


def test_a_failing_emission_never_breaks_publishing(phase_one, make_client, caplog):
    subscribe(make_client(["schedule:read"]).api_client)
    with mock.patch.object(webhooks, "roster_published_emit", side_effect=RuntimeError("boom")):
        roster, written, _queued = publish_roster(phase_one)
    roster.refresh_from_db()
    assert roster.workflow == roster.Workflow.PUBLISHED and written > 0
    assert "Webhooks for roster" in caplog.text


def test_summaries_send_summary_ready_with_each_clients_own_opds(world, make_client):
    monday = dt.date(2025, 12, 1)
    everyone = subscribe(make_client(["summary:read"]).api_client)
    kominfo = subscribe(make_client(["attendance:read"], opds=[world.kominfo]).api_client)
    dukcapil = subscribe(make_client(["summary:read"], opds=[world.dukcapil]).api_client)
    roster_only = subscribe(make_client(["summary:read"]).api_client, events=["roster.published"])

    with (
        mock.patch.object(webhooks, "deliveries_queue") as queued,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        summaries_build(start=monday, end=monday, opd_ids=[world.kominfo.pk])
    by_subscription = {
        d.subscription_id: d.payload for d in WebhookDelivery.objects.filter(event="summary.ready")
    }
    assert set(by_subscription) == {everyone.pk, kominfo.pk}
    assert dukcapil.pk not in by_subscription and roster_only.pk not in by_subscription
    rows = OpdDaySummary.objects.filter(day=monday, opd=world.kominfo).count()
    assert rows == 1
    assert by_subscription[kominfo.pk] == {
        "from": "2025-12-01",
        "to": "2025-12-01",
        "opds": ["DISKOMINFO"],
        "rows": rows,
        "summaries_url": "/api/v1/summaries/opd/?date=2025-12-01",
    }
    queued.assert_called_once()

    WebhookDelivery.objects.all().delete()
    with (
        mock.patch.object(webhooks, "deliveries_queue"),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        summaries_build(start=monday, end=monday)
    by_subscription = {
        d.subscription_id: d.payload for d in WebhookDelivery.objects.filter(event="summary.ready")
    }
    assert by_subscription[everyone.pk]["opds"] == ["DISDUKCAPIL", "DISKOMINFO"]
    assert by_subscription[everyone.pk]["rows"] == 2
    assert by_subscription[dukcapil.pk]["opds"] == ["DISDUKCAPIL"]
    assert by_subscription[dukcapil.pk]["rows"] == 1
    assert by_subscription[kominfo.pk]["opds"] == ["DISKOMINFO"]


def test_a_failing_emission_never_fails_a_summary_run(world, make_client, caplog):
    subscribe(make_client(["summary:read"]).api_client)
    monday = dt.date(2025, 12, 1)
    with (
        mock.patch.object(webhooks, "summary_ready_emit", side_effect=RuntimeError("boom")),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        run = summaries_build(start=monday, end=monday)
    assert run.outcome == run.Outcome.OK
    assert "Webhooks for the summaries" in caplog.text
