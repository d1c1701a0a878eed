"""Background read-backs of writes whose outcome is unknown, run by the database worker."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from booking_portal.omneo import get_omneo_client
from booking_portal.writes.attempt_tasks import backoff_seconds

from .checks import write_check
from .models import AppointmentWrite


def _queue(write: AppointmentWrite, *, delay: float, round_number: int) -> None:
    run_after = timezone.now() + timedelta(seconds=delay)
    settle_write.using(run_after=run_after).enqueue(write.pk, round_number)


def check_write_later(write: AppointmentWrite) -> None:
    """Queue a read-back after the pending age, in case the process dies mid-call."""
    _queue(write, delay=settings.BOOKING_PENDING_CHECK_SECONDS, round_number=0)


def check_write_soon(
    write: AppointmentWrite, *, round_number: int = 0, retry_after: float | None = None
) -> None:
    """Queue the next read-back of an unknown write: after the backoff and Retry-After."""
    _queue(
        write,
        delay=backoff_seconds(round_number, retry_after=retry_after),
        round_number=round_number,
    )


@task
def settle_write(write_id: int, round_number: int = 0) -> str:
    """Read one write back; while it stays unknown (or pending), read again later."""
    write = AppointmentWrite.objects.filter(pk=write_id).first()
    if write is None:
        return "gone"
    check = write_check(write=write, client=get_omneo_client())
    if not write.is_settled:
        check_write_soon(write, round_number=round_number + 1, retry_after=check.retry_after)
    return str(check.result)
