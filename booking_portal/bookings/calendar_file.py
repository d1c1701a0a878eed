"""A booked appointment as an iCalendar file (RFC 5545), in the store's own time zone."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from .booked import BookedAppointment

PRODID = "-//Booking Portal//Omneo appointments//EN"
NO_STAFF = "Not assigned"
# Omneo's status → the event's STATUS; anything else booked is CONFIRMED.
EVENT_STATUS = {"requested": "TENTATIVE", "cancelled": "CANCELLED", "rejected": "CANCELLED"}
ZONE_MARGIN = timedelta(days=366)  # the VTIMEZONE covers the event's year either side


def calendar_key(booked: BookedAppointment) -> str:
    """Omneo's appointment id, or the attempt's when Omneo gave none."""
    return str(booked.omneo_id) if booked.omneo_id else f"attempt-{booked.attempt_id}"


def calendar_uid(booked: BookedAppointment) -> str:
    """The event's UID: stable, so a second download updates the same calendar entry."""
    return f"omneo-appointment-{calendar_key(booked)}@booking-portal"


def calendar_filename(booked: BookedAppointment) -> str:
    return f"appointment-{calendar_key(booked)}.ics"


def calendar_description(booked: BookedAppointment) -> str:
    """The event's text: customer, staff, status, answers and notes, one per line."""
    reach = (booked.customer_name, booked.customer_email, booked.customer_phone)
    contact = " · ".join(part for part in reach if part)
    lines = [
        f"Customer: {contact}",
        f"Staff: {booked.staff or NO_STAFF}",
        f"Status: {booked.status_words}",
    ]
    if booked.answers:
        lines.append("Answers:")
        lines.extend(f"- {label}: {words}" for label, words in booked.answers)
    if booked.notes:
        lines.append(f"Notes: {booked.notes}")
    if booked.omneo_id:
        lines.append(f"Omneo appointment: {booked.omneo_id}")
    return "\n".join(lines)


def appointment_calendar(booked: BookedAppointment, *, stamp: datetime | None = None) -> bytes:
    """One VEVENT with its VTIMEZONE; the times carry the store's TZID."""
    start = booked.start.astimezone(booked.zone)
    end = booked.end.astimezone(booked.zone) if booked.end else None
    event = Event.new(
        uid=calendar_uid(booked),
        stamp=stamp or timezone.now(),
        start=start,
        end=end,
        summary=f"{booked.service} at {booked.store}",
        location=booked.store,
        description=calendar_description(booked),
    )
    event.add("status", EVENT_STATUS.get(booked.status, "CONFIRMED"))
    calendar = Calendar.new(prodid=PRODID, subcomponents=[event])
    calendar.add_missing_timezones(
        first_date=start.date() - ZONE_MARGIN, last_date=(end or start).date() + ZONE_MARGIN
    )
    return calendar.to_ical()
