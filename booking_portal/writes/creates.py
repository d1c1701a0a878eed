"""Booking a new appointment: claim the attempt, create once in Omneo, settle what comes back."""

from __future__ import annotations

import contextlib
import time
import uuid
from typing import Any

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.reads.availability import slots_forget
from booking_portal.omneo.reads.profiles import profile_appointments_forget
from booking_portal.omneo.resources import (
    AnswerInput,
    OrderLink,
    StoreAppointment,
    TransactionLink,
)

from .models import UNSETTLED, BookingAttempt, CheckResult
from .outcomes import with_omneo_tag
from .records import AlreadySent, write_claim
from .sending import WriteFailed, write_send
from .settling import write_check
from .summary import BookingSummary

Outcome = BookingAttempt.Outcome

__all__ = [
    "OmneoUnasked",
    "appointment_book",
    "attempt_resubmit",
    "attempt_settled",
]

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
BOOKING_TARGET = ("profile_id", "definition_id", "location_id", "scheduled_start")


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


def _attempt_claim(**fields: Any) -> BookingAttempt:
    """The pending attempt: the same customer, service, store and start is its target."""
    target = {name: fields.pop(name) for name in BOOKING_TARGET}
    return write_claim(BookingAttempt, target=target, **fields)


def _create(attempt: BookingAttempt, appointment: StoreAppointment, client: OmneoClient) -> None:
    """Send the one create; raises WriteFailed unless the appointment is known to exist."""
    try:
        write_send(
            attempt,
            lambda: client.appointment_create(appointment),
            client=client,
            answer_status=201,
        )
    finally:  # booked, refused or unknown: the cached times and the customer's list may be wrong
        slots_forget(
            definition_id=appointment.appointment_definition_id, location_id=appointment.location_id
        )
        profile_appointments_forget(profile_id=appointment.profile_id)


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

    Raises AlreadySent (token used), StillUnsettled (another attempt at this booking is
    pending, unknown or under review) and WriteFailed (Omneo did not book, or may have).
    """
    appointment = with_omneo_tag(appointment, form_token)
    attempt = _attempt_claim(
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


class OmneoUnasked(Exception):
    """Omneo could not be asked whether the attempt's appointment exists, so nothing was sent."""

    def __init__(self, *, attempt: BookingAttempt) -> None:
        super().__init__(f"Attempt {attempt.pk} could not be checked in Omneo.")
        self.attempt = attempt


def resubmission_token(*, attempt: BookingAttempt, number: int) -> uuid.UUID:
    """The one-time token of an attempt's resubmission number `number` (0 for the first)."""
    return uuid.uuid5(uuid.UUID(str(attempt.form_token)), f"resubmit-{number}")


def attempt_resubmit(
    *, attempt: BookingAttempt, resubmitted_by: Any, client: OmneoClient | None = None
) -> BookingAttempt:
    """For an admin: look the appointment up first; only if Omneo has none, post it again.

    Returns the original attempt when it is (or becomes) created or stays unsettled, otherwise
    a new attempt (linked through resubmitted_from, with its own token and tag) recording the
    re-post. Raises AlreadySent, without calling Omneo, when an earlier resubmission created
    the appointment, and StillUnsettled while another attempt at it is unsettled.
    """
    booked = attempt.resubmissions.filter(outcome=Outcome.CREATED).first()
    if booked is not None:  # an earlier resubmission booked it: never post again
        raise AlreadySent(record=booked)
    client = client or get_omneo_client()
    # Counted before the look-up: a rival claim made meanwhile then collides with ours.
    retry_token = resubmission_token(attempt=attempt, number=attempt.resubmissions.count())
    if attempt.outcome in UNSETTLED:
        check = write_check(record=attempt, client=client)
        if check.result == CheckResult.UNREACHABLE:
            raise OmneoUnasked(attempt=attempt)
        if attempt.outcome != Outcome.FAILED:  # created, still unknown, or for review
            return attempt
    appointment = with_omneo_tag(store_appointment_from_payload(attempt.payload), retry_token)
    retry = _attempt_claim(
        form_token=retry_token,
        booked_by=resubmitted_by,
        payload=appointment.to_json(),
        form_data=attempt.form_data,
        answers_display=attempt.answers_display,
        resubmitted_from=attempt,
        **{field: getattr(attempt, field) for field in SUMMARY_FIELDS},
    )
    # The new attempt records what happened; the caller reads retry.outcome.
    with contextlib.suppress(WriteFailed):
        _create(retry, appointment, client)
    return retry


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
