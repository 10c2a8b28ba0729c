"""Login throttling with django-axes: per account and per address, on the login page and the admin.

- Failures are counted per account (the login resolved to the user it names, so a NIP and a user
  name of the same person count together) and per client address, over the last
  LOGIN_LOCKOUT_MINUTES. LOGIN_FAILURE_LIMIT failures on one account, or
  LOGIN_ADDRESS_FAILURE_LIMIT from one address (over any accounts), lock that account or address
  until LOGIN_LOCKOUT_MINUTES after the last failure: the right password is refused meanwhile, and
  attempts during the lockout do not extend it.
- The lockout answer (429) is the login page with a message saying at what time to retry.
- HR unlocks an account or an address on the page "Akun terkunci" (opd.views_lockouts) or in the
  admin (axes' access attempts).
- Counts live in the database (axes' database handler): no cache, so a Redis outage changes
  nothing, and every gunicorn worker sees the same counts.

A call of `authenticate()` without a request (a script, Django's test client's `login()`) is not
throttled: there is no client to count, and axes' own backend would refuse it.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_lockout_parameters
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Q, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.backends import find_user, normalise_login

LOGIN_TEMPLATE = "accounts/login.html"


def account_limit() -> int:
    return int(settings.AXES_FAILURE_LIMIT)


def address_limit() -> int:
    return int(getattr(settings, "LOGIN_ADDRESS_FAILURE_LIMIT", 100))


def cool_off() -> dt.timedelta:
    return settings.AXES_COOLOFF_TIME


def client_address(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address
    the outermost of them saw (X-Forwarded-For counted from the right: what a client sends
    itself sits to the left and is never trusted)."""
    remote = request.META.get("REMOTE_ADDR")
    hops = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        hops_seen = [a.strip() for a in forwarded if a.strip()]
        if len(hops_seen) >= hops:
            try:
                return str(ipaddress.ip_address(hops_seen[-hops]))
            except ValueError:
                pass
    return remote


def login_key(request, credentials) -> str | None:
    """AXES_USERNAME_CALLABLE: the account a login names (its user name, lowercased), or the
    login as typed (normalised) when no account has it, so unknown names are counted too."""
    login = (credentials or {}).get("username")
    if login is None and request is not None:
        login = request.POST.get("username")
    if not login:
        return None
    user = find_user(login)
    key = user.username if user is not None else normalise_login(login)
    return key.lower().replace("\x00", "")[:255]


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check first in AUTHENTICATION_BACKENDS; a call without a request is not checked."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler with two limits: an address (an office behind one NAT address
    holds many people) may fail LOGIN_ADDRESS_FAILURE_LIMIT times, an account
    LOGIN_FAILURE_LIMIT times. Axes compares one number with one limit (AXES_FAILURE_LIMIT, the
    account's), so the address's failures are scaled to it."""

    def get_failures(self, request, credentials=None) -> int:
        parameters = get_lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        worst = 0
        for parameter, queryset in zip(parameters, attempts, strict=True):
            failures = queryset.aggregate(n=Sum("failures_since_start"))["n"] or 0
            if parameter == "ip_address":
                failures = failures * account_limit() // address_limit()
            worst = max(worst, failures)
        return worst


def _retry_at(request, credentials) -> dt.datetime:
    """When the lockout of this request's account or address ends."""
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")
    since = timezone.now() - cool_off()
    last = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .filter(Q(username=username) | Q(ip_address=address))
        .aggregate(last=Max("attempt_time"))["last"]
    )
    return (last or timezone.now()) + cool_off()


def clock_time(moment: dt.datetime) -> str:
    """10.15 in Bahasa Indonesia, 10:15 in English (local time of the deployment)."""
    local = timezone.localtime(moment)
    return local.strftime("%H:%M" if get_language() == "en" else "%H.%M")


def lockout_message(retry_at: dt.datetime) -> str:
    return _(
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi pukul %(time)s, atau minta "
        "BKPSDM membuka kunci akun Anda."
    ) % {"time": clock_time(retry_at)}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again (429), saying when to retry."""
    retry_at = _retry_at(request, credentials)
    form = AuthenticationForm(request, data=request.POST or None)
    context = {
        "form": form,
        "locked_message": lockout_message(retry_at),
        "next": request.POST.get("next", request.GET.get("next", "")),
    }
    response = render(request, LOGIN_TEMPLATE, context, status=429)
    response["Retry-After"] = str(max(1, int((retry_at - timezone.now()).total_seconds())))
    return response


# -- HR: who is locked out, and unlocking -------------------------------------------------------


@dataclass(frozen=True)
class Lockout:
    kind: str  # "account" or "address"
    key: str  # the account's user name or the address
    failures: int
    retry_at: dt.datetime


def lockouts_current(*, now: dt.datetime | None = None) -> list[Lockout]:
    """Accounts and addresses locked out now, accounts first, latest first."""
    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - cool_off())
    found: list[Lockout] = []
    for kind, field, limit in (
        ("account", "username", account_limit()),
        ("address", "ip_address", address_limit()),
    ):
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=limit)
            .order_by("-last")
        )
        found += [Lockout(kind, r[field], r["failures"], r["last"] + cool_off()) for r in rows]
    return found


def lockout_release(*, kind: str, key: str) -> int:
    """HR unlocks an account or an address: its failed attempts are forgotten. Answers how many
    attempt records went."""
    if kind == "account":
        return reset(username=key)
    if kind == "address":
        return reset(ip=key)
    raise ValueError(kind)
