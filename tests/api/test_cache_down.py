"""Redis (the cache of the throttle buckets) down: the API keeps answering, schedule reads and
e-presensi ingest alike; the throttle fails open and the cache behaves as an empty one."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from common.cache import FailOpenRedisCache
from config import settings as project
from tests.api.conftest import recent_working_day
from tests.api.test_ingest import URL as INGEST
from tests.api.test_ingest import event
from tests.attendance.conftest import publish
from wfh.models import Mode

DEAD_REDIS = "redis://127.0.0.1:1/0"  # port 1: nothing listens, the connect is refused


def _cache(backend: str, **options) -> dict:
    return {
        "default": {
            "BACKEND": backend,
            "LOCATION": DEAD_REDIS,
            "KEY_PREFIX": "wfh",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, **options},
        }
    }


@pytest.fixture
def day(world):
    d = recent_working_day()
    publish(world.staff, d, Mode.WFO)
    return d


@pytest.fixture
def redis_down(settings):
    """The cache as settings.py configures it with CACHE_URL, its Redis not answering."""
    settings.CACHES = _cache("common.cache.FailOpenRedisCache")
    yield
    caches["default"].close()


def test_settings_put_the_cache_behind_the_fail_open_backend_and_sessions_in_the_database(
    settings,
):
    if project.CACHE_URL:
        assert project.CACHES["default"]["BACKEND"] == "common.cache.FailOpenRedisCache"
        options = project.CACHES["default"]["OPTIONS"]
        assert options["socket_connect_timeout"] <= 2 and options["socket_timeout"] <= 2
    # sessions never live in the cache alone: a Redis that is down logs nobody out
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_schedule_reads_answer_while_the_cache_is_down(world, make_client, redis_down):
    http = make_client(["schedule:read"])
    resp = http.get("/api/v1/schedule/?date=2025-12-01&opd=DISKOMINFO")
    assert resp.status_code == 200, resp.content


def test_ingest_stores_events_while_the_cache_is_down(world, day, make_client, redis_down):
    http = make_client(["attendance:write"])
    resp = http.post(INGEST, [event(world.staff, day)], format="json")
    assert resp.status_code == 200, resp.content
    assert resp.json()["results"][0]["status"] == "accepted"


def test_a_plain_redis_cache_that_is_down_lets_the_throttle_fail_open(world, make_client, settings):
    """A deployment that configures Django's own RedisCache: the throttle itself lets the
    request through rather than answering 500."""
    settings.CACHES = _cache("django.core.cache.backends.redis.RedisCache")
    http = make_client(["schedule:read"])
    resp = http.get("/api/v1/schedule/?date=2025-12-01&opd=DISKOMINFO")
    assert resp.status_code == 200, resp.content
    caches["default"].close()


def test_the_fail_open_cache_answers_as_an_empty_cache_and_rests_after_a_failure(monkeypatch):
    cache = FailOpenRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 1}})
    assert cache.get("k", "default") == "default"
    assert cache.add("k", 1) is False
    cache.set("k", 1)  # nothing kept, nothing raised
    assert cache.get_many(["k"]) == {}
    assert cache.set_many({"a": 1}) == ["a"]
    assert cache.incr("n", 3) == 3
    assert cache.delete("k") is False and cache.has_key("k") is False
    cache.clear()
    # resting: the next call does not try Redis again until CACHE_RETRY_S has passed
    tried = []
    monkeypatch.setattr(cache._cache, "get", lambda *a: tried.append(a) or "from redis")
    assert cache.get("k", "default") == "default" and tried == []
    cache._down_until = 0.0
    assert cache.get("k") == "from redis" and tried
