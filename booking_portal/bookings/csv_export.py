"""Booking attempts as CSV, for admins."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse

from .models import BookingAttempt
from .store_time import SHEET, store_time

COLUMNS = (
    ("Submitted (store time)", lambda a: store_time(a.created_at, a.timezone, fmt=SHEET)),
    ("Staff user", lambda a: a.booked_by.get_username()),
    ("Outcome", lambda a: a.outcome),
    ("Omneo id", lambda a: a.omneo_appointment_id or ""),
    ("HTTP status", lambda a: a.http_status or ""),
    ("Customer", lambda a: a.customer_name),
    ("Customer email", lambda a: a.customer_email),
    ("Profile id", lambda a: a.profile_id),
    ("Service", lambda a: a.definition_name),
    ("Store", lambda a: a.location_name),
    ("Staff member", lambda a: a.staff_name),
    ("Start (store time)", lambda a: store_time(a.scheduled_start, a.timezone, fmt=SHEET)),
    ("Time zone", lambda a: a.timezone),
    ("Errors", lambda a: " | ".join(a.error_messages)),
)


def _safe(value: object) -> str:
    """Neutralise spreadsheet formulas in customer-entered text."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def attempts_csv(attempts: Iterable[BookingAttempt], *, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([title for title, _ in COLUMNS])
    for attempt in attempts:
        writer.writerow([_safe(read(attempt)) for _, read in COLUMNS])
    return response
