"""The project served by gunicorn in a subprocess on a loopback port, for process-level tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.backends import free_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
LOOPBACK = "127.0.0.1"
TOKEN = "process-test-sandbox-token"
STARTUP_SECONDS = 30.0


def project_env(*, database_url: str, **extra: str) -> dict[str, str]:
    """A clean environment for the project: DEBUG on, the given database, the test token."""
    keep = ("PATH", "HOME", "LANG", "TMPDIR", "SYSTEMROOT")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="booking_portal.settings",
        DEBUG="1",
        DATABASE_URL=database_url,
        OMNEO_API_TOKEN=TOKEN,
        PYTHONDONTWRITEBYTECODE="1",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 120) -> str:
    """Run manage.py with this environment; its output, or CalledProcessError with it."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode:
        raise subprocess.CalledProcessError(done.returncode, args, done.stdout, done.stderr)
    return done.stdout


def _wait_until_listening(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            socket.create_connection((LOOPBACK, port), timeout=0.5).close()
        except OSError:
            time.sleep(0.1)
        else:
            return
    raise TimeoutError(f"gunicorn did not listen within {STARTUP_SECONDS} s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    """Terminate (then kill) one process this module started, by its own handle."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def gunicorn(
    *,
    env: dict[str, str],
    log: Path,
    workers: int = 1,
    app: str = "booking_portal.wsgi",
    production_config: bool = False,
) -> Iterator[str]:
    """Serve the project with gunicorn on a free loopback port until the block ends; its origin.

    By default sync workers; with `production_config`, booking_portal/gunicorn.conf.py as
    production runs it (gthread, its keep-alive and limits), with `workers` processes.
    """
    port = free_port()
    if production_config:
        config = ROOT / "booking_portal" / "gunicorn.conf.py"
        command = [str(GUNICORN), "-c", str(config), app]
        env = {**env, "HOST": LOOPBACK, "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    else:
        command = [str(GUNICORN), app, "--bind", f"{LOOPBACK}:{port}", "--worker-class", "sync"]
        command += ["--workers", str(workers), "--timeout", "60", "--graceful-timeout", "5"]
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_listening(process, port, log)
        yield f"http://{LOOPBACK}:{port}"
    finally:
        stop(process)
