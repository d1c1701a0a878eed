"""Submits replayed by the browser's outbox: the key must be the form's own token, and a redirect
is named rather than followed, so the page it leads to (and its messages) is opened once, by the
browser itself."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

IDEMPOTENCY_KEY = "Idempotency-Key"
OUTBOX_LOCATION = "Outbox-Location"  # where the browser goes next, instead of a 302 it would follow
KEY_MISMATCH = "The Idempotency-Key header is not this form's token: nothing was sent."
REDIRECTS = {301, 302, 303, 307, 308}

View = Callable[..., HttpResponse]


def replayable(*, key_field: str) -> Callable[[View], View]:
    """Wrap a POST view whose form carries its one-time token in the field `key_field`.

    With an Idempotency-Key header the key must equal that token (else 400, and the view is not
    called), and a redirect is answered 204 with the target in Outbox-Location. Requests without
    the header are untouched.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            key = request.headers.get(IDEMPOTENCY_KEY)
            if key is None:
                return view(request, *args, **kwargs)
            if request.method == "POST" and key != request.POST.get(key_field, ""):
                return HttpResponseBadRequest(KEY_MISMATCH, content_type="text/plain")
            response = view(request, *args, **kwargs)
            if response.status_code in REDIRECTS and response.has_header("Location"):
                named = HttpResponse(status=204)
                named[OUTBOX_LOCATION] = response["Location"]
                named.cookies = response.cookies  # e.g. the store remembered on a booking
                return named
            return response

        return wrapped

    return decorate
