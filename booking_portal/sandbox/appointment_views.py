"""Omneo v3 appointment endpoints, and the fault-injection control."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from booking_portal.omneo.timeparse import parse_datetime

from . import data, faults, lifecycle, serializers
from .appointment_updates import apply_update, update_errors
from .business_rules import business_errors, linked_records
from .capacity import location_lock
from .contract_rules import contract_errors
from .http import (
    endpoint,
    has_sandbox_token,
    json_body,
    not_found,
    unauthenticated,
    unprocessable,
)
from .listing import filter_appointments, page_of
from .models import SandboxAppointment

NO_APPOINTMENT = "No query results for model [Appointment]."


@endpoint("GET", "POST")
def appointments(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        found = filter_appointments(request, SandboxAppointment.objects.all())
        return JsonResponse(page_of(request, [serializers.appointment_json(a) for a in found]))
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
    return JsonResponse({"data": serializers.appointment_json(appointment)}, status=201)


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
    return JsonResponse({"data": serializers.appointment_json(appointment)})


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
    return JsonResponse({"data": serializers.appointment_json(appointment)})


@csrf_exempt
def fault_control(request: HttpRequest) -> HttpResponse:
    """POST arms a fault, DELETE clears them; absent unless fault injection is enabled."""
    if not settings.OMNEO_SANDBOX_FAULTS:
        return not_found()
    if not has_sandbox_token(request):
        return unauthenticated()
    if request.method == "DELETE":
        faults.clear()
        return HttpResponse(status=204)
    body = json_body(request)
    if request.method != "POST" or not isinstance(body, dict):
        return JsonResponse({"message": "POST a JSON object."}, status=400)
    try:
        faults.arm(
            **{
                k: v
                for k, v in body.items()
                if k in ("kind", "method", "path_suffix", "times", "seconds")
            }
        )
    except (TypeError, ValueError) as exc:
        return JsonResponse({"message": str(exc)}, status=422)
    return JsonResponse({"armed": body}, status=201)


@csrf_exempt
def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    return not_found(f"The route {request.path} could not be found.")
