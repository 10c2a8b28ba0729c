"""A Redis cache that fails open: when Redis does not answer, the cache behaves as an empty one.

The cache holds what can be lost (the API's throttle buckets): a Redis that is down must cost a
request nothing but a log line, not a 500. Every operation catches Redis' and the socket's
errors and answers as a cache that holds nothing would (get: the default, add/set: nothing kept,
so the throttle lets the request through). After a failure the process leaves Redis alone for
CACHE_RETRY_S seconds (OPTIONS "retry_after_s", default 5), so that a Redis that hangs costs one
connect timeout (OPTIONS socket_connect_timeout / socket_timeout, set in settings.py) per
process and period, not one per request.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

ERRORS = (RedisError, OSError)


def _fail_open(fallback):
    """Wrap a cache method: on a Redis error answer `fallback(*args)` instead of raising."""

    def wrap(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._resting():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except ERRORS as exc:
                self._down(exc)
                return fallback(*args, **kwargs)

        return wrapper

    return wrap


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _incr(key, delta=1, *args, **kwargs):
    return delta


def _all_keys(data, *args, **kwargs):
    return list(data)  # set_many answers the keys it could not store


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self._retry_after_s = float(options.pop("retry_after_s", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._lock = threading.Lock()
        self._down_until = 0.0

    def _resting(self) -> bool:
        return time.monotonic() < self._down_until

    def _down(self, exc: Exception) -> None:
        with self._lock:
            first = not self._resting()
            self._down_until = time.monotonic() + self._retry_after_s
        if first:
            log.warning(
                "cache (Redis) does not answer, working without it for %ss: %s: %s",
                self._retry_after_s,
                type(exc).__name__,
                exc,
            )

    add = _fail_open(_false)(RedisCache.add)
    get = _fail_open(_default)(RedisCache.get)
    set = _fail_open(_nothing)(RedisCache.set)
    touch = _fail_open(_false)(RedisCache.touch)
    delete = _fail_open(_false)(RedisCache.delete)
    get_many = _fail_open(_empty)(RedisCache.get_many)
    has_key = _fail_open(_false)(RedisCache.has_key)
    incr = _fail_open(_incr)(RedisCache.incr)
    set_many = _fail_open(_all_keys)(RedisCache.set_many)
    delete_many = _fail_open(_nothing)(RedisCache.delete_many)

    @_fail_open(_false)
    def clear(self) -> bool:
        """Delete this cache's keys (those under KEY_PREFIX), not the whole Redis database.

        Django's RedisCache.clear() is FLUSHDB: on a database that another process shares (a
        second site, or another test worker with its own prefix) it would empty their keys too.
        Without a prefix there is no way to tell ours apart, and the database is flushed.
        """
        if not self.key_prefix:
            return RedisCache.clear(self)
        client = self._cache.get_client(write=True)
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"
        batch: list[bytes] = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        return True
