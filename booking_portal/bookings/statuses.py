"""What a confirmation says first, by the status Omneo gave the appointment."""

from __future__ import annotations

REQUESTED = "requested"
BOOKED_HEADING = "Booked"
REQUESTED_HEADING = "Requested \N{EN DASH} waiting for approval"


def confirmation_heading(status: str) -> str:
    """What a confirmation says first: a request waits for approval; anything else is booked."""
    return REQUESTED_HEADING if status == REQUESTED else BOOKED_HEADING
