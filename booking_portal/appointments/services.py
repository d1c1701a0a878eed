"""Lifecycle actions on an appointment: each becomes one PUT through the writes layer."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from booking_portal.omneo import OmneoClient
from booking_portal.omneo.reads.appointments import appointment_status_forget
from booking_portal.omneo.resources import UNSET, AppointmentChanges
from booking_portal.writes.changes import appointment_write
from booking_portal.writes.models import AppointmentWrite

from .seen import Seen
from .transitions import KIND_STATUS, Kind, is_offered

DEFAULT_DURATION_SECONDS = 30 * 60


class NotOffered(Exception):
    """The action is not offered from the status the page showed: nothing is sent."""


def _who(user: Any) -> str:
    return user.get_full_name() or user.get_username()


def cancel_notes(*, seen: Seen, reason: str, user: Any) -> str:
    """The appointment's notes with the cancellation reason and who gave it appended."""
    line = f"Cancelled by {_who(user)} through the Booking Portal: {reason}"
    return f"{seen.notes}\n{line}" if seen.notes else line


def appointment_act(
    *,
    acted_by: Any,
    seen: Seen,
    kind: str,
    action_token: uuid.UUID | str,
    reason: str = "",
    client: OmneoClient | None = None,
) -> AppointmentWrite:
    """Send one status change (confirm, reject, arrive, complete, no-show, cancel) once per token.

    Raises NotOffered, AlreadySent, StillUnsettled or WriteFailed (its record says which).
    """
    if kind not in KIND_STATUS or not is_offered(seen.status, kind):
        raise NotOffered(kind)
    notes = cancel_notes(seen=seen, reason=reason, user=acted_by) if kind == Kind.CANCEL else UNSET
    changes = AppointmentChanges(status=KIND_STATUS[kind], notes=notes)
    try:
        return appointment_write(
            written_by=acted_by,
            action_token=action_token,
            kind=kind,
            appointment=seen.as_appointment(),
            changes=changes,
            reason=reason,
            client=client,
        )
    finally:  # whatever came back, the status read before may be stale now
        appointment_status_forget(appointment_id=seen.id)


def appointment_reschedule(
    *,
    acted_by: Any,
    seen: Seen,
    start: datetime,
    zone: ZoneInfo,
    action_token: uuid.UUID | str,
    client: OmneoClient | None = None,
) -> AppointmentWrite:
    """Move the appointment to start (aware), keeping its length, sent in the store's `zone`."""
    if not is_offered(seen.status, Kind.RESCHEDULE):
        raise NotOffered(Kind.RESCHEDULE)
    end = start + timedelta(seconds=seen.duration or DEFAULT_DURATION_SECONDS)
    changes = AppointmentChanges.reschedule(start=start, end=end, timezone=zone.key)
    try:
        return appointment_write(
            written_by=acted_by,
            action_token=action_token,
            kind=Kind.RESCHEDULE,
            appointment=seen.as_appointment(),
            changes=changes,
            timezone_name=zone.key,
            client=client,
        )
    finally:
        appointment_status_forget(appointment_id=seen.id)
