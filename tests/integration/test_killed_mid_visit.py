"""A portal process killed with SIGKILL while an arrival's visit is with Omneo, then the database
worker settling the visit it left pending: found by its external_id, never sent twice."""

from __future__ import annotations

import re
import signal
import sqlite3
import threading
import time
from contextlib import closing

import pytest
import requests

from tests.integration.portal_session import signed_in_session
from tests.integration.test_killed_mid_create import (
    _gunicorn_worker,
    _post_ignoring_the_cut,
    wait_for,
)
from tests.integration.test_sandbox_processes import (
    AUTH,
    COUNTER_USER,
    fresh_database,
    template_db,
)
from tests.support.served import gunicorn, manage, project_env

pytestmark = pytest.mark.integration
__all__ = ["template_db"]  # the module fixture, shared

SEED_DAY = """
from booking_portal.sandbox.demo_day import seed_demo_day
seed_demo_day()
"""
ARM_SLOW_VISIT = """
from booking_portal.sandbox import faults
faults.arm(kind="latency", method="POST", path_suffix="/visits", seconds=4)
"""
PENDING_CHECK_SECONDS = 2


def visit_writes(database: str) -> list[tuple[str, bool]]:
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute(
            "SELECT outcome, recovered FROM writes_appointmentwrite WHERE kind = 'visit'"
        ).fetchall()
    return [(outcome, bool(recovered)) for outcome, recovered in rows]


def armed_faults(database: str) -> int:
    with closing(sqlite3.connect(database)) as db:
        return db.execute("SELECT COUNT(*) FROM sandbox_sandboxfault").fetchone()[0]


def test_a_visit_cut_off_by_sigkill_is_settled_by_look_up_not_sent_again(template_db, tmp_path):
    database_url = fresh_database(template_db, tmp_path)
    database = database_url.removeprefix("sqlite:///")
    sandbox_env = project_env(database_url=database_url, OMNEO_SANDBOX_FAULTS="1")
    manage("shell", "-c", SEED_DAY, env=sandbox_env)
    with gunicorn(env=sandbox_env, log=tmp_path / "sandbox.log", workers=2) as sandbox:
        portal_env = project_env(
            database_url=database_url,
            OMNEO_BASE_URL=f"{sandbox}/sandbox/api",
            BOOKING_PENDING_CHECK_SECONDS=str(PENDING_CHECK_SECONDS),
        )
        with gunicorn(env=portal_env, log=tmp_path / "portal.log") as portal:
            # Given a booked appointment open at the counter, and Omneo slow to add visits
            booked = _booked(sandbox)
            requests.get(f"{portal}/accounts/login/", timeout=60)  # a fresh process starts slowly
            session = signed_in_session(portal, COUNTER_USER)
            form = {
                **_opened(session, f"{portal}/day/appointments/{booked['id']}/"),
                "kind": "arrive",
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            }
            manage("shell", "-c", ARM_SLOW_VISIT, env=sandbox_env)
            worker = _gunicorn_worker(portal)

            # When Mark arrived is pressed and the portal's worker is killed while Omneo works
            url = f"{portal}/day/appointments/{booked['id']}/act/"
            thread = threading.Thread(
                target=lambda: _post_ignoring_the_cut(session, url, form), daemon=True
            )
            thread.start()
            wait_for(lambda: visit_writes(database) == [("pending", False)], seconds=30)
            wait_for(lambda: not armed_faults(database), seconds=30)  # the POST is at Omneo
            worker.send_signal(signal.SIGKILL)
            thread.join(timeout=15)

            # Then Omneo still added the visit, and the record is left pending
            wait_for(lambda: len(_visits(sandbox, booked)) == 1, seconds=30)
            assert visit_writes(database) == [("pending", False)]

            # When the database worker runs once the pending visit is old enough
            time.sleep(PENDING_CHECK_SECONDS + 0.5)
            manage("db_worker", "--batch", "--no-startup-delay", env=portal_env, timeout=60)

            # Then the visit is settled as recorded by looking it up, and was never sent again
            visits = _visits(sandbox, booked)
            status = _appointment(sandbox, booked["id"])["status"]
    assert len(visits) == 1
    assert visit_writes(database) == [("done", True)]
    assert status == "arrived"


def _opened(session: requests.Session, url: str) -> dict[str, str]:
    """The appointment page's seal and action token, once the page could read the appointment.

    A fresh sandbox process may answer its first read slowly on a busy machine: open it again.
    """
    found: dict[str, str] = {}

    def shown() -> bool:
        page = session.get(url, timeout=60).text
        seal = re.search(r'name="seal" value="([^"]+)"', page)
        token = re.search(r'name="action_token" value="([^"]+)"', page)
        if seal and token:
            found.update(seal=seal.group(1), action_token=token.group(1))
        return bool(found)

    wait_for(shown, seconds=90)
    return found


def _booked(sandbox: str) -> dict:
    params = {"filter[location_id]": 13, "filter[status]": "confirmed"}
    response = requests.get(
        f"{sandbox}/sandbox/api/v3/appointments", params=params, headers=AUTH, timeout=60
    )  # the first request to a fresh server process may be slow on a busy machine
    response.raise_for_status()
    return next(item for item in response.json()["data"] if item.get("profile_id"))


def _appointment(sandbox: str, appointment_id: int) -> dict:
    url = f"{sandbox}/sandbox/api/v3/appointments/{appointment_id}"
    response = requests.get(url, headers=AUTH, timeout=10)
    response.raise_for_status()
    return response.json()["data"]


def _visits(sandbox: str, booked: dict) -> list[dict]:
    url = f"{sandbox}/sandbox/api/v3/profiles/{booked['profile_id']}/visits"
    params = {"filter[external_id]": f"APPT-{booked['id']}"}
    response = requests.get(url, params=params, headers=AUTH, timeout=10)
    response.raise_for_status()
    return response.json()["data"]
