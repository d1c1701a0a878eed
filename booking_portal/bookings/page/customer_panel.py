"""The booking page's customer panel: the chosen customer's appointments, and "Book again"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import QueryDict
from django.utils import timezone

from booking_portal.bookings.answer_forms import ANSWERS_PREFIX
from booking_portal.common.customer_history import FIRST_FREE, CustomerPanel, customer_panel
from booking_portal.common.input_rules import is_omneo_uuid, parse_positive_id
from booking_portal.omneo.reads import profiles
from booking_portal.omneo.reads.side_by_side import read_side_by_side
from booking_portal.omneo.resources import Person

from .carried import unseal_listing
from .state import BookingPage

PANEL = "panel"
BOOK_AGAIN = "book_again"
# What belongs to the time shown: a booking again reads its own service's times and day.
TIME_KEYS = ("date", "slot", "cleared_slot", "choices_seal", BOOK_AGAIN)


def panel_reads(profile_id: str | None) -> dict[str, Callable[[], Any]]:
    """The read of the customer's appointments, to run beside the step's other reads."""
    if not is_omneo_uuid(profile_id):
        return {}
    return {PANEL: lambda: profiles.profile_appointments(profile_id=profile_id)}


def panel_from(*, profile: Person | None, results: dict[str, Any]) -> CustomerPanel | None:
    """The panel for the chosen customer from the reads made; None when none was chosen."""
    if profile is None or PANEL not in results:
        return None
    return customer_panel(
        name=profile.display_name, profile_id=profile.id, read=results[PANEL], now=timezone.now()
    )


def panel_page(*, source: QueryDict) -> BookingPage:
    """The panel part: the customer chosen among those the page listed, and their appointments."""
    page = BookingPage()
    _, listed = unseal_listing(source.get("people_seal"))
    profile_id = source.get("profile")
    page.profile = next((person for person in listed if person.id == profile_id), None)
    if page.profile is not None:
        results = read_side_by_side(panel_reads(page.profile.id))
        page.panel = panel_from(profile=page.profile, results=results)
    return page


def again_source(source: QueryDict) -> QueryDict:
    """The page's values with the service, store and staff member to book again.

    Everything typed stays; the time is left to the page, which picks the next free one.
    """
    parts = [*source.get(BOOK_AGAIN, "").split(":"), "", "", ""]
    definition, location, staff = parse_positive_id(parts[0]), parse_positive_id(parts[1]), parts[2]
    again = source.copy()
    for key in TIME_KEYS:
        again.pop(key, None)
    if definition is not None:
        if str(definition) != source.get("definition"):  # another service asks other questions
            for key in [key for key in again if key.startswith(f"{ANSWERS_PREFIX}-")]:
                again.pop(key)
        again["definition"] = str(definition)
    if location is not None:
        again["location"] = str(location)
    if is_omneo_uuid(staff):
        again["staff"] = staff
    else:
        again.pop("staff", None)
    again[FIRST_FREE] = "1"
    return again
