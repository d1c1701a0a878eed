"""The waitlist's link to a booking: "Book now" remembers the entry in the session.

The Book-now view keeps {entry, definition, location, profile} under SESSION_KEY and opens
/book/ filled in. Once a booking for that same customer, service and store is created, the entry
is marked fulfilled with the new appointment's id at once (one PUT, its token derived from the
booking's); should that fail, the confirmation page offers "Mark waitlist entry N fulfilled".
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from booking_portal.writes.changes import waitlist_write_fulfil
from booking_portal.writes.models import BookingAttempt
from booking_portal.writes.records import AlreadySent, StillUnsettled
from booking_portal.writes.sending import WriteFailed

from .messages import WAITLIST_FULFILLED

SESSION_KEY = "waitlist_booking"
CUSTOMER_KEY = "waitlist_customer"


@dataclass(frozen=True)
class WaitingCustomer:
    """The customer the booking page sent to the waitlist form, with the name it showed."""

    profile_id: str
    name: str


def waiting_customer_remember(session: Any, *, profile_id: str, name: str) -> None:
    """Keep the chosen customer for the day's add-to-waitlist form (names never travel in URLs)."""
    session[CUSTOMER_KEY] = {"profile_id": profile_id, "name": name}


def waiting_customer(session: Any) -> WaitingCustomer | None:
    kept = session.get(CUSTOMER_KEY)
    if not isinstance(kept, dict):
        return None
    return WaitingCustomer(
        profile_id=str(kept.get("profile_id", "")), name=str(kept.get("name", ""))
    )


def waitlist_remember(session: Any, *, entry_id: int, definition: int, location: int, profile: str):
    session[SESSION_KEY] = {
        "entry": entry_id,
        "definition": definition,
        "location": location,
        "profile": profile,
    }


def waitlist_for_attempt(session: Any, attempt: BookingAttempt) -> int | None:
    """The remembered entry when this created booking is the one it was waiting for."""
    kept = session.get(SESSION_KEY)
    if not isinstance(kept, dict) or attempt.outcome != BookingAttempt.Outcome.CREATED:
        return None
    matches = (
        kept.get("definition") == attempt.definition_id
        and kept.get("location") == attempt.location_id
        and kept.get("profile") == attempt.profile_id
    )
    return kept.get("entry") if matches else None


def waitlist_forget(session: Any) -> None:
    session.pop(SESSION_KEY, None)


def waitlist_fulfil_after_booking(*, session: Any, attempt: BookingAttempt, user: Any) -> str:
    """Mark the entry a Book-now link was for fulfilled by this booking; what to tell staff.

    "" when the booking was not for a waiting entry, or when Omneo did not take the change (the
    confirmation page then offers it again).
    """
    entry = waitlist_for_attempt(session, attempt)
    if entry is None or attempt.omneo_appointment_id is None:
        return ""
    token = uuid.uuid5(uuid.UUID(str(attempt.form_token)), f"waitlist-fulfil-{entry}")
    try:
        write = waitlist_write_fulfil(
            written_by=user,
            action_token=token,
            entry_id=entry,
            appointment_id=attempt.omneo_appointment_id,
            location_id=attempt.location_id,
            timezone_name=attempt.timezone,
        )
    except (AlreadySent, StillUnsettled, WriteFailed):
        return ""
    waitlist_forget(session)
    return WAITLIST_FULFILLED.format(entry=entry, appointment=write.appointment_id)
