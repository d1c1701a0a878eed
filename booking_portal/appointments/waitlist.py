"""The waitlist's link to a booking: "Book now" remembers the entry in the session.

The booking page itself is untouched: the Book-now view keeps {entry, definition, location,
profile} under SESSION_KEY and opens /book/ filled in. Once a booking for that same customer,
service and store is created, its confirmation page offers "Mark waitlist entry N fulfilled",
which posts to appointments (one PUT per token) and forgets the key.
"""

from __future__ import annotations

from typing import Any

from booking_portal.bookings.models import BookingAttempt

SESSION_KEY = "waitlist_booking"


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
