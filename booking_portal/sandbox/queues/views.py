"""Omneo v3 queue endpoints: /v3/appointment-queues and /v3/appointment-queues/{id}."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse

from booking_portal.sandbox.http import endpoint, json_body, not_found, unprocessable
from booking_portal.sandbox.lists import filter_rows, page_of
from booking_portal.sandbox.models import SandboxQueueEntry

from . import store
from .serializers import queue_entry_json

FILTERABLE = {
    "appointment_definition_id": "definition_id",
    "profile_id": "profile_id",
    "location_id": "location_id",
    "staff_id": "staff_id",
    "status": "status",
}
SORTABLE = {"created_at": "created_at", "updated_at": "updated_at", "id": "pk", "status": "status"}
NO_ENTRY = "No query results for model [AppointmentQueue]."


def _sorted(request: HttpRequest, rows: QuerySet[SandboxQueueEntry]) -> QuerySet[SandboxQueueEntry]:
    """sort=field or sort=-field; oldest first (the order walk-ins arrived) by default."""
    sort = request.GET.get("sort", "created_at")
    column = SORTABLE.get(sort.lstrip("-"), "created_at")
    descending = sort.startswith("-")
    return rows.order_by(f"-{column}" if descending else column, "-pk" if descending else "pk")


@endpoint("GET", "POST")
def queue_entries(request: HttpRequest) -> HttpResponse:
    """GET lists entries (filtered, sorted, paged); POST adds a walk-in."""
    if request.method == "GET":
        found = filter_rows(request, SandboxQueueEntry.objects.all(), FILTERABLE)
        items = [queue_entry_json(entry) for entry in _sorted(request, found)]
        return JsonResponse(page_of(request, items))
    body = json_body(request)
    errors = store.create_errors(body)
    if errors:
        return unprocessable(errors)
    entry = store.entry_create(body)
    return JsonResponse({"data": queue_entry_json(entry)}, status=201)


@endpoint("GET", "PUT", "DELETE")
def queue_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    """GET reads an entry, PUT changes it (status, staff, notes…), DELETE removes it."""
    entry = SandboxQueueEntry.objects.filter(pk=entry_id).first()
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
    return JsonResponse({"data": queue_entry_json(entry)})
