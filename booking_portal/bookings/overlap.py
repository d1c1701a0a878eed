"""Whether a booking overlaps one of the customer's own appointments, and the question it asks."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from booking_portal.common.customer_history import history_zone
from booking_portal.common.display import clock
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads import profiles
from booking_portal.omneo.resources import Appointment

from . import messages

logger = logging.getLogger(__name__)

NOT_HAPPENING = frozenset({"cancelled", "rejected"})


def appointment_overlapping(
    appointments: Sequence[Appointment], *, profile_id: str, start: datetime, end: datetime
) -> Appointment | None:
    """The customer's first appointment (any store) meeting [start, end); touching ends do not."""
    for appointment in appointments:
        begins, ends = appointment.scheduled_start_at, appointment.scheduled_end_at
        if appointment.profile_id != profile_id or appointment.status in NOT_HAPPENING:
            continue
        if begins is None:
            continue
        ends = ends if ends is not None and ends > begins else begins
        if (begins < end and start < ends) or begins == start:
            return appointment
    return None


def overlap_question(*, name: str, appointment: Appointment) -> str:
    """E.g. "Ava already has Suit fitting at 10:00 AM that day — book anyway?"."""
    start = appointment.scheduled_start_at
    time = clock(start.astimezone(history_zone(appointment))) if start else ""
    return messages.OVERLAP_QUESTION.format(
        name=name or "This customer",
        service=appointment.definition_name or "an appointment",
        time=time,
    )


def booking_overlap(*, profile_id: str, name: str, start: datetime, end: datetime) -> str:
    """The question to ask before booking [start, end) for this customer; "" when nothing overlaps.

    The customer's appointments come from the panel's cached read (one read when not cached); a
    failed read asks nothing, so the booking is never held up by it.
    """
    try:
        theirs = profiles.profile_appointments(profile_id=profile_id)
    except OmneoError as error:
        logger.warning("The overlap check could not read the customer's appointments: %s", error)
        return ""
    found = appointment_overlapping(theirs, profile_id=profile_id, start=start, end=end)
    return overlap_question(name=name, appointment=found) if found else ""
