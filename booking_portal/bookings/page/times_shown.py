"""Staff, the day and its times for the booking page, from the reads its parts made.

A failed read leaves a problem on the page and, for the same choices, what the page carried.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.http import QueryDict

from booking_portal.bookings import messages
from booking_portal.common.input_rules import is_in_booking_window
from booking_portal.omneo.errors import OmneoError

from .carried import CarriedChoices
from .reads import TimesPlan, kept
from .state import BookingPage
from .times import slot_choices


def times_from(
    page: BookingPage, plan: TimesPlan | None, carried: CarriedChoices, results: dict[str, Any]
) -> str | None:
    """Staff, the day, its times and the open days from the reads made; the staff member."""
    definition, location = page.definition, page.location
    if plan is None or definition is None or location is None:
        return None
    same_service = carried.definition is not None and carried.definition.id == definition.id
    before = carried if same_service else CarriedChoices()
    if "staff" in results:
        page.staff = kept(page, "staff", results["staff"], list(before.staff))
    staff_id = plan.staff_id if any(p.id == plan.staff_id for p in page.staff) else None
    page.day = plan.day or plan.month_start
    if not definition.offers_slots or (definition.requires_staff and not staff_id):
        page.slots_known = True  # nothing to show until a staff member is chosen
        return staff_id
    month = results.get("month")
    if isinstance(month, Mapping):
        page.open_days, page.open_days_for = sorted(month), plan.open_days_for
        page.day = _day_with_times(page, plan, month)
    elif before.open_days_for == plan.open_days_for:
        page.open_days, page.open_days_for = list(before.open_days), before.open_days_for
    slots = results.get("slots")
    if isinstance(month, Mapping) and slots is None:
        slots = month.get(page.day)
        page.slots, page.slots_known = slot_choices(slots, page.zone), True
    elif isinstance(slots, OmneoError) or isinstance(month, OmneoError):
        page.problems["slot"] = messages.LOOKUP_PROBLEMS["slot"]
        shown_before = (before.location, before.slots_for_staff, before.day)
        if shown_before == (location, staff_id, page.day) and before.slots_known:
            page.slots, page.slots_known = list(before.slots), True
    elif slots is not None:
        page.slots, page.slots_known = slot_choices(slots, page.zone), True
    return staff_id


def _day_with_times(page: BookingPage, plan: TimesPlan, month: dict[date, Any]) -> date:
    """The date sent when it has times (or lies past the month); else the first day with times."""
    wanted = plan.day
    if wanted is not None and (wanted in month or not plan.in_month(wanted)):
        return wanted
    if not month:
        return wanted or plan.month_start
    first = min(month)
    if wanted is not None:
        page.day_note = messages.DAY_MOVED.format(
            day=wanted.strftime("%a %-d %b"), first=first.strftime("%a %-d %b")
        )
    return first


def only_staff_member(plan: TimesPlan | None, page: BookingPage) -> str | None:
    """The one staff member who can do a service that needs one, when none is chosen yet."""
    if plan is None or plan.staff_id or not plan.definition.requires_staff:
        return None
    return page.staff[0].id if len(page.staff) == 1 else None


def sent_day(source: QueryDict) -> date | None:
    """The date sent, when it is a readable date in the booking window."""
    try:
        day = date.fromisoformat(str(source.get("date", "")))
    except ValueError:
        return None
    return day if is_in_booking_window(day) else None
