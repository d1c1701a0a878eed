"""Booking writes: claim the attempt, create once in Omneo, and settle whatever comes back."""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.resources import (
    AnswerInput,
    OrderLink,
    StoreAppointment,
    TransactionLink,
)
from booking_portal.writes.attempt_records import (
    BookingInDoubt,
    DuplicateSubmission,
    attempt_claim,
    record_created,
    record_failure,
)
from booking_portal.writes.attempt_settlement import Check, attempt_check
from booking_portal.writes.attempt_tasks import settle_later, settle_soon
from booking_portal.writes.booking_attempt import UNSETTLED, BookingAttempt, CheckResult
from booking_portal.writes.outcomes import failure_outcome, with_omneo_tag

from .selectors import slots_forget
from .summary import BookingSummary

logger = logging.getLogger(__name__)
Outcome = BookingAttempt.Outcome

__all__ = [
    "BookingError",
    "BookingInDoubt",
    "DuplicateSubmission",
    "appointment_book",
    "attempt_resubmit",
    "attempt_settled",
]


class BookingError(Exception):
    """Omneo did not (or may not have) created the appointment; the attempt says which."""

    def __init__(self, *, attempt: BookingAttempt, error: OmneoError) -> None:
        super().__init__(str(error))
        self.attempt = attempt
        self.error = error


def _summary_fields(summary: BookingSummary) -> dict[str, Any]:
    return {
        "definition_id": summary.definition_id,
        "definition_name": summary.definition_name,
        "location_id": summary.location_id,
        "location_name": summary.location_name,
        "profile_id": summary.profile_id,
        "customer_name": summary.customer_name,
        "customer_email": summary.customer_email,
        "staff_id": summary.staff_id or "",
        "staff_name": summary.staff_name,
        "scheduled_start": summary.start,
        "scheduled_end": summary.end,
        "timezone": summary.timezone,
    }


def _claimed(**fields: Any) -> BookingAttempt:
    """The pending attempt and its later check, written together or not at all.

    Should this process die mid-call, the worker settles the pending attempt; with no check
    queued, a pending attempt would hold its booking in doubt for good.
    """
    with transaction.atomic():
        attempt = attempt_claim(**fields)
        settle_later(attempt, delay=settings.BOOKING_PENDING_CHECK_SECONDS)
    return attempt


def _create(attempt: BookingAttempt, appointment: StoreAppointment, client: OmneoClient) -> None:
    """Send the one create; record its answer, and look at once when the outcome is unknown.

    Raises BookingError unless the appointment is known to exist.
    """
    started = time.monotonic()
    try:
        created = client.appointment_create(appointment)
    except OmneoError as error:
        attempt.duration_ms = round((time.monotonic() - started) * 1000)
        outcome = failure_outcome(error)
        record_failure(attempt, error, outcome)
        logger.warning(
            "Booking attempt %s: %s",
            attempt.pk,
            outcome,
            extra={
                "attempt_id": attempt.pk,
                "omneo_status": error.status,
                "omneo_request_id": error.request_id,
                "omneo_error": type(error).__name__,
            },
        )
        if outcome == Outcome.UNKNOWN:
            check = attempt_check(attempt=attempt, client=client)
            if attempt.outcome == Outcome.UNKNOWN:
                settle_soon(attempt, retry_after=check.retry_after)
        if attempt.outcome != Outcome.CREATED:
            raise BookingError(attempt=attempt, error=error) from error
        return
    finally:  # booked, refused or unknown: the cached times of that store may be wrong now
        slots_forget(
            definition_id=appointment.appointment_definition_id, location_id=appointment.location_id
        )
    duration_ms = round((time.monotonic() - started) * 1000)
    record_created(attempt, created, http_status=201, duration_ms=duration_ms)


def appointment_book(
    *,
    booked_by: Any,
    form_token: uuid.UUID | str,
    appointment: StoreAppointment,
    summary: BookingSummary,
    form_data: dict[str, list[str]],
    answers_display: list[list[str]] | None = None,
    client: OmneoClient | None = None,
) -> BookingAttempt:
    """Book once per form token, and never while the same booking is unsettled.

    Raises DuplicateSubmission (token used), BookingInDoubt (another attempt at this booking
    is pending, unknown or under review) and BookingError (Omneo did not book, or may have).
    """
    appointment = with_omneo_tag(appointment, form_token)
    attempt = _claimed(
        form_token=form_token,
        booked_by=booked_by,
        payload=appointment.to_json(),
        form_data=form_data,
        answers_display=answers_display or [],
        **_summary_fields(summary),
    )
    _create(attempt, appointment, client or get_omneo_client())
    return attempt


