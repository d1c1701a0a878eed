"""Building the booking page: look-ups for what has been chosen so far, then the forms.

A page shown or refreshed reads Omneo; when a read fails, what the page carried before stands
in for it and the part says so. A submitted page (submitted.py) reads nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from django.http import QueryDict

from booking_portal.bookings import messages
from booking_portal.bookings.answer_forms import answer_forms_for
from booking_portal.bookings.forms import BookingForm
from booking_portal.common.customer_history import FIRST_FREE
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads import availability
from booking_portal.omneo.reads.side_by_side import read_side_by_side
from booking_portal.omneo.reads.zones import store_zone
from booking_portal.omneo.resources import Definition, Location, Person

from .carried import CarriedChoices, unseal_choices
from .customer_panel import panel_from, panel_reads
from .reads import (
    CustomerReads,
    TimesPlan,
    catalogue_from,
    catalogue_reads,
    int_or_none,
    month_start,
    times_reads,
)
from .state import BookingPage
from .times import last_bookable_day, slot_choices, slot_label, window_start
from .times_shown import only_staff_member, sent_day, times_from


def _initial(source: QueryDict) -> dict[str, Any]:
    return {key: values if len(values) > 1 else values[0] for key, values in source.lists()}


def me_first(staff: Sequence[Person], me: str) -> list[Person]:
    """The staff with the signed-in associate first, when they work at the chosen store."""
    return sorted(staff, key=lambda person: person.id != me) if me else list(staff)


def _nobody() -> str:
    return ""


def _label_me(form: BookingForm, me: str) -> None:
    field = form.fields["staff"]
    field.choices = [
        (value, f"{label} (me)" if me and value == me else label) for value, label in field.choices
    ]


def _build(
    source: QueryDict,
    *,
    whole: bool,
    remembered_location: int | None = None,
    me: Callable[[], str] = _nobody,
    only_stores: frozenset[int] | None = None,
) -> BookingPage:
    """The page (whole) or its choices part, from the values sent and what the page carried.

    `me` gives the associate's Omneo staff id (offered first among staff; asked only when the
    page lists staff); `only_stores`, when set, the stores they may book into.
    """
    carried = unseal_choices(source.get("choices_seal")) or CarriedChoices()
    page = BookingPage()
    customers = CustomerReads.plan(source) if whole else None
    reads = catalogue_reads(source, carried, reuse=not whole)
    if customers:
        reads.update({**customers.reads, **panel_reads(customers.profile_id)})
    results = read_side_by_side(reads)
    catalogue = catalogue_from(page, source, carried, results)
    page.definition = catalogue.definition
    locations = catalogue.locations
    if only_stores is not None:
        locations = [store for store in locations if store.id in only_stores]
    location_id = int_or_none(source.get("location"))
    if "location" not in source and remembered_location is not None:
        location_id = remembered_location  # the store this staff member booked at last
    if len(locations) == 1:
        location_id = locations[0].id
    page.location = next((loc for loc in locations if loc.id == location_id), None)
    page.zone = store_zone(page.location.timezone if page.location else None)
    page.month_start = month_start(page.zone)
    page.day = sent_day(source) or page.month_start
    last = last_bookable_day(page.definition, page.month_start)
    page.window_start = window_start(page.month_start, min(page.day, last))
    plan = None
    if page.definition and page.location:
        staff_id = source.get("staff") or None
        plan = TimesPlan(
            page.definition,
            page.location,
            sent_day(source),
            page.zone.key,
            staff_id,
            page.window_start,  # the availability window holding the date sent: one range read
        )
    times = read_side_by_side(times_reads(plan, carried)) if plan else {}
    staff_id = times_from(page, plan, carried, times)
    if (only := only_staff_member(plan, page)) is not None and plan is not None:
        plan = dataclasses.replace(plan, staff_id=only, reads={})
        more = times_reads(plan, carried)
        more.pop("staff", None)  # already read: the second trip is for the times only
        staff_id = times_from(page, plan, carried, {**times, **read_side_by_side(more)})
    my_id = me() if page.staff else ""
    page.staff = me_first(page.staff, my_id)
    page.carried = CarriedChoices(
        definition=page.definition,
        locations=tuple(locations),
        location=page.location,
        staff=tuple(page.staff),
        slots_for_staff=staff_id,
        day=page.day,
        slots=tuple(page.slots),
        slots_known=page.slots_known,
        questions=tuple(catalogue.questions),
        catalogue_read=catalogue.read,
        open_days=tuple(page.open_days),
        open_days_for=page.open_days_for,
    )
    if customers:
        customers.apply(page, results)
        page.panel = panel_from(profile=page.profile, results=results)
    initial = {**_initial(source), "date": page.day}
    if page.location:
        initial["location"] = page.location.id
    if staff_id:
        initial["staff"] = staff_id
    chosen_slot = source.get("slot")
    cleared = source.get("cleared_slot")  # un-ticked in the browser when a choice changed
    if cleared or (chosen_slot and chosen_slot not in dict(page.slots)):
        initial.pop("slot", None)  # a time belongs to the choices it was offered for
        page.slot_note = messages.TIME_CLEARED.format(time=slot_label(cleared or chosen_slot))
    if source.get(FIRST_FREE) and page.slots and "slot" not in initial:
        initial["slot"] = page.slots[0][0]  # booking again: the next free time
    page.form = BookingForm(initial=initial, **form_choices(page, catalogue.definitions, locations))
    _label_me(page.form, my_id)
    page.answer_forms = answer_forms_for(catalogue.questions, None, initial=source)
    return page


def booking_page(*, source: QueryDict, **who: Any) -> BookingPage:
    """The whole page to show from the values sent so far (unbound: nothing is validated).

    `who` takes remembered_location, me and only_stores (see _build).
    """
    return _build(source, whole=True, **who)


def choices_page(*, source: QueryDict, **who: Any) -> BookingPage:
    """The choices part (store, staff, day and time, questions): reads only what it shows."""
    return _build(source, whole=False, **who)


def times_refreshed(page: BookingPage, *, refused: str = "") -> None:
    """After Omneo refused a booking, the submitted choices' times read again, once.

    A refused time is marked taken only when the fresh times no longer offer it; otherwise it
    stays chosen beside Omneo's own message. When the read fails the carried times stay.
    """
    carried, definition, location = page.carried, page.definition, page.location
    if definition is None or location is None or carried.day is None or not carried.slots_known:
        return
    try:
        slots = availability.slot_list(
            definition=definition,
            location=location,
            on=carried.day,
            staff_id=carried.slots_for_staff,
            timezone=page.zone.key,
        )
    except OmneoError:
        page.problems["slot"] = messages.LOOKUP_PROBLEMS["slot"]
        return
    page.slots = slot_choices(slots, page.zone)
    page.carried = dataclasses.replace(carried, slots=tuple(page.slots), slots_known=True)
    page.form.fields["slot"].widget.choices = list(page.slots)
    if refused and refused not in dict(page.slots):
        page.taken_slot = refused


def customers_page(*, source: QueryDict) -> BookingPage:
    """The customers part: the search (unless the page listed it already) and the chosen one."""
    page = BookingPage()
    customers = CustomerReads.plan(source)
    customers.apply(page, read_side_by_side(customers.reads))
    page.form = BookingForm(initial=_initial(source), profiles=page.profiles)
    return page


def form_choices(
    page: BookingPage, definitions: Sequence[Definition], locations: Sequence[Location]
) -> dict[str, Any]:
    """The BookingForm's choice lists for this page."""
    return {
        "definitions": definitions,
        "definition": page.definition,
        "locations": locations,
        "staff": page.staff,
        "profiles": page.profiles,
        "slot_choices": page.slots,
    }
