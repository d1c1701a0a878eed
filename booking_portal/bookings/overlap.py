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
from booking_portal.writes.creates import booking_already_sent
from booking_portal.writes.outcomes import omneo_tag
from booking_portal.writes.summary import BookingSummary

from . import messages

logger = logging.getLogger(__name__)

NOT_HAPPENING = frozenset({"cancelled", "rejected"})


def appointment_overlapping(
    appointments: Sequence[Appointment],
    *,
    profile_id: str,
    start: datetime,
    end: datetime,
    own_tag: str = "",
) -> Appointment | None:
    """The customer's first appointment (any store) meeting [start, end); touching ends do not.

    The appointment this very booking made (tagged `own_tag`) is not an overlap.
    """
    for appointment in appointments:
        begins, ends = appointment.scheduled_start_at, appointment.scheduled_end_at
        if appointment.profile_id != profile_id or appointment.status in NOT_HAPPENING:
            continue
        if own_tag and own_tag in appointment.meta:
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


def booking_overlap(*, form_token: str, summary: BookingSummary) -> str:
    """The question to ask before sending this booking; "" when nothing of the customer's overlaps.

    A form already sent, or a booking still in doubt, is never asked about: the create step shows
    what happened to it. The customer's appointments come from the panel's cached read (one read
    when not cached); a failed read asks nothing, so the booking is never held up by it.
    """
    if booking_already_sent(form_token=form_token, summary=summary):
        return ""
    profile_id = summary.profile_id
    try:
        theirs = profiles.profile_appointments(profile_id=profile_id)
    except OmneoError as error:
        logger.warning("The overlap check could not read the customer's appointments: %s", error)
        return ""
    found = appointment_overlapping(
        theirs,
        profile_id=profile_id,
        start=summary.start,
        end=summary.end,
        own_tag=omneo_tag(form_token),
    )
    return overlap_question(name=summary.customer_name, appointment=found) if found else ""
