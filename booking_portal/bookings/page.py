"""The booking page's state: look-ups for what has been chosen so far, and the forms.

A page shown or refreshed reads Omneo; when a read fails, what the page carried before stands
in for it and the part says so. A submitted page (submitted.py) reads nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import QueryDict

from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads import availability
from booking_portal.omneo.reads.side_by_side import read_side_by_side
from booking_portal.omneo.resources import Definition, Location, Person

from . import messages
from .answer_forms import AnswerForm, answer_forms_for
from .carried import CarriedChoices, seal_choices, seal_people, unseal_choices
from .error_summary import SummaryLine, summary_lines
from .forms import BookingForm
from .page_reads import (
    CustomerReads,
    TimesPlan,
    catalogue_from,
    catalogue_reads,
    int_or_none,
    month_start,
    times_reads,
)
from .page_times import (
    StripDay,
    TimeChoice,
    date_strip,
    last_bookable_day,
    nearest_slots,
    slot_choices,
    slot_groups,
    slot_label,
)
from .page_words import MORE_OPTIONS, ServiceChoice, services_in_words
from .payload import BookingChoices
from .times_shown import only_staff_member, sent_day, times_from


@dataclass
class BookingPage:
    """Everything the booking template shows."""

    form: BookingForm | None = None  # made last, once its choices are known
    answer_forms: Sequence[AnswerForm] = ()  # the answers formset once questions are known
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
    day_note: str = ""  # the date sent had no times: the first day with times is shown
    month_start: date | None = None  # today where the store is: the strip's first day
    taken_slot: str = ""  # the time Omneo said was gone, after a refused booking

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

    @cached_property
    def strip(self) -> list[StripDay]:
        """The date strip: the booking window's days in the month, open ones pickable."""
        if self.month_start is None or not (self.definition and self.location):
            return []
        known = self.open_days_for != ""
        last = last_bookable_day(self.definition, self.month_start)
        open_days = self.open_days if known else None
        return date_strip(start=self.month_start, last=last, open_days=open_days, chosen=self.day)

    @property
    def last_bookable(self) -> date | None:
        return last_bookable_day(self.definition, self.month_start) if self.month_start else None

    @property
    def time_groups(self) -> list[tuple[str, list[TimeChoice]]]:
        chosen = str(self.form["slot"].value() or "")
        return slot_groups(self.slots, self.taken_slot, chosen)

    @cached_property
    def nearest_free(self) -> list[TimeChoice]:
        """After a time was taken: the three free times closest to it."""
        return nearest_slots(self.slots, self.taken_slot) if self.taken_slot else []

    @cached_property
    def first_nearest(self) -> str:
        """The time focus moves to after a time was taken."""
        nearest = self.nearest_free
        return nearest[0].value if nearest else ""

    @cached_property
    def focus_nearest(self) -> bool:
        """Focus goes to the nearest free time when the taken time is the only problem."""
        others = [name for name in self.form.errors if name != "slot"]
        answers = any(answer.errors for answer in self.answer_forms)
        return bool(self.first_nearest) and not others and not answers

    @property
    def summary_lines(self) -> list[SummaryLine]:
        return summary_lines(self)

    @property
    def taken_note(self) -> str:
        return messages.TIME_TAKEN.format(time=slot_label(self.taken_slot))

    @cached_property
    def services(self) -> list[ServiceChoice]:
        return services_in_words(self.form)

    @property
    def more_options_open(self) -> bool:
        """Open when a field under "More options" has an error or a value."""
        return any(self.form[name].errors or self.form[name].value() for name in MORE_OPTIONS)

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


def store_zone(location: Location | None) -> ZoneInfo:
    """The store's zone; the portal's default when there is no store or Omneo has none for it."""
    from booking_portal.omneo.timeparse import zone_or_default

    default = settings.PORTAL_DEFAULT_TIMEZONE
    return zone_or_default(location.timezone if location else None, default=default)


def _initial(source: QueryDict) -> dict[str, Any]:
    return {key: values if len(values) > 1 else values[0] for key, values in source.lists()}


def _build(
    source: QueryDict, *, whole: bool, remembered_location: int | None = None
) -> BookingPage:
    """The page (whole) or its choices part, from the values sent and what the page carried."""
    carried = unseal_choices(source.get("choices_seal")) or CarriedChoices()
    page = BookingPage()
    customers = CustomerReads.plan(source) if whole else None
    reads = catalogue_reads(source, carried, reuse=not whole)
    results = read_side_by_side({**reads, **(customers.reads if customers else {})})
    catalogue = catalogue_from(page, source, carried, results)
    page.definition = catalogue.definition
    locations = catalogue.locations
    location_id = int_or_none(source.get("location"))
    if "location" not in source and remembered_location is not None:
        location_id = remembered_location  # the store this staff member booked at last
    if len(locations) == 1:
        location_id = locations[0].id
    page.location = next((loc for loc in locations if loc.id == location_id), None)
    page.zone = store_zone(page.location)
    page.month_start = month_start(page.zone)
    page.day = sent_day(source) or page.month_start
    plan = None
    if page.definition and page.location:
        staff_id = source.get("staff") or None
        plan = TimesPlan(
            page.definition,
            page.location,
            sent_day(source),
            page.zone.key,
            staff_id,
            page.month_start,
        )
    times = read_side_by_side(times_reads(plan, carried)) if plan else {}
    staff_id = times_from(page, plan, carried, times)
    if (only := only_staff_member(plan, page)) is not None and plan is not None:
        plan = dataclasses.replace(plan, staff_id=only, reads={})
        more = times_reads(plan, carried)
        more.pop("staff", None)  # already read: the second trip is for the times only
        staff_id = times_from(page, plan, carried, {**times, **read_side_by_side(more)})
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
    page.form = BookingForm(initial=initial, **form_choices(page, catalogue.definitions, locations))
    page.answer_forms = answer_forms_for(catalogue.questions, None, initial=source)
    return page


def booking_page(*, source: QueryDict, remembered_location: int | None = None) -> BookingPage:
    """The whole page to show from the values sent so far (unbound: nothing is validated)."""
    return _build(source, whole=True, remembered_location=remembered_location)


def choices_page(*, source: QueryDict, remembered_location: int | None = None) -> BookingPage:
    """The choices part (store, staff, day and time, questions): reads only what it shows."""
    return _build(source, whole=False, remembered_location=remembered_location)


def times_refreshed(page: BookingPage) -> None:
    """After Omneo refused a booking, the submitted choices' times read again, once.

    When the read fails the times the page carried stay, and the part says so.
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
