"""Reads that may be a little stale go to a PostgreSQL streaming replica, all else to the primary.

Configured by `DATABASE_REPLICA_URL` (settings.py adds the `replica` alias, this router and
`ReplicaMiddleware` only when it is set: without it nothing changes). The rules, in one place:

1. Only code inside `stale_reads()` may read from the replica: the views decorated with
   `replica_ok` (the dashboard, the evaluation and energy pages, roster and kajian downloads, the
   team calendar, building occupancy) and the API views with `ReplicaReadsMixin` (schedule,
   calendar, daily records, summaries, occupancy; authentication, permissions and throttling run
   before, on the primary). Everything else, and every Celery task, reads the primary.
2. Every write goes to the primary, and once a request has written, the rest of it reads the
   primary (so does any read inside a transaction on the primary).
3. Sticky after write: a user or API client who wrote reads the primary for REPLICA_STICKY_S
   seconds afterwards (a signed cookie for browsers, a cache key for each identity), so they
   see their own change even when the replica lags.
4. Lag: every REPLICA_CHECK_S seconds a process asks the replica how far its replay is behind;
   beyond REPLICA_MAX_LAG_S the replica is left alone until the next check.
5. A replica that does not answer (at the check, or with an error in the middle of a request)
   is left alone for REPLICA_RETRY_S seconds; a read-only request that failed on it is answered
   again from the primary, so its user sees no error.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import DatabaseError, InterfaceError, OperationalError

log = logging.getLogger(__name__)

REPLICA = "replica"
COOKIE = "wfh_wrote"
_PIN_KEY = "replica-pin:{}"

LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
END
"""


@dataclass
class RequestState:
    """What the router knows of the request being served (None outside a request)."""

    request: object = None
    stale_ok: bool = False
    wrote: bool = False
    used_replica: bool = False
    pinned: bool | None = None  # None: not yet looked up


_state: contextvars.ContextVar[RequestState | None] = contextvars.ContextVar(
    "wfh_replica_state", default=None
)


def configured() -> bool:
    return REPLICA in settings.DATABASES


# -- health ----------------------------------------------------------------------------------
class _Health:
    """Per process: is the replica usable now? Checked at most every REPLICA_CHECK_S seconds."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checked_at = -1e9
        self.usable = False
        self.down_until = 0.0
        self.lag_s: float | None = None

    def reset(self) -> None:
        with self.lock:
            self.checked_at, self.usable, self.down_until, self.lag_s = -1e9, False, 0.0, None

    def down(self, exc: BaseException) -> None:
        with self.lock:
            first = time.monotonic() >= self.down_until
            self.usable = False
            self.down_until = time.monotonic() + settings.REPLICA_RETRY_S
            self.checked_at = -1e9
        with contextlib.suppress(Exception):
            connections[REPLICA].close()
        if first:
            log.warning(
                "replica does not answer, reading from the primary for %ss: %s: %s",
                settings.REPLICA_RETRY_S,
                type(exc).__name__,
                exc,
            )

    def ok(self) -> bool:
        now = time.monotonic()
        if now < self.down_until:
            return False
        if now - self.checked_at < settings.REPLICA_CHECK_S:
            return self.usable
        with self.lock:
            if now - self.checked_at < settings.REPLICA_CHECK_S:
                return self.usable
            self.checked_at = now
        try:
            with connections[REPLICA].cursor() as cursor:
                cursor.execute(LAG_SQL)
                lag = float(cursor.fetchone()[0] or 0)
        except (OperationalError, InterfaceError, DatabaseError) as exc:
            self.down(exc)
            return False
        self.lag_s = lag
        self.usable = lag <= settings.REPLICA_MAX_LAG_S
        if not self.usable:
            log.info(
                "replica is %.1fs behind (limit %ss): reading the primary",
                lag,
                settings.REPLICA_MAX_LAG_S,
            )
        return self.usable


health = _Health()


# -- sticky after write ---------------------------------------------------------------------
def _identity(request) -> str | None:
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    own = getattr(user, "replica_identity", None)  # an API client (api.auth.ClientUser)
    if own:
        return own
    return None if user.pk is None else f"user:{user.pk}"


def _recently_wrote(request) -> bool:
    from django.core.cache import cache

    cookie = getattr(request, "COOKIES", {}).get(COOKIE)
    if cookie:
        try:
            signing.loads(cookie, salt=COOKIE, max_age=settings.REPLICA_STICKY_S)
            return True
        except signing.BadSignature:
            pass
    identity = _identity(request)
    return bool(identity and cache.get(_PIN_KEY.format(identity)))


def _remember_write(request, response) -> None:
    from django.core.cache import cache

    identity = _identity(request)
    if identity:
        cache.set(_PIN_KEY.format(identity), 1, timeout=settings.REPLICA_STICKY_S)
    response.set_cookie(
        COOKIE,
        signing.dumps(1, salt=COOKIE),
        max_age=settings.REPLICA_STICKY_S,
        httponly=True,
        samesite="Lax",
        secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
    )


# -- the decision ---------------------------------------------------------------------------
def reads_replica() -> bool:
    """Would a read made now go to the replica? (rules 1-5 of the module docstring)"""
    state = _state.get()
    if state is None or not state.stale_ok or state.wrote or not configured():
        return False
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return False
    if state.pinned is None:
        state.pinned = state.request is not None and _recently_wrote(state.request)
    if state.pinned:
        return False
    return health.ok()


@contextlib.contextmanager
def bookkeeping_writes():
    """Writes inside do not count as the user's (an API client's last-used time): the request
    may still read the replica, and no stickiness follows."""
    state = _state.get()
    before = state.wrote if state is not None else None
    try:
        yield
    finally:
        if state is not None:
            state.wrote = before


class ReplicaRouter:
    """DATABASE_ROUTERS entry: reads per `reads_replica()`, writes and migrations on the primary."""

    def db_for_read(self, model, **hints):
        if reads_replica():
            _state.get().used_replica = True
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        state = _state.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's rows: the same database

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaMiddleware:
    """Gives each request its routing state and makes a write sticky (rule 3)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _state.set(RequestState(request=request))
        try:
            response = self.get_response(request)
            state = _state.get()
            if state.wrote and response.status_code < 500:
                _remember_write(request, response)
            return response
        finally:
            _state.reset(token)


@contextlib.contextmanager
def stale_reads():
    """Inside: reads may come from the replica (unless this request wrote or is pinned)."""
    state = _state.get()
    if state is None:  # outside a request (a test, a task): a state for this block alone
        token = _state.set(RequestState())
        try:
            _state.get().stale_ok = True
            yield
        finally:
            _state.reset(token)
        return
    before = state.stale_ok
    state.stale_ok = True
    try:
        yield
    finally:
        state.stale_ok = before


def _replica_failed(exc: BaseException) -> bool:
    state = _state.get()
    return (
        isinstance(exc, (OperationalError, InterfaceError))
        and state is not None
        and state.used_replica
    )


def _on_primary_again(exc: BaseException) -> None:
    health.down(exc)
    state = _state.get()
    state.stale_ok = False
    state.used_replica = False


def replica_ok(view):
    """Decorate a read-only page view whose figures may be a few seconds old (rule 1).

    The user is resolved first (the session on the primary); a replica that fails in the middle
    of the view is left alone and the view runs again on the primary (rule 5).
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not configured() or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        user = getattr(request, "user", None)
        if user is not None:
            user.is_authenticated  # noqa: B018  (the lazy user is read now, from the primary)
        try:
            with stale_reads():
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
                return response
        except (OperationalError, InterfaceError) as exc:
            if not _replica_failed(exc):
                raise
            _on_primary_again(exc)
            return view(request, *args, **kwargs)

    return wrapper


class _RetryOnPrimary(Exception):
    pass


class ReplicaReadsMixin:
    """For DRF read views (rule 1): authentication, permissions and throttles on the primary,
    then the handler with stale reads; a replica failure answers again from the primary."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        state = _state.get()
        if state is not None and configured() and request.method in ("GET", "HEAD"):
            state.stale_ok = True

    def finalize_response(self, request, response, *args, **kwargs):
        state = _state.get()
        if state is not None:
            state.stale_ok = False
        return super().finalize_response(request, response, *args, **kwargs)

    def handle_exception(self, exc):
        if _replica_failed(exc):
            raise _RetryOnPrimary() from exc
        return super().handle_exception(exc)

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except _RetryOnPrimary as retry:
                _on_primary_again(retry.__cause__)
                state = _state.get()
                state.pinned = True  # this retry reads the primary throughout
                return view(request, *args, **kwargs)

        wrapper.cls = view.cls
        wrapper.initkwargs = view.initkwargs
        return wrapper
