"""The Omneo sandbox as a server of its own that answers every request SANDBOX_LATENCY_MS late.

Served by gunicorn in tests/benchmarks/load_gunicorn.py, so the portal under load waits on Omneo
the way it does in production (the in-process fault injection is per worker process).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from typing import Any

from booking_portal.wsgi import application as portal_application

LATENCY = float(os.environ.get("SANDBOX_LATENCY_MS", "150")) / 1000


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """The portal's WSGI application (its sandbox routes are the ones called), made slow."""
    time.sleep(LATENCY)
    return portal_application(environ, start_response)
