"""A throwaway PostgreSQL server on a loopback port, for tests that must hold on PostgreSQL too."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg

from tests.support.served import LOOPBACK, free_port

STARTUP_SECONDS = 30.0
DATABASE = "trial"


def _binary(name: str) -> str:
    """A PostgreSQL program from PATH (Debian links them into /usr/local/bin)."""
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"PostgreSQL's {name} is not on PATH; install postgresql.")
    return str(Path(found).resolve())


def _as_server_user() -> dict[str, Any]:
    """PostgreSQL refuses to run as root: run it as the postgres account then."""
    return (
        {"user": "postgres", "group": "postgres", "extra_groups": []} if os.geteuid() == 0 else {}
    )


def _wait_until_ready(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"postgres exited with {process.returncode}:\n{log.read_text()}")
        try:
            psycopg.connect(url, connect_timeout=2).close()
        except psycopg.OperationalError:
            time.sleep(0.2)
        else:
            return
    raise TimeoutError(f"postgres did not accept connections in {STARTUP_SECONDS} s")


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a private cluster (fsync off, trust auth, loopback only); yield a DATABASE_URL."""
    folder = Path(tempfile.mkdtemp(prefix="sandbox-pg-"))  # not under a root-only pytest dir
    user = _as_server_user()
    if user:
        shutil.chown(folder, user="postgres", group="postgres")
    data, log, port = folder / "data", folder / "postgres.log", free_port()
    try:
        subprocess.run(  # noqa: S603
            [_binary("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync"],
            capture_output=True,
            check=True,
            timeout=120,
            **user,
        )
        with log.open("w") as output:
            process = subprocess.Popen(  # noqa: S603
                [
                    *(_binary("postgres"), "-D", str(data), "-p", str(port), "-h", LOOPBACK),
                    *("-k", str(folder), "-c", "fsync=off", "-c", "full_page_writes=off"),
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
                **user,
            )
        try:
            admin_url = f"postgresql://postgres@{LOOPBACK}:{port}/postgres"
            _wait_until_ready(process, admin_url, log)
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f"CREATE DATABASE {DATABASE}")
            yield f"postgres://postgres@{LOOPBACK}:{port}/{DATABASE}"
        finally:
            process.send_signal(signal.SIGINT)  # fast shutdown
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
