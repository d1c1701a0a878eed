"""Benchmark: Omneo calls and a whole booking through the portal, against the sandbox over HTTP.

Run with `make bench`. Starts the portal on a free loopback port with a throw-away SQLite database
and prints timings per step (mean, median, 95th percentile, in ms). Figures, not verdicts.
"""

from __future__ import annotations

import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(port: int, database: Path) -> None:
    """Environment for a demo portal on the given port, before Django reads its settings."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "booking_portal.settings",
            "DEBUG": "1",
            "PORTAL_ORIGIN": f"http://127.0.0.1:{port}",
            "DATABASE_URL": f"sqlite:///{database}",
            "LOG_LEVEL": "WARNING",
        }
    )
    for name in ("OMNEO_BASE_URL", "OMNEO_API_TOKEN"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(REPO))


def serve(port: int) -> None:
    """Serve the portal (and its sandbox) from a thread, as runserver would."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def setup(self) -> None:
            # The development server writes headers and body separately; without NODELAY each
            # answer waits ~40 ms for a delayed ACK, which would swamp what is being measured.
            super().setup()
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *args: object) -> None:
            """Keep the figures readable."""

    server = ThreadedWSGIServer(("127.0.0.1", port), QuietHandler)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    threading.Thread(target=server.serve_forever, daemon=True).start()


def measure(label: str, step: Callable[[int], object], rounds: int = ROUNDS) -> None:
    durations = []
    for index in range(rounds):
        started = time.perf_counter()
        step(index)
        durations.append((time.perf_counter() - started) * 1000)
    durations.sort()
    p95 = durations[max(0, round(0.95 * len(durations)) - 1)]
    print(
        f"{label:<44} n={rounds:<4} mean={statistics.fmean(durations):7.1f}  "
        f"median={statistics.median(durations):7.1f}  p95={p95:7.1f}  ms"
    )


def main() -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as workdir:
        configure(port, Path(workdir) / "bench.sqlite3")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        serve(port)
        from tests.benchmarks.scenarios import run_scenarios

        run_scenarios(measure=measure, origin=f"http://127.0.0.1:{port}")


if __name__ == "__main__":
    main()
