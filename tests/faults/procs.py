"""The real processes of the fault suite, each started by the test and stopped by its PID: a
redis-server on a free port of its own, a Celery worker (with beat, when asked) and gunicorn,
both reading the test database; and a small HTTP caller with a session cookie and CSRF token."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CSRF = "faultsuitecsrfsecret0123456789ab"  # 32 characters: Django's cookie secret form


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(what: str, seconds: float, check, *, every: float = 0.2):
    """Poll `check` until it answers something true; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(every)


def database_url() -> str:
    """The test database (pytest-django's test_ copy) as a URL for the child processes."""
    s = connection.settings_dict
    auth = s["USER"] or "postgres"
    if s.get("PASSWORD"):
        auth += f":{s['PASSWORD']}"
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def child_env(redis_url: str, **extra) -> dict:
    """What the worker and the web server run with: the test database, this test's Redis, and
    short leases and sweeps so that a fault is noticed in seconds."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_URL"}}
    env.update(
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url,
        DB_CONN_MAX_AGE=env.get("DB_CONN_MAX_AGE", "60"),
        DEBUG="1",  # plain HTTP on loopback: no HTTPS redirect or secure-only cookies
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
        ROSTER_LEASE_S="4",
        ROSTER_SWEEP_S="1",
        TASK_OUTBOX_SWEEP_S="1",
        TASK_OUTBOX_GRACE_S="1",
        API_THROTTLE_RATE="100000/minute",
    )
    env.update(extra)
    return env


class Proc:
    """A child process in a session of its own, so that it and its children stop together."""

    def __init__(self, name: str, argv: list[str], env: dict, log: Path):
        self.name, self.argv, self.env, self.log = name, argv, env, log
        self.popen: subprocess.Popen | None = None

    def start(self) -> Proc:
        out = self.log.open("ab")
        self.popen = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            self.argv,
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        out.close()
        return self

    @property
    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal(self, sig: int) -> None:
        if self.alive:
            os.killpg(self.popen.pid, sig)

    def kill(self) -> None:
        """SIGKILL to the process and its children: no clean-up of any kind."""
        self.signal(signal.SIGKILL)
        if self.popen is not None:
            self.popen.wait(timeout=10)

    def stop(self, grace: float = 10) -> None:
        if not self.alive:
            return
        self.signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.kill()

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""


class RedisServer(Proc):
    def __init__(self, tmp: Path, port: int | None = None):
        self.port = port or free_port()
        super().__init__(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            dict(os.environ),
            tmp / f"redis-{self.port}.log",
        )

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> RedisServer:
        super().start()
        wait_until("redis-server answers PING", 20, self.ping)
        return self


def worker(tmp: Path, env: dict, name: str, *, beat: bool) -> Proc:
    argv = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--loglevel=info",
        "--concurrency=1",
        "--without-gossip",
        "--without-mingle",
        "--hostname",
        f"{name}@%h",
    ]
    if beat:
        argv += ["--beat", "--schedule", str(tmp / f"beat-{name}")]
    return Proc(name, argv, env, tmp / f"worker-{name}.log")


class Web(Proc):
    """gunicorn (one sync worker: its database connection lives from request to request)."""

    def __init__(self, tmp: Path, env: dict):
        self.port = free_port()
        super().__init__(
            "gunicorn",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "60",
            ],
            env,
            tmp / "gunicorn.log",
        )

    def start(self) -> Web:
        super().start()

        def answers():
            if not self.alive:
                raise AssertionError(f"gunicorn exited:\n{self.tail()}")
            try:
                return Http(self.port).get("/healthz").status
            except OSError:
                return None

        wait_until("gunicorn answers", 60, answers)
        return self


class Answer:
    def __init__(self, status: int, headers: dict, body: bytes, seconds: float):
        self.status, self.headers, self.body, self.seconds = status, headers, body, seconds

    def json(self):
        return json.loads(self.body)

    def __repr__(self) -> str:
        return f"<{self.status} in {self.seconds:.2f} s: {self.body[:300]!r}>"


class Http:
    """One caller: a session cookie (from Client.force_login) or an API token."""

    def __init__(self, port: int, *, session: str | None = None, token: str | None = None):
        self.port, self.session, self.token = port, session, token

    def request(self, method: str, path: str, body: bytes | None = None, headers=None) -> Answer:
        headers = dict(headers or {})
        cookies = [f"csrftoken={CSRF}"]
        if self.session:
            cookies.append(f"sessionid={self.session}")
        headers["Cookie"] = "; ".join(cookies)
        headers["X-CSRFToken"] = CSRF
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        began = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            return Answer(
                resp.status, dict(resp.getheaders()), resp.read(), time.monotonic() - began
            )
        finally:
            conn.close()

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post_form(self, path: str, data: dict) -> Answer:
        return self.request(
            "POST",
            path,
            urlencode(data).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )

    def post_json(self, path: str, data) -> Answer:
        return self.request(
            "POST", path, json.dumps(data).encode(), {"Content-Type": "application/json"}
        )
