"""Book for this customer: the service, time and associate picked in the panel, the rest fixed.

The customer, store and associate come from the verified embed session, never from the form.
The times offered are sealed into the form, so the booking is checked against what the panel
showed (and Omneo's own 422), not against a second read that may fail.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core import signing
from django.utils import timezone

from booking_portal.common.customer_history import DATE_FORMAT
from booking_portal.common.display import clock
from booking_portal.omneo.reads.availability import month_times
from booking_portal.omneo.reads.catalogue import definition_list, location_list, staff_list
from booking_portal.omneo.reads.side_by_side import read_side_by_side
from booking_portal.omneo.reads.zones import store_zone
from booking_portal.omneo.resources import Definition, Location, StoreAppointment
from booking_portal.omneo.timeparse import WIRE_FORMAT
from booking_portal.writes.creates import appointment_book
from booking_portal.writes.models import BookingAttempt
from booking_portal.writes.summary import BookingSummary

from . import messages
from .embed_session import EmbedSession
from .refusals import refusal_record

OFFER_SALT = "booking_portal.clienteling.offer"
TIMES_SHOWN = 12


class PanelRefused(Exception):
    """The panel's request cannot be booked as sent; `message` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TimesOffer:
    """The first open day's times for a service at the session's store, sealed for the form."""

    definition: Definition
    day: date | None
    times: list[datetime]
    seal: str


def _bookable(definition: Definition, location_id: int) -> bool:
    offered = not definition.locations or any(s.id == location_id for s in definition.locations)
    return offered and definition.offers_slots and not definition.has_booking_questionnaire


def panel_services(*, session: EmbedSession) -> list[Definition]:
    """Services offered at the session's store that ask no questions (one read, usually cached)."""
    return [d for d in definition_list() if _bookable(d, session.location_id)]


def _store(location_id: int) -> Location:
    found = next((store for store in location_list() if store.id == location_id), None)
    return found or Location(id=location_id, name=f"Store {location_id}")


def _associate_staff(session: EmbedSession, definition: Definition, on: date) -> str | None:
    """The associate as the booking's staff when the service's staff pool at the store has them.

    Omneo reads a pool only for a service that requires staff (it answers 422 otherwise), so a
    service without one books without staff; one whose pool lacks the associate is refused.
    """
    pool = staff_list(definition=definition, location_id=session.location_id, on=on)
    if session.staff_id and any(person.id == session.staff_id for person in pool):
        return session.staff_id
    if definition.requires_staff:
        raise PanelRefused(messages.NOT_IN_POOL)
    return None


def panel_times(*, session: EmbedSession, definition_id: int) -> TimesOffer:
    """The next free times (the first open day of the coming month), with the associate as staff
    where the service's staff pool at the store has them.

    Omneo round trips: the catalogue (usually cached), the service's staff pool when it requires
    staff (cached like the booking page's), then one range read.
    """
    reads = read_side_by_side({"services": definition_list, "stores": location_list})
    for result in reads.values():
        if isinstance(result, Exception):
            raise result
    definition = next(
        (
            d
            for d in reads["services"]
            if d.id == definition_id and _bookable(d, session.location_id)
        ),
        None,
    )
    if definition is None:
        raise PanelRefused(messages.OFFER_CHANGED)
    store = _store(session.location_id)
    zone = store_zone(store.timezone)
    today = timezone.now().astimezone(zone).date()
    staff_id = _associate_staff(session, definition, today)
    month = month_times(
        definition=definition, location=store, start=today, staff_id=staff_id, timezone=zone.key
    )
    day = next(iter(sorted(month)), None)
    times = [s.start_at.astimezone(zone) for s in month[day].slots][:TIMES_SHOWN] if day else []
    seal = signing.dumps(
        {
            "definition": definition.id,
            "name": definition.name,
            "minutes": definition.duration_minutes,
            "location": store.id,
            "location_name": store.name,
            "zone": zone.key,
            "staff": staff_id,
            "times": [moment.isoformat() for moment in times],
            "profile": session.profile_id,
        },
        salt=OFFER_SALT,
        compress=True,
    )
    return TimesOffer(definition, day, times, seal)


def _swapped(session: EmbedSession, profile_id: object, location_id: object) -> PanelRefused:
    """Record a form naming another customer or store than the session's, and refuse it."""
    refusal_record(
        reason="customer swapped",
        message=messages.CUSTOMER_SWAPPED,
        claimed={
            "profile": {"id": profile_id},
            "staff": {"current": {"id": session.staff_id}, "store": {"id": location_id}},
        },
        detail=f"session customer={session.profile_id} store={session.location_id}",
    )
    return PanelRefused(messages.CUSTOMER_SWAPPED)


def _offer(seal: str, session: EmbedSession) -> dict[str, Any]:
    try:
        offer = signing.loads(seal, salt=OFFER_SALT, max_age=60 * 60)
    except signing.BadSignature as exc:
        raise PanelRefused(messages.OFFER_CHANGED) from exc
    if offer.get("location") != session.location_id or offer.get("profile") != session.profile_id:
        raise _swapped(session, offer.get("profile"), offer.get("location"))
    return offer


@dataclass(frozen=True)
class PanelBooked:
    """The attempt made, and its time in words with the store's zone."""

    attempt: BookingAttempt
    when: str


def panel_book(
    *,
    session: EmbedSession,
    user: Any,
    seal: str,
    start: str,
    form_token: str,
    profile_id: str | None = None,
) -> PanelBooked:
    """Book the sealed time for the session's customer; the writes pipeline sends it once.

    A form naming another customer than the session's is refused before anything is sent.
    Raises PanelRefused, or the pipeline's AlreadySent, StillUnsettled and WriteFailed.
    """
    if not session.profile_id or (profile_id and profile_id != session.profile_id):
        raise _swapped(session, profile_id, session.location_id)
    offer = _offer(seal, session)
    if start not in offer["times"]:
        raise PanelRefused(messages.OFFER_CHANGED)
    zone = store_zone(offer["zone"])
    begins = datetime.fromisoformat(start).astimezone(zone)
    ends = begins + timedelta(minutes=offer["minutes"] or 30)
    try:
        token = uuid.UUID(form_token)
    except ValueError as exc:
        raise PanelRefused(messages.OFFER_CHANGED) from exc
    appointment = StoreAppointment(
        appointment_definition_id=offer["definition"],
        profile_id=session.profile_id,
        location_id=session.location_id,
        scheduled_start_at=begins.strftime(WIRE_FORMAT),
        scheduled_end_at=ends.strftime(WIRE_FORMAT),
        timezone=zone.key,
        assigned_staff_id=offer["staff"],
    )
    summary = BookingSummary(
        definition_id=offer["definition"],
        definition_name=offer["name"],
        location_id=session.location_id,
        location_name=offer["location_name"],
        profile_id=session.profile_id,
        customer_name=session.customer_name,
        customer_email=session.customer_email,
        staff_id=offer["staff"],
        staff_name="",
        start=begins,
        end=ends,
        timezone=zone.key,
    )
    attempt = appointment_book(
        booked_by=user,
        form_token=token,
        appointment=appointment,
        summary=summary,
        form_data={"clienteling": ["1"], "definition": [str(offer["definition"])], "slot": [start]},
    )
    return PanelBooked(attempt, f"{clock(begins)}, {begins.strftime(DATE_FORMAT)} ({zone.key})")
