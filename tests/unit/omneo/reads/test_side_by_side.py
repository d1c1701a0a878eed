"""Reads side by side: results by name, failures as values, a pool the session can serve."""

from __future__ import annotations

import threading
import time

import pytest

from booking_portal.omneo.errors import OmneoTimeout
from booking_portal.omneo.held import CallHeld, calls_held, refuse_if_held
from booking_portal.omneo.reads import cache as read_cache
from booking_portal.omneo.reads import side_by_side as parallel
from booking_portal.omneo.transport import POOL_SIZE


def omneo_read(value, *, seconds=0.0):
    """A read as the client makes it: held while calls are held, else it takes its time."""

    def read():
        refuse_if_held()
        time.sleep(seconds)
        return value

    return read


def test_reads_overlap_and_come_back_by_name():
    # Each read waits until all three are under way: read in a row, the first would wait for good.
    all_under_way = threading.Barrier(3, timeout=10)

    def meeting(value):
        def read():
            refuse_if_held()
            all_under_way.wait()
            return value

        return read

    results = parallel.read_side_by_side({"a": meeting(1), "b": meeting(2), "c": meeting(3)})

    assert results == {"a": 1, "b": 2, "c": 3}
    assert not all_under_way.broken


def test_a_failed_read_is_its_error_and_the_others_still_answer():
    def fails():
        refuse_if_held()
        raise OmneoTimeout(method="GET", path="/v3/profiles")

    results = parallel.read_side_by_side({"slow": fails, "fine": lambda: "ok"})

    assert isinstance(results["slow"], OmneoTimeout)
    assert results["fine"] == "ok"


def test_a_bug_in_a_read_is_not_swallowed():
    def broken():
        refuse_if_held()
        raise KeyError("bug")

    with pytest.raises(KeyError):
        parallel.read_side_by_side({"fine": omneo_read(1), "broken": broken})


def test_the_session_pool_has_a_connection_for_every_reader():
    assert parallel.READ_THREADS + read_cache.REFRESH_THREADS < POOL_SIZE


@pytest.mark.django_db
def test_a_worker_that_touched_the_database_lets_go_of_its_connection():
    from django.contrib.auth.models import User
    from django.db import connections

    seen = {}

    def reads_the_database():
        refuse_if_held()
        User.objects.count()
        seen["thread"] = threading.get_ident()
        return connections["default"]

    results = parallel.read_side_by_side({"inline": omneo_read(None), "db": reads_the_database})

    assert seen["thread"] != threading.get_ident()
    assert results["db"].connection is None  # closed when the read was done


def test_what_the_cache_answers_is_answered_in_the_request_thread():
    read_cache.read_through("test:cached", omneo_read("kept"), seconds=60)
    threads = {}

    def through_cache(name):
        def read():
            refuse_if_held()
            threads[name] = threading.get_ident()
            return name

        return lambda: read_cache.read_through(f"test:{name}", read, seconds=60)

    results = parallel.read_side_by_side(
        {
            "cached": lambda: read_cache.read_through("test:cached", omneo_read("no"), seconds=60),
            "first": through_cache("first"),
            "second": through_cache("second"),
        }
    )

    assert results == {"cached": "kept", "first": "first", "second": "second"}
    assert threads["first"] == threading.get_ident()  # the first read Omneo answers: here
    assert threads["second"] != threading.get_ident()  # the next: the pool, side by side


def test_reads_the_cache_answers_cost_no_worker(monkeypatch):
    for name in ("a", "b", "c"):
        read_cache.read_through(f"test:warm:{name}", omneo_read(name), seconds=60)
    monkeypatch.setattr(parallel._readers, "submit", lambda *a: pytest.fail("sent to the pool"))

    results = parallel.read_side_by_side(
        {
            name: lambda name=name: read_cache.read_through(
                f"test:warm:{name}", omneo_read("not this"), seconds=60
            )
            for name in ("a", "b", "c")
        }
    )

    assert results == {"a": "a", "b": "b", "c": "c"}


def test_a_call_made_while_calls_are_held_never_goes_out(omneo):
    from booking_portal.omneo.reads import catalogue

    with calls_held(), pytest.raises(CallHeld):
        catalogue.definition_list()

    assert len(omneo.calls) == 0
    assert catalogue.definition_list()  # outside: read as usual
