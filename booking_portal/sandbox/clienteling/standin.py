"""A stand-in for Omneo Clienteling: it frames the portal's embed page from another origin.

Open it on one loopback name (http://localhost:8000/sandbox/clienteling/) and it frames the
portal on the other (http://127.0.0.1:8000), so the browser treats them as two sites. Query
parameters make it misbehave on purpose: `token=expired|foreign|bogus`, `store=<id>` (a store
the associate does not work at), `stale=1` (an old timestamp).
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from booking_portal.sandbox import data

from .users import TENANT, USERS, token_issue

OTHER_LOOPBACK = {"localhost": "127.0.0.1", "127.0.0.1": "localhost"}
FORGED_TOKENS = ("expired", "foreign", "bogus")
STALE_SECONDS = 10 * 60
EMBED_PATH = "/clienteling/"


def portal_origin(request: HttpRequest) -> str:
    """The portal on the other loopback name of this request's host, else PORTAL_ORIGIN."""
    host = request.get_host()
    name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    other = OTHER_LOOPBACK.get(name)
    if other is None:
        return settings.PORTAL_ORIGIN
    return f"{request.scheme}://{other}{':' + port if port else ''}"


def _token(user_id: int, forged: str) -> str:
    if forged == "expired":
        return token_issue(user_id=user_id, expires_at=time.time() - 60)
    if forged == "foreign":
        return token_issue(user_id=user_id, tenant="another-tenant")
    if forged == "bogus":
        return "not-a-token-omneo-issued"
    return token_issue(user_id=user_id)


def _person(person: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "first_name", "last_name", "email")
    return {key: person.get(key) for key in keys}


def standin_context(request: HttpRequest) -> dict[str, Any]:
    """The OMNEO_CLIENTELING_CONTEXT the stand-in answers with (the page adds the timestamp)."""
    user = USERS.get(_int(request.GET.get("associate")), USERS[501])
    profile = data.PROFILES.get(request.GET.get("profile", ""))
    store_id = _int(request.GET.get("store")) or user["location_id"]
    store = data.LOCATIONS.get(store_id, {"id": store_id, "name": f"Store {store_id}"})
    forged = request.GET.get("token", "")
    return {
        "type": "OMNEO_CLIENTELING_CONTEXT",
        "profile": _person(profile) if profile else None,
        "staff": {
            "current": _person(data.STAFF[user["staff_id"]]),
            "store": {"id": store["id"], "name": store["name"]},
        },
        "location": {"id": store["id"], "name": store["name"], "timezone": store.get("timezone")},
        "environment": {"tenant": TENANT, "subdomain": TENANT},
        "authentication": {
            "token": _token(user["id"], forged if forged in FORGED_TOKENS else ""),
            "user": {"id": user["id"], "name": user["name"], "email": user["email"]},
            "expiry": int(time.time()) + 60 * 60,  # seconds; Omneo does not state the unit
        },
    }


def _int(value: str | None) -> int:
    return int(value) if value and value.isascii() and value.isdigit() else 0


@require_GET
def clienteling_standin(request: HttpRequest) -> HttpResponse:
    """The stand-in page: the associate, a customer picker, and the portal framed beside them."""
    origin = portal_origin(request)
    return render(
        request,
        "sandbox/clienteling_standin.html",
        {
            "context": standin_context(request),
            "portal_origin": origin,
            "embed_url": f"{origin}{EMBED_PATH}",
            "customers": sorted(data.PROFILES.values(), key=lambda p: p["full_name"])[:8],
            "associates": USERS.values(),
            "stale": request.GET.get("stale") == "1",
        },
    )


def _frame_src(view: Any) -> Any:
    """Allow the stand-in to frame either loopback name of the portal (and nothing else)."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        config = {**settings.SECURE_CSP, "frame-src": [portal_origin(request)]}
        return csp_override(config)(view)(request, *args, **kwargs)

    return wrapped


clienteling_standin_page = _frame_src(clienteling_standin)
