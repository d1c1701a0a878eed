"""{% waitlist_offer attempt %}: on a confirmation, offer to mark the waited-for entry fulfilled."""

from __future__ import annotations

from typing import Any

from django import template

from booking_portal.appointments import messages
from booking_portal.appointments.forms import TokenForm
from booking_portal.appointments.waitlist import waitlist_for_attempt

register = template.Library()


@register.inclusion_tag("appointments/_waitlist_offer.html", takes_context=True)
def waitlist_offer(context: dict[str, Any], attempt: Any) -> dict[str, Any]:
    request = context.get("request")
    entry = waitlist_for_attempt(request.session, attempt) if request else None
    return {
        "entry": entry,
        "attempt": attempt,
        "label": messages.WAITLIST_OFFER.format(entry=entry),
        "form": TokenForm.fresh(),
        "csrf_token": context.get("csrf_token"),
    }
