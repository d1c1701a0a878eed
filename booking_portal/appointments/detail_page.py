"""One appointment's page: what it is, its history, its free times, the customer's others."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.http import QueryDict
from django.utils import timezone

from booking_portal.common.customer_history import customer_panel
from booking_portal.common.display import clock
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads import appointments, availability, profiles
from booking_portal.omneo.reads.side_by_side import read_side_by_side
from booking_portal.omneo.resources import Appointment
from booking_portal.writes.models import AppointmentWrite

from . import messages
from .forms import SLOT_FORMAT, CancelForm, RescheduleForm
from .page import appointment_row
from .transitions import Kind, is_offered


def _reschedule_choices(
    appointment: Appointment, zone: ZoneInfo, on: date
) -> tuple[list[tuple[str, str]], str]:
    """Free times for the same service, store and staff on `on`, as (value, label) in `zone`."""
    try:
        starts = availability.reschedule_times(appointment=appointment, zone=zone, on=on)
    except OmneoError:
        return [], messages.SLOTS_UNAVAILABLE
    return [(start.strftime(SLOT_FORMAT), clock(start)) for start in starts], ""


def _date_or(text: str | None, default: date | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        return default


def appointment_page(
    *,
    appointment_id: int,
    source: QueryDict,
    cancel_form: CancelForm | None = None,
    reschedule_form: RescheduleForm | None = None,
    notice: str = "",
) -> dict[str, Any]:
    """The detail template's context: read the appointment, then (if it can move) its times.

    A failed read leaves `problem` set, never an empty page that looks like "nothing here".
    """
    history = AppointmentWrite.objects.filter(appointment_id=appointment_id).select_related(
        "written_by"
    )
    context: dict[str, Any] = {
        "history": history,
        "notice": notice,
        "appointment_id": appointment_id,
    }
    try:
        appointment = appointments.appointment_get(appointment_id=appointment_id)
    except OmneoError:
        context["problem"] = messages.APPOINTMENT_UNAVAILABLE
        return context
    zone = appointments.appointment_zone(appointment)
    start = appointment.scheduled_start_at
    on = _date_or(source.get("date"), start.astimezone(zone).date() if start else None)
    context.update(
        row=appointment_row(appointment, zone),
        appointment=appointment,
        can_cancel=is_offered(appointment.status, Kind.CANCEL),
        can_reschedule=is_offered(appointment.status, Kind.RESCHEDULE),
        cancel_form=cancel_form or CancelForm.fresh(),
        on=on,
    )
    reads = {"panel": lambda: profiles.profile_appointments(profile_id=appointment.profile_id)}
    moves = context["can_reschedule"] and on is not None
    if moves:
        reads["slots"] = lambda: _reschedule_choices(appointment, zone, on)
    results = read_side_by_side(reads)  # the customer's appointments beside the free times
    context["panel"] = customer_panel(
        name=appointment.profile.display_name if appointment.profile else "This customer",
        profile_id=appointment.profile_id,
        read=results["panel"],
        now=timezone.now(),
    )
    if moves:
        slots, slots_problem = results["slots"]
        form = reschedule_form or RescheduleForm.fresh()
        form.fields["slot"].widget.choices = slots
        context.update(reschedule_form=form, slots=slots, slots_problem=slots_problem)
    return context
