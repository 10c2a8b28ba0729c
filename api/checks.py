"""System check: the API throttle rate must be a DRF rate like "600/minute"."""

from __future__ import annotations

from django.core import checks

from api.throttling import configured_rate

PERIODS = ("s", "m", "h", "d")


@checks.register(checks.Tags.security)
def throttle_rate(app_configs, **kwargs):
    rate = configured_rate()
    if rate is None:
        return []
    try:
        count, period = rate.split("/")
        ok = int(count) > 0 and period and period[0] in PERIODS
    except ValueError:
        ok = False
    if ok:
        return []
    return [
        checks.Error(
            f"API_THROTTLE_RATE {rate!r} is not a rate like '600/minute' "
            "(a positive number, '/', then second, minute, hour or day).",
            id="api.E001",
        )
    ]
