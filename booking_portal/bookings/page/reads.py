"""The look-ups behind each part of the booking page, planned so independent ones run side by side.

Each part asks only for what it shows. Customers: the search (none when the page already
listed that search) and, rarely, the chosen customer. Choices: the service, its stores and
questions (none when the page carried them for the same service), then in one go the staff,
the day's times and the days with times. When the staff member's store is remembered, its staff
and times are read beside the service's stores and questions, so choosing a service waits for one
round trip; while a customer is searched, what the next steps show is read in the background.
A failed read leaves a problem on the page and what the page carried stands in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.http import QueryDict
from django.utils import timezone

from booking_portal.bookings import messages
from booking_portal.common.input_rules import is_omneo_uuid, is_sane_search, parse_positive_id
from booking_portal.omneo.calls.availability import MAX_RANGE_DAYS
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads import availability, catalogue, profiles
from booking_portal.omneo.reads.zones import known_zone, store_zone
from booking_portal.omneo.resources import Definition, Location, Person, Question

from .carried import CarriedChoices, unseal_listing
from .times import last_bookable_day, window_start

AHEAD_STAFF = 6  # staff members whose month of times is warmed while a customer is searched
AHEAD_DAYS = 7  # open days whose staff list is warmed once a staff member's month is shown

Reads = dict[str, Callable[[], Any]]


def int_or_none(value: Any) -> int | None:
    """A positive id as Omneo numbers them, or None: nothing else is ever looked up."""
    return parse_positive_id(value) if value is not None else None


def kept[T](page: Any, part: str, result: T | OmneoError, stand_in: T) -> T:
    """The read's result, or the stand-in with the part's problem noted when Omneo failed."""
    if isinstance(result, OmneoError):
        page.problems[part] = messages.LOOKUP_PROBLEMS[part]
        return stand_in
    return result


@dataclass
class CustomerReads:
    """What the customers part needs to ask Omneo, given what the page listed."""

    term: str
    profile_id: str | None
    listed_term: str | None
    listed: list[Person]
    reads: Reads = field(default_factory=dict)

    @classmethod
    def plan(cls, source: QueryDict) -> CustomerReads:
        listed_term, listed = unseal_listing(source.get("people_seal"))
        term = source.get("profile_search", "").strip()
        plan = cls(term, source.get("profile") or None, listed_term, listed)
        # Only well-formed input is looked up: a search or id Omneo should never see stays here.
        if not plan.already_listed and len(term) >= 2 and is_sane_search(term):
            plan.reads["profiles"] = lambda: profiles.profile_search(term=term)
        if not is_omneo_uuid(plan.profile_id):
            plan.profile_id = None
        if plan.profile_id and all(person.id != plan.profile_id for person in listed):
            profile_id = plan.profile_id
            plan.reads["profile"] = lambda: profiles.profile_get(profile_id=profile_id)
        return plan

    @property
    def already_listed(self) -> bool:
        return self.listed_term is not None and self.listed_term.lower() == self.term.lower()

    def apply(self, page: Any, results: dict[str, Any]) -> None:
        """The customers to list and the chosen one; what the page listed stands in."""
        profiles, page.profiles_term = self.listed, self.listed_term
        if not self.already_listed:
            found = results.get("profiles", [])
            profiles = kept(page, "profile", found, None)
            if profiles is None:
                profiles = self.listed
            else:
                page.profiles_term = self.term
        if self.profile_id:
            known = (p for p in [*profiles, *self.listed] if p.id == self.profile_id)
            page.profile = next(known, None)
            if page.profile is None and "profile" in results:
                page.profile = kept(page, "profile", results["profile"], None)
            if page.profile and all(p.id != page.profile.id for p in profiles):
                profiles = [page.profile, *profiles]
        page.profiles = list(profiles)


@dataclass
class Catalogue:
    """The service chosen, the services to choose from, and the service's stores and questions."""

    definitions: list[Definition]
    definition: Definition | None
    locations: list[Location]
    questions: list[Question]
    read: bool  # the stores and questions were read, not stood in for


def catalogue_reads(source: QueryDict, carried: CarriedChoices, *, reuse: bool) -> Reads:
    """The catalogue look-ups, or none when reuse is allowed and the page carried this service."""
    definition_id = int_or_none(source.get("definition"))
    if reuse and _carries(carried, definition_id):
        return {}
    reads: Reads = {"definitions": catalogue.definition_list}
    if definition_id is not None:
        reads["locations"] = lambda: catalogue.definition_locations(definition_id=definition_id)
        reads["questions"] = lambda: catalogue.definition_questions(definition_id=definition_id)
    return reads


def _carries(carried: CarriedChoices, definition_id: int | None) -> bool:
    definition = carried.definition
    return bool(definition and definition.id == definition_id and carried.catalogue_read)


def catalogue_from(
    page: Any, source: QueryDict, carried: CarriedChoices, results: dict[str, Any]
) -> Catalogue:
    """The catalogue from the reads made, or from what the page carried."""
    definition_id = int_or_none(source.get("definition"))
    if "definitions" not in results:  # carried for this very service
        definition = carried.definition
        return Catalogue(
            [definition] if definition else [],
            definition,
            list(carried.locations),
            list(carried.questions),
            read=True,
        )
    stand_in = [carried.definition] if carried.definition else []
    definitions = kept(page, "definition", results["definitions"], stand_in)
    definition = next((d for d in definitions if d.id == definition_id), None)
    if definition is None:
        return Catalogue(definitions, None, [], [], read=False)
    same = carried.definition is not None and carried.definition.id == definition.id
    before = carried if same else CarriedChoices()
    locations = kept(page, "location", results["locations"], list(before.locations))
    questions = kept(page, "questions", results["questions"], list(before.questions))
    read = not any(isinstance(results[name], OmneoError) for name in ("locations", "questions"))
    return Catalogue(definitions, definition, locations, questions, read=read)


