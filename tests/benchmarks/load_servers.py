"""The servers `make load` runs: the double and the portal under gunicorn, on one SQLite file.

Production-like (DEBUG off, the repo's gunicorn config) on loopback, with signed-in staff made
directly in the database: the password hasher is not what is measured.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]
LOOPBACK = "127.0.0.1"
START_TIMEOUT = 60


def server_env(workdir: Path, *, omneo_base_url: str = "") -> dict[str, str]:
    """A production-like environment (DEBUG off) sharing one SQLite file and one token.

    Plain HTTP on loopback: no HTTPS redirect, cookies not marked Secure. Without an Omneo URL,
    the built-in sandbox is mounted (the double); with one, the portal calls it.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OMNEO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="booking_portal.settings",
        DEBUG="0",
        SECRET_KEY=(workdir / "secret").read_text(),
        OMNEO_API_TOKEN="load-test-token",
        DATABASE_URL=f"sqlite:///{workdir / 'load.sqlite3'}",
        ALLOWED_HOSTS=LOOPBACK,
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        LOG_LEVEL="WARNING",
        WEB_ACCESS_LOG="",
        PYTHONPATH=str(REPO),
    )
    if omneo_base_url:
        env["OMNEO_BASE_URL"] = omneo_base_url
    else:
        env["OMNEO_SANDBOX"] = "1"
    return env


class Served(str):
    """A served origin, with the gunicorn master's process id."""

    pid: int

    def cpu_seconds(self) -> float | None:
        """Processor time used so far by the master and its workers (None off Linux)."""
        return _cpu_seconds(self.pid)


def _cpu_seconds(pid: int) -> float | None:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ticks = 0
        for process in (pid, *map(int, children)):
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, ValueError, IndexError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def gunicorn(
    app: str, port: int, env: dict[str, str], log: Path, **overrides: str
) -> Iterator[Served]:
    """Serve app with the repo's gunicorn config until the block ends."""
    env = {**env, "HOST": LOOPBACK, "PORT": str(port), **overrides}
    config = REPO / "booking_portal" / "gunicorn.conf.py"
    command = [sys.executable, "-m", "gunicorn", "-c", str(config), app]
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
            command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if requests.get(f"http://{LOOPBACK}:{port}/healthz", timeout=5).ok:
                    break
            except requests.RequestException:  # bound, but workers still loading the app
                time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn {app} did not start:\n{log.read_text()[-2000:]}")
        served = Served(f"http://{LOOPBACK}:{port}")
        served.pid = process.pid
        yield served
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def prepare_database(env: dict[str, str], users: int) -> list[str]:
    """Migrate, collect static files if never collected, and sign in staff: session keys."""
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from booking_portal.staff.roles import STORE_STAFF

    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    call_command("migrate", verbosity=0)
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    group = Group.objects.get_or_create(name=STORE_STAFF)[0]
    keys = []
    for number in range(users + 1):
        user = User.objects.create_user(username=f"load{number}", password=None)
        user.groups.add(group)
        # Signed in as the login view would: the password hasher is not what is measured.
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys
