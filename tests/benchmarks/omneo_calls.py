"""Omneo calls as the portal's client logs them: which, when, and how many round trips in a row."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

CLIENT_LOGGER = "booking_portal.omneo.client"
# Threads whose calls no answer waits for: refreshes and reads warmed ahead (omneo/reads/cache.py).
BACKGROUND_THREADS = "omneo-refresh"
# The client logs whole milliseconds; calls closer than this count as one after the other.
TOLERANCE_SECONDS = 0.01


@dataclass(frozen=True)
class Call:
    """One Omneo exchange seen by the client."""

    method: str
    path: str
    started: float
    ended: float
    background: bool = False  # made by a background read, not waited for by any answer


class CallRecorder(logging.Handler):
    """A logging handler on the Omneo client that keeps each exchange's start and end."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self._calls: list[Call] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        ms = getattr(record, "omneo_ms", None)
        method, path = (record.args or ("?", "?"))[:2] if isinstance(record.args, tuple) else "??"
        ended = record.created
        started = ended - (ms or 0) / 1000
        with self._guard:
            background = record.threadName.startswith(BACKGROUND_THREADS)
            self._calls.append(Call(str(method), str(path), started, ended, background))

    def drain(self) -> list[Call]:
        """The calls recorded since the last drain, which are then forgotten."""
        with self._guard:
            calls, self._calls = self._calls, []
        return calls

    @contextmanager
    def recording(self) -> Iterator[list[Call]]:
        """The calls made inside the block (the list fills in when the block ends)."""
        self.drain()
        seen: list[Call] = []
        try:
            yield seen
        finally:
            seen.extend(self.drain())


def install() -> CallRecorder:
    """Attach a recorder to the client's logger (INFO, not passed on to the console)."""
    recorder = CallRecorder()
    logger = logging.getLogger(CLIENT_LOGGER)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(recorder)
    return recorder


def waited_for(calls: list[Call]) -> list[Call]:
    """The calls an answer waited for (background reads left out)."""
    return [call for call in calls if not call.background]


def round_trips(calls: list[Call]) -> int:
    """Sequential round trips: the longest chain of calls each starting after the last ended."""
    ordered = sorted(waited_for(calls), key=lambda call: call.ended)
    chain: list[int] = []
    for index, call in enumerate(ordered):
        before = [
            chain[j] for j in range(index) if ordered[j].ended <= call.started + TOLERANCE_SECONDS
        ]
        chain.append(1 + max(before, default=0))
    return max(chain, default=0)


def omneo_seconds(calls: list[Call]) -> float:
    """Wall time covered by at least one call waited for (overlapping calls counted once)."""
    covered, reach = 0.0, float("-inf")
    for call in sorted(waited_for(calls), key=lambda c: c.started):
        start = max(call.started, reach)
        if call.ended > start:
            covered += call.ended - start
        reach = max(reach, call.ended)
    return covered


def timed(function, *args, **kwargs) -> tuple[float, object]:
    """Seconds taken and the result."""
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result
