"""A portal process killed with SIGKILL while its create is with Omneo, then the database
worker settling the attempt it left pending: found by its tag, booked once."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import threading
import time
from contextlib import closing

import psutil
import pytest
import requests

from tests.integration.portal_session import fitting_form, signed_in_session
from tests.integration.test_sandbox_processes import (
    AUTH,
    COUNTER_USER,
    fresh_database,
    template_db,
)
from tests.support.served import gunicorn, manage, project_env

pytestmark = pytest.mark.integration
__all__ = ["template_db"]  # the module fixture, shared

ARM_SLOW_CREATE = """
from booking_portal.sandbox import faults
faults.arm(kind="latency", method="POST", path_suffix="/v3/appointments", seconds=4)
"""
PENDING_CHECK_SECONDS = 2


def attempts(database: str) -> list[tuple[str, int | None, bool]]:
    with closing(sqlite3.connect(database)) as db:
        return db.execute(
            "SELECT outcome, omneo_appointment_id, recovered FROM bookings_bookingattempt"
        ).fetchall()


def wait_for(condition, *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(0.05)


def test_a_create_cut_off_by_sigkill_is_settled_by_the_worker(template_db, tmp_path):
    database_url = fresh_database(template_db, tmp_path)
    database = database_url.removeprefix("sqlite:///")
    sandbox_env = project_env(database_url=database_url, OMNEO_SANDBOX_FAULTS="1")
    with gunicorn(env=sandbox_env, log=tmp_path / "sandbox.log", workers=2) as sandbox:
        portal_env = project_env(
            database_url=database_url,
            OMNEO_BASE_URL=f"{sandbox}/sandbox/api",
            BOOKING_PENDING_CHECK_SECONDS=str(PENDING_CHECK_SECONDS),
        )
        with gunicorn(env=portal_env, log=tmp_path / "portal.log") as portal:
            # Given a filled form, and Omneo slow to answer the create
            session = signed_in_session(portal, COUNTER_USER)
            form = fitting_form(session, portal)
            manage("shell", "-c", ARM_SLOW_CREATE, env=sandbox_env)
            master = next(
                p
                for p in psutil.process_iter(["cmdline"])
                if portal.rsplit(":", 1)[1] in " ".join(p.info["cmdline"] or [])
                and "gunicorn" in " ".join(p.info["cmdline"] or [])
                and p.ppid() == os.getpid()
            )
            worker = master.children()[0]

            # When the booking is sent and the portal's worker is killed while Omneo works
            thread = threading.Thread(
                target=lambda: _post_ignoring_the_cut(session, f"{portal}/book/", form), daemon=True
            )
            thread.start()
            wait_for(lambda: attempts(database) == [("pending", None, 0)], seconds=30)
            os.kill(worker.pid, signal.SIGKILL)
            thread.join(timeout=15)

            # Then Omneo still made the appointment, and the record is left pending
            wait_for(lambda: len(_appointments(sandbox)) == 1, seconds=30)
            assert attempts(database) == [("pending", None, 0)]

            # When the database worker runs once the pending attempt is old enough
            time.sleep(PENDING_CHECK_SECONDS + 0.5)
            manage("db_worker", "--batch", "--no-startup-delay", env=portal_env, timeout=60)

            # Then the attempt is settled as created, linked to the one appointment
            made = _appointments(sandbox)
    assert len(made) == 1
    assert attempts(database) == [("created", made[0]["id"], 1)]


def _appointments(sandbox: str) -> list[dict]:
    response = requests.get(f"{sandbox}/sandbox/api/v3/appointments", headers=AUTH, timeout=10)
    response.raise_for_status()
    return response.json()["data"]


def _gunicorn_worker(origin: str) -> psutil.Process:
    """The one worker process of the gunicorn this test started for `origin`."""
    bind = origin.removeprefix("http://")
    master = next(
        child
        for child in psutil.Process(os.getpid()).children()
        if bind in " ".join(child.cmdline())
    )
    return master.children()[0]


def _post_ignoring_the_cut(session: requests.Session, url: str, form: dict) -> None:
    # The portal process dies mid-request: a browser would show a network error.
    with contextlib.suppress(requests.RequestException):
        session.post(url, data=form, timeout=20)
