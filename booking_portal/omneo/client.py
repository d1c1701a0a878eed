"""OmneoClient: every Omneo call the portal makes, over one pooled session, with typed failures."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from typing import Any

import requests
from urllib3.exceptions import (
    ConnectTimeoutError,
    NameResolutionError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.exceptions import SSLError as Urllib3SSLError

from .calls import (
    AppointmentCalls,
    AvailabilityCalls,
    ClientelingCalls,
    DefinitionCalls,
    ProfileCalls,
    QueueCalls,
    VisitCalls,
    WaitlistCalls,
)
from .errors import (
    OmneoBadResponse,
    OmneoConnectionReset,
    OmneoError,
    OmneoTimeout,
    OmneoUnreachable,
    error_from_response,
)
from .held import refuse_if_held
from .transport import build_session, is_read, retry_wait

logger = logging.getLogger(__name__)

NOT_SENT = (NewConnectionError, NameResolutionError, ConnectTimeoutError, Urllib3SSLError)


def _causes(exc: BaseException) -> Iterator[object]:
    """Walk an exception's args and causes, where requests buries urllib3's real reason."""
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        item = pending.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, BaseException):
            pending.extend(item.args)
            pending.extend(x for x in (item.__cause__, item.__context__) if x is not None)
            reason = getattr(item, "reason", None)
            if reason is not None:
                pending.append(reason)


def _transport_error(exc: requests.RequestException) -> type[OmneoError]:
    """Which transport failure this was: not sent (safe to retry), timed out, or broken mid-way."""
    if isinstance(exc, requests.ConnectTimeout | requests.exceptions.SSLError):
        return OmneoUnreachable
    if isinstance(exc, requests.ReadTimeout):
        return OmneoTimeout
    causes = list(_causes(exc))
    if any(isinstance(cause, ReadTimeoutError) for cause in causes):
        return OmneoTimeout
    if any(isinstance(cause, NOT_SENT) for cause in causes):
        return OmneoUnreachable
    return OmneoConnectionReset


class OmneoClient(
    AppointmentCalls,
    DefinitionCalls,
    AvailabilityCalls,
    ProfileCalls,
    WaitlistCalls,
    QueueCalls,
    VisitCalls,
    ClientelingCalls,
):
    """A client for Omneo's v3 API; get it from get_omneo_client(), never build one per request."""

    def __init__(
        self,
        *,
        base_url: str,
        token: str,
        connect_timeout: float = 3.05,
        read_timeout: float = 10.0,
        read_retries: int = 2,
        lookup_budget: float = 4.0,
        default_timezone: str = "Australia/Sydney",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.read_retries = read_retries
        self.lookup_budget = lookup_budget
        self.default_timezone = default_timezone
        self._session = build_session(token=token)

    def __repr__(self) -> str:
        return f"OmneoClient(base_url={self.base_url!r})"

    def close(self) -> None:
        self._session.close()

    # -- transport ---------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
        token: str | None = None,
        envelope: str = "data",
    ) -> dict[str, Any]:
        """Send a request and return the decoded JSON body; every failure is an OmneoError.

        `token` sends another bearer token for this request only (a Clienteling user's, to
        identify them); `envelope` is "data" (the usual wrapper), "object" (any JSON object) or
        "status" (the body is not read).

        A read is retried while its budget lasts, and gives up when the budget is spent; the
        writes (create, update, waitlist, queue, visit) are sent once, with the full timeouts.
        """
        refuse_if_held()
        extra = {"token": token, "envelope": envelope}
        if not is_read(method, path):
            return self._send(method, path, params=params, json=json, timeout=self.timeout, **extra)
        deadline = time.monotonic() + self.lookup_budget
        tries = 0
        while True:
            tries += 1
            remaining = deadline - time.monotonic()
            timeout = (min(self.timeout[0], remaining), min(self.timeout[1], remaining))
            try:
                return self._send(method, path, params=params, json=json, timeout=timeout, **extra)
            except OmneoError as error:
                remaining = deadline - time.monotonic()
                wait = retry_wait(
                    error, tries_so_far=tries, retries=self.read_retries, remaining=remaining
                )
                if wait is None:
                    raise
                time.sleep(wait)

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None,
        json: Mapping[str, Any] | None,
        timeout: tuple[float, float],
        token: str | None = None,
        envelope: str = "data",
    ) -> dict[str, Any]:
        """One HTTP exchange, translated: the decoded body, or the matching OmneoError."""
        url = f"{self.base_url}{path}"
        headers = {"Authorization": f"Bearer {token}"} if token is not None else None
        started = time.monotonic()
        try:
            response = self._session.request(
                method, url, params=params, json=json, timeout=timeout, headers=headers
            )
        except requests.RequestException as exc:
            error_class = _transport_error(exc)
            logger.warning(
                "Omneo %s %s failed: %s",
                method,
                path,
                error_class.__name__,
                extra={"omneo_path": path, "omneo_error": error_class.__name__},
            )
            raise error_class(method=method, path=path) from exc
        elapsed_ms = round((time.monotonic() - started) * 1000)
        logger.info(
            "Omneo %s %s -> %s in %s ms",
            method,
            path,
            response.status_code,
            elapsed_ms,
            extra={"omneo_status": response.status_code, "omneo_ms": elapsed_ms},
        )
        if response.status_code >= 400:
            raise error_from_response(response, method=method, path=path)
        if envelope == "status":
            return {}
        try:
            body = response.json()
        except (ValueError, requests.exceptions.ChunkedEncodingError) as exc:
            raise OmneoBadResponse(
                status=response.status_code, method=method, path=path, body=response.text[:1024]
            ) from exc
        if not isinstance(body, dict) or (envelope == "data" and "data" not in body):
            raise OmneoBadResponse(
                status=response.status_code, method=method, path=path, body=response.text[:1024]
            )
        return body
