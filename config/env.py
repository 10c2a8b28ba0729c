"""Reading configuration from the environment, failing loudly on bad values.

Every helper names the variable in its error so that a bad deployment stops at start with a
message an operator can act on, instead of misbehaving later.
"""

from __future__ import annotations

import os
import zoneinfo
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "ya"}
_FALSE = {"0", "false", "no", "off", "tidak", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} is set but empty: give a comma-separated list.")
    return items


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum of {minimum}.")
    return value


def env_choice(name: str, default: str, choices: list[str]) -> str:
    """One of a fixed set of words, compared case-insensitively and returned as listed."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    by_key = {choice.lower(): choice for choice in choices}
    value = by_key.get(raw.strip().lower())
    if value is None:
        raise ImproperlyConfigured(f"{name}={raw!r} is not one of: {', '.join(choices)}.")
    return value


def env_time_zone(name: str, default: str) -> str:
    value = env_str(name, default) or default
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a known time zone (e.g. Asia/Jakarta, Asia/Makassar)."
        ) from None
    return value


def env_database(name: str, default_sqlite_path: str, *, conn_max_age: int = 60) -> dict:
    """Parse DATABASE_URL (postgres://… or sqlite:///path) into a Django DATABASES entry."""
    import dj_database_url

    raw = env_str(name)
    if not raw:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": default_sqlite_path,
            "OPTIONS": {"timeout": 30},
        }
    scheme = urlparse(raw).scheme
    if scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise ImproperlyConfigured(
            f"{name} has scheme {scheme!r}: use postgres://user:pass@host:port/db or sqlite:///path."
        )
    try:
        config = dj_database_url.parse(raw, conn_max_age=conn_max_age, conn_health_checks=True)
    except Exception as exc:  # dj_database_url raises plain ValueErrors of several kinds
        raise ImproperlyConfigured(f"{name} could not be parsed: {exc}") from None
    if config["ENGINE"].endswith("postgresql") and not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} names no database (postgres://host:port/<db>).")
    return config


def env_redis_url(name: str) -> str | None:
    raw = env_str(name)
    if not raw:
        return None
    parsed = urlparse(raw)
    if parsed.scheme not in {"redis", "rediss"}:
        raise ImproperlyConfigured(f"{name}={raw!r} must start with redis:// or rediss://.")
    try:
        parsed.port  # noqa: B018 - raises ValueError on a port that is not a number 0-65535
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={raw!r} has a bad port (redis://host:6379/0)."
        ) from None
    database = parsed.path.strip("/")
    if database and not database.isdigit():
        raise ImproperlyConfigured(
            f"{name}={raw!r}: the database after the last / must be a number (redis://host:6379/0)."
        )
    return raw


def redis_neighbour_db(url: str) -> str:
    """The same Redis server, the next database number (redis://h:6379/0 -> redis://h:6379/1):
    the cache lives beside the Celery broker, so clearing it never drops queued tasks."""
    parsed = urlparse(url)
    database = int(parsed.path.strip("/") or 0)
    return parsed._replace(path=f"/{database + 1}").geturl()
