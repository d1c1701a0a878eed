"""Benchmark: what a staff member feels at each step of a booking, with Omneo BENCH_LATENCY_MS away.

Run with `make bench`. The sandbox (the Omneo double) is served by gunicorn in its own process,
with a latency fault armed for every call; the portal is served from this process, aimed at it
through OMNEO_BASE_URL, with a recorder on the Omneo client's log. Figures, not verdicts.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.support.served import free_port, manage, project_env, stop  # noqa: E402

LATENCY_MS = float(os.environ.get("BENCH_LATENCY_MS", "150"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
TOKEN = "bench-sandbox-token"
GUNICORN = Path(sys.executable).with_name("gunicorn")


@contextmanager
def sandbox(workdir: Path) -> Iterator[str]:
    """The sandbox alone, in a gunicorn process with threads; yields its API base URL."""
    port = free_port()
    env = project_env(
        database_url=f"sqlite:///{workdir / 'sandbox.sqlite3'}",
        OMNEO_API_TOKEN=TOKEN,
        OMNEO_SANDBOX_FAULTS="1",
        PORTAL_ORIGIN=f"http://127.0.0.1:{port}",
    )
    manage("migrate", "--noinput", env=env)
    log = workdir / "sandbox.log"
    command = [str(GUNICORN), "booking_portal.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--worker-class", "gthread", "--threads", "16", "--workers", "1"]
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"The sandbox did not start:\n{log.read_text()}") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/sandbox/api"
    finally:
        stop(process)


def configure_portal(port: int, database: Path, omneo_url: str) -> None:
    """Environment for the portal in this process, before Django reads its settings."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "booking_portal.settings",
            "DEBUG": "1",
            "PORTAL_ORIGIN": f"http://127.0.0.1:{port}",
            "DATABASE_URL": f"sqlite:///{database}",
            "LOG_LEVEL": "WARNING",
            "OMNEO_BASE_URL": omneo_url,
            "OMNEO_API_TOKEN": TOKEN,
        }
    )


def serve_portal(port: int) -> None:
    """Serve the portal from a thread, as runserver would, with static files."""
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


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir, sandbox(Path(workdir)) as omneo_url:
        port = free_port()
        configure_portal(port, Path(workdir) / "portal.sqlite3", omneo_url)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        serve_portal(port)
        from tests.benchmarks.scenarios import run_scenarios

        run_scenarios(
            origin=f"http://127.0.0.1:{port}",
            omneo_url=omneo_url,
            latency=LATENCY_MS / 1000,
            rounds=ROUNDS,
        )


if __name__ == "__main__":
    main()
