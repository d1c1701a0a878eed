"""Reading a write back: did Omneo apply it although its answer was lost?"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from booking_portal.omneo import OmneoClient
from booking_portal.omneo.errors import OmneoError, OmneoRateLimited
from booking_portal.omneo.resources import Appointment, WaitlistEntry
from booking_portal.omneo.timeparse import parse_datetime, zone_or_default
from booking_portal.writes.attempt_settlement import meta_strings

from .models import UNSETTLED, AppointmentWrite, WriteCheck

logger = logging.getLogger(__name__)
Outcome = AppointmentWrite.Outcome
Kind = AppointmentWrite.Kind


@dataclass(frozen=True)
class Check:
    result: str
    retry_after: float | None = None


def _same_moment(wire: object, zone_name: str, moment: datetime | None) -> bool:
    zone = zone_or_default(zone_name, default=settings.PORTAL_DEFAULT_TIMEZONE)
    sent = parse_datetime(wire, naive_zone=zone)
    return sent is not None and moment is not None and abs(sent - moment) < timedelta(seconds=1)


def appointment_shows(write: AppointmentWrite, appointment: Appointment) -> bool:
    """Whether the appointment now has the status and times the write sent."""
    body = write.body
    if "status" in body and appointment.status != body["status"]:
        return False
    zone_name = body.get("timezone") or appointment.timezone
    for key, moment in (
        ("scheduled_start_at", appointment.scheduled_start_at),
        ("scheduled_end_at", appointment.scheduled_end_at),
    ):
        if key in body and not _same_moment(body[key], zone_name, moment):
            return False
    return True


def _read_back(write: AppointmentWrite, client: OmneoClient) -> Appointment | WaitlistEntry | None:
    """The record as Omneo holds it when it shows the write's effect, else None."""
    if write.kind == Kind.WAITLIST_ADD:
        listed = client.waitlist_list(
            location_id=write.body.get("location_id"),
            profile_id=write.body.get("profile_id"),
            appointment_definition_id=write.body.get("appointment_definition_id"),
        )
        return next((entry for entry in listed if write.tag in meta_strings(entry)), None)
    if write.kind == Kind.WAITLIST_FULFIL:
        entry = client.waitlist_get(write.waitlist_entry_id)
        applied = entry.status == "fulfilled" and entry.appointment_id == write.appointment_id
        return entry if applied else None
    appointment = client.appointment_get(write.appointment_id)
    return appointment if appointment_shows(write, appointment) else None


def _grace_over(write: AppointmentWrite, now: datetime) -> bool:
    if write.outcome == Outcome.PENDING:
        age = settings.BOOKING_PENDING_CHECK_SECONDS
        return write.created_at <= now - timedelta(seconds=age)
    since = write.answered_at or write.created_at
    return since <= now - timedelta(seconds=settings.BOOKING_SETTLE_GRACE_SECONDS)


def write_check(*, write: AppointmentWrite, client: OmneoClient) -> Check:
    """Read back once and record what was found; only a settled answer changes the outcome.

    Shows the change → done (recovered). Not shown once the grace has passed → failed.
    A pending write younger than the pending check age is still in flight and left alone.
    """
    now = timezone.now()
    if write.outcome not in UNSETTLED:
        return Check(write.check_result or WriteCheck.APPLIED)
    if write.outcome == Outcome.PENDING and not _grace_over(write, now):
        return Check(WriteCheck.NOT_YET)
    noted = {"checked_at": now, "check_count": write.check_count + 1}
    try:
        found = _read_back(write, client)
    except OmneoError as error:
        write.record(check_result=WriteCheck.UNREACHABLE, **noted)
        logger.warning(
            "Omneo write %s could not be read back: %s",
            write.pk,
            type(error).__name__,
            extra={"write_id": write.pk},
        )
        retry_after = error.retry_after if isinstance(error, OmneoRateLimited) else None
        return Check(WriteCheck.UNREACHABLE, retry_after=retry_after)
    if found is not None:
        write.record(
            outcome=Outcome.DONE,
            recovered=True,
            check_result=WriteCheck.APPLIED,
            status_after=found.status,
            response_body={"data": dict(found.raw)},
            waitlist_entry_id=write.waitlist_entry_id or found.id,
            **noted,
        )
    elif _grace_over(write, now):
        write.record(outcome=Outcome.FAILED, check_result=WriteCheck.NOT_APPLIED, **noted)
    else:
        write.record(check_result=WriteCheck.NOT_YET, **noted)
    return Check(write.check_result)
