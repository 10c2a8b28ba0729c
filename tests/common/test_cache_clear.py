"""The Redis cache's clear() empties its own keys only: a database shared with another site or
another test worker keeps theirs (Django's RedisCache.clear() is FLUSHDB)."""

from __future__ import annotations

import os

import pytest
import redis

from common.cache import FailOpenRedisCache

URL = os.environ.get("REDIS_URL")

pytestmark = pytest.mark.skipif(not URL, reason="needs a Redis (REDIS_URL)")


def _cache(prefix: str) -> FailOpenRedisCache:
    return FailOpenRedisCache(URL, {"KEY_PREFIX": prefix, "OPTIONS": {}})


def test_clear_keeps_the_keys_of_another_prefix_and_of_other_programs():
    ours, theirs = _cache("wfh-clear-a"), _cache("wfh-clear-a*")
    raw = redis.Redis.from_url(URL)
    raw.set("not-a-cache-key", b"1")
    try:
        for i in range(1500):  # more than one delete batch
            ours.set(f"k{i}", i)
        theirs.set("k1", "theirs")
        assert ours.clear() is True
        assert ours.get("k1") is None and ours.get("k1499") is None
        assert theirs.get("k1") == "theirs"  # a glob character in a prefix matches only itself
        assert raw.get("not-a-cache-key") == b"1"
    finally:
        theirs.clear()
        raw.delete("not-a-cache-key")


def test_the_suite_gives_each_worker_its_own_prefix():
    from django.core.cache import caches

    cache = caches["default"]
    if not isinstance(cache, FailOpenRedisCache):
        pytest.skip("the cache is not Redis in this run")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    assert cache.key_prefix == f"wfh-test-{worker}"
