"""What a failed write means, decided once for every kind: rejected, unknown or failed."""

from __future__ import annotations

import dataclasses
import uuid

from booking_portal.omneo.errors import OmneoError, OmneoValidationError
from booking_portal.omneo.resources import (
    Appointment,
    QueueEntry,
    StoreAppointment,
    Visit,
    WaitlistEntry,
)

from .models import OMNEO_TAG_PREFIX, WRITE_TAG_PREFIX

REJECTED, UNKNOWN, FAILED = "rejected", "unknown", "failed"

# What Omneo answers a write with (or a look-up finds): the record the write made or changed.
type Written = Appointment | WaitlistEntry | QueueEntry | Visit


def failure_outcome(error: OmneoError) -> str:
    """Rejected (a 422), unknown (Omneo may have acted), or failed (refused before acting).

    Unknown: a 5xx to a write, a timeout after sending, a reset, a 2xx without a readable
    `data`. Failed: any other 4xx, or a connection refused before the request was sent.
    """
    if isinstance(error, OmneoValidationError):
        return REJECTED
    if error.outcome_unknown:
        return UNKNOWN
    return FAILED


def write_tag(action_token: uuid.UUID | str) -> str:
    """The tag a waitlist or walk-in write carries, so a lost answer can be found again."""
    return f"{WRITE_TAG_PREFIX}{action_token}"


def omneo_tag(form_token: uuid.UUID | str) -> str:
    """The meta entry that marks the appointment one attempt creates."""
    return f"{OMNEO_TAG_PREFIX}{form_token}"


def with_omneo_tag(appointment: StoreAppointment, form_token: uuid.UUID | str) -> StoreAppointment:
    """The body with this attempt's tag as its last meta entry (and no other attempt's tag)."""
    own = [entry for entry in appointment.meta or () if not entry.startswith(OMNEO_TAG_PREFIX)]
    return dataclasses.replace(appointment, meta=(*own, omneo_tag(form_token)))
