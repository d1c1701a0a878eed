"""The booking page's state: look-ups for what has been chosen so far, and the forms.

A page shown or refreshed reads Omneo; when a read fails, what the page carried before stands
in for it and the part says so. A submitted page (submitted.py) reads nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.resources import DaySlots, Definition, Location, Person

from . import messages, selectors
from .carried import CarriedChoices, seal_choices, seal_people, unseal_choices
from .forms import SLOT_FORMAT, AnswerForm, BookingForm, answer_forms_for
from .input_rules import is_in_booking_window
from .page_reads import (
    CustomerReads,
    TimesPlan,
    catalogue_from,
    catalogue_reads,
    int_or_none,
    kept,
    month_start,
    times_reads,
)
from .parallel import read_side_by_side
from .payload import BookingChoices


@dataclass
class BookingPage:
    """Everything the booking template shows."""

    form: BookingForm
    answer_forms: Sequence[AnswerForm]  # the answers formset once questions are known
    definition: Definition | None = None
    location: Location | None = None
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo(settings.PORTAL_DEFAULT_TIMEZONE))
    day: date | None = None
    slots: list[tuple[str, str]] = field(default_factory=list)
    slots_known: bool = False
    staff: list[Person] = field(default_factory=list)
    profiles: list[Person] = field(default_factory=list)
    profile: Person | None = None
    profiles_term: str | None = None  # the search the customers listed were found by
    open_days: list[date] = field(default_factory=list)  # days with times, from month_start
    open_days_for: str = ""
    carried: CarriedChoices = field(default_factory=CarriedChoices)
    problems: dict[str, str] = field(default_factory=dict)
    slot_note: str = ""

    @property
    def has_errors(self) -> bool:
        return self.form.is_bound and (
            bool(self.form.errors) or any(f.errors for f in self.answer_forms)
        )

    @property
    def zone_note(self) -> str:
        """Which zone the page's dates and times are in, and why, when it is not the store's."""
        default = settings.PORTAL_DEFAULT_TIMEZONE
        if self.location is None:
            return messages.ZONE_BEFORE_STORE.format(zone=default)
        if not self.location.timezone or self.zone.key != self.location.timezone:
            return messages.ZONE_NOT_SET.format(zone=default)
        return ""

    @property
    def choices_seal(self) -> str:
        return seal_choices(self.carried)

    @property
    def people_seal(self) -> str:
        return seal_people(self.profiles, term=self.profiles_term)

    def choices(self) -> BookingChoices | None:
        """The Omneo records behind a valid form, or None when one is missing."""
        staff_id = self.form.cleaned_data.get("staff")
        staff = next((person for person in self.staff if person.id == staff_id), None)
        if not (self.definition and self.location and self.profile):
            return None
        return BookingChoices(self.definition, self.location, self.zone, self.profile, staff)


def day_or_today(value: Any, zone: ZoneInfo) -> date:
    """The chosen date, or today where the store is when it is unreadable or out of the window."""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        day = None
    return day if day and is_in_booking_window(day) else timezone.now().astimezone(zone).date()


def store_zone(location: Location | None) -> ZoneInfo:
    """The store's zone; the portal's default when there is no store or Omneo has none for it."""
    from booking_portal.omneo.timeparse import zone_or_default

    default = settings.PORTAL_DEFAULT_TIMEZONE
    return zone_or_default(location.timezone if location else None, default=default)


def slot_label(value: str, zone: ZoneInfo | None = None) -> str:
    """A time's value ("2026-11-27T10:00") as staff read it: "Fri 27 Nov, 10:00 AM"."""
    try:
        moment = datetime.strptime(value, SLOT_FORMAT)  # noqa: DTZ007 - store wall clock
    except ValueError:
        return value
    return moment.strftime("%a %-d %b, %-I:%M %p")


def slot_choices(slots: DaySlots | None, zone: ZoneInfo) -> list[tuple[str, str]]:
    """Radio choices for the day's free times: store-local value and "10:00 AM to 10:45 AM"."""
    choices = []
    for slot in slots.slots if slots else ():
        start = slot.start_at.astimezone(zone)
        end = slot.end_at.astimezone(zone) if slot.end_at else None
        label = start.strftime("%-I:%M %p") + (
            f" \N{EN DASH} {end.strftime('%-I:%M %p')}" if end else ""
        )
        choices.append((start.strftime(SLOT_FORMAT), label))
    return choices


