"""The store's day: the full page, and its list part that htmx refreshes every minute."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from booking_portal.appointments.openings import dismissed_openings
from booking_portal.appointments.page import day_page
from booking_portal.appointments.waitlist import waiting_customer
from booking_portal.staff.roles import booking_staff_required
from booking_portal.staff.scopes import store_from_request

TEMPLATE = "appointments/day.html"


@require_GET
@booking_staff_required
@store_from_request()
def day(request: HttpRequest) -> HttpResponse:
    customer = waiting_customer(request.session) if "waitlist_definition" in request.GET else None
    page = day_page(
        user=request.user,
        source=request.GET,
        waiting_customer=customer,
        dismissed=dismissed_openings(request.session),
    )
    return render(request, TEMPLATE, {"page": page})


@require_GET
@booking_staff_required
@store_from_request()
def day_list(request: HttpRequest) -> HttpResponse:
    """Only the appointments: the one read this part renders."""
    page = day_page(user=request.user, source=request.GET, with_waitlist=False)
    return render(request, f"{TEMPLATE}#list", {"page": page})
