"""Fault injection for tests and demos: armed faults answer instead of (or after) the endpoint.

Off unless settings.OMNEO_SANDBOX_FAULTS is true. State lives in this process, behind a lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

KINDS = (
    "latency",
    "rate_limit",
    "server_error",
    "unavailable",
    "timeout",
    "malformed",
    "unauthorized",
    "forbidden",
)
SERVER_ERROR_PAGE = "<!DOCTYPE html><html><body><h1>500 | Server Error</h1></body></html>"


@dataclass
class Fault:
    kind: str
    method: str
    path_suffix: str
    times: int
    seconds: float


_armed: list[Fault] = []
_lock = threading.Lock()


def arm(
    *,
    kind: str,
    method: str = "POST",
    path_suffix: str = "/v3/appointments",
    times: int = 1,
    seconds: float = 0.0,
) -> None:
    """Make the next `times` matching requests fail in the given way."""
    if kind not in KINDS:
        raise ValueError(f"Unknown fault {kind!r}; one of {', '.join(KINDS)}.")
    with _lock:
        _armed.append(Fault(kind, method.upper(), path_suffix, times, seconds))


def clear() -> None:
    with _lock:
        _armed.clear()


def take(request: HttpRequest) -> Fault | None:
    """The armed fault for this request, used up once; None when faults are off or none match."""
    if not settings.OMNEO_SANDBOX_FAULTS:
        return None
    path = request.path.rstrip("/")
    with _lock:
        for fault in _armed:
            if fault.method == request.method and path.endswith(fault.path_suffix.rstrip("/")):
                fault.times -= 1
                if fault.times <= 0:
                    _armed.remove(fault)
                return fault
    return None


def answer_with(fault: Fault, view: Callable[[], HttpResponse]) -> HttpResponse:
    """Answer a request the armed fault's way; some faults let the real endpoint run first."""
    if fault.kind == "latency":
        time.sleep(fault.seconds)
        return view()
    if fault.kind == "rate_limit":
        response = JsonResponse({"message": "Too Many Attempts."}, status=429)
        response["Retry-After"] = str(int(fault.seconds) or 30)
        return response
    if fault.kind == "server_error":
        return HttpResponse(SERVER_ERROR_PAGE, status=500, content_type="text/html")
    if fault.kind == "unavailable":
        return HttpResponse(SERVER_ERROR_PAGE, status=503, content_type="text/html")
    if fault.kind == "unauthorized":
        return JsonResponse({"message": "Unauthenticated."}, status=401)
    if fault.kind == "forbidden":
        return JsonResponse({"message": "Invalid scope(s) provided."}, status=403)
    real = view()
    if fault.kind == "timeout":
        time.sleep(fault.seconds)
        return real
    return HttpResponse("<html>oops", status=real.status_code, content_type="application/json")
