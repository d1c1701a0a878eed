"""The embed page Clienteling frames, the handshake it posts to, and the panel's parts."""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from booking_portal.bookings.messages import message_for, unsettled_message
from booking_portal.common.customer_history import customer_panel
from booking_portal.common.display import clock
from booking_portal.common.input_rules import parse_positive_id
from booking_portal.omneo.errors import OmneoError
from booking_portal.writes.records import AlreadySent, StillUnsettled
from booking_portal.writes.sending import WriteFailed

from . import messages
from .booking import PanelRefused, panel_book, panel_services, panel_times
from .embed_session import FIELD, HEADER, embed_session_issue, embed_session_required
from .framing import framed_by_clienteling
from .handshake import ContextRefused, handshake_verify

TEMPLATE = "clienteling/panel.html"


@require_GET
@framed_by_clienteling
def embed(request: HttpRequest) -> HttpResponse:
    """The page Clienteling frames: it asks the parent for the context and posts it back here."""
    return render(
        request,
        "clienteling/embed.html",
        {
            "origins": json.dumps(settings.CLIENTELING_ORIGINS),
            "handshake_url": reverse("clienteling:handshake"),
            "waiting": messages.WAITING,
            "no_context": messages.NO_CONTEXT,
        },
    )


@csrf_exempt  # no cookie is read or set: the token in the body is the only credential
@require_POST
def handshake(request: HttpRequest) -> HttpResponse:
    """Verify the context the embed page received; the panel, or why it stays closed."""
    try:
        verified = handshake_verify(
            posted=request.POST.get("context", ""), origin=request.POST.get("origin", "")
        )
    except ContextRefused as refusal:
        return _refused(request, refusal.message)
    customer = verified.customer
    panel = None
    if customer is not None:
        panel = customer_panel(
            name=customer.display_name,
            profile_id=customer.id,
            read=verified.appointments,
            now=timezone.now(),
        )
    token = embed_session_issue(verified.session)
    return render(
        request,
        TEMPLATE,
        {
            "panel": panel,
            "customer": customer,
            "session": verified.session,
            "session_headers": json.dumps({HEADER: token}),
            "session_field": FIELD,
            "session_token": token,
            "no_customer": messages.NO_CUSTOMER,
        },
    )


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, f"{TEMPLATE}#refused", {"message": message}, status=403)


@require_GET
@embed_session_required
def services(request: HttpRequest) -> HttpResponse:
    """The services staff can book here in a tap (one read of the catalogue, usually cached)."""
    try:
        offered = panel_services(session=request.embed)  # type: ignore[attr-defined]
    except OmneoError:
        return _part(request, "problem", {"message": messages.SERVICES_UNAVAILABLE})
    return _part(request, "services", {"services": offered, "none": messages.NO_SERVICES})


@require_GET
@embed_session_required
def times(request: HttpRequest) -> HttpResponse:
    """The next free times for the service tapped, as a form that books in one more tap."""
    definition_id = parse_positive_id(request.GET.get("definition", ""))
    try:
        offer = panel_times(session=request.embed, definition_id=definition_id or 0)  # type: ignore[attr-defined]
    except PanelRefused as refusal:
        return _part(request, "problem", {"message": refusal.message}, status=422)
    except OmneoError:
        return _part(request, "problem", {"message": messages.TIMES_UNAVAILABLE})
    return _part(
        request,
        "times",
        {
            "offer": offer,
            "choices": [(moment.isoformat(), clock(moment)) for moment in offer.times],
            "form_token": uuid.uuid4(),
            "session_field": FIELD,
            "session_token": request.POST.get(FIELD) or request.headers.get(HEADER, ""),
            "none": messages.NO_TIMES,
        },
    )


@csrf_exempt  # the embed session in the form is the credential; no cookie is involved
@require_POST
@embed_session_required
def book(request: HttpRequest) -> HttpResponse:
    """Book the time picked for the session's customer, with the associate's own record."""
    session = request.embed  # type: ignore[attr-defined]
    try:
        booked = panel_book(
            session=session,
            user=request.user,
            seal=request.POST.get("offer", ""),
            start=request.POST.get("start", ""),
            form_token=request.POST.get("form_token", ""),
            profile_id=request.POST.get("profile"),
        )
    except PanelRefused as refusal:
        return _part(request, "problem", {"message": refusal.message}, status=422)
    except AlreadySent:
        return _part(request, "problem", {"message": messages.ALREADY_BOOKED})
    except (StillUnsettled, WriteFailed) as failure:
        return _part(request, "problem", {"message": _failure_text(failure)}, status=422)
    text = messages.BOOKED.format(
        service=booked.attempt.definition_name, name=session.customer_name, when=booked.when
    )
    return _part(request, "booked", {"message": text})


def _failure_text(failure: StillUnsettled | WriteFailed) -> str:
    """Refused: Omneo's reason; otherwise what the check of an unknown outcome found."""
    error = getattr(failure, "error", None)
    if error is not None and not error.outcome_unknown:
        return message_for(error)
    return unsettled_message(failure.record)  # type: ignore[arg-type]


def _part(
    request: HttpRequest, name: str, context: dict[str, object], status: int = 200
) -> HttpResponse:
    return render(request, f"{TEMPLATE}#{name}", context, status=status)
