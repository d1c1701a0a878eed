"""What staff read on the store's day and after each action; tests assert these constants."""

from __future__ import annotations

from booking_portal.common import refusals
from booking_portal.common.refusals import refusal_text
from booking_portal.omneo.errors import (
    OmneoError,
)

DAY_UNAVAILABLE = "Could not load the day — Omneo did not answer."
WAITLIST_UNAVAILABLE = "Could not load the waitlist — Omneo did not answer."
CUSTOMERS_UNAVAILABLE = "Could not search customers — Omneo did not answer. Try again."
STORES_UNAVAILABLE = "Could not load stores — Omneo did not answer."
APPOINTMENT_UNAVAILABLE = "Could not load this appointment — Omneo did not answer."
SLOTS_UNAVAILABLE = "Could not load times — Omneo did not answer."
NO_APPOINTMENTS = "No appointments on this day."

DONE = "{action}: done. The appointment is now {status}."
RECOVERED = "Omneo's answer was lost, but reading the appointment back shows the change: done."
UNKNOWN = (
    "Omneo may have made this change; the portal is checking. Do not press again — "
    "the day will show the result."
)
REJECTED = "Omneo refused this change: {detail}"
NOT_CHANGED = "Omneo could not be reached, so nothing was changed. Please try again."
CREDENTIALS_REFUSED = "Omneo refused the portal's credentials, so nothing was changed."
RATE_LIMITED = "Omneo is busy, so nothing was changed. Please wait a moment and try again."
GONE = "Omneo no longer has this appointment, so nothing was changed."
ALREADY_SENT = "This action was already sent ({outcome}); it was not sent again."
STILL_UNSETTLED = (
    "“{kind}” sent earlier may have been made; the portal is checking, so nothing was sent."
    " The day shows the result."
)
NOT_OFFERED = "This action is not offered for an appointment that is {status}. Reload the day."
STALE_PAGE = "This page is out of date. Reload it and try again."
OTHER_APPOINTMENT = (
    "This form belongs to another appointment: nothing was sent. Open that appointment again."
)

VISIT_WORDS = {
    "recorded": "Visit recorded",
    "retrying": "Visit not recorded yet — the portal will retry",
    "refused": "Visit not recorded — Omneo refused it; the write record says why",
    "given_up": "Visit not recorded — Omneo kept failing; ask an admin to look at it",
}

WALK_INS_UNAVAILABLE = "Could not load the walk-ins — Omneo did not answer."
WALK_IN_ANONYMOUS = "Walk-in (no name given)"
WALK_IN_ADDED = "Walk-in added to the queue."
WALK_IN_DONE = "{action}: done."
WALK_IN_MOVED = (
    "This walk-in was changed since the page was shown ({kind}); nothing was sent. "
    "The day now shows where they are."
)
WALK_IN_NOT_OFFERED = "A walk-in who is {status} cannot be {action}; nothing was sent."
WALK_IN_LINKED = "Walk-in linked to appointment {appointment}."
WALK_IN_LINK_OFFER = "Link appointment {appointment} ({customer}) to the walk-in just served"

WAITLIST_ADDED = "Added to the waitlist (entry {entry})."
WAITLIST_FULFILLED = "Waitlist entry {entry} marked fulfilled with appointment {appointment}."
WAITLIST_OFFER = "Mark waitlist entry {entry} fulfilled"


def refused_message(error: OmneoError) -> str:
    """The text for a write Omneo refused before acting (nothing changed)."""
    return refusal_text(
        error,
        {
            refusals.CREDENTIALS: CREDENTIALS_REFUSED,
            refusals.BUSY: RATE_LIMITED,
            refusals.BUSY_NO_WAIT: RATE_LIMITED,
            refusals.GONE: GONE,
            refusals.OTHER: NOT_CHANGED,
        },
    )


# -- a change whose outcome is unknown: checked again on request ---------------------------------
WRITE_UNSETTLED = "Omneo may have taken “{kind}”; the portal is checking. Do not repeat it."
WRITE_CHECKED = {
    "found": "Omneo shows the change: “{kind}” was made.",
    "not_yet": "Omneo does not show “{kind}” yet; the portal checks again shortly.",
    "absent": "Omneo does not show “{kind}”: it was not made. You may do it again.",
    "unreachable": "Omneo could not be asked about “{kind}” — check again in a moment.",
}
