"""What staff read when Omneo fails, one text per failure; tests assert against these constants."""

from __future__ import annotations

from booking_portal.omneo.errors import (
    OmneoAuthError,
    OmneoBadResponse,
    OmneoConnectionReset,
    OmneoError,
    OmneoForbidden,
    OmneoNotFound,
    OmneoRateLimited,
    OmneoTimeout,
    OmneoValidationError,
)

CREDENTIALS_REFUSED = (
    "Omneo refused the portal's credentials, so nothing was booked. "
    "Please tell an administrator; your entries are kept below."
)
RATE_LIMITED = "Omneo is busy. Please wait {seconds} seconds, then submit again; nothing was lost."
RATE_LIMITED_NO_WAIT = "Omneo is busy. Please wait a moment, then submit again; nothing was lost."
NOT_ANSWERING = (
    "Omneo did not answer, so nothing was booked and nothing you entered was lost. "
    "Please try again."
)
OUTCOME_UNKNOWN = (
    "Omneo did not confirm whether the appointment was made. We looked for it and found none, "
    "so you may submit again; if the customer has it already, do not book twice."
)
OUTCOME_UNKNOWN_UNCHECKED = (
    "Omneo did not confirm whether the appointment was made, and we could not check. "
    "Look in My bookings or ask an administrator before submitting again."
)
NOT_FOUND = "Omneo no longer knows one of the choices on this page. Please choose again."
REJECTED = "Omneo could not book this appointment. Please check the fields marked below."
RECOVERED = "Omneo answered late, but the appointment was made."
LOOKUP_FAILED = "Omneo did not answer this look-up. Please try again in a moment."
ALREADY_SUBMITTED = "This booking form was already submitted; here is what happened."
ALREADY_BOOKED = "This booking was made already"


def message_for(error: OmneoError, *, looked_up: bool = True) -> str:
    """The staff-facing text for a failed booking call."""
    if isinstance(error, OmneoAuthError | OmneoForbidden):
        return CREDENTIALS_REFUSED
    if isinstance(error, OmneoRateLimited):
        if error.retry_after is None:
            return RATE_LIMITED_NO_WAIT
        return RATE_LIMITED.format(seconds=max(1, round(error.retry_after)))
    if isinstance(error, OmneoValidationError):
        return REJECTED
    if isinstance(error, OmneoNotFound):
        return NOT_FOUND
    if error.outcome_unknown and not looked_up:
        return OUTCOME_UNKNOWN_UNCHECKED  # e.g. a 5xx on the create, and the look-up failed too
    if isinstance(error, OmneoTimeout | OmneoConnectionReset | OmneoBadResponse):
        return OUTCOME_UNKNOWN
    # 5xx (after the service looked and found nothing), refused connections, anything else.
    return NOT_ANSWERING
