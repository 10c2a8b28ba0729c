"""Per-client throttling: one bucket per API client (or per session user).

The rate is `API_THROTTLE_RATE` (a Django setting, e.g. in a test) or REST_FRAMEWORK's
DEFAULT_THROTTLE_RATES["api_client"], which settings.py reads from the environment variable of
the same name (default 600/minute). 429 answers carry Retry-After.

The buckets live in the cache (Redis). A cache that does not answer must not stop the API (schedule
reads, e-presensi ingest): the throttle then fails open, lets the request through and logs it.
settings.py's cache (common.cache.FailOpenRedisCache) already answers as an empty cache; this is
the second guard, for a deployment that configures another backend.
"""

from __future__ import annotations

import logging

from django.conf import settings
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.auth import Principal

SCOPE = "api_client"

log = logging.getLogger(__name__)


def configured_rate() -> str | None:
    rate = getattr(settings, "API_THROTTLE_RATE", None)
    if rate:
        return rate
    return api_settings.DEFAULT_THROTTLE_RATES.get(SCOPE)


class ClientRateThrottle(SimpleRateThrottle):
    scope = SCOPE

    def __init__(self):
        # read on each request, so that a changed setting (a test, a reload) takes effect
        self.rate = configured_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # unauthenticated requests get their 401 without spending anything
        return self.cache_format % {
            "scope": self.scope,
            "ident": Principal.of(request).throttle_key,
        }

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # the cache's errors (redis, socket) are of many kinds
            log.warning(
                "throttle cache unavailable, request let through: %s: %s", type(exc).__name__, exc
            )
            return True
