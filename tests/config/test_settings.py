"""Settings come from the environment, and a bad value stops the start naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "value", "read"),
    [
        ("DEBUG", "maybe", lambda: env.env_bool("DEBUG", default=False)),
        ("TIME_ZONE", "Mars/Olympus", lambda: env.env_time_zone("TIME_ZONE", "Asia/Jakarta")),
        ("DATABASE_URL", "mysql://u:p@db/wfh", lambda: env.env_database("DATABASE_URL", "x")),
        ("DATABASE_URL", "postgres://db:5432/", lambda: env.env_database("DATABASE_URL", "x")),
        ("REDIS_URL", "http://127.0.0.1:6379/0", lambda: env.env_redis_url("REDIS_URL")),
        ("REDIS_URL", "redis://127.0.0.1:abc/0", lambda: env.env_redis_url("REDIS_URL")),
        ("REDIS_URL", "redis://127.0.0.1:6379/zero", lambda: env.env_redis_url("REDIS_URL")),
        (
            "CELERY_TASK_SOFT_TIME_LIMIT",
            "ten minutes",
            lambda: env.env_int("CELERY_TASK_SOFT_TIME_LIMIT", 600, minimum=1),
        ),
        (
            "CELERY_TASK_TIME_LIMIT",
            "0",
            lambda: env.env_int("CELERY_TASK_TIME_LIMIT", 660, minimum=1),
        ),
        ("DB_CONN_MAX_AGE", "-5", lambda: env.env_int("DB_CONN_MAX_AGE", 60, minimum=0)),
        ("ALLOWED_HOSTS", " , ", lambda: env.env_list("ALLOWED_HOSTS", [])),
    ],
)
def test_a_bad_value_fails_naming_the_variable(monkeypatch, name, value, read):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        read()


def test_good_values_are_read(monkeypatch):
    monkeypatch.setenv("DEBUG", "ya")
    monkeypatch.setenv("TIME_ZONE", "Asia/Makassar")
    monkeypatch.setenv("DATABASE_URL", "postgres://wfh:pw@db:5432/wfh")
    monkeypatch.setenv("REDIS_URL", "redis://redis:6379/0")
    monkeypatch.setenv("ALLOWED_HOSTS", "wfh.bekasikota.go.id, localhost")
    assert env.env_bool("DEBUG", default=False) is True
    assert env.env_time_zone("TIME_ZONE", "Asia/Jakarta") == "Asia/Makassar"
    database = env.env_database("DATABASE_URL", "x", conn_max_age=0)
    assert database["NAME"] == "wfh" and database["HOST"] == "db"
    assert database["CONN_MAX_AGE"] == 0
    assert env.env_redis_url("REDIS_URL") == "redis://redis:6379/0"
    assert env.env_list("ALLOWED_HOSTS", []) == ["wfh.bekasikota.go.id", "localhost"]


def test_unset_values_fall_back_to_the_newcomer_defaults(monkeypatch, tmp_path):
    for name in ("DEBUG", "TIME_ZONE", "DATABASE_URL", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    assert env.env_bool("DEBUG", default=False) is False
    assert env.env_time_zone("TIME_ZONE", "Asia/Jakarta") == "Asia/Jakarta"
    database = env.env_database("DATABASE_URL", str(tmp_path / "db.sqlite3"))
    assert database["ENGINE"].endswith("sqlite3")
    assert env.env_redis_url("REDIS_URL") is None


def test_the_cache_sits_beside_the_broker_in_the_next_redis_database():
    assert env.redis_neighbour_db("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/1"
    assert env.redis_neighbour_db("redis://cache:6380") == "redis://cache:6380/1"
    assert (
        env.redis_neighbour_db("rediss://:pw@r.example:6379/4") == "rediss://:pw@r.example:6379/5"
    )


def start_django(**overrides: str | None) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter, as `manage.py` or gunicorn would."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    for name in ("SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "TIME_ZONE", "LOG_LEVEL"):
        environ.pop(name, None)
    environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    for name, value in overrides.items():
        if value is not None:
            environ[name] = value
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_start_without_secret_key_and_debug_fails_naming_secret_key():
    proc = start_django()
    assert proc.returncode != 0
    assert "SECRET_KEY" in proc.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"TIME_ZONE": "Mars/Olympus"}, "TIME_ZONE"),
        ({"REDIS_URL": "http://127.0.0.1:6379/0"}, "REDIS_URL"),
        ({"REDIS_URL": "redis://127.0.0.1:abc/0"}, "REDIS_URL"),
        (
            {"CELERY_TASK_SOFT_TIME_LIMIT": "700", "CELERY_TASK_TIME_LIMIT": "600"},
            "CELERY_TASK_TIME_LIMIT",
        ),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
    ],
)
def test_start_with_a_bad_value_fails_naming_the_variable(overrides, named):
    proc = start_django(SECRET_KEY="not-secret-test-key", **overrides)
    assert proc.returncode != 0
    last_line = proc.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured" in last_line and named in last_line, proc.stderr


def test_start_with_good_values_succeeds():
    proc = start_django(SECRET_KEY="not-secret-test-key", TIME_ZONE="Asia/Jayapura")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "started"


def _settings_of(code: str, **overrides: str) -> str:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URL", "DB_PGBOUNCER"):
        environ.pop(name, None)
    environ.update(DJANGO_SETTINGS_MODULE="config.settings", SECRET_KEY="k", **overrides)
    proc = subprocess.run(  # noqa: S603 - our own interpreter
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings as s; print({code})",
        ],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_without_a_replica_url_there_is_one_database_and_no_router():
    assert _settings_of("sorted(s.DATABASES), s.DATABASE_ROUTERS") == "['default'] []"


def test_a_replica_url_adds_the_alias_the_router_and_the_middleware():
    out = _settings_of(
        "sorted(s.DATABASES), s.DATABASE_ROUTERS,"
        " 'common.replica.ReplicaMiddleware' in s.MIDDLEWARE, s.DATABASES['replica']['PORT']",
        DATABASE_URL="postgres://u@127.0.0.1:5432/wfh",
        DATABASE_REPLICA_URL="postgres://u@127.0.0.1:5433/wfh",
    )
    assert out == "['default', 'replica'] ['common.replica.ReplicaRouter'] True 5433"


def test_behind_pgbouncer_no_server_side_cursors():
    out = _settings_of(
        "[d.get('DISABLE_SERVER_SIDE_CURSORS') for d in s.DATABASES.values()]",
        DATABASE_URL="postgres://u@127.0.0.1:6432/wfh",
        DATABASE_REPLICA_URL="postgres://u@127.0.0.1:6433/wfh",
        DB_PGBOUNCER="1",
    )
    assert out == "[True, True]"
