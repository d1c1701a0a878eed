"""Independent Omneo reads side by side, over the client's pooled session.

The reads are HTTP (and cache) only: no database work belongs in them, and each worker lets go
of any database connection it opened anyway, so none leaks from a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from django.db import connections

from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.held import CallHeld, calls_held

# Reads in flight at once for a whole process, besides each request's own thread. The session
# keeps POOL_SIZE connections per host: one for each of these, the background refreshes and the
# request threads' own reads (tests check READ_THREADS + REFRESH_THREADS leaves room).
READ_THREADS = 12

_readers = ThreadPoolExecutor(max_workers=READ_THREADS, thread_name_prefix="omneo-read")


def _in_worker(read: Callable[[], Any]) -> Any:
    try:
        return read()
    finally:
        connections.close_all()


def _outcome(read: Callable[[], Any]) -> Any:
    try:
        return read()
    except OmneoError as error:
        return error


def read_side_by_side(reads: Mapping[str, Callable[[], Any]]) -> dict[str, Any]:
    """Run the reads at once; each name maps to its result, or to the OmneoError it raised.

    First each read runs here with Omneo calls held, so what the cache answers costs no worker;
    of the reads that needed Omneo, the first runs in the calling thread and the rest in the
    shared pool. Other exceptions propagate.
    """
    results: dict[str, Any] = {}
    names = []
    with calls_held():
        for name, read in reads.items():
            try:
                results[name] = _outcome(read)
            except CallHeld:
                names.append(name)
    if not names:
        return results
    futures: dict[str, Future[Any]] = {
        name: _readers.submit(_in_worker, reads[name]) for name in names[1:]
    }
    results[names[0]] = _outcome(reads[names[0]])
    for name, future in futures.items():
        results[name] = _outcome(future.result)
    return results
