"""The sandbox's Clienteling endpoints: `auth/verify`, `users/me` and tenant custom fields."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from booking_portal.sandbox import faults
from booking_portal.sandbox.http import (
    endpoint,
    json_body,
    not_found,
    unauthenticated,
    unprocessable,
)

from .custom_fields import field_errors, field_key, field_save, fields_all
from .users import bearer_user, user_json

View = Callable[..., HttpResponse]


def user_endpoint(view: View) -> View:
    """A GET answered for the user behind the bearer token (theirs, not the integration's)."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = bearer_user(request)
        if user is None:
            return unauthenticated()
        if request.method != "GET":
            return JsonResponse({"message": "Method not allowed."}, status=405)
        fault = faults.take(request)
        if fault is not None:
            return faults.answer_with(fault, partial(view, request, user), request.path)
        return view(request, user, *args, **kwargs)

    return wrapped


@user_endpoint
def auth_verify(request: HttpRequest, user: dict[str, Any]) -> HttpResponse:
    return JsonResponse({"message": "Authenticated."})


@user_endpoint
def users_me(request: HttpRequest, user: dict[str, Any]) -> HttpResponse:
    return JsonResponse(user_json(user))


@endpoint("GET", "POST")
def custom_fields(request: HttpRequest) -> HttpResponse:
    """The tenant's custom fields, or a new one."""
    if request.method == "GET":
        return JsonResponse({"data": list(fields_all().values())})
    body = json_body(request)
    errors = field_errors(body, creating=True)
    if errors:
        return unprocessable(errors)
    return JsonResponse({"data": field_save(field_key(body), body)}, status=201)


@endpoint("GET", "PUT")
def custom_field(request: HttpRequest, key: str) -> HttpResponse:
    """One custom field by `namespace:handle`: read or update."""
    stored = fields_all().get(key)
    if stored is None:
        return not_found("No query results for model [CustomField].")
    if request.method == "GET":
        return JsonResponse({"data": stored})
    body = json_body(request)
    errors = field_errors(body, creating=False)
    if errors:
        return unprocessable(errors)
    return JsonResponse({"data": field_save(key, body)})
