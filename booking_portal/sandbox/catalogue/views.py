"""Omneo v3 catalogue endpoints: definitions, their questions and stores, locations."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse

from booking_portal.sandbox import data
from booking_portal.sandbox.http import endpoint, not_found
from booking_portal.sandbox.lists import page_of

from .serializers import definition_json, location_json, question_json


@endpoint("GET")
def definition_list(request: HttpRequest) -> HttpResponse:
    definitions = list(data.DEFINITIONS.values())
    for flag in ("is_published", "is_archived"):
        wanted = request.GET.get(f"filter[{flag}]")
        if wanted is not None:
            definitions = [d for d in definitions if d[flag] == (wanted in ("1", "true"))]
    return JsonResponse(page_of(request, [definition_json(d) for d in definitions]))


@endpoint("GET")
def definition_detail(request: HttpRequest, definition_id: int) -> HttpResponse:
    definition = data.DEFINITIONS.get(definition_id)
    if definition is None:
        return not_found("No query results for model [AppointmentDefinition].")
    return JsonResponse({"data": definition_json(definition)})


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
                "questions": [question_json(q, i) for i, q in enumerate(questions)],
            }
        }
    )


@endpoint("GET")
def definition_locations(request: HttpRequest, definition_id: int) -> HttpResponse:
    definition = data.DEFINITIONS.get(definition_id)
    if definition is None:
        return not_found()
    locations = [data.LOCATIONS[i] for i in definition["location_ids"]]
    return JsonResponse({"data": [location_json(item) for item in locations]})


@endpoint("GET")
def location_list(request: HttpRequest) -> HttpResponse:
    items = [location_json(item) for item in data.LOCATIONS.values()]
    return JsonResponse(page_of(request, items))


@endpoint("GET")
def location_detail(request: HttpRequest, location_id: int) -> HttpResponse:
    location = data.LOCATIONS.get(location_id)
    if location is None:
        return not_found("No query results for model [Location].")
    return JsonResponse({"data": location_json(location)})
