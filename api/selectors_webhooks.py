"""Reads for HR's webhook log page."""

from __future__ import annotations

from django.db.models import QuerySet

from api.models import WebhookDelivery, WebhookEvent, WebhookSubscription


def delivery_filters(params) -> dict:
    """The log's filters from a query string; unknown values are ignored, not errors."""
    client = params.get("client", "")
    status = params.get("status", "")
    event = params.get("event", "")
    return {
        "client_id": int(client) if client.isdigit() else None,
        "status": status if status in WebhookDelivery.Status.values else "",
        "event": event if event in WebhookEvent.values else "",
    }


def deliveries_for_hr(
    *, client_id: int | None = None, status: str = "", event: str = ""
) -> QuerySet[WebhookDelivery]:
    rows = WebhookDelivery.objects.select_related("subscription__client").order_by(
        "-created_at", "-id"
    )
    if client_id is not None:
        rows = rows.filter(subscription__client_id=client_id)
    if status:
        rows = rows.filter(status=status)
    if event:
        rows = rows.filter(event=event)
    return rows


def subscriptions_for_hr(*, client_id: int | None = None) -> QuerySet[WebhookSubscription]:
    """Subscriptions not deleted by their client, by client name."""
    rows = WebhookSubscription.objects.filter(deleted_at__isnull=True).select_related("client")
    if client_id is not None:
        rows = rows.filter(client_id=client_id)
    return rows.order_by("client__name", "id")
