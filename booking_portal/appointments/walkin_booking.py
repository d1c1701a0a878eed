"""A served walk-in turned into an appointment: "Served, book" remembers the entry in the session.

Once a booking by the same staff member at that store (for that customer, when the walk-in had
one) is created, the day offers to link it: one PUT setting the entry's appointment_id.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from booking_portal.writes.models import BookingAttempt

from .messages import WALK_IN_LINK_OFFER

SESSION_KEY = "walk_in_booking"


@dataclass(frozen=True)
class WalkInBooked:
    """A served walk-in and the appointment booked for them, ready to link."""

    entry_id: int
    appointment_id: int
    attempt_id: int
    customer: str
    token: uuid.UUID = field(default_factory=uuid.uuid4)  # the link form's one-time token

    @property
    def label(self) -> str:
        return WALK_IN_LINK_OFFER.format(appointment=self.appointment_id, customer=self.customer)


def walk_in_remember(session: Any, *, entry_id: int, location_id: int, profile_id: str) -> None:
    session[SESSION_KEY] = {
        "entry": entry_id,
        "location": location_id,
        "profile": profile_id,
        "since": timezone.now().isoformat(),
    }


def walk_in_forget(session: Any) -> None:
    session.pop(SESSION_KEY, None)


def walk_in_booked(session: Any, *, user: Any) -> WalkInBooked | None:
    """The remembered walk-in and the booking made for them since, else None."""
    kept = session.get(SESSION_KEY)
    if not isinstance(kept, dict):
        return None
    try:
        since = datetime.fromisoformat(str(kept.get("since")))
        entry_id = int(kept["entry"])
    except (KeyError, TypeError, ValueError):
        return None
    attempts = BookingAttempt.objects.filter(
        booked_by=user,
        outcome=BookingAttempt.Outcome.CREATED,
        location_id=kept.get("location"),
        created_at__gte=since,
        omneo_appointment_id__isnull=False,
    )
    if kept.get("profile"):
        attempts = attempts.filter(profile_id=kept["profile"])
    attempt = attempts.order_by("-created_at").first()
    if attempt is None:
        return None
    return WalkInBooked(
        entry_id=entry_id,
        appointment_id=attempt.omneo_appointment_id,
        attempt_id=attempt.pk,
        customer=attempt.customer_name or attempt.profile_id,
    )
