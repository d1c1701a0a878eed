"""The one send step every write to Omneo takes, once its record is claimed."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.errors import OmneoError

from .models import AppointmentWrite, OmneoWrite
from .outcomes import UNKNOWN, Written
from .records import record_failure, write_claim
from .settling import record_done, write_check
from .tasks import check_soon

logger = logging.getLogger(__name__)


class WriteFailed(Exception):
    """Omneo refused the write, or its outcome is not known yet; the record says which."""

    def __init__(self, *, record: OmneoWrite, error: OmneoError) -> None:
        super().__init__(f"{type(record).__name__} {record.pk} {record.outcome}: {error}")
        self.record = record
        self.error = error


def write_send[W: OmneoWrite](
    record: W,
    call: Callable[[], Written],
    *,
    client: OmneoClient,
    answer_status: int = 200,
) -> W:
    """Make the one call and record its answer; an unknown outcome is looked up at once.

    Raises WriteFailed unless Omneo is known to have the write (from its answer or the look-up);
    a write still unknown after the look-up is left to the worker.
    """
    started = time.monotonic()
    try:
        answer = call()
    except OmneoError as error:
        record_failure(record, error, duration_ms=round((time.monotonic() - started) * 1000))
        logger.warning(
            "%s %s: %s",
            type(record).__name__,
            record.pk,
            record.outcome,
            extra={
                "write_id": record.pk,
                "omneo_status": error.status,
                "omneo_request_id": error.request_id,
                "omneo_error": type(error).__name__,
            },
        )
        if record.outcome == UNKNOWN:
            check = write_check(record=record, client=client)
            if record.outcome == UNKNOWN:
                check_soon(record, retry_after=check.retry_after)
        if record.outcome != record.DONE:
            raise WriteFailed(record=record, error=error) from error
        return record
    duration_ms = round((time.monotonic() - started) * 1000)
    record_done(
        record,
        answer,
        answered_at=timezone.now(),
        http_status=answer_status,
        duration_ms=duration_ms,
    )
    return record


def change_send(
    call: Callable[[OmneoClient], Written],
    *,
    target: str,
    client: OmneoClient | None = None,
    answer_status: int = 200,
    **fields: Any,
) -> AppointmentWrite:
    """Claim a write after the create under its token and target, then make its one call.

    The one door for status changes, reschedules, waitlist and walk-in writes. Raises
    AlreadySent, StillUnsettled or WriteFailed (rejected, failed, unknown).
    """
    client = client or get_omneo_client()
    write = write_claim(AppointmentWrite, target={"target": target}, **fields)
    return write_send(write, lambda: call(client), client=client, answer_status=answer_status)
