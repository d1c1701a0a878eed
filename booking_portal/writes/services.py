"""Writes to Omneo beyond create: claim under a one-time token, send once, record the answer."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.errors import OmneoError, OmneoValidationError
from booking_portal.omneo.resources import (
    Appointment,
    AppointmentChanges,
    WaitlistEntry,
    WaitlistEntryInput,
)
from booking_portal.writes.outcomes import failure_outcome

from .checks import write_check
from .models import AppointmentWrite, WriteCheck

logger = logging.getLogger(__name__)
Outcome = AppointmentWrite.Outcome
Kind = AppointmentWrite.Kind


class DuplicateWrite(Exception):
    """The action's token was claimed already: Omneo is not called again."""

    def __init__(self, *, write: AppointmentWrite) -> None:
        super().__init__(f"Action already submitted (write {write.pk}).")
        self.write = write


class WriteError(Exception):
    """Omneo refused the write, or its outcome is not known yet; the record says which."""

    def __init__(self, *, write: AppointmentWrite, error: OmneoError) -> None:
        super().__init__(f"Write {write.pk} {write.outcome}: {type(error).__name__}")
        self.write = write
        self.error = error


def write_claim(*, action_token: uuid.UUID | str, **fields: Any) -> AppointmentWrite:
    """Insert the pending row; a used token raises DuplicateWrite (a unique constraint decides)."""
    try:
        with transaction.atomic():
            return AppointmentWrite.objects.create(action_token=action_token, **fields)
    except IntegrityError:
        existing = AppointmentWrite.objects.filter(action_token=action_token).first()
        if existing is None:
            raise
        raise DuplicateWrite(write=existing) from None


def _record_failure(write: AppointmentWrite, error: OmneoError) -> None:
    field_errors: dict[str, list[str]] = {}
    messages = [error.message]
    if isinstance(error, OmneoValidationError):
        field_errors = {key: list(value) for key, value in error.field_errors.items()}
        messages += [m for texts in field_errors.values() for m in texts]
    try:
        body = json.loads(error.body) if error.body else None
    except ValueError:
        body = {"excerpt": error.body_excerpt}
    write.record(
        outcome=str(failure_outcome(error)),
        answered_at=timezone.now(),
        http_status=error.status,
        error_class=type(error).__name__,
        error_messages=messages,
        field_errors=field_errors,
        response_body=body,
    )


def _send(
    write: AppointmentWrite,
    call: Callable[[], Appointment | WaitlistEntry],
    *,
    client: OmneoClient,
) -> AppointmentWrite:
    """Make the one call; on an unknown outcome read back at once, then leave it to the worker."""
    from .tasks import check_write_later, check_write_soon  # the task module imports this one

    check_write_later(write)  # in case this process dies mid-call
    try:
        answer = call()
    except OmneoError as error:
        _record_failure(write, error)
        logger.warning(
            "Omneo write %s %s: %s",
            write.pk,
            write.outcome,
            type(error).__name__,
            extra={"write_id": write.pk, "status": error.status, "kind": write.kind},
        )
        if write.outcome == Outcome.UNKNOWN:
            check = write_check(write=write, client=client)
            if write.outcome == Outcome.UNKNOWN:
                check_write_soon(write, retry_after=check.retry_after)
            if write.outcome == Outcome.DONE:
                return write
        raise WriteError(write=write, error=error) from error
    created_entry = answer.id if isinstance(answer, WaitlistEntry) else None
    write.record(
        outcome=Outcome.DONE,
        answered_at=timezone.now(),
        http_status=200,
        status_after=answer.status,
        response_body={"data": dict(answer.raw)},
        waitlist_entry_id=write.waitlist_entry_id or created_entry,
    )
    return write


def appointment_write(
    *,
    written_by: Any,
    action_token: uuid.UUID | str,
    kind: str,
    appointment: Appointment,
    changes: AppointmentChanges,
    reason: str = "",
    client: OmneoClient | None = None,
) -> AppointmentWrite:
    """PUT the changes once per token; raises DuplicateWrite or WriteError (rejected, unknown…)."""
    client = client or get_omneo_client()
    write = write_claim(
        action_token=action_token,
        written_by=written_by,
        kind=kind,
        appointment_id=appointment.id,
        body=changes.to_json(),
        reason=reason,
        status_before=appointment.status,
        location_id=appointment.location_id,
        timezone=appointment.timezone,
    )
    return _send(write, lambda: client.appointment_update(appointment.id, changes), client=client)


def waitlist_write_add(
    *,
    written_by: Any,
    action_token: uuid.UUID | str,
    entry: WaitlistEntryInput,
    timezone_name: str = "",
    client: OmneoClient | None = None,
) -> AppointmentWrite:
    """POST a waitlist entry once per token, tagged so a lost answer can be found again."""
    client = client or get_omneo_client()
    write = write_claim(
        action_token=action_token,
        written_by=written_by,
        kind=Kind.WAITLIST_ADD,
        body={},
        reason=entry.notes or "",
        location_id=entry.location_id,
        timezone=timezone_name,
    )
    tagged = WaitlistEntryInput(**{**vars(entry), "meta": (*(entry.meta or ()), write.tag)})
    write.record(body=tagged.to_json())
    return _send(write, lambda: client.waitlist_create(tagged), client=client)


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
    client = client or get_omneo_client()
    body = {"status": "fulfilled", "appointment_id": appointment_id}
    write = write_claim(
        action_token=action_token,
        written_by=written_by,
        kind=Kind.WAITLIST_FULFIL,
        waitlist_entry_id=entry_id,
        appointment_id=appointment_id,
        body=body,
        status_before="active",
        location_id=location_id,
        timezone=timezone_name,
    )
    call = lambda: client.waitlist_update(  # noqa: E731
        entry_id, status="fulfilled", appointment_id=appointment_id
    )
    return _send(write, call, client=client)


def write_settled(
    *, write: AppointmentWrite, client: OmneoClient | None = None
) -> AppointmentWrite:
    """The write, read back once more if its outcome is still unknown (for Check again)."""
    write.refresh_from_db()
    if write.is_settled:
        return write
    write_check(write=write, client=client or get_omneo_client())
    return write


__all__ = [
    "DuplicateWrite",
    "WriteCheck",
    "WriteError",
    "appointment_write",
    "waitlist_write_add",
    "waitlist_write_fulfil",
    "write_claim",
    "write_settled",
]
