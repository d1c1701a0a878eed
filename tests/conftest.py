"""Fixtures for every level: users in their roles, Omneo clients (mocked and sandbox), bodies."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import responses
from django.contrib.auth.models import Group, User

from booking_portal.omneo.client import OmneoClient
from booking_portal.staff.roles import BOOKING_ADMINS, STORE_STAFF
from tests.backends import point_django_at, postgresql_server, redis_server

FIXTURES = Path(__file__).parent / "fixtures" / "omneo"
MOCK_BASE_URL = "https://api.test.getomneo.com/api"
MOCK_TOKEN = "mock-token-never-shown"
STAFF_PASSWORD = "counter-password-1"
DEMO_STORES = (13, 14, 15, 16)  # the sandbox's stores, which the mocked tests use too
# Which database and cache the run uses: "sqlite" (SQLite + local memory) or "postgres"
# (PostgreSQL + Redis, both started here and stopped when the run ends).
TEST_BACKENDS = os.environ.get("PORTAL_TEST_BACKENDS", "sqlite").strip().lower() or "sqlite"
_servers = ExitStack()


def pytest_configure(config: pytest.Config) -> None:
    """Start the requested servers and point Django at them, before any test touches either."""
    from django.conf import settings

    # Pages are rendered with plain static names: the manifest exists only after collectstatic,
    # and the live server serves static files through the finders. tests/unit/test_static_files.py
    # collects into a temporary directory to check the production storage itself.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if TEST_BACKENDS == "sqlite":
        return
    if TEST_BACKENDS != "postgres":
        raise pytest.UsageError("PORTAL_TEST_BACKENDS must be sqlite or postgres.")
    database_url = _servers.enter_context(postgresql_server())
    cache_url = _servers.enter_context(redis_server())
    point_django_at(database_url=database_url, cache_url=cache_url)


def pytest_unconfigure(config: pytest.Config) -> None:
    _servers.close()
    _sqlite_leftovers_removed()


def _sqlite_leftovers_removed() -> None:
    """The dropped test database's WAL files, which a server thread's kept connection leaves."""
    from django.conf import settings

    name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if TEST_BACKENDS != "sqlite" or not name or Path(name).exists():
        return  # a database kept for reuse keeps its WAL
    for suffix in ("-wal", "-shm"):
        Path(f"{name}{suffix}").unlink(missing_ok=True)


def pytest_report_header(config: pytest.Config) -> str:
    from django.conf import settings

    database, cache = settings.DATABASES["default"], settings.CACHES["default"]
    where = f" on {database['HOST']}:{database['PORT']}" if database.get("HOST") else ""
    return f"backends: {database['ENGINE'].rsplit('.', 1)[-1]}{where}, {cache['BACKEND']}"


@pytest.fixture(scope="session", autouse=True)
def _test_database_dropped_cleanly(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """On PostgreSQL, end the sessions other threads kept open before the test database goes.

    Server threads keep their connections (DATABASE_CONN_MAX_AGE), and PostgreSQL refuses to
    drop a database anyone is still connected to.
    """
    yield
    if TEST_BACKENDS != "postgres":
        return
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def omneo_fixture() -> Callable[[str], Any]:
    """Load a named upstream body from tests/fixtures/omneo (JSON decoded, else text)."""

    def load(name: str) -> Any:
        path = FIXTURES / name
        text = path.read_text()
        return json.loads(text) if path.suffix == ".json" else text

    return load


@pytest.fixture
def mocked_omneo() -> Iterator[responses.RequestsMock]:
    """responses-backed HTTP; every registered call must be made."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def omneo_client(mocked_omneo: responses.RequestsMock) -> Iterator[OmneoClient]:
    """A client aimed at a mocked tenant, with no retries so each mock answers once."""
    client = OmneoClient(
        base_url=MOCK_BASE_URL, token=MOCK_TOKEN, connect_timeout=1, read_timeout=2, read_retries=0
    )
    yield client
    client.close()


@pytest.fixture
def sandbox_base_url(live_server: Any, settings: Any) -> str:
    """The built-in sandbox served over real HTTP; the portal's own client is aimed at it."""
    url = f"{live_server.url}/sandbox/api"
    settings.OMNEO_BASE_URL = url
    return url


@pytest.fixture
def sandbox_client(sandbox_base_url: str, settings: Any) -> Iterator[OmneoClient]:
    """The real client against the sandbox over HTTP, with the token the sandbox accepts."""
    client = OmneoClient(
        base_url=sandbox_base_url,
        token=settings.OMNEO_SANDBOX_TOKEN,
        connect_timeout=2,
        read_timeout=5,
        read_retries=0,
    )
    yield client
    client.close()


def _user_in_group(username: str, group_name: str | None, **extra: Any) -> User:
    user = User.objects.create_user(
        username=username,
        password=STAFF_PASSWORD,
        first_name=username.title(),
        email=f"{username}@store.example",
        **extra,
    )
    if group_name:
        user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user


@pytest.fixture
def staff_user(db: None) -> User:
    """A member of Store staff at every demo store: books and sees their own bookings."""
    from booking_portal.staff.models import StaffLink

    user = _user_in_group("sam", STORE_STAFF)
    StaffLink.objects.create(user=user, location_ids=list(DEMO_STORES))
    return user


@pytest.fixture
def booking_admin(db: None) -> User:
    """A member of Booking admins: reviews every attempt in the admin."""
    return _user_in_group("alex", BOOKING_ADMINS, is_staff=True)


@pytest.fixture
def outsider_user(db: None) -> User:
    """Signed in, but in neither group: may not book."""
    return _user_in_group("olly", None)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Cached Omneo reads never leak from one test into another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Users are made in most tests; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fault_proxy(live_server: Any) -> Iterator[Any]:
    """A loopback TCP proxy in front of the live sandbox (tests/support/fault_proxy.py).

    `.base_url` is the sandbox API through the proxy; set `.mode` to "pass",
    "reset_after_request" (the server answers, the client gets a TCP RST) or "refuse".
    """
    from tests.support.fault_proxy import FaultProxy

    with FaultProxy(upstream_url=live_server.url, path="/sandbox/api") as proxy:
        yield proxy
