"""The pooled HTTP session: keep-alive, headers, and retries for reads only."""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import Retry

from booking_portal import __version__

USER_AGENT = f"BookingPortal/{__version__} (+staff booking for Omneo)"
RETRY_STATUSES = frozenset({429, 502, 503, 504})
# Retry-After longer than a person at the counter will wait: give the 429 back instead of sleeping.
LONGEST_RETRY_WAIT_SECONDS = 5.0


class ReadRetry(Retry):
    """urllib3 Retry that honours Retry-After, but returns at once when the wait is too long."""

    def increment(  # type: ignore[override]
        self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None
    ):
        if response is not None and response.status == 429:
            wait = self.get_retry_after(response)
            if wait is not None and wait > LONGEST_RETRY_WAIT_SECONDS:
                raise MaxRetryError(_pool, url, "Retry-After too long for a person to wait")
        return super().increment(method, url, response, error, _pool, _stacktrace)


def read_retry(*, total: int, methods: frozenset[str]) -> ReadRetry:
    """Retries with exponential backoff for the given idempotent methods."""
    return ReadRetry(
        total=total,
        connect=total,
        read=total,
        status=total,
        backoff_factor=0.2,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=methods,
        respect_retry_after_header=True,
        raise_on_status=False,
    )


def build_session(*, base_url: str, token: str, retries: int) -> requests.Session:
    """One keep-alive session for the process.

    Availability look-ups are POSTs that only read, so the definitions prefix retries POST too;
    everything else, the create above all, retries GET only.
    """
    session = requests.Session()
    session.headers.update(
        {
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }
    )
    get_only = HTTPAdapter(max_retries=read_retry(total=retries, methods=frozenset({"GET"})))
    reads = HTTPAdapter(max_retries=read_retry(total=retries, methods=frozenset({"GET", "POST"})))
    session.mount(f"{base_url}/", get_only)
    session.mount(f"{base_url}/v3/appointment-definitions/", reads)
    session.mount(f"{base_url}/v3/appointment-definitions", reads)
    return session
