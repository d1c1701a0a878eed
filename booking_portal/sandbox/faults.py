"""Fault injection for tests and demos: armed faults answer instead of (or after) the endpoint.

Off unless settings.OMNEO_SANDBOX_FAULTS is true. Armed faults are SandboxFault rows, so every
process serving the sandbox sees them and each use is consumed exactly once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, JsonResponse

from .models import SandboxFault

# Faults that answer without running the endpoint: nothing is created.
REFUSING = (
    "unauthorized",
    "forbidden",
    "not_found",
    "rate_limit",
    "server_error",
    "bad_gateway",
    "unavailable",
)
# Faults that run the real endpoint (a create really happens), then spoil or delay the answer.
RUNNING = ("latency", "timeout", "malformed", "no_data", "applied_server_error")
KINDS = REFUSING + RUNNING
SERVER_ERROR_PAGE = "<!DOCTYPE html><html><body><h1>500 | Server Error</h1></body></html>"
BAD_GATEWAY_PAGE = (
    "<html><head><title>502 Bad Gateway</title></head>"
    "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
)
UNAVAILABLE_PAGE = "<!DOCTYPE html><html><body><h1>503 | Service Unavailable</h1></body></html>"
MALFORMED_BODY = "<html>oops"
DEFAULT_RETRY_AFTER = 30
# The resource a path names, for Laravel's "No query results for model [X]." and no_data's key.
RESOURCES = (
    ("appointment-queues", "AppointmentQueue", "appointment_queue"),
    ("visits", "Visit", "visit"),
    ("appointment-definitions", "AppointmentDefinition", "appointment_definition"),
    ("locations", "Location", "location"),
    ("profiles", "Profile", "profile"),
    ("appointments", "Appointment", "appointment"),
)


@dataclass(frozen=True)
class Fault:
    """One use of an armed fault."""

    kind: str
    method: str
    path_suffix: str
    seconds: float


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
    if not isinstance(times, int) or isinstance(times, bool) or times < 1:
        raise ValueError("times must be a whole number of at least 1.")
    if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds < 0:
        raise ValueError("seconds must be a number of at least 0.")
    if not isinstance(method, str) or not isinstance(path_suffix, str):
        raise TypeError("method and path_suffix must be strings.")
    SandboxFault.objects.create(
        kind=kind, method=method.upper(), path_suffix=path_suffix, times=times, seconds=seconds
    )


def clear() -> None:
    """Disarm every fault."""
    SandboxFault.objects.all().delete()


def take(request: HttpRequest) -> Fault | None:
    """The first armed fault matching this request, used up once; None when off or none match."""
    if not settings.OMNEO_SANDBOX_FAULTS:
        return None
    armed = SandboxFault.objects.filter(method=request.method, times__gt=0)
    if not armed.exists():  # the usual case: no write lock taken
        return None
    path = request.path.rstrip("/")
    with transaction.atomic():
        for row in armed.select_for_update():
            if not path.endswith(row.path_suffix.rstrip("/")):
                continue
            # Conditional, so a use is never consumed twice even where rows cannot be locked.
            used = SandboxFault.objects.filter(pk=row.pk, times__gt=0).update(times=F("times") - 1)
            if used:
                SandboxFault.objects.filter(pk=row.pk, times=0).delete()
                return Fault(row.kind, row.method, row.path_suffix, row.seconds)
    return None


def _resource(path: str) -> tuple[str, str]:
    """The model name and JSON key of the resource a path names."""
    found = ((name, key) for segment, name, key in RESOURCES if segment in path)
    return next(found, ("Model", "item"))


def _refusal(fault: Fault, path: str) -> HttpResponse:
    if fault.kind == "unauthorized":
        return JsonResponse({"message": "Unauthenticated."}, status=401)
    if fault.kind == "forbidden":
        return JsonResponse({"message": "Invalid scope(s) provided."}, status=403)
    if fault.kind == "not_found":
        message = f"No query results for model [{_resource(path)[0]}]."
        return JsonResponse({"message": message}, status=404)
    if fault.kind == "rate_limit":
        response = JsonResponse({"message": "Too Many Attempts."}, status=429)
        response["Retry-After"] = str(int(fault.seconds) or DEFAULT_RETRY_AFTER)
        return response
    page, status = {
        "server_error": (SERVER_ERROR_PAGE, 500),
        "bad_gateway": (BAD_GATEWAY_PAGE, 502),
        "unavailable": (UNAVAILABLE_PAGE, 503),
    }[fault.kind]
    return HttpResponse(page, status=status, content_type="text/html")


def _without_data(real: HttpResponse, path: str) -> HttpResponse:
    """The real success answer with `data` moved under another key; other answers as they are."""
    try:
        body = json.loads(real.content)
    except ValueError:
        return real
    if not real.status_code < 300 or not isinstance(body, dict) or "data" not in body:
        return real
    key = _resource(path)[1]
    return JsonResponse({key: body.pop("data"), **body}, status=real.status_code)


def answer_with(fault: Fault, view: Callable[[], HttpResponse], path: str = "") -> HttpResponse:
    """Answer a request the armed fault's way; RUNNING faults let the real endpoint run first."""
    if fault.kind in REFUSING:
        return _refusal(fault, path)
    if fault.kind == "latency":
        time.sleep(fault.seconds)
        return view()
    real = view()
    if fault.kind == "timeout":
        time.sleep(fault.seconds)
        return real
    if fault.kind == "no_data":
        return _without_data(real, path)
    if fault.kind == "applied_server_error":  # the write happened; the answer says it failed
        return HttpResponse(SERVER_ERROR_PAGE, status=500, content_type="text/html")
    return HttpResponse(MALFORMED_BODY, status=real.status_code, content_type="application/json")
