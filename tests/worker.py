"""The real Celery worker for the tests that need it (REDIS_URL set, `make worker` running)."""

from __future__ import annotations

import os

import pytest
from django.conf import settings

PING_TIMEOUT_S = 5.0


def _unavailable(reason: str) -> None:
    """Skip, or fail where the run promised a worker (CI sets WFH_REQUIRE_WORKER=1)."""
    if os.environ.get("WFH_REQUIRE_WORKER") == "1":
        pytest.fail(f"WFH_REQUIRE_WORKER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def live_worker() -> list[str]:
    """The names of the Celery workers that answer a ping on the real broker."""
    if not settings.REDIS_URL:
        _unavailable(
            "REDIS_URL is not set, so Celery runs tasks eagerly: set REDIS_URL and start "
            "`make worker` to run the tests against a real worker"
        )
    from config.celery import app

    try:
        replies = app.control.ping(timeout=PING_TIMEOUT_S, limit=1)
    except Exception as exc:  # the broker itself is down
        _unavailable(f"the broker at REDIS_URL does not answer ({type(exc).__name__}: {exc})")
    names = sorted(name for reply in replies for name in reply)
    if not names:
        _unavailable("no Celery worker answered a ping: start one with `make worker`")
    return names
