"""Webhooks: a client registers a URL for roster.published and summary.ready; each event becomes
one delivery per matching subscription, POSTed signed and retried with backoff by Celery.

The signature (README "Webhooks"): X-WFH-Signature = "sha256=" + hex HMAC-SHA256(secret,
f"{timestamp}.".encode() + body), with the unix seconds in X-WFH-Timestamp and the exact body
bytes sent. The body is {"id", "event", "created_at", "data"}; `id` (also X-WFH-Delivery) stays
the same on every attempt, so a receiver can ignore one it has already handled.

Emission (`roster_published_emit`, `summary_ready_emit`) is called by api.apps' signal receivers
after the domain's transaction commits; it writes the deliveries with one insert and queues one
task per delivery after its own commit (by name, "api.deliver_webhook": common.tasks.queue).
`delivery_attempt` makes one attempt of one delivery, guarded so that two workers (or the retry
sweep and a countdown) never send the same attempt twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid
from collections.abc import Callable, Iterable
from urllib.parse import urlencode, urlsplit

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiClient, Scope, WebhookDelivery, WebhookEvent, WebhookSubscription
from api.webhook_http import post, private_host_reason
from attendance.models import OpdDaySummary
from common.tasks import queue
from opd.models import Opd

logger = logging.getLogger(__name__)

# Which scopes a client needs (any one of them) to subscribe to an event.
EVENT_SCOPES: dict[str, tuple[str, ...]] = {
    WebhookEvent.ROSTER_PUBLISHED: (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
    WebhookEvent.SUMMARY_READY: (Scope.SUMMARY_READ, Scope.ATTENDANCE_READ),
}
SUBSCRIBABLE = tuple(EVENT_SCOPES)
MAX_SUBSCRIPTIONS = 10  # per client, not counting deleted ones
LEASE = dt.timedelta(seconds=60)  # an attempt in progress holds its delivery this long
ERROR_LENGTH = 300
USER_AGENT = "WFH-ASN-Webhook/1"
Status = WebhookDelivery.Status


def retry_delays() -> list[int]:
    return list(getattr(settings, "WEBHOOK_RETRY_DELAYS_S", [30, 120, 480, 1800, 7200]))


def max_attempts() -> int:
    return len(retry_delays()) + 1


# -- registration ------------------------------------------------------------------------------


def _new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def validate_url(url) -> str:
    """The receiver URL, checked: http(s), a host, no credentials, not a private address."""
    url = str(url or "").strip()
    if not url:
        raise ValidationError({"url": _("URL penerima wajib diisi.")})
    if len(url) > 500:
        raise ValidationError({"url": _("URL paling panjang 500 karakter.")})
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        raise ValidationError({"url": _("URL tidak sah.")}) from None
    if parts.scheme not in ("http", "https"):
        raise ValidationError({"url": _("URL harus diawali http:// atau https://.")})
    if not host:
        raise ValidationError({"url": _("URL tidak menyebut host.")})
    if parts.username is not None or parts.password is not None:
        raise ValidationError(
            {"url": _("Jangan menaruh nama pengguna atau kata sandi di URL; pakai tanda tangan.")}
        )
    if parts.fragment:
        raise ValidationError({"url": _("URL tidak boleh memuat fragmen (#...).")})
    reason = private_host_reason(host)
    if reason:
        raise ValidationError({"url": reason})
    return url


def parse_events(values, *, client: ApiClient) -> list[str]:
    """The events asked for, known and allowed by the client's scopes; errors name `events`."""
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise ValidationError({"events": _('Kirim daftar peristiwa, mis. ["roster.published"].')})
    events = [str(v).strip() for v in values]
    if not events:
        raise ValidationError({"events": _("Pilih paling sedikit satu peristiwa.")})
    unknown = [e for e in events if e not in EVENT_SCOPES]
    if unknown:
        raise ValidationError(
            {
                "events": _("Peristiwa tidak dikenal: %(unknown)s. Pilihan: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(SUBSCRIBABLE)}
            }
        )
    for event in events:
        needed = EVENT_SCOPES[event]
        if not any(client.has_scope(s) for s in needed):
            raise ValidationError(
                {
                    "events": _("Peristiwa %(event)s membutuhkan cakupan %(scopes)s.")
                    % {"event": event, "scopes": _(" atau ").join(needed)}
                }
            )
    return [e for e in SUBSCRIBABLE if e in events]  # canonical order, no repeats


@transaction.atomic
def subscription_create(*, client: ApiClient, url, events) -> tuple[WebhookSubscription, str]:
    """A new active subscription of this client; returns it with its signing secret."""
    errors: dict[str, list[str]] = {}
    clean: dict = {}
    for field, check in (
        ("url", lambda: validate_url(url)),
        ("events", lambda: parse_events(events, client=client)),
    ):
        try:
            clean[field] = check()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    ApiClient.objects.select_for_update().filter(pk=client.pk).first()  # one registration at once
    current = WebhookSubscription.objects.filter(client=client, deleted_at__isnull=True)
    if current.filter(url=clean["url"]).exists():
        raise ValidationError({"url": _("URL ini sudah terdaftar untuk klien ini.")})
    if current.count() >= MAX_SUBSCRIPTIONS:
        raise ValidationError(
            {
                "non_field_errors": _(
                    "Paling banyak %(max)s webhook per klien; hapus yang tidak dipakai."
                )
                % {"max": MAX_SUBSCRIPTIONS}
            }
        )
    secret = _new_secret()
    subscription = WebhookSubscription.objects.create(
        client=client, url=clean["url"], events=clean["events"], secret=secret
    )
    return subscription, secret


def subscription_rotate_secret(*, subscription: WebhookSubscription) -> str:
    """A new signing secret; deliveries signed from now on use it."""
    secret = _new_secret()
    WebhookSubscription.objects.filter(pk=subscription.pk).update(secret=secret)
    subscription.secret = secret
    return secret


def subscription_delete(*, subscription: WebhookSubscription) -> None:
    """The client deletes it: no more deliveries; kept, inactive, for HR's log."""
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        active=False, deleted_at=timezone.now()
    )


def subscription_set_active(*, subscription: WebhookSubscription, active: bool) -> None:
    """HR switches a subscription off (or on again, unless its client deleted it)."""
    WebhookSubscription.objects.filter(pk=subscription.pk, deleted_at__isnull=True).update(
        active=active
    )


# -- signing -----------------------------------------------------------------------------------


def sign(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def body_of(delivery: WebhookDelivery) -> bytes:
    """The exact bytes POSTed: the same on every attempt of this delivery."""
    document = {
        "id": str(delivery.event_id),
        "event": delivery.event,
        "created_at": timezone.localtime(delivery.created_at).isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def headers_for(delivery: WebhookDelivery, body: bytes, *, timestamp: int) -> dict[str, str]:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-WFH-Event": delivery.event,
        "X-WFH-Delivery": str(delivery.event_id),
        "X-WFH-Timestamp": str(timestamp),
        "X-WFH-Signature": sign(delivery.subscription.secret, timestamp, body),
    }


# -- emission ----------------------------------------------------------------------------------


def _subscribers(event: str) -> list[WebhookSubscription]:
    """Active subscriptions of active clients to this event that still hold a needed scope."""
    rows = (
        WebhookSubscription.objects.filter(active=True, client__active=True)
        .select_related("client")
        .prefetch_related("client__opds")
    )
    needed = EVENT_SCOPES[event]
    return [
        s for s in rows if event in s.events and any(s.client.has_scope(scope) for scope in needed)
    ]


def _client_opd_ids(client: ApiClient) -> set[int] | None:
    ids = {o.pk for o in client.opds.all()}
    return ids or None


def _create_and_queue(
    subscriptions: Iterable[WebhookSubscription],
    event: str,
    data_for: Callable[[WebhookSubscription], dict | None],
) -> list[WebhookDelivery]:
    now = timezone.now()
    deliveries = []
    for subscription in subscriptions:
        data = data_for(subscription)
        if data is None:
            continue
        deliveries.append(
            WebhookDelivery(
                subscription=subscription,
                event=event,
                event_id=uuid.uuid4(),
                payload=data,
                next_attempt_at=now,
            )
        )
    if not deliveries:
        return []
    with transaction.atomic():
        WebhookDelivery.objects.bulk_create(deliveries)
        ids = list(
            WebhookDelivery.objects.filter(
                event_id__in=[d.event_id for d in deliveries]
            ).values_list("pk", flat=True)
        )  # bulk_create gives no ids on every database (SQLite before 3.35, MySQL)
        transaction.on_commit(lambda: deliveries_queue(ids=ids), robust=True)
    return deliveries


def _api_path(name: str, **kwargs) -> str | None:
    try:
        return reverse(f"api:{name}", kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def roster_published_emit(*, roster, rows: int) -> list[WebhookDelivery]:
    """One roster.published delivery per subscriber that may see the roster's OPD."""
    subscriptions = _subscribers(WebhookEvent.ROSTER_PUBLISHED)
    if not subscriptions:
        return []
    published_from = roster.published_from.isoformat() if roster.published_from else None
    schedule_url = _api_path("schedule")
    if schedule_url and published_from:
        schedule_url += "?" + urlencode({"opd": roster.opd.code, "date": published_from})
    data = {
        "roster": roster.pk,
        "phase": roster.phase.slug,
        "opd": roster.opd.code,
        "version": roster.version,
        "published_from": published_from,
        "phase_end": roster.phase.end.isoformat(),
        "rows": rows,
        "roster_url": _api_path("roster-detail", id=roster.pk),
        "schedule_url": schedule_url,
    }

    def data_for(subscription):
        ids = _client_opd_ids(subscription.client)
        return data if ids is None or roster.opd_id in ids else None

    return _create_and_queue(subscriptions, WebhookEvent.ROSTER_PUBLISHED, data_for)


def summary_ready_emit(
    *, start: dt.date, end: dt.date, opd_ids: Iterable[int] | None
) -> list[WebhookDelivery]:
    """One summary.ready delivery per subscriber whose OPDs the run covered; a restricted client
    hears only of its OPDs (and their rows)."""
    subscriptions = _subscribers(WebhookEvent.SUMMARY_READY)
    if not subscriptions:
        return []
    opds = Opd.objects.all() if opd_ids is None else Opd.objects.filter(pk__in=list(opd_ids))
    codes = dict(opds.values_list("pk", "code"))
    rows = dict(
        OpdDaySummary.objects.filter(day__gte=start, day__lte=end, opd_id__in=list(codes))
        .values_list("opd_id")
        .annotate(n=Count("id"))
        .values_list("opd_id", "n")
    )
    summaries_url = _api_path("summaries-opd")

    def data_for(subscription):
        allowed = _client_opd_ids(subscription.client)
        ids = set(codes) if allowed is None else set(codes) & allowed
        if not ids:
            return None
        return {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "opds": sorted(codes[i] for i in ids),
            "rows": sum(rows.get(i, 0) for i in ids),
            "summaries_url": (
                summaries_url + "?" + urlencode({"date": start.isoformat()})
                if summaries_url
                else None
            ),
        }

    return _create_and_queue(subscriptions, WebhookEvent.SUMMARY_READY, data_for)


def _pause(seconds: float) -> None:
    time.sleep(seconds)


def subscription_ping(*, subscription: WebhookSubscription) -> WebhookDelivery:
    """A ping delivery sent at once, in this process, with a single attempt (a test of the
    receiver: it is not retried).

    The client learns only delivered or not: the API shows neither status codes nor errors, and
    a ping that was not delivered answers after the full WEBHOOK_TIMEOUT_S whatever happened (a
    closed port, a refused address, a 500 or no answer), so its timing tells nothing either."""
    started = time.monotonic()
    delivery = WebhookDelivery.objects.create(
        subscription=subscription,
        event=WebhookEvent.PING,
        event_id=uuid.uuid4(),
        payload={"subscription": subscription.pk, "message": "ping"},
        next_attempt_at=timezone.now(),
    )
    delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    if delivery.status != Status.DELIVERED:
        timeout = getattr(settings, "WEBHOOK_TIMEOUT_S", 5)
        _pause(max(0.0, timeout - (time.monotonic() - started)))
    return delivery


# -- queueing and delivery ---------------------------------------------------------------------


def _eager() -> bool:
    return bool(current_app.conf.task_always_eager)


def deliveries_queue(*, ids: Iterable[int]) -> None:
    for pk in ids:
        queue("api.deliver_webhook", pk)


def _queue_retry(delivery_id: int, countdown: int) -> None:
    """Send the retry to the worker with its countdown. Without a broker (tasks run eagerly in
    this process) nothing is queued: a countdown would run at once; HR re-sends from the log."""
    if _eager():
        return
    queue("api.deliver_webhook", delivery_id, countdown=countdown)


def _claim(delivery_id: int, now: dt.datetime) -> bool:
    """Take the delivery for one attempt when it is due and not delivered or failed; counts it."""
    return (
        WebhookDelivery.objects.filter(
            pk=delivery_id, status__in=[Status.PENDING, Status.RETRYING], next_attempt_at__lte=now
        ).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
        == 1
    )


def delivery_attempt(*, delivery_id: int, now: dt.datetime | None = None) -> str:
    """One attempt of one delivery; answers its status afterwards ("skipped" when it was not
    due, or already delivered, failed, or taken by another worker)."""
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    subscription = delivery.subscription
    if not subscription.active:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=Status.FAILED,
            last_error=_("Langganan tidak aktif; tidak dikirim."),
            next_attempt_at=None,
        )
        return Status.FAILED
    body = body_of(delivery)
    timeout = getattr(settings, "WEBHOOK_TIMEOUT_S", 5)
    outcome = post(
        subscription.url,
        body,
        headers_for(delivery, body, timestamp=int(time.time())),
        timeout=timeout,
    )
    finished = timezone.now()
    fields = {"last_status_code": outcome.status_code, "last_error": outcome.error[:ERROR_LENGTH]}
    if outcome.ok:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=Status.DELIVERED, delivered_at=finished, next_attempt_at=None, **fields
        )
        WebhookSubscription.objects.filter(pk=subscription.pk).update(last_delivery_at=finished)
        return Status.DELIVERED
    attempts = delivery.attempts  # already counted by the claim
    delays = retry_delays()
    if delivery.event == WebhookEvent.PING or attempts > len(delays):
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=Status.FAILED, next_attempt_at=None, **fields
        )
        logger.warning(
            "Webhook delivery %s to %s failed after %s attempts: %s",
            delivery.event_id,
            urlsplit(subscription.url).hostname,
            attempts,
            outcome.error or outcome.status_code,
        )
        return Status.FAILED
    delay = delays[attempts - 1]
    WebhookDelivery.objects.filter(pk=delivery_id).update(
        status=Status.RETRYING, next_attempt_at=now + dt.timedelta(seconds=delay), **fields
    )
    _queue_retry(delivery_id, delay)
    return Status.RETRYING


