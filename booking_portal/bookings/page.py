"""The booking page's state: Omneo look-ups for what has been chosen so far, and the forms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.resources import DaySlots, Definition, Location, Person, Question
from booking_portal.omneo.timeparse import zone_or_default

from . import selectors
from .forms import SLOT_FORMAT, AnswerForm, BookingForm, answer_forms_for
from .input_rules import is_in_booking_window, is_omneo_uuid, is_sane_search
from .messages import LOOKUP_FAILED
from .payload import BookingChoices


@dataclass
class BookingPage:
    """Everything the booking template shows."""

    form: BookingForm
    answer_forms: Sequence[AnswerForm]  # the answers formset once questions are known
    definition: Definition | None = None
    location: Location | None = None
    zone: ZoneInfo | None = None
    day: date | None = None
    slots: DaySlots | None = None
    staff: list[Person] = field(default_factory=list)
    profile: Person | None = None
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return self.form.is_bound and (
            bool(self.form.errors) or any(f.errors for f in self.answer_forms)
        )

    def choices(self) -> BookingChoices | None:
        """The Omneo records behind a valid form, or None when one is missing."""
        staff_id = self.form.cleaned_data.get("staff")
        staff = next((person for person in self.staff if person.id == staff_id), None)
        if not (self.definition and self.location and self.zone and self.profile):
            return None
        return BookingChoices(self.definition, self.location, self.zone, self.profile, staff)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _day(value: Any, zone: ZoneInfo) -> date:
    """The day asked for, or today when it is unreadable or outside the booking window."""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        day = None
    return day if day and is_in_booking_window(day) else timezone.now().astimezone(zone).date()


def _slot_choices(page: BookingPage, chosen: str | None) -> list[tuple[str, str]]:
    zone = page.zone or ZoneInfo(settings.PORTAL_DEFAULT_TIMEZONE)
    choices = []
    for slot in page.slots.slots if page.slots else ():
        start = slot.start_at.astimezone(zone)
        end = slot.end_at.astimezone(zone) if slot.end_at else None
        label = start.strftime("%-I:%M %p") + (
            f" \N{EN DASH} {end.strftime('%-I:%M %p')}" if end else ""
        )
        choices.append((start.strftime(SLOT_FORMAT), label))
    if chosen and chosen not in dict(choices):
        choices.append((chosen, f"{chosen.replace('T', ' ')} (no longer offered)"))
    return choices


def _look_up(page: BookingPage, part: str, read: Any, default: Any) -> Any:
    try:
        return read()
    except OmneoError:
        page.problems[part] = LOOKUP_FAILED
        return default


def _initial(source: QueryDict) -> dict[str, Any]:
    return {key: values if len(values) > 1 else values[0] for key, values in source.lists()}


def booking_page(*, source: QueryDict, bound: bool) -> BookingPage:
    """Build the page from submitted values: bound for a booking, unbound to show choices."""
    page = BookingPage(form=BookingForm(), answer_forms=[])
    definitions = _look_up(page, "definition", selectors.definition_list, [])
    definition_id = _int(source.get("definition"))
    page.definition = next((d for d in definitions if d.id == definition_id), None)
    locations: list[Location] = []
    questions: list[Question] = []
    if page.definition:
        definition = page.definition
        locations = _look_up(
            page,
            "location",
            lambda: selectors.definition_locations(definition_id=definition.id),
            [],
        )
        questions = _look_up(
            page,
            "questions",
            lambda: selectors.definition_questions(definition_id=definition.id),
            [],
        )
    location_id = _int(source.get("location"))
    if len(locations) == 1:
        location_id = locations[0].id
    page.location = next((loc for loc in locations if loc.id == location_id), None)
    page.zone = zone_or_default(
        page.location.timezone if page.location else None, default=settings.PORTAL_DEFAULT_TIMEZONE
    )
    page.day = _day(source.get("date"), page.zone)
    staff_id = source.get("staff") or None
    if page.definition and page.location:
        definition, location, day = page.definition, page.location, page.day
        page.staff = _look_up(
            page,
            "staff",
            lambda: selectors.staff_list(definition=definition, location_id=location.id, on=day),
            [],
        )
        staff_id = staff_id if any(p.id == staff_id for p in page.staff) else None
        if not definition.requires_staff or staff_id:
            page.slots = _look_up(
                page,
                "slot",
                lambda: selectors.slot_list(
                    definition=definition,
                    location=location,
                    on=day,
                    staff_id=staff_id,
                    timezone=page.zone.key,
                ),
                None,
            )
    # Only well-formed input is looked up: a search or id Omneo should never see stays here.
    term = source.get("profile_search", "")
    profiles = _look_up(
        page,
        "profile",
        lambda: selectors.profile_search(term=term) if is_sane_search(term) else [],
        [],
    )
    profile_id = source.get("profile")
    if is_omneo_uuid(profile_id):
        page.profile = next((p for p in profiles if p.id == profile_id), None) or _look_up(
            page, "profile", lambda: selectors.profile_get(profile_id=profile_id), None
        )
        if page.profile and all(p.id != page.profile.id for p in profiles):
            profiles = [page.profile, *profiles]
    form_kwargs = {
        "definitions": definitions,
        "definition": page.definition,
        "locations": locations,
        "staff": page.staff,
        "profiles": profiles,
        "slot_choices": _slot_choices(page, source.get("slot")),
    }
    if bound:
        page.form = BookingForm(source, **form_kwargs)
        page.answer_forms = answer_forms_for(questions, source)
    else:
        initial = {"date": page.day, **_initial(source)}
        if page.location:
            initial["location"] = page.location.id
        page.form = BookingForm(initial=initial, **form_kwargs)
        page.answer_forms = answer_forms_for(questions, None, initial=source)
    return page
