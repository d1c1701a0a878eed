"""Omneo v3 endpoints, as JSON over HTTP, for the demo and the tests."""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable
from datetime import date, timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from . import availability, data, faults, serializers
from .business_rules import business_errors
from .contract_rules import contract_errors, laravel_body
from .listing import filter_appointments, page_of, search_profiles
from .models import SandboxAppointment

# One process serves the sandbox: the lock makes "is the slot free?" and the insert one step.
_create_lock = threading.Lock()
View = Callable[..., HttpResponse]


def not_found(message: str = "Not found.") -> JsonResponse:
    return JsonResponse({"message": message}, status=404)


def unprocessable(errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse(laravel_body(errors), status=422)


def endpoint(*methods: str) -> Callable[[View], View]:
    """JSON endpoint: bearer token required, method checked, armed faults applied."""

    def decorate(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            header = request.headers.get("Authorization", "")
            expected = f"Bearer {settings.OMNEO_SANDBOX_TOKEN}"
            if not hmac.compare_digest(header.encode(), expected.encode()):
                return JsonResponse({"message": "Unauthenticated."}, status=401)
            if request.method not in methods:
                return JsonResponse({"message": "Method not allowed."}, status=405)
            fault = faults.take(request)
            if fault is not None:
                return faults.answer_with(fault, lambda: view(request, *args, **kwargs))
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def json_body(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body or b"{}")
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@endpoint("GET")
def definition_list(request: HttpRequest) -> HttpResponse:
    definitions = list(data.DEFINITIONS.values())
    for flag in ("is_published", "is_archived"):
        wanted = request.GET.get(f"filter[{flag}]")
        if wanted is not None:
            definitions = [d for d in definitions if d[flag] == (wanted in ("1", "true"))]
    return JsonResponse(page_of(request, [serializers.definition_json(d) for d in definitions]))


@endpoint("GET")
def definition_detail(request: HttpRequest, definition_id: int) -> HttpResponse:
    definition = data.DEFINITIONS.get(definition_id)
    if definition is None:
        return not_found("No query results for model [AppointmentDefinition].")
    return JsonResponse({"data": serializers.definition_json(definition)})


@endpoint("GET")
def definition_questions(request: HttpRequest, definition_id: int) -> HttpResponse:
    definition = data.DEFINITIONS.get(definition_id)
    if definition is None:
        return not_found()
    questions = definition["questions"]
    questionnaire = {"id": definition_id, "name": definition["name"], "purpose": "booking"}
    return JsonResponse(
        {
            "data": {
                "questionnaire": questionnaire if questions else None,
                "questions": [serializers.question_json(q, i) for i, q in enumerate(questions)],
            }
        }
    )


@endpoint("GET")
def definition_locations(request: HttpRequest, definition_id: int) -> HttpResponse:
    definition = data.DEFINITIONS.get(definition_id)
    if definition is None:
        return not_found()
    locations = [data.LOCATIONS[i] for i in definition["location_ids"]]
    return JsonResponse({"data": [serializers.location_json(item) for item in locations]})


def _definition_and_location(
    definition_id: int, body: Any
) -> tuple[dict | None, dict | None, dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    definition = data.DEFINITIONS.get(definition_id)
    body = body if isinstance(body, dict) else {}
    location = data.LOCATIONS.get(_int(body.get("location_id")) or 0)
    if definition is None:
        return None, None, errors
    if location is None or location["id"] not in definition["location_ids"]:
        errors["location_id"] = ["The selected location id is invalid."]
    return definition, location, errors


@endpoint("POST")
def available_staff(request: HttpRequest, definition_id: int) -> HttpResponse:
    body = json_body(request)
    definition, location, errors = _definition_and_location(definition_id, body)
    if definition is None:
        return not_found()
    if not definition["requires_staff"]:
        errors["requires_staff"] = ["This appointment definition does not require staff."]
    day = _day(body.get("date") if isinstance(body, dict) else None)
    if day is None:
        errors["date"] = ["The date field must be a valid date."]
    if errors or location is None or day is None:
        return unprocessable(errors)
    staff = []
    for index, staff_id in enumerate(availability.staff_pool(definition, location["id"])):
        has_slots = bool(availability.free_slots(definition, location, day, staff_id))
        if body.get("available_only") and not has_slots:
            continue
        staff.append(
            {
                **serializers.staff_summary(staff_id),
                "has_available_slots": has_slots,
                "is_default_location": True,
                "sort_order": index,
            }
        )
    meta = {
        "assigned_staff_required": True,
        "selection_required_by_customer": definition["customer_must_select_staff"],
    }
    return JsonResponse({"data": staff, "meta": meta})


def _rule_meta(definition: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "slot_interval_minutes",
        "duration_minutes",
        "buffer_before_minutes",
        "buffer_after_minutes",
        "min_lead_minutes",
        "max_advance_days",
        "max_concurrent_bookings",
    )
    return {key: definition[key] for key in keys}


@endpoint("POST")
def available_slots(request: HttpRequest, definition_id: int) -> HttpResponse:
    body = json_body(request)
    definition, location, errors = _definition_and_location(definition_id, body)
    if definition is None:
        return not_found()
    day = _day(body.get("date") if isinstance(body, dict) else None)
    if day is None:
        errors["date"] = ["The date field must be a valid date."]
    if errors or location is None or day is None:
        return unprocessable(errors)
    staff_id = body.get("staff_id") or None
    slots = availability.free_slots(definition, location, day, staff_id)
    duration = definition["duration_minutes"]
    return JsonResponse(
        {
            "data": {
                "date": day.isoformat(),
                "timezone": location["timezone"],
                "appointment_definition_id": definition_id,
                "location_id": location["id"],
                "requires_staff": definition["requires_staff"],
                "customer_must_select_staff": definition["customer_must_select_staff"],
                "assigned_staff_required": definition["requires_staff"],
                "staff": serializers.staff_summary(staff_id) if staff_id in data.STAFF else None,
                "slots": [availability.slot_json(slot, duration) for slot in slots],
            },
            "meta": _rule_meta(definition),
        }
    )


@endpoint("POST")
def available_slots_range(request: HttpRequest, definition_id: int) -> HttpResponse:
    body = json_body(request)
    definition, location, errors = _definition_and_location(definition_id, body)
    if definition is None:
        return not_found()
    body = body if isinstance(body, dict) else {}
    start, end = _day(body.get("start_date")), _day(body.get("end_date"))
    if start is None:
        errors["start_date"] = ["The start date field must be a valid date."]
    if end is None or (start and end < start):
        errors["end_date"] = ["The end date field must be a date after or equal to start date."]
    elif start and (end - start).days + 1 > 31:
        errors["end_date"] = ["The date range may not be greater than 31 days."]
    if errors or location is None or start is None or end is None:
        return unprocessable(errors)
    staff_id = body.get("staff_id") or None
    duration = definition["duration_minutes"]
    slots = [
        availability.slot_json(slot, duration)
        for offset in range((end - start).days + 1)
        for slot in availability.free_slots(
            definition, location, start + timedelta(offset), staff_id
        )
    ]
    if body.get("sort") == "desc":
        slots.reverse()
    meta = {
        **_rule_meta(definition),
        "timezone": location["timezone"],
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "total": len(slots),
    }
    return JsonResponse({"data": slots, "meta": meta})


@endpoint("GET")
def location_list(request: HttpRequest) -> HttpResponse:
    items = [serializers.location_json(item) for item in data.LOCATIONS.values()]
    return JsonResponse(page_of(request, items))


@endpoint("GET")
def location_detail(request: HttpRequest, location_id: int) -> HttpResponse:
    location = data.LOCATIONS.get(location_id)
    if location is None:
        return not_found("No query results for model [Location].")
    return JsonResponse({"data": serializers.location_json(location)})


@endpoint("GET")
def profile_list(request: HttpRequest) -> HttpResponse:
    term = request.GET.get("search") or request.GET.get("filter[search]") or ""
    found = [serializers.person_json(p) for p in search_profiles(term)]
    return JsonResponse(page_of(request, found))


@endpoint("GET")
def profile_detail(request: HttpRequest, profile_id: str) -> HttpResponse:
    profile = data.PROFILES.get(profile_id)
    if profile is None:
        return not_found("No query results for model [Profile].")
    return JsonResponse({"data": serializers.person_json(profile)})


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
    with _create_lock, transaction.atomic():
        errors, booking = business_errors(body)
        if errors or booking is None:
            return unprocessable(errors)
        status = body.get("status") or (
            "requested"
            if booking.definition["booking_type"] == "approval_required"
            else "confirmed"
        )
        order_number = (body.get("order") or {}).get("order_number")
        order_id = (body.get("order") or {}).get("id")
        order = data.ORDERS.get(order_number) or next(
            (o for o in data.ORDERS.values() if o["id"] == order_id), None
        )
        transaction_id = (body.get("transaction") or {}).get("id")
        appointment = SandboxAppointment.objects.create(
            definition_id=booking.definition["id"],
            profile_id=booking.profile["id"],
            location_id=booking.location["id"],
            staff_id=booking.staff_id or "",
            status=status,
            start=booking.start,
            end=booking.end,
            timezone=body["timezone"],
            confirmed_at=timezone.now() if status == "confirmed" else None,
            notes=body.get("notes") or "",
            meta=body.get("meta"),
            transaction=data.TRANSACTIONS.get(transaction_id),
            order=order,
            answers=booking.answers,
        )
    return JsonResponse({"data": serializers.appointment_json(appointment)}, status=201)


@endpoint("GET")
def appointment_detail(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = SandboxAppointment.objects.filter(pk=appointment_id).first()
    if appointment is None:
        return not_found("No query results for model [Appointment].")
    return JsonResponse({"data": serializers.appointment_json(appointment)})


@csrf_exempt
def fault_control(request: HttpRequest) -> HttpResponse:
    """POST arms a fault, DELETE clears them; absent unless fault injection is enabled."""
    if not settings.OMNEO_SANDBOX_FAULTS:
        return not_found()
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