@dataclass
class TimesPlan:
    """The staff, the month's times per day and the chosen day's times for the store chosen."""

    definition: Definition
    location: Location
    day: date | None  # the date sent, if any; else the first day with times is shown
    zone_name: str
    staff_id: str | None
    month_start: date  # the first day of the availability window read (today or 31·k days on)
    reads: Reads = field(default_factory=dict)

    @property
    def open_days_for(self) -> str:
        parts = (self.definition.id, self.location.id, self.staff_id or "", self.month_start)
        return ":".join(str(part) for part in parts)

    @property
    def month_end(self) -> date:
        return self.month_start + timedelta(days=MAX_RANGE_DAYS - 1)

    def in_month(self, day: date | None) -> bool:
        return day is not None and self.month_start <= day <= self.month_end


def times_reads(plan: TimesPlan, carried: CarriedChoices) -> Reads:
    """Staff ∥ the month's times (or, once the month is known, the chosen day's): one round trip.

    The month's range call gives the date strip and the first open day's times at once.
    """
    definition, location, staff_id = plan.definition, plan.location, plan.staff_id
    reads = plan.reads
    if definition.requires_staff:
        reads["staff"] = lambda: catalogue.staff_list(
            definition=definition, location_id=location.id, on=plan.day or plan.month_start
        )
    if not definition.offers_slots or (definition.requires_staff and not staff_id):
        return reads
    need_month = carried.open_days_for != plan.open_days_for
    if need_month:
        reads["month"] = lambda: availability.month_times(
            definition=definition,
            location=location,
            start=plan.month_start,
            staff_id=staff_id,
            timezone=plan.zone_name,
        )
    if not need_month or (plan.day is not None and not plan.in_month(plan.day)):
        day = plan.day or plan.month_start
        window = plan.month_start if plan.in_month(day) else None
        reads["slots"] = lambda: availability.slot_list(
            definition=definition,
            location=location,
            on=day,
            staff_id=staff_id,
            timezone=plan.zone_name,
            window_start=window,  # a month still cached answers for the day
        )
    return reads


def remembered_store_reads(
    source: QueryDict, *, day: date | None, location_id: int | None, zone_name: str | None
) -> Reads:
    """The remembered store's staff and month of times, to read beside the service's stores.

    They are read under the keys the times part asks for, so it finds them cached; when the
    store does not offer the service they are simply not used. Before the services are cached,
    whether the service needs staff is not known, so both are read.
    """
    definition_id = int_or_none(source.get("definition"))
    zone = known_zone(zone_name)
    if definition_id is None or location_id is None or zone is None or "location" in source:
        return {}
    today = month_start(zone)
    on = day or today
    definition = catalogue.definition_cached(definition_id)
    reads: Reads = {}
    if definition is None or definition.requires_staff:
        reads["ahead staff"] = lambda: catalogue.staff_list_ahead(
            definition_id=definition_id, location_id=location_id, on=on
        )
    first_window = day is None or day < today + timedelta(days=MAX_RANGE_DAYS)
    wanted = definition is None or (definition.offers_slots and not definition.requires_staff)
    if first_window and wanted:
        reads["ahead month"] = lambda: availability.month_times_ahead(
            definition_id=definition_id,
            location_id=location_id,
            start=today,
            staff_id=None,
            timezone=zone.key,
        )
    return reads


def next_steps_warm(carried: CarriedChoices) -> int:
    """While a customer is searched: the staff and the month of times the next steps will show.

    Read in the background for the service and store the page carries (the remembered one),
    for each staff member listed; nothing is asked for what the cache holds. The number of
    reads started.
    """
    definition, location = carried.definition, carried.location
    if definition is None or location is None:
        return 0
    zone = store_zone(location.timezone)
    today = month_start(zone)
    day = carried.day or today
    start = window_start(today, min(day, last_bookable_day(definition, today)))
    started = catalogue.staff_list_warm(definition=definition, location_id=location.id, on=day)
    if definition.requires_staff:
        staff_ids: list[str | None] = [person.id for person in carried.staff[:AHEAD_STAFF]]
    else:
        staff_ids = [None]
    for staff_id in staff_ids:
        started += availability.month_times_warm(
            definition=definition,
            location=location,
            start=start,
            staff_id=staff_id,
            timezone=zone.key,
        )
    return started


def month_start(zone: Any) -> date:
    """Today where the store is: the first day of the days-with-times window."""
    return timezone.now().astimezone(zone).date()


def open_days_warm(plan: TimesPlan, open_days: list[date]) -> int:
    """Once a staff member's days with times are shown: each next open day's staff list.

    The day picked next then shows its staff without waiting; read in the background, nothing
    asked for what the cache holds. The number of reads started.
    """
    if not plan.definition.requires_staff or not plan.staff_id:
        return 0
    shown = plan.day or plan.month_start
    days = [day for day in open_days if day != shown][:AHEAD_DAYS]
    return sum(
        catalogue.staff_list_warm(definition=plan.definition, location_id=plan.location.id, on=day)
        for day in days
    )
