"""Support for the webhook tests: a local HTTP receiver that records what it gets and answers the
statuses it is told (no tests here)."""

from __future__ import annotations

import http.server
import threading
from dataclasses import dataclass, field

import pytest


@dataclass
class Received:
    path: str
    headers: dict[str, str]  # as sent (urllib writes e.g. "X-wfh-event")
    body: bytes

    def header(self, name: str) -> str:
        return {k.lower(): v for k, v in self.headers.items()}.get(name.lower(), "")


@dataclass
class Receiver:
    url: str
    received: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # statuses to answer, in order; then 200
    pauses: list[float] = field(default_factory=list)  # what failed pings waited (not slept)


def start_receiver() -> tuple[Receiver, http.server.HTTPServer]:
    state = Receiver(url="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802  (http.server's name)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            state.received.append(Received(self.path, dict(self.headers.items()), body))
            status = state.answers.pop(0) if state.answers else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):  # quiet
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_port}/hooks/wfh"
    return state, server


@pytest.fixture
def receiver(settings, monkeypatch):
    """A webhook receiver on 127.0.0.1: the test opts in to private hosts (off by default). A
    failed ping's pause (api.webhooks._pause) is recorded in `pauses`, not slept."""
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = True
    state, server = start_receiver()
    monkeypatch.setattr("api.webhooks._pause", state.pauses.append)
    yield state
    server.shutdown()
    server.server_close()
