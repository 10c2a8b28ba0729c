"""Per-client throttling: one bucket per API client (or per session user).

The rate is `API_THROTTLE_RATE` (a Django setting, e.g. in a test) or REST_FRAMEWORK's
DEFAULT_THROTTLE_RATES["api_client"], which settings.py reads from the environment variable of
the same name (default 600/minute). 429 answers carry Retry-After.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.auth import Principal

SCOPE = "api_client"


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
