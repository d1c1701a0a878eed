"""Walk-in queue writes: add a walk-in, call, serve or remove one, link it to its appointment.

Each is claimed under its action's one-time token and a target (the entry, or for an add the
walk-in's place in the store's queue for one service), then sent once through the one send step.
An add carries the write's tag in the entry's meta, so a lost answer is found by reading the queue.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.utils import timezone

from booking_portal.omneo import OmneoClient
from booking_portal.omneo.resources import QueueEntry, QueueEntryInput

from .models import AppointmentWrite
from .outcomes import write_tag
from .sending import change_send

Kind = AppointmentWrite.Kind
TAG_KEY = "portal_write"  # the meta key holding the write's tag (a queue entry's meta is an object)
STATUS_KINDS = {
    Kind.QUEUE_CALL: "called",
    Kind.QUEUE_SERVE: "served",
    Kind.QUEUE_REMOVE: "cancelled",
}
QUEUE_KINDS = frozenset({Kind.QUEUE_ADD, Kind.QUEUE_LINK, *STATUS_KINDS})


def queue_entry_target(entry_id: int) -> str:
    return f"queue-entry:{entry_id}"


def queue_place_target(entry: QueueEntryInput) -> str:
    """One walk-in's place in a store's queue for one service (anonymous walk-ins share one)."""
    who = entry.profile_id or "anonymous"
    return f"queue:{entry.location_id}:{entry.appointment_definition_id}:{who}"


def queue_write_add(
    *,
    written_by: Any,
    action_token: uuid.UUID | str,
    entry: QueueEntryInput,
    timezone_name: str = "",
    client: OmneoClient | None = None,
) -> AppointmentWrite:
    """POST a walk-in once per token, tagged so a lost answer can be found in the queue.

    Raises AlreadySent, StillUnsettled or WriteFailed (rejected, failed, unknown).
    """
    meta = {**(entry.meta or {}), TAG_KEY: write_tag(action_token)}
    tagged = QueueEntryInput(**{**vars(entry), "meta": meta})
    return change_send(
        lambda omneo: omneo.queue_create(tagged),
        target=queue_place_target(entry),
        client=client,
        answer_status=201,
        action_token=action_token,
        written_by=written_by,
        kind=Kind.QUEUE_ADD,
        body=tagged.to_json(),
        reason=entry.notes or "",
        location_id=entry.location_id,
        timezone=timezone_name,
    )


def _stamp(kind: str, now: datetime) -> dict[str, str]:
    """The time of a call or serve, kept in meta: Omneo keeps no call or serve time itself."""
    status = STATUS_KINDS[kind]
    return {f"{status}_at": now.isoformat(timespec="seconds")}


def queue_write_status(
    *,
    written_by: Any,
    action_token: uuid.UUID | str,
    kind: str,
    entry_id: int,
    status_before: str,
    meta: dict[str, Any] | None = None,
    location_id: int | None = None,
    timezone_name: str = "",
    client: OmneoClient | None = None,
) -> AppointmentWrite:
    """PUT the entry called, served or cancelled once per token (meta keeps the time of it).

    `meta` is the entry's meta as the page showed it: Omneo replaces meta on a PUT.
    """
    status = STATUS_KINDS[kind]
    new_meta = {**(meta or {}), **_stamp(kind, timezone.now()), TAG_KEY: write_tag(action_token)}
    return change_send(
        lambda omneo: omneo.queue_update(entry_id, status=status, meta=new_meta),
        target=queue_entry_target(entry_id),
        client=client,
        action_token=action_token,
        written_by=written_by,
        kind=kind,
        queue_entry_id=entry_id,
        body={"status": status, "meta": new_meta},
        status_before=status_before,
        location_id=location_id,
        timezone=timezone_name,
    )


def queue_write_link(
    *,
    written_by: Any,
    action_token: uuid.UUID | str,
    entry_id: int,
    appointment_id: int,
    location_id: int | None = None,
    timezone_name: str = "",
    client: OmneoClient | None = None,
) -> AppointmentWrite:
    """PUT the appointment made for a served walk-in onto its entry, once per token."""
    return change_send(
        lambda omneo: omneo.queue_update(entry_id, appointment_id=appointment_id),
        target=queue_entry_target(entry_id),
        client=client,
        action_token=action_token,
        written_by=written_by,
        kind=Kind.QUEUE_LINK,
        queue_entry_id=entry_id,
        appointment_id=appointment_id,
        body={"appointment_id": appointment_id},
        status_before="served",
        location_id=location_id,
        timezone=timezone_name,
    )


def queue_entry_shows(write: AppointmentWrite, entry: QueueEntry) -> bool:
    """Whether the entry now has what the write sent (its status, or the appointment linked)."""
    body = write.body
    if "status" in body and entry.status != body["status"]:
        return False
    return "appointment_id" not in body or entry.appointment_id == body["appointment_id"]


def queue_lookup(*, write: AppointmentWrite, client: OmneoClient) -> QueueEntry | None:
    """The entry as Omneo holds it when it shows the write, else None (raises OmneoError)."""
    if write.kind == Kind.QUEUE_ADD:
        listed = client.queue_list(
            location_id=write.body.get("location_id"),
            appointment_definition_id=write.body.get("appointment_definition_id"),
            profile_id=write.body.get("profile_id"),
            sort="-created_at",
        )
        return next((entry for entry in listed if entry.meta.get(TAG_KEY) == write.tag), None)
    entry = client.queue_get(write.queue_entry_id)
    return entry if queue_entry_shows(write, entry) else None


def queue_entry_moved_since(
    *, entry_id: int, since: datetime, other_than: uuid.UUID | str | None = None
) -> AppointmentWrite | None:
    """A write through the portal that changed the entry after `since` (a page shown before it).

    `other_than` is the pressing form's own token: its own earlier write is "already sent".
    """
    moved = AppointmentWrite.objects.filter(
        target=queue_entry_target(entry_id),
        kind__in=STATUS_KINDS,
        outcome=AppointmentWrite.Outcome.DONE,
        created_at__gt=since,
    )
    if other_than is not None:
        moved = moved.exclude(action_token=other_than)
    return moved.order_by("-created_at").first()
