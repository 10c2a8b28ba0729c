"""Celery tasks of the API: webhook deliveries. Thin: they take ids and call api.webhooks.

`deliver_webhook` makes one attempt; a failed attempt records when the next is due and queues it
with that countdown. `retry_webhooks` (Celery beat, every minute) queues every delivery whose
attempt is due, so a retry survives a lost worker or a broker that dropped the countdown. Both are
safe to run twice: an attempt is claimed with a guarded update, and a delivered one is never sent
again. api.webhooks queues them by name (common.tasks.queue), never importing this module.
"""

from __future__ import annotations

from celery import shared_task

from api import webhooks


@shared_task(name="api.deliver_webhook", acks_late=True)
def deliver_webhook(delivery_id: int) -> str:
    return webhooks.delivery_attempt(delivery_id=delivery_id)


@shared_task(name="api.retry_webhooks", acks_late=True)
def retry_webhooks() -> int:
    return webhooks.due_deliveries_queue()