def attempt_settled(*, attempt: BookingAttempt, wait_seconds: float = 5.0) -> BookingAttempt:
    """The attempt once its Omneo call is over (a double click arrives while it is in flight)."""
    deadline = time.monotonic() + wait_seconds
    while attempt.outcome == Outcome.PENDING and time.monotonic() < deadline:
        time.sleep(0.1)
        attempt.refresh_from_db()
    return attempt


def attempt_recheck(*, attempt: BookingAttempt, client: OmneoClient | None = None) -> Check:
    """Look an unsettled attempt up now (staff's "check again", the admin's check)."""
    check = attempt_check(attempt=attempt, client=client)
    if attempt.outcome == Outcome.UNKNOWN:
        settle_soon(attempt, retry_after=check.retry_after)
    return check


def attempt_resubmit(
    *, attempt: BookingAttempt, resubmitted_by: Any, client: OmneoClient | None = None
) -> BookingAttempt:
    """For an admin: look the appointment up first; only if Omneo has none, post it again.

    Returns the original attempt when it is (or becomes) created or stays unsettled, otherwise
    a new attempt (linked through resubmitted_from, with its own token and tag) recording the
    re-post. Raises DuplicateSubmission, without calling Omneo, when an earlier resubmission
    created the appointment, and BookingInDoubt while another attempt at it is unsettled.
    """
    booked = attempt.resubmissions.filter(outcome=Outcome.CREATED).first()
    if booked is not None:  # an earlier resubmission booked it: never post again
        raise DuplicateSubmission(attempt=booked)
    client = client or get_omneo_client()
    # Counted before the look-up: a rival claim made meanwhile then collides with ours.
    retry_token = resubmission_token(attempt=attempt, number=attempt.resubmissions.count())
    if attempt.outcome in UNSETTLED:
        check = attempt_check(attempt=attempt, client=client)
        if check.result == CheckResult.UNREACHABLE:
            raise OmneoUnasked(attempt=attempt)
        if attempt.outcome != Outcome.FAILED:  # created, still unknown, or for review
            return attempt
    appointment = with_omneo_tag(store_appointment_from_payload(attempt.payload), retry_token)
    retry = _claimed(
        form_token=retry_token,
        booked_by=resubmitted_by,
        payload=appointment.to_json(),
        form_data=attempt.form_data,
        answers_display=attempt.answers_display,
        resubmitted_from=attempt,
        **{field: getattr(attempt, field) for field in SUMMARY_FIELDS},
    )
    # The new attempt records what happened; the caller reads retry.outcome.
    with contextlib.suppress(BookingError):
        _create(retry, appointment, client)
    return retry


class OmneoUnasked(Exception):
    """Omneo could not be asked whether the attempt's appointment exists, so nothing was sent."""

    def __init__(self, *, attempt: BookingAttempt) -> None:
        super().__init__(f"Attempt {attempt.pk} could not be checked in Omneo.")
        self.attempt = attempt


def resubmission_token(*, attempt: BookingAttempt, number: int) -> uuid.UUID:
    """The one-time token of an attempt's resubmission number `number` (0 for the first)."""
    return uuid.uuid5(uuid.UUID(str(attempt.form_token)), f"resubmit-{number}")


SUMMARY_FIELDS = (
    "definition_id",
    "definition_name",
    "location_id",
    "location_name",
    "profile_id",
    "customer_name",
    "customer_email",
    "staff_id",
    "staff_name",
    "scheduled_start",
    "scheduled_end",
    "timezone",
)


def store_appointment_from_payload(payload: dict[str, Any]) -> StoreAppointment:
    """A recorded payload as a StoreAppointment again, so it can be posted once more."""
    fields = dict(payload)
    transaction_data, order_data = fields.pop("transaction", None), fields.pop("order", None)
    answers = fields.pop("answers", None) or []
    meta = fields.pop("meta", None)
    return StoreAppointment(
        **fields,
        meta=tuple(meta) if meta else None,
        transaction=TransactionLink(**transaction_data) if transaction_data else None,
        order=OrderLink(**order_data) if order_data else None,
        answers=tuple(AnswerInput(**answer) for answer in answers),
    )
