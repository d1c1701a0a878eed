"""The run uses the backends PORTAL_TEST_BACKENDS asks for, never SQLite by accident."""

from __future__ import annotations

import uuid

import pytest
import requests
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import connection

from tests.conftest import STAFF_PASSWORD, TEST_BACKENDS

EXPECTED = {
    "sqlite": {"vendor": "sqlite", "cache": LocMemCache},
    "postgres": {"vendor": "postgresql", "cache": RedisCache},
}[TEST_BACKENDS]


@pytest.mark.django_db
def test_the_database_is_the_requested_backend():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()

    assert connection.vendor == EXPECTED["vendor"]
    assert one == 1
    if TEST_BACKENDS == "postgres":
        assert connection.settings_dict["HOST"] == "127.0.0.1"
        assert connection.pg_version >= 140000


def test_the_cache_round_trips_through_the_requested_backend():
    cache = caches["default"]
    key, value = f"backend-probe-{uuid.uuid4()}", {"sent": str(uuid.uuid4())}

    cache.set(key, value, 30)

    assert isinstance(cache, EXPECTED["cache"])
    assert cache.get(key) == value
    if TEST_BACKENDS == "postgres":
        # Read it back with a plain Redis client: the value is really in the Redis server.
        server = cache._cache.get_client(key)
        assert server.exists(cache.make_and_validate_key(key)) == 1


@pytest.mark.django_db(transaction=True)
def test_the_live_server_writes_to_the_same_database(live_server, staff_user):
    response = requests.get(f"{live_server.url}/accounts/login/", timeout=10)
    session = requests.Session()
    session.cookies.update(response.cookies)
    signed_in = session.post(
        f"{live_server.url}/accounts/login/",
        data={
            "username": staff_user.username,
            "password": STAFF_PASSWORD,
            "csrfmiddlewaretoken": response.cookies["csrftoken"],
        },
        timeout=10,
        allow_redirects=False,
    )

    staff_user.refresh_from_db()
    assert signed_in.status_code == 302
    assert staff_user.last_login is not None
    assert connection.vendor == EXPECTED["vendor"]
