"""The sandbox's HTTP plumbing: bearer token, armed faults, JSON bodies, errors, wire values."""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import partial, wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from . import faults
from .validation import laravel_body

View = Callable[..., HttpResponse]
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
WIRE = "%Y-%m-%d %H:%M:%S"
WALL_CLOCK = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def not_found(message: str = "Not found.") -> JsonResponse:
    return JsonResponse({"message": message}, status=404)


def unprocessable(errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse(laravel_body(errors), status=422)


@csrf_exempt
def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    return not_found(f"The route {request.path} could not be found.")


def has_sandbox_token(request: HttpRequest) -> bool:
    """Whether the request carries the bearer token the sandbox accepts."""
    header = request.headers.get("Authorization", "")
    expected = f"Bearer {settings.OMNEO_SANDBOX_TOKEN}"
    return hmac.compare_digest(header.encode(), expected.encode())


def unauthenticated() -> JsonResponse:
    return JsonResponse({"message": "Unauthenticated."}, status=401)


def endpoint(*methods: str) -> Callable[[View], View]:
    """JSON endpoint: bearer token required, method checked, armed faults applied."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not has_sandbox_token(request):
                return unauthenticated()
            if request.method not in methods:
                return JsonResponse({"message": "Method not allowed."}, status=405)
            fault = faults.take(request)
            if fault is not None:
                run = partial(view, request, *args, **kwargs)
                return faults.answer_with(fault, run, request.path)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def json_body(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body or b"{}")
    except ValueError:
        return None


def as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def as_day(value: Any) -> date | None:
    """A strict YYYY-MM-DD date, as Laravel's date_format:Y-m-d reads it; else None."""
    if not isinstance(value, str) or not DAY.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def wall_clock(value: str, zone: ZoneInfo) -> datetime | None:
    """A strict "YYYY-MM-DD HH:MM:SS" wall-clock time in the zone; else None."""
    if not WALL_CLOCK.fullmatch(value):
        return None
    try:
        return datetime.strptime(value, WIRE).replace(tzinfo=zone)
    except ValueError:
        return None


def iso(moment: datetime | None) -> str | None:
    """UTC ISO 8601 as Laravel writes it, or None."""
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
