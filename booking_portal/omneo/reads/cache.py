"""Cached Omneo reads in the shared cache: versioned keys, stale-while-revalidate, no failures.

Catalogue entries are kept for a long while (KEEP) but are fresh only briefly: a fresh entry is
served; a stale one is served at once while one background thread reads it again (one refresh
per key across every app server, by a short cache lock); only a missing entry, never read or
past its hard expiry, is read inline. A failed read is never stored: the stale entry stays.
The same background reads warm entries a later step will ask for (warm()), so it finds them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from django.core.cache import cache
from django.db import connections

from booking_portal.omneo.errors import OmneoError

logger = logging.getLogger(__name__)

# Part of every key: bump it when a cached shape changes, so a deploy never reads old entries.
CACHE_VERSION = "v3"
REFRESH_LOCK_SECONDS = 30  # one refresh of a key at a time, across app servers
REFRESH_THREADS = 4  # refreshes, and reads warmed ahead of the next steps

_refreshes = ThreadPoolExecutor(max_workers=REFRESH_THREADS, thread_name_prefix="omneo-refresh")
_pending: dict[str, Future[None]] = {}
_pending_guard = threading.Lock()


def cache_key(*parts: object) -> str:
    """A versioned cache key: "omneo:<version>:<part>:<part>…"."""
    return ":".join(("omneo", CACHE_VERSION, *(str(part) for part in parts)))


def _store[T](key: str, value: T, *, fresh: float, keep: float) -> T:
    cache.set(key, (value, time.time() + fresh), keep)
    return value


def cached_value(key: str) -> Any | None:
    """What the cache holds for a key, fresh or stale, without reading Omneo; else None."""
    entry = cache.get(key)
    return entry[0] if isinstance(entry, tuple) and len(entry) == 2 else None


def stale_while_revalidate[T](key: str, read: Callable[[], T], *, fresh: float, keep: float) -> T:
    """The cached value (a stale one refreshed in the background), or read() when there is none.

    An exception from read() propagates, inline, and caches nothing.
    """
    entry = cache.get(key)
    if isinstance(entry, tuple) and len(entry) == 2:
        value, fresh_until = entry
        if time.time() >= fresh_until:
            _refresh_later(key, read, fresh=fresh, keep=keep)
        return value
    return _store(key, read(), fresh=fresh, keep=keep)


def read_through[T](key: str, read: Callable[[], T], *, seconds: float) -> T:
    """A plain time-limited read-through; an exception from read() caches nothing."""
    value = cached_value(key)
    if value is not None:
        return value
    return _store(key, read(), fresh=seconds, keep=seconds)


def warm(key: str, read: Callable[[], Any], *, fresh: float, keep: float) -> bool:
    """Read a missing or stale entry in the background, ahead of the step that will show it.

    Nothing is read for a fresh entry, nor for one a thread (here or in another process) is
    already reading; the caller never waits. True when a background read was started.
    """
    entry = cache.get(key)
    if isinstance(entry, tuple) and len(entry) == 2 and time.time() < entry[1]:
        return False
    return _refresh_later(key, read, fresh=fresh, keep=keep)


def _refresh_later(key: str, read: Callable[[], Any], *, fresh: float, keep: float) -> bool:
    with _pending_guard:
        if key in _pending:
            return False
        if not cache.add(f"{key}:refreshing", 1, REFRESH_LOCK_SECONDS):
            return False  # another process is refreshing it
        _pending[key] = _refreshes.submit(_refresh, key, read, fresh, keep)
        return True


def _refresh(key: str, read: Callable[[], Any], fresh: float, keep: float) -> None:
    try:
        _store(key, read(), fresh=fresh, keep=keep)
    except OmneoError as error:
        logger.warning("Refreshing %s failed; the stale entry stays: %s", key, error)
    finally:
        cache.delete(f"{key}:refreshing")
        with _pending_guard:
            _pending.pop(key, None)
        connections.close_all()  # reads are HTTP only; should one touch the database, let go


def refreshes_settled(timeout: float = 10.0) -> None:
    """Wait for the background refreshes under way (tests, shutdown)."""
    with _pending_guard:
        futures = list(_pending.values())
    wait(futures, timeout=timeout)


def generation(key: str) -> int:
    """A counter that is part of other keys; bumping it drops every entry built with it."""
    return cache.get(key) or 0


def bump_generation(key: str, *, keep: float) -> None:
    """Move a generation on, so every entry keyed with the old one is never read again."""
    cache.add(key, 0, keep)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, keep)
