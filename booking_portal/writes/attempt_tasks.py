"""Background settling of attempts, run by the database worker (`manage.py db_worker`)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from .attempt_settlement import attempt_check, grace_over
from .booking_attempt import BookingAttempt

FIRST_BACKOFF_SECONDS = 5.0


def backoff_seconds(round_number: int, *, retry_after: float | None = None) -> float:
    """Exponential from 5 s, capped; never sooner than Omneo's Retry-After."""
    delay = min(
        settings.BOOKING_SETTLE_MAX_BACKOFF_SECONDS, FIRST_BACKOFF_SECONDS * 2**round_number
    )
    return max(delay, retry_after or 0.0)


def settle_later(attempt: BookingAttempt, *, delay: float, round_number: int = 0) -> None:
    """Queue a check of the attempt `delay` seconds from now."""
    run_after = timezone.now() + timedelta(seconds=delay)
    settle_attempt.using(run_after=run_after).enqueue(attempt.pk, round_number)


def settle_soon(
    attempt: BookingAttempt, *, round_number: int = 0, retry_after: float | None = None
) -> None:
    """Queue the next check of an unknown attempt: after the backoff, and after its grace."""
    delay = backoff_seconds(round_number, retry_after=retry_after)
    since = attempt.answered_at or attempt.created_at
    grace_ends = since + timedelta(seconds=settings.BOOKING_SETTLE_GRACE_SECONDS)
    delay = max(delay, (grace_ends - timezone.now()).total_seconds() + 0.5)
    settle_later(attempt, delay=delay, round_number=round_number)


@task
def settle_attempt(attempt_id: int, round_number: int = 0) -> str:
    """Check one attempt; while it stays pending or unknown, check again later."""
    attempt = BookingAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        return "gone"
    check = attempt_check(attempt=attempt)
    if attempt.outcome == BookingAttempt.Outcome.UNKNOWN:
        settle_soon(attempt, round_number=round_number + 1, retry_after=check.retry_after)
    elif attempt.outcome == BookingAttempt.Outcome.PENDING:
        delay = backoff_seconds(round_number, retry_after=check.retry_after)
        if not grace_over(attempt, now=timezone.now()):  # still in flight: wait for its age
            delay = max(delay, settings.BOOKING_PENDING_CHECK_SECONDS)
        settle_later(attempt, delay=delay, round_number=round_number + 1)
    return str(check.result)
