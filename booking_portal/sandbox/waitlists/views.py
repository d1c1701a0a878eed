"""Omneo v3 waitlist endpoints: /v3/appointment-waitlists and /v3/appointment-waitlists/{id}."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from booking_portal.sandbox.http import endpoint, json_body, not_found, unprocessable
from booking_portal.sandbox.lists import filter_rows, page_of
from booking_portal.sandbox.models import SandboxWaitlistEntry

from . import store
from .serializers import waitlist_entry_json

FILTERABLE = {
    "status": "status",
    "profile_id": "profile_id",
    "location_id": "location_id",
    "appointment_definition_id": "definition_id",
}
NO_ENTRY = "No query results for model [AppointmentWaitlist]."


@endpoint("GET", "POST")
def waitlist_entries(request: HttpRequest) -> HttpResponse:
    """GET lists entries (filtered, paged, oldest first); POST adds one."""
    if request.method == "GET":
        found = filter_rows(request, SandboxWaitlistEntry.objects.all(), FILTERABLE)
        items = [waitlist_entry_json(entry) for entry in found.order_by("pk")]
        return JsonResponse(page_of(request, items))
    body = json_body(request)
    errors = store.create_errors(body)
    if errors:
        return unprocessable(errors)
    entry = store.entry_create(body)
    return JsonResponse({"data": waitlist_entry_json(entry)}, status=201)


@endpoint("GET", "PUT", "DELETE")
def waitlist_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    """GET reads an entry, PUT changes its status, notes or meta, DELETE removes it."""
    entry = SandboxWaitlistEntry.objects.filter(pk=entry_id).first()
    if entry is None:
        return not_found(NO_ENTRY)
    if request.method == "DELETE":
        entry.delete()
        return HttpResponse(status=204)
    if request.method == "PUT":
        body = json_body(request)
        errors = store.update_errors(entry, body)
        if errors:
            return unprocessable(errors)
        store.entry_update(entry, body)
    return JsonResponse({"data": waitlist_entry_json(entry)})
