"""The catalogue: services, their stores and questions, staff per store, every store.

Served stale while it is read again in the background (cache.py): it changes rarely, and a
page never waits for a refresh of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.resources import Definition, Location, Person, Question

from .cache import cache_key, cached_value, stale_while_revalidate

CATALOGUE_FRESH_SECONDS = 60  # served as is; after this, served stale and read again
CATALOGUE_KEEP_SECONDS = 24 * 60 * 60  # hard expiry: past it, read inline


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


def location_list(*, client: OmneoClient | None = None) -> list[Location]:
    """Every store, by name."""
    stores = _catalogue(cache_key("locations"), lambda: _client(client).location_list())
    return sorted(stores, key=lambda store: store.name)
