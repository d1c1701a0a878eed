"""Omneo v3 visit endpoints: /v3/profiles/{id}/visits and /v3/profiles/{id}/visits/{visitId}."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from booking_portal.sandbox.http import endpoint, json_body, not_found, unprocessable
from booking_portal.sandbox.lists import filter_rows, page_of
from booking_portal.sandbox.models import SandboxVisit
from booking_portal.sandbox.profiles.store import profile_find

from . import store
from .serializers import visit_json

FILTERABLE = {"external_id": "external_id", "location_id": "location_id"}
NO_PROFILE = "No query results for model [Profile]."
NO_VISIT = "No query results for model [Visit]."


@endpoint("GET", "POST")
def visits(request: HttpRequest, profile_id: str) -> HttpResponse:
    """GET lists the customer's visits (newest first, paged); POST records one."""
    if profile_find(profile_id) is None:
        return not_found(NO_PROFILE)
    if request.method == "GET":
        rows = filter_rows(request, SandboxVisit.objects.filter(profile_id=profile_id), FILTERABLE)
        return JsonResponse(page_of(request, [visit_json(visit) for visit in rows]))
    body = json_body(request)
    errors = store.visit_errors(body, creating=True)
    if errors:
        return unprocessable(errors)
    visit = store.visit_save(SandboxVisit(profile_id=profile_id), body)
    return JsonResponse({"data": visit_json(visit)}, status=201)


@endpoint("GET", "PUT", "DELETE")
def visit_detail(request: HttpRequest, profile_id: str, visit_id: int) -> HttpResponse:
    """GET reads a visit, PUT changes it, DELETE removes it."""
    if profile_find(profile_id) is None:
        return not_found(NO_PROFILE)
    visit = SandboxVisit.objects.filter(profile_id=profile_id, pk=visit_id).first()
    if visit is None:
        return not_found(NO_VISIT)
    if request.method == "DELETE":
        visit.delete()
        return HttpResponse(status=204)
    if request.method == "PUT":
        body = json_body(request)
        errors = store.visit_errors(body, creating=False)
        if errors:
            return unprocessable(errors)
        store.visit_save(visit, body)
    return JsonResponse({"data": visit_json(visit)})
