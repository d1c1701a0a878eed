"""Omneo's appointment statuses, in the words staff use."""

from __future__ import annotations

STATUS_WORDS = {
    "requested": "Requested (awaiting approval)",
    "confirmed": "Confirmed",
    "cancelled": "Cancelled",
    "arrived": "Arrived",
    "completed": "Completed",
    "no_show": "No show",
    "rejected": "Rejected",
}


def status_in_words(status: str) -> str:
    """ "confirmed" → "Confirmed"; an unknown status is shown as Omneo sent it."""
    return STATUS_WORDS.get(status, status.replace("_", " ").capitalize())


REQUESTED = "requested"
BOOKED_HEADING = "Booked"
REQUESTED_HEADING = "Requested \N{EN DASH} waiting for approval"


def confirmation_heading(status: str) -> str:
    """What a confirmation says first: a request waits for approval; anything else is booked."""
    return REQUESTED_HEADING if status == REQUESTED else BOOKED_HEADING
