"""The booking page's state: look-ups for what has been chosen so far, and the forms.

A page shown or refreshed reads Omneo; when a read fails, what the page carried before stands
in for it and the part says so. A submitted page (submitted.py) reads nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.resources import DaySlots, Definition, Location, Person, Question

from . import messages, selectors
from .carried import CarriedChoices, seal_choices, seal_people, unseal_choices, unseal_people
from .forms import SLOT_FORMAT, AnswerForm, BookingForm, answer_forms_for
from .input_rules import is_in_booking_window, is_omneo_uuid, is_sane_search
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
        return seal_people(self.profiles)

    def choices(self) -> BookingChoices | None:
        """The Omneo records behind a valid form, or None when one is missing."""
        staff_id = self.form.cleaned_data.get("staff")
        staff = next((person for person in self.staff if person.id == staff_id), None)
        if not (self.definition and self.location and self.profile):
            return None
        return BookingChoices(self.definition, self.location, self.zone, self.profile, staff)


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


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


def _look_up[T](page: BookingPage, part: str, read: Callable[[], T]) -> T | None:
    """The read's result, or None with the part's problem noted when Omneo fails."""
    try:
        return read()
    except OmneoError:
        page.problems[part] = messages.LOOKUP_PROBLEMS[part]
        return None


def _initial(source: QueryDict) -> dict[str, Any]:
    return {key: values if len(values) > 1 else values[0] for key, values in source.lists()}


def _carried_for(carried: CarriedChoices | None, definition: Definition | None) -> CarriedChoices:
    """What the page carried, if it was for the same service; else nothing."""
    if carried and definition and carried.definition and carried.definition.id == definition.id:
        return carried
    return CarriedChoices()


def _read_slots(page: BookingPage, carried: CarriedChoices, staff_id: str | None) -> None:
    """The day's times; when the read fails, the times the page carried for the same choices."""
    definition, location, day = page.definition, page.location, page.day
    if definition is None or location is None or day is None:
        return
    if definition.requires_staff and not staff_id:
        page.slots_known = True  # nothing to show until a staff member is chosen
        return
    slots = _look_up(
        page,
        "slot",
        lambda: selectors.slot_list(
            definition=definition,
            location=location,
            on=day,
            staff_id=staff_id,
            timezone=page.zone.key,
        ),
    )
    if slots is not None:
        page.slots, page.slots_known = slot_choices(slots, page.zone), True
        return
    same = (carried.location, carried.slots_for_staff, carried.day) == (location, staff_id, day)
    if same and carried.slots_known:
        page.slots, page.slots_known = list(carried.slots), True


def booking_page(*, source: QueryDict) -> BookingPage:
    """Build the page to show from the values sent so far (unbound: nothing is validated)."""
    carried = unseal_choices(source.get("choices_seal"))
    page = BookingPage(form=BookingForm(), answer_forms=[])
    definitions = _look_up(page, "definition", selectors.definition_list)
    if definitions is None:
        definitions = [carried.definition] if carried and carried.definition else []
    definition_id = int_or_none(source.get("definition"))
    page.definition = next((d for d in definitions if d.id == definition_id), None)
    before = _carried_for(carried, page.definition)
    locations: list[Location] = []
    questions: list[Question] = []
    if page.definition:
        definition_id = page.definition.id
        locations = _look_up(
            page, "location", lambda: selectors.definition_locations(definition_id=definition_id)
        )
        locations = list(before.locations) if locations is None else locations
        questions = _look_up(
            page, "questions", lambda: selectors.definition_questions(definition_id=definition_id)
        )
        questions = list(before.questions) if questions is None else questions
    location_id = int_or_none(source.get("location"))
    if len(locations) == 1:
        location_id = locations[0].id
    page.location = next((loc for loc in locations if loc.id == location_id), None)
    page.zone = store_zone(page.location)
    page.day = day_or_today(source.get("date"), page.zone)
    staff_id = source.get("staff") or None
    if page.definition and page.location and page.definition.requires_staff:
        definition, location, day = page.definition, page.location, page.day
        staff = _look_up(
            page,
            "staff",
            lambda: selectors.staff_list(definition=definition, location_id=location.id, on=day),
        )
        page.staff = list(before.staff) if staff is None else staff
    if not any(person.id == staff_id for person in page.staff):
        staff_id = None
    _read_slots(page, before, staff_id)
    page.carried = CarriedChoices(
        definition=page.definition,
        locations=tuple(locations),
        location=page.location,
        staff=tuple(page.staff),
        slots_for_staff=staff_id,
        day=page.day,
        slots=tuple(page.slots),
        slots_known=page.slots_known,
        questions=tuple(questions),
    )
    _read_customers(page, source)
    initial = {"date": page.day, **_initial(source)}
    if page.location:
        initial["location"] = page.location.id
    chosen_slot = source.get("slot")
    cleared = source.get("cleared_slot")  # un-ticked in the browser when a choice changed
    if cleared or (chosen_slot and chosen_slot not in dict(page.slots)):
        initial.pop("slot", None)  # a time belongs to the choices it was offered for
        page.slot_note = messages.TIME_CLEARED.format(time=slot_label(cleared or chosen_slot))
    page.form = BookingForm(initial=initial, **form_choices(page, definitions, locations))
    page.answer_forms = answer_forms_for(questions, None, initial=source)
    return page


def _read_customers(page: BookingPage, source: QueryDict) -> None:
    """The customers matching the search, and the chosen one; what the page listed stands in."""
    listed = unseal_people(source.get("people_seal"))
    # Only well-formed input is looked up: a search or id Omneo should never see stays here.
    term = source.get("profile_search", "")
    profiles = _look_up(
        page,
        "profile",
        lambda: selectors.profile_search(term=term) if is_sane_search(term) else [],
    )
    profiles = listed if profiles is None else profiles
    profile_id = source.get("profile")
    if is_omneo_uuid(profile_id):
        page.profile = next((p for p in [*profiles, *listed] if p.id == profile_id), None)
        if page.profile is None:
            page.profile = _look_up(
                page, "profile", lambda: selectors.profile_get(profile_id=profile_id)
            )
        if page.profile and all(p.id != page.profile.id for p in profiles):
            profiles = [page.profile, *profiles]
    page.profiles = list(profiles)


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
