"""Settling an attempt whose outcome is unknown: look its appointment up, by its tag, in Omneo."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.errors import OmneoError, OmneoRateLimited
from booking_portal.omneo.resources import Appointment

from .attempt_records import record_created
from .booking_attempt import OMNEO_TAG_PREFIX, UNSETTLED, BookingAttempt, CheckResult

logger = logging.getLogger(__name__)
Outcome = BookingAttempt.Outcome
NOT_BOOKED = frozenset({"cancelled", "rejected"})


@dataclass(frozen=True)
class Lookup:
    """What Omneo holds for an attempt: its own appointment, nothing, or several to tell apart."""

    result: str
    appointment: Appointment | None = None
    candidate_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Check:
    """One settling check: what it found, and how long Omneo asked us to wait, if it did."""

    result: str
    retry_after: float | None = None


def meta_strings(appointment: Appointment) -> set[str]:
    """Every string in an appointment's meta, whether Omneo gave a list or an object."""
    found: set[str] = set()
    for entry in appointment.meta:
        if isinstance(entry, tuple) and len(entry) == 2:  # an object's (key, value) pair
            key, value = entry
            found.update({str(key), str(value), f"{key}:{value}"})
        else:
            found.add(str(entry))
    return found


def _is_portal_tagged(appointment: Appointment) -> bool:
    return any(text.startswith(OMNEO_TAG_PREFIX) for text in meta_strings(appointment))


def attempt_lookup(*, attempt: BookingAttempt, client: OmneoClient) -> Lookup:
    """Find the attempt's own appointment by its tag; never one another attempt holds.

    Same-time appointments without any portal tag may be this one if Omneo dropped the tag:
    they make the lookup ambiguous, for an admin to decide, never a guess.
    """
    listed = client.appointment_list(
        filters={
            "profile_id": attempt.profile_id,
            "appointment_definition_id": attempt.definition_id,
            "location_id": attempt.location_id,
        }
    )
    start = attempt.scheduled_start.astimezone(UTC)
    same_time = [
        item
        for item in listed
        if item.scheduled_start_at is not None
        and abs(item.scheduled_start_at - start) < timedelta(seconds=1)
        and item.location_id == attempt.location_id
    ]
    linked = set(
        BookingAttempt.objects.filter(omneo_appointment_id__in=[item.id for item in same_time])
        .exclude(pk=attempt.pk)
        .values_list("omneo_appointment_id", flat=True)
    )
    tagged = [item for item in same_time if attempt.omneo_tag in meta_strings(item)]
    if len(tagged) == 1 and tagged[0].id not in linked:
        return Lookup(CheckResult.FOUND, appointment=tagged[0])
    untagged = [
        item
        for item in same_time
        if not _is_portal_tagged(item) and item.id not in linked and item.status not in NOT_BOOKED
    ]
    if tagged or untagged:
        ids = tuple(item.id for item in [*tagged, *untagged])
        return Lookup(CheckResult.AMBIGUOUS, candidate_ids=ids)
    return Lookup(CheckResult.ABSENT)


def grace_over(attempt: BookingAttempt, *, now: datetime) -> bool:
    """Whether a create still in flight at Omneo would have shown up by now."""
    if attempt.outcome == Outcome.PENDING:
        return attempt.created_at <= now - timedelta(seconds=settings.BOOKING_PENDING_CHECK_SECONDS)
    since = attempt.answered_at or attempt.created_at
    return since <= now - timedelta(seconds=settings.BOOKING_SETTLE_GRACE_SECONDS)


def _noted(attempt: BookingAttempt, result: str, now: datetime, **changes: Any) -> None:
    attempt.checked_at = now
    attempt.check_count += 1
    attempt.check_result = result
    for name, value in changes.items():
        setattr(attempt, name, value)
    attempt.save()


def attempt_check(*, attempt: BookingAttempt, client: OmneoClient | None = None) -> Check:
    """Look once and record what was found; only a settled answer changes the outcome.

    Found → created. Several candidates → needs review. Nothing, once a create still in flight
    would have shown → failed (nothing booked); before that → still unknown ("not yet").
    A pending attempt younger than the pending check age is in flight and is left alone.
    """
    attempt.refresh_from_db()
    now = timezone.now()
    if attempt.outcome not in UNSETTLED:
        return Check(attempt.check_result or CheckResult.FOUND)
    if attempt.outcome == Outcome.PENDING and not grace_over(attempt, now=now):
        return Check(CheckResult.NOT_YET)
    try:
        lookup = attempt_lookup(attempt=attempt, client=client or get_omneo_client())
    except OmneoError as error:
        _noted(attempt, CheckResult.UNREACHABLE, now)
        retry_after = error.retry_after if isinstance(error, OmneoRateLimited) else None
        logger.warning(
            "Booking attempt %s could not be checked: %s",
            attempt.pk,
            type(error).__name__,
            extra={"attempt_id": attempt.pk, "omneo_error": type(error).__name__},
        )
        return Check(CheckResult.UNREACHABLE, retry_after=retry_after)
    if lookup.result == CheckResult.FOUND and lookup.appointment is not None:
        record_created(
            attempt,
            lookup.appointment,
            recovered=True,
            checked_at=now,
            check_result=CheckResult.FOUND,
            check_count=attempt.check_count + 1,
        )
    elif lookup.result == CheckResult.AMBIGUOUS:
        _noted(
            attempt,
            lookup.result,
            now,
            outcome=Outcome.REVIEW,
            candidate_ids=list(lookup.candidate_ids),
        )
    elif attempt.outcome == Outcome.REVIEW or grace_over(attempt, now=now):
        _noted(attempt, CheckResult.ABSENT, now, outcome=Outcome.FAILED)
    else:
        _noted(attempt, CheckResult.NOT_YET, now)
    logger.info(
        "Booking attempt %s checked: %s",
        attempt.pk,
        attempt.check_result,
        extra={"attempt_id": attempt.pk, "omneo_id": attempt.omneo_appointment_id},
    )
    return Check(attempt.check_result)
