"""A memoised gettext: the report builds thousands of figures with the same few labels, and
Django's gettext costs tens of microseconds a call (thread-local lookups)."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language, gettext


@lru_cache(maxsize=4096)
def _cached(language: str | None, message: str) -> str:
    return gettext(message)


def tr(message: str) -> str:
    return _cached(get_language(), message)
