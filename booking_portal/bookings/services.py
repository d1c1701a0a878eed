"""Booking writes: record the attempt, call Omneo, complete the record; look up before any retry."""

from __future__ import annotations

import contextlib
import json
import logging
import time
import uuid
from datetime import UTC, timedelta
from typing import Any

from django.db import IntegrityError, transaction

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.errors import OmneoError, OmneoValidationError
from booking_portal.omneo.resources import (
    AnswerInput,
    Appointment,
    OrderLink,
    StoreAppointment,
    TransactionLink,
)

from .models import BookingAttempt
from .summary import BookingSummary

logger = logging.getLogger(__name__)
Outcome = BookingAttempt.Outcome
NOT_BOOKED = frozenset({"cancelled", "rejected"})


class DuplicateSubmission(Exception):
    """The form's token was claimed already: Omneo is not called again."""

    def __init__(self, *, attempt: BookingAttempt) -> None:
        super().__init__(f"Booking form already submitted (attempt {attempt.pk}).")
        self.attempt = attempt


class BookingError(Exception):
    """Omneo did not create the appointment; the attempt records why."""

    def __init__(
        self, *, attempt: BookingAttempt, error: OmneoError, looked_up: bool = True
    ) -> None:
        super().__init__(str(error))
        self.attempt = attempt
        self.error = error
        self.looked_up = looked_up  # False when Omneo could not even be asked what happened


def attempt_claim(
    *,
    booked_by: Any,
    form_token: uuid.UUID | str,
    appointment: StoreAppointment,
    summary: BookingSummary,
    form_data: dict[str, list[str]],
) -> BookingAttempt:
    """Write the pending record, claiming the token; the unique constraint settles races."""
    return _claim(
        form_token=form_token,
        booked_by=booked_by,
        payload=appointment.to_json(),
        form_data=form_data,
        definition_id=summary.definition_id,
        definition_name=summary.definition_name,
        location_id=summary.location_id,
        location_name=summary.location_name,
        profile_id=summary.profile_id,
        customer_name=summary.customer_name,
        customer_email=summary.customer_email,
        staff_id=summary.staff_id or "",
        staff_name=summary.staff_name,
        scheduled_start=summary.start,
        scheduled_end=summary.end,
        timezone=summary.timezone,
    )


def _claim(*, form_token: uuid.UUID | str, **fields: Any) -> BookingAttempt:
    """Insert the pending row in its own transaction; a taken token is a duplicate, not a retry."""
    try:
        with transaction.atomic():
            return BookingAttempt.objects.create(form_token=form_token, **fields)
    except IntegrityError:
        existing = BookingAttempt.objects.filter(form_token=form_token).first()
        if existing is None:
            raise
        raise DuplicateSubmission(attempt=existing) from None


def _record_created(attempt: BookingAttempt, appointment: Appointment, **extra: Any) -> None:
    attempt.outcome = Outcome.CREATED
    attempt.omneo_appointment_id = appointment.id
    attempt.response_body = {"data": dict(appointment.raw)}
    for name, value in extra.items():
        setattr(attempt, name, value)
    attempt.save()


def _record_failure(attempt: BookingAttempt, error: OmneoError, outcome: str) -> None:
    attempt.outcome = outcome
    attempt.http_status = error.status
    attempt.error_class = type(error).__name__
    attempt.error_messages = [error.message]
    if isinstance(error, OmneoValidationError):
        attempt.field_errors = {key: list(value) for key, value in error.field_errors.items()}
        attempt.error_messages += [m for messages in error.field_errors.values() for m in messages]
    try:
        attempt.response_body = json.loads(error.body) if error.body else None
        attempt.response_text = ""
    except ValueError:
        attempt.response_body = None
        attempt.response_text = error.body_excerpt
    attempt.save()


def attempt_lookup(*, attempt: BookingAttempt, client: OmneoClient) -> Appointment | None:
    """Find the appointment an attempt may have made: same customer, service, store and start."""
    candidates = client.appointment_list(
        filters={
            "profile_id": attempt.profile_id,
            "appointment_definition_id": attempt.definition_id,
            "location_id": attempt.location_id,
        }
    )
    start = attempt.scheduled_start.astimezone(UTC)
    for candidate in candidates:
        found_start = candidate.scheduled_start_at
        if (
            found_start is not None
            and abs(found_start - start) < timedelta(seconds=1)
            and candidate.location_id == attempt.location_id
            and candidate.status not in NOT_BOOKED  # an older, cancelled booking is not ours
        ):
            return candidate
    return None


