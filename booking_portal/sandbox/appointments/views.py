"""Omneo v3 appointment endpoints: list and create, read and update one."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from booking_portal.omneo.timeparse import parse_datetime
from booking_portal.sandbox import data
from booking_portal.sandbox.availability.capacity import location_lock
from booking_portal.sandbox.http import endpoint, json_body, not_found, unprocessable
from booking_portal.sandbox.lists import filter_rows, page_of
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.sandbox.profiles.store import profile_find

from . import lifecycle
from .contract import contract_errors
from .listing import filter_appointments
from .rules import business_errors, linked_records
from .serializers import appointment_json
from .updates import apply_update, update_errors

NO_APPOINTMENT = "No query results for model [Appointment]."


@endpoint("GET", "POST")
def appointments(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        found = filter_appointments(request, SandboxAppointment.objects.all())
        return JsonResponse(page_of(request, [appointment_json(a) for a in found]))
    return appointment_create(request)


def appointment_create(request: HttpRequest) -> HttpResponse:
    body = json_body(request)
    errors = contract_errors(body)
    if errors:
        return unprocessable(errors)
    with transaction.atomic():
        if body["location_id"] in data.LOCATIONS:
            # Held until commit: concurrent creates for this store (any process) wait here.
            location_lock(location_id=body["location_id"])
        errors, booking = business_errors(body)
        if errors or booking is None:
            return unprocessable(errors)
        status = body.get("status") or (
            "requested"
            if booking.definition["booking_type"] == "approval_required"
            else "confirmed"
        )
        linked_transaction, order = linked_records(body)
        appointment = SandboxAppointment(
            definition_id=booking.definition["id"],
            profile_id=booking.profile["id"],
            location_id=booking.location["id"],
            staff_id=booking.staff_id or "",
            status=status,
            start=booking.start,
            end=booking.end,
            timezone=body["timezone"],
            confirmed_at=_confirmed_at(body, status),
            notes=body.get("notes") or "",
            meta=body.get("meta"),
            transaction=linked_transaction,
            order=order,
            answers=booking.answers,
        )
        if status != "confirmed":  # a create sent as cancelled, arrived… is stamped now
            lifecycle.set_status(appointment, status, at=timezone.now())
        appointment.save()
    return JsonResponse({"data": appointment_json(appointment)}, status=201)


def _confirmed_at(body: dict, status: str) -> datetime | None:
    """The confirmation time sent (the store's wall clock, as Omneo reads it), else now."""
    if status != "confirmed":
        return None
    zone = ZoneInfo(body["timezone"])  # checked by the business rules already
    sent = parse_datetime(body.get("confirmed_at"), naive_zone=zone)
    return sent or timezone.now()


@endpoint("GET", "PUT")
def appointment_detail(request: HttpRequest, appointment_id: int) -> HttpResponse:
    """GET reads one appointment; PUT changes it (status, time, staff, notes, meta, links)."""
    appointment = SandboxAppointment.objects.filter(pk=appointment_id).first()
    if appointment is None:
        return not_found(NO_APPOINTMENT)
    if request.method == "PUT":
        return appointment_update(request, appointment)
    return JsonResponse({"data": appointment_json(appointment)})


def appointment_update(request: HttpRequest, appointment: SandboxAppointment) -> HttpResponse:
    body = json_body(request)
    with transaction.atomic():
        # Held until commit: a reschedule's capacity check and save race no create or move.
        location_lock(location_id=appointment.location_id)
        appointment = SandboxAppointment.objects.get(pk=appointment.pk)  # as of the lock
        errors = update_errors(appointment, body)
        if errors:
            return unprocessable(errors)
        apply_update(appointment, body)
    return JsonResponse({"data": appointment_json(appointment)})


@endpoint("GET")
def profile_appointments(request: HttpRequest, profile_id: str) -> HttpResponse:
    """GET /v3/profiles/{id}/appointments: the customer's appointments, newest start first."""
    if profile_find(profile_id) is None:
        return not_found("No query results for model [Profile].")
    mine = SandboxAppointment.objects.filter(profile_id=profile_id)
    found = filter_rows(request, mine, {"status": "status"}).order_by("-start", "-pk")
    return JsonResponse(page_of(request, [appointment_json(a) for a in found]))
