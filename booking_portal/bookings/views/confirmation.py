"""The confirmation of a booking Omneo made, written for the shop counter."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from booking_portal.bookings.booked import BookedAppointment, booked_appointment, booked_attempt_get
from booking_portal.staff.roles import booking_staff_required


def book_again_url(booked: BookedAppointment) -> str:
    """The booking page with the same customer chosen and the same store."""
    query = urlencode({"profile": booked.profile_id, "location": booked.location_id})
    return f"{reverse('bookings:book')}?{query}"


@require_GET
@booking_staff_required
def confirmation(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = booked_attempt_get(user=request.user, attempt_id=attempt_id)
    booked = booked_appointment(attempt=attempt)
    context = {"attempt": attempt, "booked": booked, "book_again_url": book_again_url(booked)}
    return render(request, "bookings/confirmation.html", context)
