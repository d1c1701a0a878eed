"""Omneo v3 profile endpoints: search and add customers, read one, check an email or mobile."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from booking_portal.sandbox.http import endpoint, json_body, not_found, unprocessable
from booking_portal.sandbox.lists import page_of

from .serializers import person_json
from .store import (
    availability_errors,
    is_available,
    profile_create,
    profile_find,
    search_profiles,
)


@endpoint("GET", "POST")
def profiles(request: HttpRequest) -> HttpResponse:
    """GET searches by name, email or mobile (paged); POST adds a customer."""
    if request.method == "GET":
        term = request.GET.get("search") or request.GET.get("filter[search]") or ""
        found = [person_json(p) for p in search_profiles(term)]
        return JsonResponse(page_of(request, found))
    errors, created = profile_create(json_body(request))
    if created is None:
        return unprocessable(errors)
    return JsonResponse({"data": person_json(created)}, status=201)


@endpoint("GET")
def profile_detail(request: HttpRequest, profile_id: str) -> HttpResponse:
    profile = profile_find(profile_id)
    if profile is None:
        return not_found("No query results for model [Profile].")
    return JsonResponse({"data": person_json(profile)})


@endpoint("POST")
def profile_availability(request: HttpRequest) -> HttpResponse:
    """Whether an email or mobile is free for a new profile (`available: false` means taken)."""
    body = json_body(request)
    errors = availability_errors(body)
    if errors:
        return unprocessable(errors)
    return JsonResponse({"data": {"available": is_available(body)}})
