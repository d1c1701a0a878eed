"""The visit's JSON shape: the time as `visited_at` (UTC), never also as `occurred_at`."""

from __future__ import annotations

from typing import Any

from booking_portal.sandbox.http import iso
from booking_portal.sandbox.models import SandboxVisit


def visit_json(visit: SandboxVisit) -> dict[str, Any]:
    return {
        "id": visit.pk,
        "profile_id": visit.profile_id,
        "visited_at": iso(visit.visited_at),
        "timezone": visit.timezone,
        "location_id": visit.location_id,
        "staff_id": visit.staff_id or None,
        "external_id": visit.external_id or None,
        "tags": visit.tags,
        "created_at": iso(visit.created_at),
        "updated_at": iso(visit.updated_at),
    }