def attempt_reconcile(*, attempt: BookingAttempt, client: OmneoClient | None = None) -> bool:
    """Look the attempt's appointment up in Omneo; record it as created when it exists."""
    client = client or get_omneo_client()
    found = attempt_lookup(attempt=attempt, client=client)
    if found is None:
        return False
    _record_created(attempt, found, recovered=True)
    logger.info(
        "Booking attempt %s found in Omneo as %s",
        attempt.pk,
        found.id,
        extra={"attempt_id": attempt.pk, "omneo_id": found.id},
    )
    return True


def _call_omneo(
    attempt: BookingAttempt, appointment: StoreAppointment, client: OmneoClient
) -> None:
    started = time.monotonic()
    try:
        created = client.appointment_create(appointment)
    except OmneoError as error:
        attempt.duration_ms = round((time.monotonic() - started) * 1000)
        looked_up = _settle_failure(attempt, error, client)
        raise BookingError(attempt=attempt, error=error, looked_up=looked_up) from error
    attempt.duration_ms = round((time.monotonic() - started) * 1000)
    _record_created(attempt, created, http_status=201)


def _settle_failure(attempt: BookingAttempt, error: OmneoError, client: OmneoClient) -> bool:
    """Record a failed create; when its outcome is unknown, look before calling it unknown.

    Returns False only when Omneo could not be asked whether the appointment exists.
    """
    extra = {
        "attempt_id": attempt.pk,
        "omneo_status": error.status,
        "omneo_request_id": error.request_id,
        "omneo_error": type(error).__name__,
    }
    if isinstance(error, OmneoValidationError):
        _record_failure(attempt, error, Outcome.REJECTED)
        logger.info("Booking attempt %s rejected by Omneo", attempt.pk, extra=extra)
        return True
    if not error.outcome_unknown:
        _record_failure(attempt, error, Outcome.FAILED)
        logger.warning("Booking attempt %s failed", attempt.pk, extra=extra)
        return True
    _record_failure(attempt, error, Outcome.UNKNOWN)
    logger.warning("Booking attempt %s has an unknown outcome", attempt.pk, extra=extra)
    try:
        attempt_reconcile(attempt=attempt, client=client)
    except OmneoError:
        return False
    return True


def appointment_book(
    *,
    booked_by: Any,
    form_token: uuid.UUID | str,
    appointment: StoreAppointment,
    summary: BookingSummary,
    form_data: dict[str, list[str]],
    client: OmneoClient | None = None,
) -> BookingAttempt:
    """Book once per form token: record, create in Omneo, complete the record.

    Raises DuplicateSubmission for a token already used, BookingError when Omneo did not book.
    """
    attempt = attempt_claim(
        booked_by=booked_by,
        form_token=form_token,
        appointment=appointment,
        summary=summary,
        form_data=form_data,
    )
    client = client or get_omneo_client()
    try:
        _call_omneo(attempt, appointment, client)
    except BookingError as failure:
        if attempt.outcome == Outcome.CREATED:  # found by the look-up after a lost answer
            return attempt
        raise failure from failure.error
    return attempt


def attempt_settled(*, attempt: BookingAttempt, wait_seconds: float = 5.0) -> BookingAttempt:
    """The attempt once its Omneo call is over (a double click arrives while it is in flight)."""
    deadline = time.monotonic() + wait_seconds
    while attempt.outcome == Outcome.PENDING and time.monotonic() < deadline:
        time.sleep(0.1)
        attempt.refresh_from_db()
    return attempt


def attempt_resubmit(
    *, attempt: BookingAttempt, resubmitted_by: Any, client: OmneoClient | None = None
) -> BookingAttempt:
    """For an admin: look the appointment up first; only if Omneo has none, post it again.

    Returns the original attempt when the look-up found its appointment, otherwise a new attempt
    row (linked through resubmitted_from) recording the re-post; the original row is left as it
    was. Raises DuplicateSubmission, without calling Omneo, when an earlier resubmission created
    the appointment. The new attempt's token derives from the original's and its count of
    resubmissions, so two admins resubmitting at once claim the same token and only one posts.
    """
    booked = attempt.resubmissions.filter(outcome=Outcome.CREATED).first()
    if booked is not None:  # an earlier resubmission booked it: never post again
        raise DuplicateSubmission(attempt=booked)
    client = client or get_omneo_client()
    # Counted before the look-up: a rival claim made meanwhile then collides with ours.
    retry_token = resubmission_token(attempt=attempt, number=attempt.resubmissions.count())
    if attempt_reconcile(attempt=attempt, client=client):
        return attempt
    retry = _claim(
        form_token=retry_token,
        booked_by=resubmitted_by,
        payload=attempt.payload,
        form_data=attempt.form_data,
        resubmitted_from=attempt,
        **{field: getattr(attempt, field) for field in SUMMARY_FIELDS},
    )
    # A failed re-post is recorded on the new attempt; the caller reads retry.outcome.
    with contextlib.suppress(BookingError):
        _call_omneo(retry, store_appointment_from_payload(attempt.payload), client)
    return retry


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
