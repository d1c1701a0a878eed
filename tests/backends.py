"""Throw-away PostgreSQL and Redis servers for a test run, started from the installed binaries.

`PORTAL_TEST_BACKENDS=postgres pytest` runs the suite against them (tests/conftest.py); each server
lives in a temporary directory, listens on a free loopback port and stops when the run ends.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
import redis

LOOPBACK = "127.0.0.1"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0
PG_USER = "portal"
INSTALL_HINT = "`make test-deps` installs Debian's postgresql and redis-server."


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def postgres_bindir() -> Path:
    """The newest of Debian's PostgreSQL server versions, else `postgres` on PATH."""
    versions = [path for path in Path("/usr/lib/postgresql").glob("*") if path.name.isdigit()]
    found = [
        version / "bin"
        for version in sorted(versions, key=lambda path: int(path.name))
        if (version / "bin" / "postgres").exists()
    ]
    if found:
        return found[-1]
    on_path = shutil.which("postgres")
    if on_path:
        return Path(on_path).parent
    raise RuntimeError(f"No PostgreSQL server binaries found. {INSTALL_HINT}")


def _unprivileged() -> dict[str, Any]:
    """PostgreSQL refuses to run as root: when we are root, run it as `postgres` (or `nobody`)."""
    if os.geteuid() != 0:
        return {}
    for name in ("postgres", "nobody"):
        try:
            account = pwd.getpwnam(name)
        except KeyError:
            continue
        return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    raise RuntimeError("Running as root and no `postgres` or `nobody` account to run PostgreSQL.")


def _wait_until(
    ready: Callable[[], bool], process: subprocess.Popen[bytes], name: str, log: Path
) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if ready():
            return
        time.sleep(0.1)
    _stop(process, signal.SIGKILL)
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise RuntimeError(f"{name} did not start within {START_TIMEOUT:.0f} s.\n{tail}")


def _stop(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


def _postgres_ready(port: int) -> bool:
    try:
        psycopg.connect(
            host=LOOPBACK, port=port, user=PG_USER, dbname="postgres", connect_timeout=1
        ).close()
    except psycopg.OperationalError:
        return False
    return True


@contextmanager
def postgresql_server() -> Iterator[str]:
    """Initialise a cluster in a temporary directory, serve it on loopback, yield its URL."""
    bindir = postgres_bindir()
    owner = _unprivileged()
    with tempfile.TemporaryDirectory(prefix="portal-test-postgres-") as name:
        workdir = Path(name)
        if owner:
            os.chown(workdir, owner["user"], owner["group"])
        yield from _serve_postgresql(bindir, workdir, owner)


def _serve_postgresql(bindir: Path, workdir: Path, owner: dict[str, Any]) -> Iterator[str]:
    data, log = workdir / "data", workdir / "postgres.log"
    initdb = subprocess.run(  # noqa: S603 - Debian's own binaries, fixed arguments
        [
            bindir / "initdb",
            "-D",
            data,
            "-U",
            PG_USER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ],
        cwd=workdir,
        check=False,
        capture_output=True,
        timeout=120,
        **owner,
    )
    if initdb.returncode != 0:
        raise RuntimeError(f"initdb failed:\n{initdb.stderr.decode(errors='replace')[-2000:]}")
    port = free_port()
    # Durability is pointless for a database that is thrown away; these make it much faster.
    speed = ["fsync=off", "synchronous_commit=off", "full_page_writes=off"]
    command = [bindir / "postgres", "-D", data, "-p", str(port), "-k", str(workdir)]
    command += ["-c", f"listen_addresses={LOOPBACK}"] + [f"-c{option}" for option in speed]
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=workdir, stdout=output, stderr=subprocess.STDOUT, **owner
        )
    try:
        _wait_until(lambda: _postgres_ready(port), process, "PostgreSQL", log)
        with psycopg.connect(
            host=LOOPBACK, port=port, user=PG_USER, dbname="postgres", autocommit=True
        ) as admin:
            admin.execute("CREATE DATABASE booking_portal")  # for servers started outside pytest
        yield f"postgres://{PG_USER}@{LOOPBACK}:{port}/booking_portal"
    finally:
        _stop(process, signal.SIGINT)  # SIGINT is PostgreSQL's "fast shutdown"


def _redis_ready(port: int) -> bool:
    client = redis.Redis(host=LOOPBACK, port=port, socket_timeout=1, socket_connect_timeout=1)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


@contextmanager
def redis_server() -> Iterator[str]:
    """Serve a memory-only Redis on loopback and yield its CACHE_URL."""
    binary = shutil.which("redis-server")
    if not binary:
        raise RuntimeError(f"redis-server is not installed. {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="portal-test-redis-") as name:
        yield from _serve_redis(binary, Path(name))


def _serve_redis(binary: str, workdir: Path) -> Iterator[str]:
    port, log = free_port(), workdir / "redis.log"
    command = [binary, "--port", str(port), "--bind", LOOPBACK, "--save", "", "--appendonly", "no"]
    command += ["--dir", str(workdir), "--daemonize", "no"]
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=workdir, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        _wait_until(lambda: _redis_ready(port), process, "Redis", log)
        yield f"redis://{LOOPBACK}:{port}/0"
    finally:
        _stop(process, signal.SIGTERM)


def point_django_at(*, database_url: str, cache_url: str) -> None:
    """Aim the default database and cache at the given URLs before any connection is made."""
    from django.conf import settings
    from django.db import connections

    database = settings.DATABASES["default"]
    database.clear()
    # As settings.py parses DATABASE_URL for a server database.
    database.update(dj_database_url.parse(database_url, conn_max_age=60, conn_health_checks=True))
    connections.configure_settings(settings.DATABASES)  # fills in Django's defaults again
    point_cache_at(cache_url)
    # Defining models already made a (never connected) SQLite wrapper; forget it.
    with suppress(AttributeError):
        del connections["default"]


def point_cache_at(cache_url: str) -> None:
    """Aim the default cache at the given URL before anything uses it."""
    from django.conf import settings
    from django.core.cache import caches

    from booking_portal.environment import cache_from_url

    cache = settings.CACHES["default"]
    cache.clear()
    cache.update(cache_from_url(cache_url))
    with suppress(AttributeError):
        del caches["default"]
