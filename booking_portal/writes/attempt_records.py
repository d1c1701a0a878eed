"""The booking attempt's record: claimed before Omneo is called, completed from its answer."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from booking_portal.omneo.errors import OmneoError, OmneoValidationError
from booking_portal.omneo.resources import Appointment

from .booking_attempt import UNSETTLED, BookingAttempt

Outcome = BookingAttempt.Outcome


class DuplicateSubmission(Exception):
    """The form's token was claimed already: Omneo is not called again."""

    def __init__(self, *, attempt: BookingAttempt) -> None:
        super().__init__(f"Booking form already submitted (attempt {attempt.pk}).")
        self.attempt = attempt


class BookingInDoubt(Exception):
    """Another attempt at the same booking is not settled yet: no second create is sent."""

    def __init__(self, *, attempt: BookingAttempt) -> None:
        super().__init__(f"Attempt {attempt.pk} at this booking is still {attempt.outcome}.")
        self.attempt = attempt


def unsettled_twin(*, booking: dict[str, Any]) -> BookingAttempt | None:
    """The pending, unknown or under-review attempt at the same customer, service, store, start."""
    return (
        BookingAttempt.objects.filter(
            profile_id=booking["profile_id"],
            definition_id=booking["definition_id"],
            location_id=booking["location_id"],
            scheduled_start=booking["scheduled_start"],
            outcome__in=UNSETTLED,
        )
        .order_by("created_at")
        .first()
    )


def attempt_claim(*, form_token: uuid.UUID | str, **fields: Any) -> BookingAttempt:
    """Insert the pending row; the database refuses a used token or a second unsettled attempt.

    Raises DuplicateSubmission for a used token and BookingInDoubt while the same booking has
    an unsettled attempt; both are decided by unique constraints, so two tabs cannot race past.
    """
    try:  # no look before: the constraints decide, and the usual claim costs one INSERT
        with transaction.atomic():
            return BookingAttempt.objects.create(form_token=form_token, **fields)
    except IntegrityError:
        existing = BookingAttempt.objects.filter(form_token=form_token).first()
        if existing is not None:
            raise DuplicateSubmission(attempt=existing) from None
        twin = unsettled_twin(booking=fields)
        if twin is not None:
            raise BookingInDoubt(attempt=twin) from None
        raise


def record_created(attempt: BookingAttempt, appointment: Appointment, **extra: Any) -> None:
    """Omneo has the appointment: link it and keep its answer.

    Only these columns and the extra ones named are written: callers pass every other change.
    """
    attempt.outcome = Outcome.CREATED
    attempt.omneo_appointment_id = appointment.id
    attempt.response_body = {"data": dict(appointment.raw)}
    attempt.candidate_ids = []
    for name, value in extra.items():
        setattr(attempt, name, value)
    written = ["outcome", "omneo_appointment_id", "response_body", "candidate_ids", *extra]
    attempt.save(update_fields=[*written, "updated_at"])


def record_failure(attempt: BookingAttempt, error: OmneoError, outcome: str) -> None:
    """Keep what Omneo (or the network) said, and the outcome it means."""
    attempt.outcome = outcome
    attempt.answered_at = timezone.now()
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
