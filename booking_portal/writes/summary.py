"""What a booking is about, in words and ids, for records and lists (not sent to Omneo)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class BookingSummary:
    """Names beside the ids of a booking, so records read well without asking Omneo again."""

    definition_id: int
    definition_name: str
    location_id: int
    location_name: str
    profile_id: str
    customer_name: str
    customer_email: str
    staff_id: str | None
    staff_name: str
    start: datetime
    end: datetime
    timezone: str
