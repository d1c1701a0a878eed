"""Benchmark: what a staff member feels at each step of a booking, with Omneo BENCH_LATENCY_MS away.

Run with `make bench`. The sandbox (the Omneo double) is served by gunicorn in its own process,
with a latency fault armed for every call. The portal is aimed at it through OMNEO_BASE_URL and
served as BENCH_SERVER says:
  gunicorn (default)  as `make serve` runs it: booking_portal/gunicorn.conf.py with its default
                      worker count and the default cache (no CACHE_URL: files its workers
                      share), DEBUG off, plain HTTP on loopback
  runserver           from this process with Django's development server, DEBUG on
Either way the portal reports its Omneo calls per answer (recorded_portal.py), so each step's
"portal ms" is its own time: the round trip less the time Omneo took. Figures, not verdicts.
"""

from __future__ import annotations

import os
import secrets
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

from tests.support.served import free_port, gunicorn, manage, project_env, stop  # noqa: E402

LATENCY_MS = float(os.environ.get("BENCH_LATENCY_MS", "150"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SERVER = os.environ.get("BENCH_SERVER", "gunicorn")
SERVERS = ("gunicorn", "runserver")
RECORDED_APP = "tests.benchmarks.recorded_portal:application"
TOKEN = "bench-sandbox-token"
GUNICORN = Path(sys.executable).with_name("gunicorn")
WORKERS = int(os.environ.get("WEB_CONCURRENCY", "2"))  # gunicorn.conf.py's default


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


def portal_env(database: Path, omneo_url: str, *, debug: bool) -> dict[str, str]:
    """The portal's environment; with DEBUG off, production's, over plain HTTP on loopback."""
    env = {
        "DJANGO_SETTINGS_MODULE": "booking_portal.settings",
        "DEBUG": "1" if debug else "0",
        "DATABASE_URL": f"sqlite:///{database}",
        "LOG_LEVEL": "WARNING",
        "OMNEO_BASE_URL": omneo_url,
        "OMNEO_API_TOKEN": TOKEN,
    }
    if not debug:
        env.update(
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            SECURE_COOKIES="0",
            WEB_ACCESS_LOG="",
        )
    return env


def prepare_database() -> None:
    """Set Django up in this process (the bench reads and writes the portal's database too)."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not settings.DEBUG and not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)


@contextmanager
def portal(workdir: Path, omneo_url: str) -> Iterator[str]:
    """The portal, served as BENCH_SERVER says; yields its origin."""
    env = portal_env(workdir / "portal.sqlite3", omneo_url, debug=SERVER == "runserver")
    os.environ.update(env)
    prepare_database()
    if SERVER == "runserver":
        port = free_port()
        serve_portal(port)
        yield f"http://127.0.0.1:{port}"
        return
    # The default worker count; their shared default cache is the one cold requests empty.
    served = gunicorn(
        env=project_env(database_url=env["DATABASE_URL"], **env, PYTHONPATH=str(REPO)),
        log=workdir / "portal.log",
        workers=WORKERS,
        app=RECORDED_APP,
        production_config=True,
    )
    with served as origin:
        yield origin


def serve_portal(port: int) -> None:
    """Serve the portal from a thread, as runserver would, with static files."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    from tests.benchmarks.recorded_portal import application

    class QuietHandler(WSGIRequestHandler):
        def setup(self) -> None:
            # The development server writes headers and body separately; without NODELAY each
            # answer waits ~40 ms for a delayed ACK, which would swamp what is being measured.
            super().setup()
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *args: object) -> None:
            """Keep the figures readable."""

    server = ThreadedWSGIServer(("127.0.0.1", port), QuietHandler)
    server.set_app(StaticFilesHandler(application))
    threading.Thread(target=server.serve_forever, daemon=True).start()


def main() -> None:
    if SERVER not in SERVERS:
        raise SystemExit(f"BENCH_SERVER must be one of {', '.join(SERVERS)}, not {SERVER!r}.")
    with (
        tempfile.TemporaryDirectory() as workdir,
        sandbox(Path(workdir)) as omneo_url,
        portal(Path(workdir), omneo_url) as origin,
    ):
        from tests.benchmarks.scenarios import run_scenarios

        workers = f" with {WORKERS} workers" if SERVER == "gunicorn" else ""
        print(f"Portal served by {SERVER}{workers}.")
        run_scenarios(
            origin=origin,
            omneo_url=omneo_url,
            latency=LATENCY_MS / 1000,
            rounds=ROUNDS,
        )


if __name__ == "__main__":
    main()
