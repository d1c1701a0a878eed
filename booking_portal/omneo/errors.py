"""Typed Omneo failures, and the one table that turns an HTTP status into one of them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar, Protocol

from django.utils import timezone

BODY_EXCERPT_LIMIT = 1024
# Methods that change something at Omneo: a 5xx after one leaves its outcome unknown.
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class ResponseLike(Protocol):
    """What error_from_response() reads of an HTTP response (requests.Response fits)."""

    status_code: int
    headers: Mapping[str, str]
    text: str


class OmneoError(Exception):
    """Base of every Omneo failure: carries HTTP context, never the token or headers."""

    outcome_unknown: ClassVar[bool] = False
    default_message: ClassVar[str] = "Omneo could not complete the request."

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        request_id: str | None = None,
        method: str | None = None,
        path: str | None = None,
        body: str = "",
    ) -> None:
        self.message = message or self.default_message
        self.status = status
        self.request_id = request_id
        self.method = method
        self.path = path
        self.body = body
        super().__init__(self.message)

    @property
    def body_excerpt(self) -> str:
        """The response body, cut to a size that is safe to store and log."""
        return self.body[:BODY_EXCERPT_LIMIT]

    def __str__(self) -> str:
        where = f" ({self.method} {self.path})" if self.method and self.path else ""
        status = f"{self.status} " if self.status else ""
        return f"{status}{self.message}{where}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, message={self.message!r})"


class OmneoTransportError(OmneoError):
    """No usable HTTP response came back."""

    default_message = "Omneo could not be reached."


class OmneoUnreachable(OmneoTransportError):
    """Refused, DNS, TLS or connect timeout: the request was not sent, so a retry is safe."""

    default_message = "Omneo refused the connection or could not be reached."


class OmneoTimeout(OmneoTransportError):
    """Read timeout: the request was sent and its outcome is unknown."""

    outcome_unknown = True
    default_message = "Omneo did not answer in time."


class OmneoConnectionReset(OmneoTransportError):
    """The connection broke mid-exchange: the outcome is unknown."""

    outcome_unknown = True
    default_message = "The connection to Omneo broke before it answered."


class OmneoHTTPError(OmneoError):
    """Omneo answered with a status of 400 or more."""


class OmneoAuthError(OmneoHTTPError):
    """401: the token is missing, invalid or expired."""

    default_message = "Unauthenticated."


class OmneoForbidden(OmneoHTTPError):
    """403: the token lacks a scope this call needs."""

    default_message = "This action is unauthorized."


class OmneoNotFound(OmneoHTTPError):
    """404: no such record."""

    default_message = "Not found."


class OmneoValidationError(OmneoHTTPError):
    """422: Omneo refused the input; field_errors keeps its keys exactly as sent."""

    default_message = "The given data was invalid."

    def __init__(
        self,
        message: str | None = None,
        *,
        field_errors: Mapping[str, tuple[str, ...]] | None = None,
        **context: Any,
    ) -> None:
        super().__init__(message, **context)
        self.field_errors: dict[str, tuple[str, ...]] = dict(field_errors or {})


class OmneoRateLimited(OmneoHTTPError):
    """429: too many requests; retry_after is the wait in seconds when Omneo gave one."""

    default_message = "Too many requests."

    def __init__(
        self, message: str | None = None, *, retry_after: float | None = None, **context: Any
    ) -> None:
        super().__init__(message, **context)
        self.retry_after = retry_after


class OmneoServerError(OmneoHTTPError):
    """5xx: Omneo failed; for a write (create, update), it may or may not have happened."""

    default_message = "Omneo had an internal error."

    @property
    def outcome_unknown(self) -> bool:  # type: ignore[override]
        return self.method in WRITE_METHODS


class OmneoBadResponse(OmneoError):
    """A success status whose body is not the documented shape; the write may have happened."""

    outcome_unknown = True
    default_message = "Omneo sent an answer the portal could not read."


STATUS_TO_ERROR: dict[int, type[OmneoHTTPError]] = {
    401: OmneoAuthError,
    403: OmneoForbidden,
    404: OmneoNotFound,
    422: OmneoValidationError,
    429: OmneoRateLimited,
}


def retry_after_seconds(value: str | None) -> float | None:
    """Parse Retry-After, given either as seconds or as an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (moment - timezone.now()).total_seconds())


def _json_object(text: str) -> dict[str, Any]:
    try:
        decoded = json.loads(text)
    except ValueError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


def _field_errors(raw: object) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        return {}
    field_errors: dict[str, tuple[str, ...]] = {}
    for key, messages in raw.items():
        if isinstance(messages, str):
            messages = [messages]
        if isinstance(messages, list):
            field_errors[str(key)] = tuple(str(message) for message in messages)
    return field_errors


def error_from_response(
    response: ResponseLike, *, method: str | None = None, path: str | None = None
) -> OmneoHTTPError:
    """Build the typed error for a response with status >= 400."""
    status = response.status_code
    body = response.text or ""
    payload = _json_object(body)
    message = payload.get("message") if isinstance(payload.get("message"), str) else None
    context: dict[str, Any] = {
        "status": status,
        "request_id": response.headers.get("X-Request-Id") or response.headers.get("X-Request-ID"),
        "method": method,
        "path": path,
        "body": body[:BODY_EXCERPT_LIMIT],
    }
    if status == 422:
        return OmneoValidationError(
            message, field_errors=_field_errors(payload.get("errors")), **context
        )
    if status == 429:
        retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        return OmneoRateLimited(message, retry_after=retry_after, **context)
    error_class = STATUS_TO_ERROR.get(status)
    if error_class is None:
        error_class = OmneoServerError if status >= 500 else OmneoHTTPError
    return error_class(message, **context)
