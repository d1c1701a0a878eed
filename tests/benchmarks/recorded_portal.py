"""The portal's WSGI application as the bench serves it: each answer names its Omneo calls.

Served by tests/benchmarks/bench_booking.py (under gunicorn, or in its own process), never in
production. A request carrying X-Bench-Cold empties the portal's cache first; every answer
carries X-Bench-Omneo-Calls, a JSON list of [method, path, started, ended] (wall-clock seconds)
for the calls the portal made to Omneo while handling it (and those its background reads made
since the last answer of this process, marked as such); X-Bench-Portal-Ms, the wall time from
the request reaching the portal to its answer, less the time Omneo took (the bench's HTTP client
and the loopback are not in it); and X-Bench-Cpu-Ms, the processor time the handling thread
used: unlike wall time, it barely moves when other processes share the CPU.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from typing import Any

from booking_portal.wsgi import application as portal_application
from tests.benchmarks.omneo_calls import Call, install, omneo_seconds

CALLS_HEADER = "X-Bench-Omneo-Calls"
COLD_HEADER = "X-Bench-Cold"
CPU_HEADER = "X-Bench-Cpu-Ms"
PORTAL_HEADER = "X-Bench-Portal-Ms"
RECORDER = install()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """The portal, with its Omneo calls reported in a response header (one request at a time)."""
    from django.core.cache import cache

    started, arrived = time.thread_time(), time.time()
    ahead = [call for call in RECORDER.drain() if call.background]  # read since the last answer
    if environ.get("HTTP_" + COLD_HEADER.upper().replace("-", "_")):
        cache.clear()

    def reporting(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
        made = ahead + RECORDER.drain()
        calls = [[c.method, c.path, c.started, c.ended, c.background] for c in made]
        cpu_ms = f"{(time.thread_time() - started) * 1000:.2f}"
        portal_ms = f"{(time.time() - arrived - omneo_seconds(made)) * 1000:.2f}"
        reported = [
            (CALLS_HEADER, json.dumps(calls)),
            (CPU_HEADER, cpu_ms),
            (PORTAL_HEADER, portal_ms),
        ]
        return start_response(status, [*headers, *reported], *args)

    return portal_application(environ, reporting)


def calls_of(headers: Any) -> list[Call]:
    """The Omneo calls an answer reports."""
    return [Call(*fields) for fields in json.loads(headers.get(CALLS_HEADER, "[]"))]


def cpu_seconds_of(headers: Any) -> float:
    """The processor time the portal reports it spent on an answer."""
    return float(headers.get(CPU_HEADER, "0")) / 1000


def portal_seconds_of(headers: Any) -> float:
    """The wall time the portal reports it spent on an answer, Omneo's time left out."""
    return max(0.0, float(headers.get(PORTAL_HEADER, "0")) / 1000)
