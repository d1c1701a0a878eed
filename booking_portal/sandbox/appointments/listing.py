"""GET /v3/appointments: the filters it takes and the order it answers in."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from booking_portal.sandbox.lists import filter_rows
from booking_portal.sandbox.models import SandboxAppointment

FILTERABLE = {
    "profile_id": "profile_id",
    "appointment_definition_id": "definition_id",
    "location_id": "location_id",
    "assigned_staff_id": "staff_id",
    "status": "status",
    "scheduled_start_at": "start",
}


def filter_appointments(
    request: HttpRequest, appointments: QuerySet[SandboxAppointment]
) -> QuerySet[SandboxAppointment]:
    """Apply the filters, then sort=field or sort=-field (by start unless asked otherwise)."""
    appointments = filter_rows(request, appointments, FILTERABLE)
    sort = request.GET.get("sort", "scheduled_start_at")
    column = FILTERABLE.get(sort.lstrip("-"), "start")
    order = f"-{column}" if sort.startswith("-") else column
    return appointments.order_by(order, "-pk" if sort.startswith("-") else "pk")
