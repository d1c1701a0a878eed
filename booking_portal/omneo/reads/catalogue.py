"""The catalogue: services, their stores and questions, staff per store, every store.

Served stale while it is read again in the background (cache.py): it changes rarely, and a
page never waits for a refresh of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.resources import Definition, Location, Person, Question

from .cache import cache_key, cached_value, stale_while_revalidate
from .side_by_side import read_side_by_side

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


@dataclass(frozen=True)
class StaffAtStores:
    """A staff member as Omneo knows them, and the stores Omneo has them working at."""

    person: Person
    location_ids: frozenset[int]


def staff_directory(*, on: date, client: OmneoClient | None = None) -> list[StaffAtStores]:
    """Every staff member Omneo offers for a service at a store, with those stores, by name.

    Omneo has no plain staff list: its links between staff and stores are each staff service's
    pool at each of its stores (`available-staff`, not only those free that day), read side by
    side. Raises the first OmneoError, so a store is never dropped silently.
    """
    pools = [
        (definition.id, location_id)
        for definition in definition_list(client=client)
        if definition.requires_staff
        for location_id in _offered_at(definition, client)
    ]
    reads = {f"{d}:{s}": _pool_read(d, s, on, client) for d, s in pools}
    results = read_side_by_side(reads)
    found: dict[str, tuple[Person, set[int]]] = {}
    for definition_id, location_id in pools:
        result = results[f"{definition_id}:{location_id}"]
        if isinstance(result, OmneoError):
            raise result
        for person in result:
            found.setdefault(person.id, (person, set()))[1].add(location_id)
    staff = [StaffAtStores(person, frozenset(stores)) for person, stores in found.values()]
    return sorted(staff, key=lambda member: member.person.display_name.casefold())


def _offered_at(definition: Definition, client: OmneoClient | None) -> list[int]:
    if definition.locations:
        return [store.id for store in definition.locations]
    return [store.id for store in definition_locations(definition_id=definition.id, client=client)]


def _pool_read(
    definition_id: int, location_id: int, on: date, client: OmneoClient | None
) -> Callable[[], list[Person]]:
    key = cache_key("definition", definition_id, "location", location_id, "pool", on.isoformat())
    return lambda: _catalogue(
        key,
        lambda: _client(client).available_staff(
            definition_id, location_id=location_id, on=on, available_only=False
        ),
    )
