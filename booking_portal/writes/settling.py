"""Settling a write whose outcome is unknown: one grace rule and one check for every kind."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from booking_portal.omneo import OmneoClient
from booking_portal.omneo.errors import OmneoError, OmneoRateLimited
from booking_portal.omneo.resources import QueueEntry, Visit, WaitlistEntry

from .lookups import write_lookup
from .models import UNSETTLED, AppointmentWrite, BookingAttempt, CheckResult, OmneoWrite
from .outcomes import Written

logger = logging.getLogger(__name__)
FAILED, REVIEW, PENDING = "failed", "review", "pending"


@dataclass(frozen=True)
class Check:
    """One settling check: what it found, and how long Omneo asked us to wait, if it did."""

    result: str
    retry_after: float | None = None


def grace_over(record: OmneoWrite, *, now: datetime) -> bool:
    """Whether a write still in flight at Omneo would have shown up by now."""
    if record.outcome == PENDING:
        return record.created_at <= now - timedelta(seconds=settings.BOOKING_PENDING_CHECK_SECONDS)
    since = record.answered_at or record.created_at
    return since <= now - timedelta(seconds=settings.BOOKING_SETTLE_GRACE_SECONDS)


def record_done(record: OmneoWrite, answer: Written, **extra: object) -> None:
    """Omneo has the write: keep its answer and what it changed (only these columns)."""
    fields: dict[str, object] = {
        "outcome": record.DONE,
        "response_body": {"data": dict(answer.raw)},
    }
    if isinstance(record, BookingAttempt):
        fields.update(omneo_appointment_id=answer.id, candidate_ids=[])
    elif isinstance(record, AppointmentWrite) and not isinstance(answer, Visit):
        fields["status_after"] = answer.status
        if isinstance(answer, WaitlistEntry):
            fields["waitlist_entry_id"] = record.waitlist_entry_id or answer.id
        elif isinstance(answer, QueueEntry):
            fields["queue_entry_id"] = record.queue_entry_id or answer.id
    record.record(**fields, **extra)


def write_check(*, record: OmneoWrite, client: OmneoClient) -> Check:
    """Look once and record what was found; only a settled answer changes the outcome.

    Found → done (recovered). Several candidates for a create → needs review. Nothing, once a
    write still in flight would have shown → failed; before that → still unknown ("not yet").
    A pending write younger than the pending check age is in flight and is left alone.
    """
    record.refresh_from_db()
    now = timezone.now()
    if record.outcome not in UNSETTLED:
        return Check(record.check_result or CheckResult.FOUND)
    if record.outcome == PENDING and not grace_over(record, now=now):
        return Check(CheckResult.NOT_YET)
    noted = {"checked_at": now, "check_count": record.check_count + 1}
    try:
        lookup = write_lookup(record=record, client=client)
    except OmneoError as error:
        record.record(check_result=CheckResult.UNREACHABLE, **noted)
        logger.warning(
            "%s %s could not be looked up: %s",
            type(record).__name__,
            record.pk,
            type(error).__name__,
            extra={"write_id": record.pk, "omneo_error": type(error).__name__},
        )
        retry_after = error.retry_after if isinstance(error, OmneoRateLimited) else None
        return Check(CheckResult.UNREACHABLE, retry_after=retry_after)
    if lookup.result == CheckResult.FOUND and lookup.found is not None:
        record_done(record, lookup.found, recovered=True, check_result=CheckResult.FOUND, **noted)
    elif lookup.result == CheckResult.AMBIGUOUS:
        record.record(
            outcome=REVIEW,
            check_result=lookup.result,
            candidate_ids=list(lookup.candidate_ids),
            **noted,
        )
    elif record.outcome == REVIEW or grace_over(record, now=now):
        record.record(outcome=FAILED, check_result=CheckResult.ABSENT, **noted)
    else:
        record.record(check_result=CheckResult.NOT_YET, **noted)
    logger.info(
        "%s %s checked: %s",
        type(record).__name__,
        record.pk,
        record.check_result,
        extra={"write_id": record.pk},
    )
    return Check(record.check_result)
