"""The embed page Clienteling frames, the handshake it posts to, and the panel's parts."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from booking_portal.common.customer_history import customer_panel

from . import messages
from .embed_session import FIELD, HEADER, embed_session_issue
from .framing import framed_by_clienteling
from .handshake import ContextRefused, clienteling_context_verify

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
        message = json.loads(request.POST.get("context", ""))
    except ValueError:
        message = None
    if not isinstance(message, dict):
        return _refused(request, messages.NO_CONTEXT)
    try:
        verified = clienteling_context_verify(message=message)
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
