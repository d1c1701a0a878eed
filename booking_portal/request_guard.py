"""Requests no page can use are answered 400 before any view, database or Omneo sees them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

NUL = "\x00"
BAD_REQUEST = "This address or form holds a character no page accepts."


class NulCharacterMiddleware:
    """Refuse NUL in the query string and in form field names.

    PostgreSQL cannot store or compare text with NUL, so an admin search or filter holding one
    would end in a 500. Form values are left to the forms, which mark the field.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        in_query = any(NUL in key or NUL in "".join(values) for key, values in request.GET.lists())
        in_names = request.method == "POST" and any(NUL in key for key in request.POST)
        if in_query or in_names or NUL in request.path:
            return HttpResponseBadRequest(BAD_REQUEST, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
