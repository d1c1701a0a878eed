"""Omneo reads for the booking page, through the shared cache (read_cache.py); no failure kept.

The catalogue (services, their stores and questions, staff per store) is served stale while it
is read again in the background; times are kept a few seconds at most and dropped when a
booking is made at that store for that service.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.calls.availability import MAX_RANGE_DAYS
from booking_portal.omneo.resources import DaySlots, Definition, Location, Person, Question, Slot
from booking_portal.omneo.timeparse import zone_or_default

from .read_cache import (
    bump_generation,
    cache_key,
    cached_value,
    generation,
    read_through,
    stale_while_revalidate,
)

CATALOGUE_FRESH_SECONDS = 60  # served as is; after this, served stale and read again
CATALOGUE_KEEP_SECONDS = 24 * 60 * 60  # hard expiry: past it, read inline
PROFILE_SECONDS = 30
SLOT_SECONDS = 5  # a time can be taken at any moment
GENERATION_KEEP_SECONDS = 60 * 60  # outlives every times entry keyed with it


def _client(client: OmneoClient | None) -> OmneoClient:
    return client or get_omneo_client()


def _catalogue[T](key: str, read: Callable[[], T]) -> T:
    return stale_while_revalidate(
        key, read, fresh=CATALOGUE_FRESH_SECONDS, keep=CATALOGUE_KEEP_SECONDS
    )


def definition_list(*, client: OmneoClient | None = None) -> list[Definition]:
    """Published, non-archived services, by name."""
    definitions = _catalogue(cache_key("definitions"), lambda: _client(client).definition_list())
    return sorted(definitions, key=lambda definition: definition.name)


def definition_list_cached() -> list[Definition] | None:
    """The services if a read is cached (fresh or stale), without asking Omneo; else None."""
    definitions = cached_value(cache_key("definitions"))
    return None if definitions is None else sorted(definitions, key=lambda d: d.name)


def definition_get(*, definition_id: int, client: OmneoClient | None = None) -> Definition | None:
    """One service from the published list (None if it is not offered)."""
    return next((d for d in definition_list(client=client) if d.id == definition_id), None)


def definition_locations(
    *, definition_id: int, client: OmneoClient | None = None
) -> list[Location]:
    return _catalogue(
        cache_key("definition", definition_id, "locations"),
        lambda: _client(client).definition_locations(definition_id),
    )


def definition_questions(
    *, definition_id: int, client: OmneoClient | None = None
) -> list[Question]:
    return _catalogue(
        cache_key("definition", definition_id, "questions"),
        lambda: _client(client).definition_questions(definition_id),
    )


def staff_list(
    *, definition: Definition, location_id: int, on: date, client: OmneoClient | None = None
) -> list[Person]:
    """Staff available for the service, store and day; none asked for when staff is optional."""
    if not definition.requires_staff:
        return []
    return _catalogue(
        cache_key("definition", definition.id, "location", location_id, "staff", on.isoformat()),
        lambda: _client(client).available_staff(definition.id, location_id=location_id, on=on),
    )


def _times_key(definition_id: int, location_id: int, *parts: object) -> str:
    """A times key, under the generation a booking at this store for this service moves on."""
    counter = cache_key("times-generation", definition_id, location_id)
    return cache_key("times", definition_id, location_id, generation(counter), *parts)


def slots_forget(*, definition_id: int, location_id: int) -> None:
    """Drop every cached time of the service at the store (the day's and the month's)."""
    counter = cache_key("times-generation", definition_id, location_id)
    bump_generation(counter, keep=GENERATION_KEEP_SECONDS)


def slot_list(
    *,
    definition: Definition,
    location: Location,
    on: date,
    staff_id: str | None,
    timezone: str,
    client: OmneoClient | None = None,
) -> DaySlots:
    """Free times for the day, kept a few seconds (a slot can be taken at any moment)."""
    if not definition.offers_slots:
        return DaySlots(timezone=timezone, slots=())
    key = _times_key(definition.id, location.id, "day", on.isoformat(), staff_id or "any")
    return read_through(
        key,
        lambda: _client(client).available_slots(
            definition.id, location_id=location.id, on=on, staff_id=staff_id, timezone=timezone
        ),
        seconds=SLOT_SECONDS,
    )


NO_END = "-"  # a time Omneo gave no end for


@dataclass(frozen=True)
class MonthTimes(Mapping[date, DaySlots]):
    """A month of free times by store-local day, kept as one line of text per day.

    A cache hit unpickles 31 strings instead of thousands of tuples; only the day shown is
    split into times.
    """

    timezone: str | None
    by_day: dict[str, str]  # "2026-11-27" → "start end;start end;…" (end "-" when Omneo gave none)

    @classmethod
    def from_slots(cls, slots: DaySlots, zone: ZoneInfo) -> MonthTimes:
        by_day: dict[str, list[str]] = {}
        for slot in slots.slots:
            end = slot.end_at.isoformat() if slot.end_at else NO_END
            day = slot.start_at.astimezone(zone).date().isoformat()
            by_day.setdefault(day, []).append(f"{slot.start_at.isoformat()} {end}")
        days = {day: ";".join(times) for day, times in sorted(by_day.items())}
        return cls(timezone=slots.timezone, by_day=days)

    def __getitem__(self, day: date) -> DaySlots:
        slots = []
        for time in self.by_day[day.isoformat()].split(";"):
            start, end = time.split(" ")
            slots.append(
                Slot(
                    start_at=datetime.fromisoformat(start),
                    end_at=None if end == NO_END else datetime.fromisoformat(end),
                )
            )
        return DaySlots(timezone=self.timezone, slots=tuple(slots), date=day)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day.isoformat() in self.by_day

    def __iter__(self) -> Iterator[date]:
        return (date.fromisoformat(day) for day in self.by_day)

    def __len__(self) -> int:
        return len(self.by_day)


def month_times(
    *,
    definition: Definition,
    location: Location,
    start: date,
    staff_id: str | None,
    timezone: str,
    client: OmneoClient | None = None,
) -> MonthTimes:
    """Each store-local day's free times in the month from start: one range call of 31 days.

    It feeds the date strip (which days have times) and the first open day's times at once.
    """
    if not definition.offers_slots:
        return MonthTimes(timezone=timezone, by_day={})
    end = start + timedelta(days=MAX_RANGE_DAYS - 1)

    def read() -> MonthTimes:
        slots = _client(client).available_slots_range(
            definition.id,
            location_id=location.id,
            start=start,
            end=end,
            staff_id=staff_id,
            timezone=timezone,
        )
        return MonthTimes.from_slots(slots, zone_or_default(slots.timezone, default=timezone))

    key = _times_key(definition.id, location.id, "month", start.isoformat(), staff_id or "any")
    return read_through(key, read, seconds=SLOT_SECONDS)


def open_days(**kwargs: object) -> list[date]:
    """The days with free times in the month from start (see month_times)."""
    return sorted(month_times(**kwargs))  # type: ignore[arg-type]


def profile_search(*, term: str, client: OmneoClient | None = None) -> list[Person]:
    """Customers matching a name, email or phone; nothing for fewer than 2 characters."""
    term = term.strip()
    if len(term) < 2:
        return []
    digest = hashlib.sha256(term.lower().encode()).hexdigest()[:32]
    return read_through(
        cache_key("profiles", generation(cache_key("profiles-generation")), digest),
        lambda: _client(client).profile_search(term),
        seconds=PROFILE_SECONDS,
    )


def profiles_forget() -> None:
    """Drop every cached customer search: a customer was (or may have been) just added."""
    bump_generation(cache_key("profiles-generation"), keep=GENERATION_KEEP_SECONDS)


def profile_get(*, profile_id: str, client: OmneoClient | None = None) -> Person:
    return read_through(
        cache_key("profile", profile_id),
        lambda: _client(client).profile_get(profile_id),
        seconds=PROFILE_SECONDS,
    )
