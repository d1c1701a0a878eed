"""The per-store booking lock that makes "is the slot free?" and the insert one step."""

from __future__ import annotations

from django.db import transaction

from booking_portal.sandbox.models import SandboxLocationLock


def location_lock(*, location_id: int) -> None:
    """Hold the store's booking lock until the surrounding transaction ends.

    Capacity (per definition, or per staff member) is counted among one store's appointments, so
    one lock per store serialises every create that could compete for a slot, across processes.
    On PostgreSQL the row lock (SELECT … FOR UPDATE) queues them; on SQLite the insert makes the
    transaction the database's single writer, which queues them the same way.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("location_lock() only means something inside transaction.atomic().")
    SandboxLocationLock.objects.bulk_create(
        [SandboxLocationLock(location_id=location_id)], ignore_conflicts=True
    )
    SandboxLocationLock.objects.select_for_update().get(location_id=location_id)
