"""Reads side by side: results by name, failures as values, a pool the session can serve."""

from __future__ import annotations

import threading
import time

import pytest

from booking_portal.bookings import parallel, read_cache
from booking_portal.omneo.errors import OmneoTimeout
from booking_portal.omneo.transport import POOL_SIZE


def test_reads_overlap_and_come_back_by_name():
    def slow(value):
        def read():
            time.sleep(0.3)
            return value

        return read

    started = time.monotonic()
    results = parallel.read_side_by_side({"a": slow(1), "b": slow(2), "c": slow(3)})

    assert results == {"a": 1, "b": 2, "c": 3}
    assert time.monotonic() - started < 0.6  # in a row: 0.9 s


def test_a_failed_read_is_its_error_and_the_others_still_answer():
    def fails():
        raise OmneoTimeout(method="GET", path="/v3/profiles")

    results = parallel.read_side_by_side({"slow": fails, "fine": lambda: "ok"})

    assert isinstance(results["slow"], OmneoTimeout)
    assert results["fine"] == "ok"


def test_a_bug_in_a_read_is_not_swallowed():
    def broken():
        raise KeyError("bug")

    with pytest.raises(KeyError):
        parallel.read_side_by_side({"fine": lambda: 1, "broken": broken})


def test_the_session_pool_has_a_connection_for_every_reader():
    assert parallel.READ_THREADS + read_cache.REFRESH_THREADS < POOL_SIZE


@pytest.mark.django_db
def test_a_worker_that_touched_the_database_lets_go_of_its_connection():
    from django.contrib.auth.models import User
    from django.db import connections

    seen = {}

    def reads_the_database():
        User.objects.count()
        seen["thread"] = threading.get_ident()
        return connections["default"]

    results = parallel.read_side_by_side({"inline": lambda: None, "db": reads_the_database})

    assert seen["thread"] != threading.get_ident()
    assert results["db"].connection is None  # closed when the read was done
