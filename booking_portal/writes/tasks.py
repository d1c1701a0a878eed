"""Settling writes in the background, run by the database worker (`manage.py db_worker`).

One backoff for every kind of write, and one task per kind (the task names the record's table).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from booking_portal.omneo import OmneoClient, get_omneo_client

from .models import AppointmentWrite, BookingAttempt, OmneoWrite
from .settling import PENDING, Check, grace_over, write_check

FIRST_BACKOFF_SECONDS = 5.0


def backoff_seconds(round_number: int, *, retry_after: float | None = None) -> float:
    """Exponential from 5 s, capped; never sooner than Omneo's Retry-After."""
    delay = min(
        settings.BOOKING_SETTLE_MAX_BACKOFF_SECONDS, FIRST_BACKOFF_SECONDS * 2**round_number
    )
    return max(delay, retry_after or 0.0)


def _queue(record: OmneoWrite, *, delay: float, round_number: int) -> None:
    settle = settle_attempt if isinstance(record, BookingAttempt) else settle_write
    run_after = timezone.now() + timedelta(seconds=delay)
    settle.using(run_after=run_after).enqueue(record.pk, round_number)


def check_later(record: OmneoWrite) -> None:
    """Queue the safety-net check after the pending age, in case the process dies mid-call."""
    _queue(record, delay=settings.BOOKING_PENDING_CHECK_SECONDS, round_number=0)


def check_soon(
    record: OmneoWrite, *, round_number: int = 0, retry_after: float | None = None
) -> None:
    """Queue the next check of an unsettled write: after the backoff and after its grace."""
    delay = backoff_seconds(round_number, retry_after=retry_after)
    if record.outcome == PENDING:  # still in flight: wait for its age
        if not grace_over(record, now=timezone.now()):
            delay = max(delay, settings.BOOKING_PENDING_CHECK_SECONDS)
    else:
        since = record.answered_at or record.created_at
        grace_ends = since + timedelta(seconds=settings.BOOKING_SETTLE_GRACE_SECONDS)
        delay = max(delay, (grace_ends - timezone.now()).total_seconds() + 0.5)
    _queue(record, delay=delay, round_number=round_number)


def _check(record: OmneoWrite, *, round_number: int, client: OmneoClient) -> Check:
    """Check once; while the write stays unsettled (but not for review), check again later."""
    check = write_check(record=record, client=client)
    if record.outcome in (PENDING, "unknown"):
        check_soon(record, round_number=round_number, retry_after=check.retry_after)
    elif isinstance(record, AppointmentWrite):
        from .visits import visit_follow_up  # visits queue their own retries with this backoff

        visit_follow_up(record)  # an arrival's visit, or a visit to send again
    return check


def recheck_now(*, record: OmneoWrite, client: OmneoClient | None = None) -> Check:
    """Look a write up now (staff's "check again", the admin's check); never send it again."""
    return _check(record, round_number=0, client=client or get_omneo_client())


def _settle(record: OmneoWrite | None, round_number: int) -> str:
    if record is None:
        return "gone"
    return str(_check(record, round_number=round_number + 1, client=get_omneo_client()).result)


@task
def settle_attempt(attempt_id: int, round_number: int = 0) -> str:
    """Check one booking attempt; while it stays pending or unknown, check again later."""
    return _settle(BookingAttempt.objects.filter(pk=attempt_id).first(), round_number)


@task
def settle_write(write_id: int, round_number: int = 0) -> str:
    """Check one later write; while it stays pending or unknown, check again later."""
    return _settle(AppointmentWrite.objects.filter(pk=write_id).first(), round_number)
