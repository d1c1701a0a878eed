"""Looking a write up in Omneo after its answer was lost: one step for every kind of write.

A create is found by the tag it carried; a change to an appointment by reading it back and
comparing status and times; a waitlist entry added by its tag; a fulfilment by the entry; a visit
by its external_id; a walk-in's queue write as writes/queues.py reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from booking_portal.omneo import OmneoClient
from booking_portal.omneo.reads.zones import store_zone
from booking_portal.omneo.resources import Appointment, Visit, WaitlistEntry
from booking_portal.omneo.timeparse import parse_datetime

from .models import OMNEO_TAG_PREFIX, AppointmentWrite, BookingAttempt, CheckResult, OmneoWrite
from .outcomes import Written

NOT_BOOKED = frozenset({"cancelled", "rejected"})
Kind = AppointmentWrite.Kind


@dataclass(frozen=True)
class Lookup:
    """What Omneo holds for a write: its effect, nothing, or several records to tell apart."""

    result: str
    found: Written | None = None
    candidate_ids: tuple[int, ...] = ()


def meta_strings(record: Appointment | WaitlistEntry) -> set[str]:
    """Every string in a record's meta, whether Omneo gave a list or an object."""
    found: set[str] = set()
    for entry in record.meta:
        if isinstance(entry, tuple) and len(entry) == 2:  # an object's (key, value) pair
            key, value = entry
            found.update({str(key), str(value), f"{key}:{value}"})
        else:
            found.add(str(entry))
    return found


def _is_portal_tagged(appointment: Appointment) -> bool:
    return any(text.startswith(OMNEO_TAG_PREFIX) for text in meta_strings(appointment))


def attempt_lookup(*, attempt: BookingAttempt, client: OmneoClient) -> Lookup:
    """Find the attempt's own appointment by its tag; never one another attempt holds.

    Same-time appointments without any portal tag may be this one if Omneo dropped the tag:
    they make the lookup ambiguous, for an admin to decide, never a guess.
    """
    listed = client.appointment_list(
        filters={
            "profile_id": attempt.profile_id,
            "appointment_definition_id": attempt.definition_id,
            "location_id": attempt.location_id,
        }
    )
    start = attempt.scheduled_start.astimezone(UTC)
    same_time = [
        item
        for item in listed
        if item.scheduled_start_at is not None
        and abs(item.scheduled_start_at - start) < timedelta(seconds=1)
        and item.location_id == attempt.location_id
    ]
    linked = set(
        BookingAttempt.objects.filter(omneo_appointment_id__in=[item.id for item in same_time])
        .exclude(pk=attempt.pk)
        .values_list("omneo_appointment_id", flat=True)
    )
    tagged = [item for item in same_time if attempt.omneo_tag in meta_strings(item)]
    if len(tagged) == 1 and tagged[0].id not in linked:
        return Lookup(CheckResult.FOUND, found=tagged[0])
    untagged = [
        item
        for item in same_time
        if not _is_portal_tagged(item) and item.id not in linked and item.status not in NOT_BOOKED
    ]
    if tagged or untagged:
        ids = tuple(item.id for item in [*tagged, *untagged])
        return Lookup(CheckResult.AMBIGUOUS, candidate_ids=ids)
    return Lookup(CheckResult.ABSENT)


def _same_moment(wire: object, zone_name: str, moment: datetime | None) -> bool:
    sent = parse_datetime(wire, naive_zone=store_zone(zone_name))
    return sent is not None and moment is not None and abs(sent - moment) < timedelta(seconds=1)


def appointment_shows(write: AppointmentWrite, appointment: Appointment) -> bool:
    """Whether the appointment now has the status and times the write sent."""
    body = write.body
    if "status" in body and appointment.status != body["status"]:
        return False
    zone_name = body.get("timezone") or write.timezone
    for key, moment in (
        ("scheduled_start_at", appointment.scheduled_start_at),
        ("scheduled_end_at", appointment.scheduled_end_at),
    ):
        if key in body and not _same_moment(body[key], zone_name, moment):
            return False
    return True


def visit_find(*, client: OmneoClient, profile_id: str, external_id: str) -> Visit | None:
    """The customer's visit with this external_id, if Omneo has one."""
    listed = client.visit_list(profile_id, external_id=external_id)
    return next((visit for visit in listed if visit.external_id == external_id), None)


def _read_back(write: AppointmentWrite, client: OmneoClient) -> Written | None:
    """The record as Omneo holds it when it shows the write's effect, else None."""
    from .queues import QUEUE_KINDS, queue_lookup  # queues sends, and sending settles by this

    if write.kind in QUEUE_KINDS:
        return queue_lookup(write=write, client=client)
    if write.kind == Kind.VISIT:
        external_id = str(write.body.get("external_id", ""))
        return visit_find(client=client, profile_id=write.profile_id, external_id=external_id)
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


def write_lookup(*, record: OmneoWrite, client: OmneoClient) -> Lookup:
    """Look any write up in Omneo; raises OmneoError when Omneo cannot be asked."""
    if isinstance(record, BookingAttempt):
        return attempt_lookup(attempt=record, client=client)
    assert isinstance(record, AppointmentWrite)  # noqa: S101 - the only other kind of record
    found = _read_back(record, client)
    return Lookup(CheckResult.FOUND, found=found) if found else Lookup(CheckResult.ABSENT)
