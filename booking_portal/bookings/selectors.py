"""Omneo reads for the booking page; slow-changing ones are cached briefly, failures never."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from django.core.cache import cache

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.resources import DaySlots, Definition, Location, Person, Question

CATALOGUE_SECONDS = 60  # definitions, their stores and questions change rarely
PROFILE_SECONDS = 30


def _cached[T](key: str, seconds: int, read: Callable[[], T]) -> T:
    """Read through the cache; an exception from read() propagates and caches nothing."""
    hit = cache.get(key)
    if hit is not None:
        return hit
    value = read()
    cache.set(key, value, seconds)
    return value


def _client(client: OmneoClient | None) -> OmneoClient:
    return client or get_omneo_client()


def definition_list(*, client: OmneoClient | None = None) -> list[Definition]:
    """Published, non-archived services, by name."""
    definitions = _cached(
        "omneo:definitions", CATALOGUE_SECONDS, lambda: _client(client).definition_list()
    )
    return sorted(definitions, key=lambda definition: definition.name)


def definition_list_cached() -> list[Definition] | None:
    """The services if a recent read is cached, without asking Omneo; else None."""
    definitions = cache.get("omneo:definitions")
    return None if definitions is None else sorted(definitions, key=lambda d: d.name)


def definition_get(*, definition_id: int, client: OmneoClient | None = None) -> Definition | None:
    """One service from the published list (None if it is not offered)."""
    return next((d for d in definition_list(client=client) if d.id == definition_id), None)


def definition_locations(
    *, definition_id: int, client: OmneoClient | None = None
) -> list[Location]:
    return _cached(
        f"omneo:definition:{definition_id}:locations",
        CATALOGUE_SECONDS,
        lambda: _client(client).definition_locations(definition_id),
    )


def definition_questions(
    *, definition_id: int, client: OmneoClient | None = None
) -> list[Question]:
    return _cached(
        f"omneo:definition:{definition_id}:questions",
        CATALOGUE_SECONDS,
        lambda: _client(client).definition_questions(definition_id),
    )


def staff_list(
    *, definition: Definition, location_id: int, on: date, client: OmneoClient | None = None
) -> list[Person]:
    """Staff available for the service, store and day; none asked for when staff is optional."""
    if not definition.requires_staff:
        return []
    return _client(client).available_staff(definition.id, location_id=location_id, on=on)


def slot_list(
    *,
    definition: Definition,
    location: Location,
    on: date,
    staff_id: str | None,
    timezone: str,
    client: OmneoClient | None = None,
) -> DaySlots:
    """Free times for the day (never cached: a slot can be taken at any moment)."""
    if not definition.offers_slots:
        return DaySlots(timezone=timezone, slots=())
    return _client(client).available_slots(
        definition.id, location_id=location.id, on=on, staff_id=staff_id, timezone=timezone
    )


def profile_search(*, term: str, client: OmneoClient | None = None) -> list[Person]:
    """Customers matching a name, email or phone; nothing for fewer than 2 characters."""
    term = term.strip()
    if len(term) < 2:
        return []
    digest = hashlib.sha256(term.lower().encode()).hexdigest()[:32]
    return _cached(
        f"omneo:profiles:{digest}", PROFILE_SECONDS, lambda: _client(client).profile_search(term)
    )


def profile_get(*, profile_id: str, client: OmneoClient | None = None) -> Person:
    return _cached(
        f"omneo:profile:{profile_id}",
        PROFILE_SECONDS,
        lambda: _client(client).profile_get(profile_id),
    )
