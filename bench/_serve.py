"""What the HTTP benchmarks share: gunicorn (2 sync workers, config.wsgi) on a free loopback port,
a pool of client threads with one keep-alive connection each, and percentiles.

The client side is the standard library (http.client and threads), so nothing but the server is
measured beyond Python's own overhead, the same for every target of a run.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent

# The API throttle is per client; a benchmark is one client sending thousands of requests a
# minute, so the gunicorn process gets a rate it cannot reach (settings.py reads this variable).
UNTHROTTLED = "1000000/second"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            sys.exit("gunicorn exited early; run it by hand to see why")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("gunicorn did not answer /healthz")


@contextlib.contextmanager
def gunicorn(workers: int = 2):
    """Serve config.wsgi on a free loopback port with the current environment (DATABASE_URL, …),
    DEBUG off and the throttle out of reach; yields the port and stops the server afterwards."""
    port = free_port()
    env = dict(
        os.environ,
        API_THROTTLE_RATE=UNTHROTTLED,
        ALLOWED_HOSTS="127.0.0.1",
        DEBUG="0",
        LOG_LEVEL="WARNING",
    )
    # stderr to a file: a pipe nobody reads could fill up and stall the workers
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [
                str(BASE / ".venv/bin/gunicorn"),
                "config.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "300",
                "--log-level",
                "warning",
                "--backlog",
                "2048",
            ],
            cwd=BASE,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            wait_for(port, server)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=30)
            if server.returncode not in (0, -15):
                log.seek(0)
                tail = log.read()[-2000:].decode(errors="replace").strip()
                print(f"gunicorn exited with {server.returncode}:\n{tail}", file=sys.stderr)


def run_pool(port: int, jobs: list, workers: int, send) -> tuple[float, list[float], list]:
    """Run `send(conn, job)` for each job on `workers` threads with one connection each;
    returns wall seconds, per-job latencies and the answers."""
    lock = threading.Lock()
    queue = list(reversed(jobs))
    latencies: list[float] = []
    answers: list = []

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while True:
            with lock:
                if not queue:
                    break
                job = queue.pop()
            t0 = time.perf_counter()
            answer = send(conn, job)
            elapsed = time.perf_counter() - t0
            with lock:
                latencies.append(elapsed)
                answers.append(answer)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, latencies, answers


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
