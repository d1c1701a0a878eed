"""Booking attempts as CSV, for admins."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable

from django.http import HttpResponse

from booking_portal.common.display import SHEET, store_time
from booking_portal.writes.models import BookingAttempt

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
    ("Omneo staff id", lambda a: a.omneo_staff_id),
)


FORMULA_STARTS = frozenset("=+-@")
# Spreadsheets skip these before reading a formula: spaces of every width, controls, format marks.
IGNORED_LEADING = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


def formula_neutralised(value: object) -> str:
    """The cell's text, with a leading apostrophe when a spreadsheet would read a formula.

    Looks past leading whitespace and control characters, and through full-width forms
    (U+FF1D and friends, the ideographic space) by NFKC-normalising first.
    """
    text = str(value)
    probe = unicodedata.normalize("NFKC", text)
    start = next((char for char in probe if unicodedata.category(char) not in IGNORED_LEADING), "")
    return f"'{text}" if start in FORMULA_STARTS else text


def attempts_csv(attempts: Iterable[BookingAttempt], *, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([title for title, _ in COLUMNS])
    for attempt in attempts:
        writer.writerow([formula_neutralised(read(attempt)) for _, read in COLUMNS])
    return response