def due_deliveries_queue(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Queue the deliveries whose attempt is due (the beat's sweep); answers how many."""
    now = now or timezone.now()
    ids = list(
        WebhookDelivery.objects.filter(
            status__in=[Status.PENDING, Status.RETRYING], next_attempt_at__lte=now
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    deliveries_queue(ids=ids)
    return len(ids)


def delivery_resend(*, delivery: WebhookDelivery) -> bool:
    """HR sends a failed delivery again, with a fresh round of attempts; answers False when it
    was not failed (delivered ones are never sent twice) or its subscription is inactive."""
    if not delivery.subscription.active:
        return False
    changed = WebhookDelivery.objects.filter(pk=delivery.pk, status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    if changed:
        transaction.on_commit(lambda: deliveries_queue(ids=[delivery.pk]), robust=True)
    return bool(changed)


# -- signal receivers (connected in api.apps) --------------------------------------------------


def on_roster_published(sender, *, roster, rows: int = 0, **kwargs) -> None:
    """Publishing has committed; a failure here is logged and never reaches the publisher."""
    try:
        roster_published_emit(roster=roster, rows=rows)
    except Exception:
        logger.exception("Webhooks for roster %s not created", getattr(roster, "pk", roster))


def on_summary_ready(sender, *, start, end, opd_ids=None, **kwargs) -> None:
    """A summary run has committed; a failure here is logged and never reaches the run."""
    try:
        summary_ready_emit(start=start, end=end, opd_ids=opd_ids)
    except Exception:
        logger.exception("Webhooks for the summaries of %s..%s not created", start, end)