def _initial(source: QueryDict) -> dict[str, Any]:
    return {key: values if len(values) > 1 else values[0] for key, values in source.lists()}


def _times_from(
    page: BookingPage, plan: TimesPlan | None, carried: CarriedChoices, results: dict[str, Any]
) -> str | None:
    """Staff, times and open days from the reads made; the staff member the times are for."""
    definition, location, day = page.definition, page.location, page.day
    if plan is None or definition is None or location is None:
        return None
    same_service = carried.definition is not None and carried.definition.id == definition.id
    before = carried if same_service else CarriedChoices()
    if "staff" in results:
        page.staff = kept(page, "staff", results["staff"], list(before.staff))
    staff_id = plan.staff_id if any(p.id == plan.staff_id for p in page.staff) else None
    if not definition.offers_slots or (definition.requires_staff and not staff_id):
        page.slots_known = True  # nothing to show until a staff member is chosen
        return staff_id
    slots = results.get("slots")
    if isinstance(slots, OmneoError):
        page.problems["slot"] = messages.LOOKUP_PROBLEMS["slot"]
        same = (before.location, before.slots_for_staff, before.day) == (location, staff_id, day)
        if same and before.slots_known:
            page.slots, page.slots_known = list(before.slots), True
    elif slots is not None:
        page.slots, page.slots_known = slot_choices(slots, page.zone), True
    days = results.get("open_days")
    if days is None and before.open_days_for == plan.open_days_for:
        days = before.open_days
    if days is not None and not isinstance(days, OmneoError):  # a hint: no problem to say
        page.open_days, page.open_days_for = list(days), plan.open_days_for
    return staff_id


def _build(source: QueryDict, *, whole: bool) -> BookingPage:
    """The page (whole) or its choices part, from the values sent and what the page carried."""
    carried = unseal_choices(source.get("choices_seal")) or CarriedChoices()
    page = BookingPage(form=BookingForm(), answer_forms=[])
    customers = CustomerReads.plan(source) if whole else None
    reads = catalogue_reads(source, carried, reuse=not whole)
    results = read_side_by_side({**reads, **(customers.reads if customers else {})})
    catalogue = catalogue_from(page, source, carried, results)
    page.definition = catalogue.definition
    locations = catalogue.locations
    location_id = int_or_none(source.get("location"))
    if len(locations) == 1:
        location_id = locations[0].id
    page.location = next((loc for loc in locations if loc.id == location_id), None)
    page.zone = store_zone(page.location)
    page.day = day_or_today(source.get("date"), page.zone)
    plan = None
    if page.definition and page.location:
        plan = TimesPlan(
            page.definition,
            page.location,
            page.day,
            page.zone.key,
            source.get("staff") or None,
            month_start(page.zone),
        )
    times = read_side_by_side(times_reads(plan, carried)) if plan else {}
    staff_id = _times_from(page, plan, carried, times)
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
    initial = {"date": page.day, **_initial(source)}
    if page.location:
        initial["location"] = page.location.id
    chosen_slot = source.get("slot")
    cleared = source.get("cleared_slot")  # un-ticked in the browser when a choice changed
    if cleared or (chosen_slot and chosen_slot not in dict(page.slots)):
        initial.pop("slot", None)  # a time belongs to the choices it was offered for
        page.slot_note = messages.TIME_CLEARED.format(time=slot_label(cleared or chosen_slot))
    page.form = BookingForm(initial=initial, **form_choices(page, catalogue.definitions, locations))
    page.answer_forms = answer_forms_for(catalogue.questions, None, initial=source)
    return page


def booking_page(*, source: QueryDict) -> BookingPage:
    """The whole page to show from the values sent so far (unbound: nothing is validated)."""
    return _build(source, whole=True)


def choices_page(*, source: QueryDict) -> BookingPage:
    """The choices part (store, staff, date and time, questions): reads only what it shows."""
    return _build(source, whole=False)


def times_refreshed(page: BookingPage) -> None:
    """After Omneo refused a booking, the submitted choices' times read again, once.

    When the read fails the times the page carried stay, and the part says so.
    """
    carried, definition, location = page.carried, page.definition, page.location
    if definition is None or location is None or carried.day is None or not carried.slots_known:
        return
    try:
        slots = selectors.slot_list(
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


def customers_page(*, source: QueryDict) -> BookingPage:
    """The customers part: the search (unless the page listed it already) and the chosen one."""
    page = BookingPage(form=BookingForm(), answer_forms=[])
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
