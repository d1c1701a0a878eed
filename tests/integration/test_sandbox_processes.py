"""The sandbox as a trial server in its own gunicorn process, with the portal in another.

A portal served by one sync worker that calls a sandbox mounted in the same process waits on
itself; served separately, nothing waits on itself. Faults and capacity hold across processes
because both live in the shared database, SQLite or PostgreSQL.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from threading import Barrier

import pytest
import requests

from booking_portal.staff.roles import STORE_STAFF
from tests.backends import postgresql_server
from tests.conftest import STAFF_PASSWORD
from tests.integration.portal_session import fitting_form, signed_in_session
from tests.support.served import TOKEN, gunicorn, manage, project_env
from tests.unit.sandbox.conftest import consultation_body, fitting_body

pytestmark = pytest.mark.integration

AUTH = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}
COUNTER_USER = "counter"
CREATE_USER = f"""
from django.contrib.auth.models import Group, User
user = User.objects.create_user({COUNTER_USER!r}, password={STAFF_PASSWORD!r})
user.groups.add(Group.objects.get_or_create(name={STORE_STAFF!r})[0])
from booking_portal.staff.models import StaffLink
StaffLink.objects.create(user=user, location_ids=[13, 14, 15, 16])  # works at the demo stores
"""
ARM_TWO_SERVER_ERRORS = """
from booking_portal.sandbox import faults
faults.arm(kind="server_error", method="GET", path_suffix="/v3/locations", times=2)
"""


@pytest.fixture(scope="module")
def template_db(tmp_path_factory) -> Path:
    """A SQLite file migrated with the sandbox installed (no OMNEO_BASE_URL), with a staff login."""
    path = tmp_path_factory.mktemp("trial") / "template.sqlite3"
    env = project_env(database_url=f"sqlite:///{path}")
    manage("migrate", "--noinput", env=env)
    manage("shell", "-c", CREATE_USER, env=env)
    return path


def fresh_database(template: Path, folder: Path) -> str:
    """A copy of the migrated template for one test; its DATABASE_URL."""
    path = folder / "trial.sqlite3"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served_sandbox(request, template_db, tmp_path_factory) -> Iterator[tuple[str, dict[str, str]]]:
    """The sandbox alone under gunicorn with two sync workers, faults on; origin and env."""
    folder = tmp_path_factory.mktemp("served")
    with ExitStack() as stack:
        if request.param == "sqlite":
            database_url = fresh_database(template_db, folder)
        else:
            database_url = stack.enter_context(postgresql_server())
            manage("migrate", "--noinput", env=project_env(database_url=database_url))
        env = project_env(database_url=database_url, OMNEO_SANDBOX_FAULTS="1")
        origin = stack.enter_context(gunicorn(env=env, log=folder / "sandbox.log", workers=2))
        yield origin, env


def sandbox_appointments(sandbox: str) -> list[dict]:
    response = requests.get(f"{sandbox}/sandbox/api/v3/appointments", headers=AUTH, timeout=10)
    response.raise_for_status()
    return response.json()["data"]


def test_the_portal_books_through_a_sandbox_served_in_its_own_process(template_db, tmp_path):
    # Given the sandbox served alone (no OMNEO_BASE_URL), one sync worker
    database_url = fresh_database(template_db, tmp_path)
    sandbox_env = project_env(database_url=database_url)
    with gunicorn(env=sandbox_env, log=tmp_path / "sandbox.log") as sandbox:
        # And the portal, one sync worker, pointed at it
        portal_env = project_env(database_url=database_url, OMNEO_BASE_URL=f"{sandbox}/sandbox/api")
        with gunicorn(env=portal_env, log=tmp_path / "portal.log") as portal:
            # When a member of staff signs in, opens the booking page and books
            session = signed_in_session(portal, COUNTER_USER)
            form = fitting_form(session, portal)
            booked = session.post(f"{portal}/book/", data=form, timeout=30)
            portal_mounts_sandbox = requests.get(f"{portal}/sandbox/api/v3/locations", timeout=10)
        created = sandbox_appointments(sandbox)

    # Then every call came back within its timeout, and the sandbox holds the booking
    assert booked.status_code == 200
    assert "/book/done/" in booked.url
    assert [(a["location_id"], a["transaction"]["id"]) for a in created] == [(13, 1003)]
    assert portal_mounts_sandbox.status_code == 404


def test_a_fault_armed_by_one_process_is_used_by_the_server_processes(served_sandbox):
    sandbox, env = served_sandbox
    # Given a fault armed from a process that serves nothing
    manage("shell", "-c", ARM_TWO_SERVER_ERRORS, env=env)

    # When the sandbox's workers answer four requests
    statuses = [
        requests.get(f"{sandbox}/sandbox/api/v3/locations", headers=AUTH, timeout=10).status_code
        for _ in range(4)
    ]

    # Then exactly the armed two failed
    assert statuses == [500, 500, 200, 200]


@pytest.mark.parametrize(
    ("make_body", "capacity"),
    [(consultation_body, 1), (fitting_body, 2)],
    ids=["one-staff-member", "fitting-for-two"],
)
def test_simultaneous_creates_across_worker_processes_never_overbook(
    served_sandbox, make_body, capacity
):
    sandbox, _ = served_sandbox
    body = make_body()
    attempts = 6
    start_together = Barrier(attempts, timeout=10)

    def create(_: int) -> int:
        with requests.Session() as session:
            start_together.wait()
            return session.post(
                f"{sandbox}/sandbox/api/v3/appointments", json=body, headers=AUTH, timeout=30
            ).status_code

    # When six creates of one slot arrive at once, at two worker processes
    with ThreadPoolExecutor(max_workers=attempts) as pool:
        statuses = sorted(pool.map(create, range(attempts)))

    # Then the slot is booked to its capacity and the rest are told the time is taken
    assert statuses == [201] * capacity + [422] * (attempts - capacity)
    booked = [
        a
        for a in sandbox_appointments(sandbox)
        if a["appointment_definition_id"] == body["appointment_definition_id"]
    ]
    assert len(booked) == capacity
