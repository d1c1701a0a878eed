"""What staff read when Omneo fails, one text per failure; tests assert against these constants."""

from __future__ import annotations

from booking_portal.common import refusals
from booking_portal.common.refusals import refusal_text
from booking_portal.omneo.errors import (
    OmneoError,
)
from booking_portal.writes.models import BookingAttempt, CheckResult

# -- a create Omneo refused before acting: nothing was booked ------------------------------------
CREDENTIALS_REFUSED = (
    "Omneo refused the portal's credentials, so nothing was booked. "
    "Please tell an administrator; your entries are kept below."
)
RATE_LIMITED = (
    "Omneo is busy, so nothing was booked. Please wait {seconds} seconds, then book again; "
    "nothing you entered was lost."
)
RATE_LIMITED_NO_WAIT = (
    "Omneo is busy, so nothing was booked. Please wait a moment, then book again; "
    "nothing you entered was lost."
)
NOT_ANSWERING = (
    "Omneo could not be reached, so nothing was booked and nothing you entered was lost. "
    "Please try again."
)
NOT_FOUND = "Omneo no longer knows one of the choices on this page, so nothing was booked."
REJECTED = "Omneo could not book this appointment. Please check the fields marked below."

# -- a create whose outcome is unknown: Omneo may have booked it ---------------------------------
OUTCOME_UNKNOWN = "Omneo may have booked this; the portal is checking."
CHECK_RESULTS = {
    CheckResult.NOT_YET: (
        "Omneo shows no such appointment yet. The portal checks again shortly; "
        "do not book it again until it says so."
    ),
    CheckResult.UNREACHABLE: "Omneo could not be asked — check again in a moment.",
    CheckResult.AMBIGUOUS: (
        "Omneo has more than one appointment that could be this one, so an administrator will "
        "decide. Do not book it again."
    ),
    CheckResult.ABSENT: "Omneo has no such appointment: nothing was booked. You may book again.",
    CheckResult.FOUND: "Omneo has the appointment: it was booked.",
}
IN_DOUBT = (
    "An earlier attempt at this same booking is not settled yet ({state}), so it was not sent "
    "again. Here is that attempt."
)
RECOVERED = "Omneo answered late, but the appointment was made."
ALREADY_SUBMITTED = "This booking form was already submitted; here is what happened."
ALREADY_BOOKED = "This booking was made already"

# -- look-ups while the page is filled in ---------------------------------------------------------
LOOKUP_PROBLEMS = {
    "definition": "Could not load services — Omneo did not answer.",
    "location": "Could not load stores — Omneo did not answer.",
    "questions": "Could not load this service's questions — Omneo did not answer.",
    "staff": "Could not load staff — Omneo did not answer. The chosen staff member is kept.",
    "slot": "Could not load times — Omneo did not answer.",
    "profile": "Could not search customers — Omneo did not answer. The chosen customer is kept.",
}

# -- what a submitted page must hold together -----------------------------------------------------
TIME_CLEARED = (
    "The time you picked ({time}) was for other choices, so it was cleared. Choose a new time."
)
DAY_MOVED = "No free times on {day} for these choices: showing {first}, the first day with times."
TIME_TAKEN = "{time} was just taken. The times below are fresh: pick one of the nearest or another."
WALK_IN_ONLY = "This service is walk-in only: it cannot be booked ahead."
TIME_NOT_ON_DATE = "{time} is not on {date}. Choose a time on the date shown."
TIME_NOT_OFFERED = (
    "{time} was offered for other choices than these. Choose a time from the list again."
)
SERVICE_AGAIN = "The stores, times and questions shown were for another service. Choose again."
STORE_AGAIN = "The times shown were for another store. Choose the store again."
STAFF_AGAIN = "The staff member is not one this page offered. Choose the staff member again."
CUSTOMER_AGAIN = "Search for the customer again and choose them from the results."

WAITLIST_NEEDS_CHOICES = (
    "Choose the service, the store and the customer, then add them to the waitlist."
)

# -- times and zones ------------------------------------------------------------------------------
ZONE_BEFORE_STORE = "Dates and times are in {zone} until a store is chosen."
ZONE_NOT_SET = "This store's time zone is not set in Omneo; using {zone}."


def message_for(error: OmneoError) -> str:
    """The staff-facing text for a create Omneo refused (nothing was booked)."""
    return refusal_text(
        error,
        {
            refusals.CREDENTIALS: CREDENTIALS_REFUSED,
            refusals.BUSY: RATE_LIMITED,
            refusals.BUSY_NO_WAIT: RATE_LIMITED_NO_WAIT,
            refusals.REJECTED: REJECTED,
            refusals.GONE: NOT_FOUND,
            refusals.OTHER: NOT_ANSWERING,
        },
    )


def unsettled_message(attempt: BookingAttempt) -> str:
    """What staff are told about an attempt that may have booked: the check's result."""
    result = attempt.check_result or CheckResult.NOT_YET
    return f"{OUTCOME_UNKNOWN} {CHECK_RESULTS[result]}"


# -- the customer's own appointments ------------------------------------------------------------
OVERLAP_QUESTION = "{name} already has {service} at {time} that day \N{EM DASH} book anyway?"
