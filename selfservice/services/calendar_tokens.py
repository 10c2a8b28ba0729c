"""The iCal feed's secret address: one live token per employee, stored only as its hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from opd.models import Employee
from selfservice.models import CalendarToken

TOKEN_BYTES = 32
HINT_CHARS = 6


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def ical_token_create(*, employee: Employee) -> str:
    """Revoke the employee's live token, if any, and make a new one. Returns the token itself,
    which is stored nowhere: the caller shows it once."""
    # one token maker at a time per employee (Employee's default ordering joins the unit)
    list(Employee.objects.select_for_update(of=("self",)).filter(pk=employee.pk).order_by())
    CalendarToken.objects.filter(employee=employee, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    CalendarToken.objects.create(
        employee=employee, token_hash=token_hash(token), hint=token[:HINT_CHARS]
    )
    return token


def ical_token_revoke(*, employee: Employee) -> int:
    """Revoke the employee's live token; its address answers 404 from now on."""
    return CalendarToken.objects.filter(employee=employee, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def ical_token_used(*, token: CalendarToken) -> None:
    """Note when a calendar app last fetched the feed (at most one write an hour)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(hours=1):
        CalendarToken.objects.filter(pk=token.pk).update(last_used_at=now)
