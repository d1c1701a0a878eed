"""Lifecycle actions on an appointment: each becomes one PUT through the writes layer."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from booking_portal.omneo import OmneoClient
from booking_portal.omneo.reads.appointments import appointment_status_forget
from booking_portal.omneo.reads.zones import store_zone
from booking_portal.omneo.resources import UNSET, AppointmentChanges
from booking_portal.writes.changes import appointment_write
from booking_portal.writes.models import AppointmentWrite
from booking_portal.writes.records import AlreadySent
from booking_portal.writes.visits import visit_input, visit_on_arrival

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

    An arrival Omneo took also records the customer's visit (see writes.visits), whose failure
    never undoes it. Raises NotOffered, AlreadySent, StillUnsettled or WriteFailed.
    """
    if kind not in KIND_STATUS or not is_offered(seen.status, kind):
        raise NotOffered(kind)
    notes = cancel_notes(seen=seen, reason=reason, user=acted_by) if kind == Kind.CANCEL else UNSET
    changes = AppointmentChanges(status=KIND_STATUS[kind], notes=notes)
    try:
        write = appointment_write(
            written_by=acted_by,
            action_token=action_token,
            kind=kind,
            appointment=seen.as_appointment(),
            changes=changes,
            reason=reason,
            client=client,
        )
    except AlreadySent as pressed_again:
        if kind == Kind.ARRIVE and pressed_again.record.outcome == AppointmentWrite.DONE:
            # The same arrival again: its visit is claimed once (a derived token), so this
            # only records one the first press left unclaimed.
            arrival_visit(seen=seen, acted_by=acted_by, arrival_token=action_token, client=client)
        raise
    finally:  # whatever came back, the status read before may be stale now
        appointment_status_forget(appointment_id=seen.id)
    if kind == Kind.ARRIVE:
        arrival_visit(seen=seen, acted_by=acted_by, arrival_token=action_token, client=client)
    return write


def arrival_visit(
    *,
    seen: Seen,
    acted_by: Any,
    arrival_token: uuid.UUID | str,
    client: OmneoClient | None = None,
) -> AppointmentWrite | None:
    """Record the arrived customer's visit at the appointment's store, with its staff member."""
    visit = visit_input(
        appointment_id=seen.id,
        zone=store_zone(seen.zone, seen.timezone),
        location_id=seen.location_id,
        staff_id=seen.staff_id,
    )
    return visit_on_arrival(
        acted_by=acted_by,
        arrival_token=arrival_token,
        appointment_id=seen.id,
        profile_id=seen.profile_id,
        visit=visit,
        client=client,
    )


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
            start_before=datetime.fromisoformat(seen.start) if seen.start else None,
            client=client,
        )
    finally:
        appointment_status_forget(appointment_id=seen.id)
