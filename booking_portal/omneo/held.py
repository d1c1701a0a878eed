"""Holding Omneo calls: within `calls_held()`, a call raises CallHeld instead of going out.

The booking page answers what the cache holds before it sends any read to Omneo; holding the
calls while it asks the cache makes sure that first pass never waits on the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_held: ContextVar[bool] = ContextVar("omneo_calls_held", default=False)


class CallHeld(Exception):
    """An Omneo call was about to go out while calls were held."""


@contextmanager
def calls_held() -> Iterator[None]:
    """Hold every Omneo call made in this context (this thread; workers are not affected)."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def refuse_if_held() -> None:
    """Raise CallHeld when calls are held; the client calls this before each request."""
    if _held.get():
        raise CallHeld
