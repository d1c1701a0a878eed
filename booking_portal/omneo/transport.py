"""The pooled HTTP session, and the retry policy for reads: bounded by one time budget."""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter

from booking_portal import __version__

from .errors import OmneoError, OmneoRateLimited, OmneoServerError, OmneoUnreachable

USER_AGENT = f"BookingPortal/{__version__} (+staff booking for Omneo)"
RETRY_STATUSES = frozenset({429, 502, 503, 504})
# Retry-After longer than a person at the counter will wait: give the 429 back instead of sleeping.
LONGEST_RETRY_WAIT_SECONDS = 5.0
FIRST_BACKOFF_SECONDS = 0.2
POOL_SIZE = 32  # connections kept per host: one per concurrent look-up of a busy process


def is_read(method: str, path: str) -> bool:
    """GETs, and the availability POSTs (which only read); never a create, PUT or DELETE."""
    return method == "GET" or (method == "POST" and path.startswith("/v3/appointment-definitions/"))


def retry_wait(
    error: OmneoError, *, tries_so_far: int, retries: int, remaining: float
) -> float | None:
    """Seconds to wait before trying a read again, or None when it should not be retried.

    Retried: refused connections, 502/503/504, and 429 with a short Retry-After; each only
    while the wait still fits in the time left. A read timeout is never retried: a hung
    Omneo would only hang again, and the look-up's budget would be spent waiting.
    """
    if tries_so_far > retries:
        return None
    if isinstance(error, OmneoRateLimited):
        wait = error.retry_after if error.retry_after is not None else FIRST_BACKOFF_SECONDS
        if wait > LONGEST_RETRY_WAIT_SECONDS:
            return None
    elif isinstance(error, OmneoUnreachable) or (
        isinstance(error, OmneoServerError) and error.status in RETRY_STATUSES
    ):
        wait = FIRST_BACKOFF_SECONDS * 2 ** (tries_so_far - 1)
    else:
        return None
    return wait if wait + 0.1 < remaining else None


def build_session(*, token: str) -> requests.Session:
    """One keep-alive session for the process; retries are the client's, not urllib3's."""
    session = requests.Session()
    session.headers.update(
        {
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }
    )
    adapter = HTTPAdapter(pool_connections=4, pool_maxsize=POOL_SIZE, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
