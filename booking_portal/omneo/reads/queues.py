"""A store's walk-in queue: the entries still waiting or called, in the order they arrived."""

from __future__ import annotations

from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.resources import QueueEntry

OPEN_STATUSES = ("waiting", "called")


def queue_open(*, location_id: int, client: OmneoClient | None = None) -> list[QueueEntry]:
    """The store's walk-ins waiting or called, oldest first; read afresh (never cached).

    Raises OmneoError when Omneo does not answer: the caller says so, never "no one waiting".
    """
    entries = (client or get_omneo_client()).queue_list(
        location_id=location_id, status={"in": list(OPEN_STATUSES)}
    )
    return sorted(entries, key=lambda entry: (entry.created_at is None, entry.created_at, entry.id))
