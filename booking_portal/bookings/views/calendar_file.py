"""A booked appointment's calendar file (.ics), for the customer's or the store's calendar."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from booking_portal.bookings.booked import booked_appointment, booked_attempt_get
from booking_portal.bookings.calendar_file import appointment_calendar, calendar_filename
from booking_portal.staff.roles import booking_staff_required

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@require_GET
@booking_staff_required
def confirmation_ics(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """The same booking the confirmation shows, with the same access: a created one of one's own."""
    attempt = booked_attempt_get(user=request.user, attempt_id=attempt_id)
    booked = booked_appointment(attempt=attempt)
    response = HttpResponse(appointment_calendar(booked), content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{calendar_filename(booked)}"'
    return response
