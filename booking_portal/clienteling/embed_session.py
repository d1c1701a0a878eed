"""The session inside the Clienteling frame: a signed, short-lived token, never a cookie.

A cross-site frame gets no SameSite=Lax cookie (and Safari and Chrome with third-party cookies
blocked get none at all), so the embed pages carry the session themselves: htmx sends it in a
header (`hx-headers`) and forms in a hidden field. It is signed with SECRET_KEY, names the user,
their staff profile, the store and the customer verified at the handshake, and ends at the
token's expiry or CLIENTELING_SESSION_SECONDS, whichever comes first. Since no browser sends it
on its own, it also stands in for the CSRF cookie on the embed URLs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import messages

SALT = "booking_portal.clienteling.embed-session"
HEADER = "X-Clienteling-Session"
FIELD = "clienteling_session"


@dataclass(frozen=True)
class EmbedSession:
    """Who is signed in inside the frame, for which store and customer, until when."""

    user_id: int
    staff_id: str
    location_id: int
    profile_id: str
    expires_at: int  # seconds since the epoch
    customer_name: str = ""
    customer_email: str = ""

    @property
    def expires(self) -> datetime:
        return datetime.fromtimestamp(self.expires_at, tz=UTC)


def embed_session_issue(session: EmbedSession) -> str:
    """The signed token the embed pages carry."""
    return signing.dumps(asdict(session), salt=SALT, compress=True)


def embed_session_read(value: str) -> EmbedSession | None:
    """The session a token carries while it is genuine and unexpired, else None."""
    if not value:
        return None
    try:
        claims = signing.loads(value, salt=SALT, max_age=settings.CLIENTELING_SESSION_SECONDS)
        session = EmbedSession(**claims)
    except (signing.BadSignature, TypeError):
        return None
    return session if session.expires_at > time.time() else None


def _carried(request: HttpRequest) -> str:
    """The token from the htmx header, or a form's hidden field (never the URL)."""
    return request.headers.get(HEADER) or (
        request.POST.get(FIELD, "") if request.method == "POST" else ""
    )


def embed_session_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run the view as the embed session's user (request.user, request.embed), else a 401 part."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        session = embed_session_read(_carried(request))
        user = None
        if session is not None:
            user = get_user_model().objects.filter(pk=session.user_id, is_active=True).first()
        if session is None or user is None:
            return render(
                request,
                "clienteling/panel.html#refused",
                {"message": messages.SESSION_ENDED},
                status=401,
            )
        request.user = user
        request.embed = session  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped
