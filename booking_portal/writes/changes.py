"""Writes after the create: a PUT to an appointment, a waitlist entry added or fulfilled.

Each is claimed under its action's one-time token and its target (the appointment, the entry, or
the customer's place on a store's waitlist), then sent once through the one send step.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from booking_portal.omneo import OmneoClient
from booking_portal.omneo.reads.profiles import profile_appointments_forget
from booking_portal.omneo.resources import (
    Appointment,
    AppointmentChanges,
    WaitlistEntryInput,
)

from .models import AppointmentWrite
from .outcomes import write_tag
from .sending import change_send

Kind = AppointmentWrite.Kind


def appointment_target(appointment_id: int) -> str:
    return f"appointment:{appointment_id}"


def waitlist_entry_target(entry_id: int) -> str:
    return f"waitlist-entry:{entry_id}"


def waitlist_place_target(entry: WaitlistEntryInput) -> str:
    """One customer's place on a store's waitlist for one service."""
    return f"waitlist:{entry.location_id}:{entry.appointment_definition_id}:{entry.profile_id}"


def appointment_write(
    *,
    written_by: Any,
    action_token: uuid.UUID | str,
    kind: str,
    appointment: Appointment,
    changes: AppointmentChanges,
    reason: str = "",
    timezone_name: str = "",
    start_before: datetime | None = None,
    client: OmneoClient | None = None,
) -> AppointmentWrite:
    """PUT the changes once per token, never while another write to it is unsettled.

    `start_before` keeps the start a reschedule moves from (the time it frees).
    Raises AlreadySent, StillUnsettled or WriteFailed (rejected, failed, unknown).
    """
    try:
        return change_send(
            lambda omneo: omneo.appointment_update(appointment.id, changes),
            target=appointment_target(appointment.id),
            client=client,
            action_token=action_token,
            written_by=written_by,
            kind=kind,
            appointment_id=appointment.id,
            body=changes.to_json(),
            reason=reason,
            status_before=appointment.status,
            start_before=start_before,
            location_id=appointment.location_id,
            timezone=timezone_name or appointment.timezone or "",
        )
    finally:  # changed, refused or unknown: the customer's cached list may be wrong now
        profile_appointments_forget(profile_id=appointment.profile_id)


def waitlist_write_add(
    *,
    written_by: Any,
    action_token: uuid.UUID | str,
    entry: WaitlistEntryInput,
    timezone_name: str = "",
    client: OmneoClient | None = None,
) -> AppointmentWrite:
    """POST a waitlist entry once per token, tagged so a lost answer can be found again."""
    tagged = WaitlistEntryInput(
        **{**vars(entry), "meta": (*(entry.meta or ()), write_tag(action_token))}
    )
    return change_send(
        lambda omneo: omneo.waitlist_create(tagged),
        target=waitlist_place_target(entry),
        client=client,
        answer_status=201,
        action_token=action_token,
        written_by=written_by,
        kind=Kind.WAITLIST_ADD,
        body=tagged.to_json(),
        reason=entry.notes or "",
        location_id=entry.location_id,
        timezone=timezone_name,
    )


def waitlist_write_fulfil(
    *,
    written_by: Any,
    action_token: uuid.UUID | str,
    entry_id: int,
    appointment_id: int,
    location_id: int | None = None,
    timezone_name: str = "",
    client: OmneoClient | None = None,
) -> AppointmentWrite:
    """PUT the entry fulfilled with the appointment booked for it, once per token."""
    return change_send(
        lambda omneo: omneo.waitlist_update(
            entry_id, status="fulfilled", appointment_id=appointment_id
        ),
        target=waitlist_entry_target(entry_id),
        client=client,
        action_token=action_token,
        written_by=written_by,
        kind=Kind.WAITLIST_FULFIL,
        waitlist_entry_id=entry_id,
        appointment_id=appointment_id,
        body={"status": "fulfilled", "appointment_id": appointment_id},
        status_before="active",
        location_id=location_id,
        timezone=timezone_name,
    )
