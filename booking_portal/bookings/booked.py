"""A booking Omneo made, as staff read it: what its confirmation page and calendar file show.

Omneo's returned appointment comes first; what the attempt recorded when it was sent stands in
for anything Omneo left out, so an odd answer never leaves the page without a time or a name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.shortcuts import get_object_or_404

from booking_portal.common.display import duration_in_words, status_in_words, time_range_in_words
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads import catalogue
from booking_portal.omneo.reads.zones import store_zone
from booking_portal.omneo.resources import Appointment, LinkedRecord, Question
from booking_portal.writes.models import BookingAttempt
from booking_portal.writes.selectors import attempts_visible

from .returned_answers import returned_answers_in_words
from .statuses import confirmation_heading

logger = logging.getLogger(__name__)

STATUS_NOT_GIVEN = "Not given by Omneo"
# Omneo's times outside these are not believed: they could not be shown in every zone.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)

QuestionsFor = Callable[[int], Sequence[Question]]


@dataclass(frozen=True)
class BookedAppointment:
    """One created booking: who, what, where, when, and what was answered, all in words."""

    attempt_id: int
    omneo_id: int | None
    status: str
    service: str
    customer_name: str
    customer_email: str
    customer_phone: str
    profile_id: str
    store: str
    location_id: int
    staff: str
    zone: ZoneInfo
    start: datetime
    end: datetime | None
    confirmed_at: datetime | None
    notes: str
    answers: tuple[tuple[str, str], ...]
    transaction: LinkedRecord | None
    order: LinkedRecord | None

    @property
    def heading(self) -> str:
        return confirmation_heading(self.status)

    @property
    def status_words(self) -> str:
        return status_in_words(self.status) if self.status else STATUS_NOT_GIVEN

    @property
    def when(self) -> str:
        """The day and times on the store's clock, with its zone named."""
        return time_range_in_words(self.start, self.end, self.zone)

    @property
    def duration(self) -> str:
        return duration_in_words(self.end - self.start if self.end else None)

    @property
    def transaction_words(self) -> str:
        link = self.transaction
        if link is None:
            return ""
        receipt = f" · receipt {link.receipt_ref}" if link.receipt_ref else ""
        return f"{link.id}{receipt}"

    @property
    def order_words(self) -> str:
        return (self.order.order_number or str(self.order.id)) if self.order else ""


def booked_attempt_get(*, user: Any, attempt_id: int) -> BookingAttempt:
    """A created attempt the user may see (their own; booking admins: anyone's), else 404."""
    attempts = attempts_visible(user=user).filter(outcome=BookingAttempt.Outcome.CREATED)
    return get_object_or_404(attempts, pk=attempt_id)


def service_questions(definition_id: int) -> Sequence[Question]:
    """The service's questions for labelling returned answers; none when Omneo cannot say."""
    try:
        return catalogue.definition_questions(definition_id=definition_id)
    except OmneoError as error:
        logger.info(
            "Questions unread for a confirmation",
            extra={"definition_id": definition_id, "status": error.status},
        )
        return []


def booked_appointment(
    *, attempt: BookingAttempt, questions_for: QuestionsFor = service_questions
) -> BookedAppointment:
    """The attempt's appointment in words; questions_for is asked only for unlabelled answers."""
    appointment = Appointment.from_json(attempt.appointment_data or {})
    payload = attempt.payload if isinstance(attempt.payload, dict) else {}
    profile, location, staff = appointment.profile, appointment.location, appointment.assigned_staff
    start = _believable(appointment.scheduled_start_at) or attempt.scheduled_start
    return BookedAppointment(
        attempt_id=attempt.pk,
        omneo_id=attempt.omneo_appointment_id or appointment.id or None,
        status=appointment.status or str(payload.get("status") or ""),
        service=appointment.definition_name
        or attempt.definition_name
        or f"Service {attempt.definition_id}",
        customer_name=(profile.display_name if profile else "")
        or attempt.customer_name
        or attempt.profile_id,
        customer_email=(profile.email if profile else None) or attempt.customer_email,
        customer_phone=(profile.mobile_phone if profile else None) or "",
        profile_id=attempt.profile_id,
        store=(location.name if location else "")
        or attempt.location_name
        or f"Store {attempt.location_id}",
        location_id=attempt.location_id,
        staff=(staff.display_name if staff else "") or attempt.staff_name,
        zone=store_zone(attempt.timezone, appointment.timezone),
        start=start,
        end=_end(_believable(appointment.scheduled_end_at), start, attempt),
        confirmed_at=_believable(appointment.confirmed_at),
        notes=appointment.notes or str(payload.get("notes") or ""),
        answers=_answers(attempt, appointment, questions_for),
        transaction=appointment.transaction,
        order=appointment.order,
    )


def _believable(moment: datetime | None) -> datetime | None:
    """The moment, unless it is too far from now to be a booking's (or to be shown at all)."""
    return moment if moment is not None and EARLIEST <= moment <= LATEST else None


def _end(end: datetime | None, start: datetime, attempt: BookingAttempt) -> datetime | None:
    """Omneo's end, or the start plus the length booked when Omneo's end is missing or odd."""
    if end is not None and end > start:
        return end
    booked = _booked_length(attempt)
    return start + booked if booked else None


def _booked_length(attempt: BookingAttempt) -> timedelta | None:
    if attempt.scheduled_start is None or attempt.scheduled_end is None:
        return None
    length = attempt.scheduled_end - attempt.scheduled_start
    return length if length > timedelta(0) else None


def _answers(
    attempt: BookingAttempt, appointment: Appointment, questions_for: QuestionsFor
) -> tuple[tuple[str, str], ...]:
    """The answers as written when booked; else Omneo's, labelled by the service's questions."""
    shown = attempt.answers_display if isinstance(attempt.answers_display, list) else []
    recorded = [
        (str(pair[0]), str(pair[1]))
        for pair in shown
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]
    if recorded or not appointment.answers:
        return tuple(recorded)
    definition_id = appointment.appointment_definition_id or attempt.definition_id
    returned = returned_answers_in_words(appointment.answers, questions_for(definition_id))
    return tuple((label, words) for label, words in returned)
