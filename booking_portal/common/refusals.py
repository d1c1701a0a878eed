"""Which kind of refusal an Omneo failure is, decided once; each page words it from a table."""

from __future__ import annotations

from collections.abc import Mapping

from booking_portal.omneo.errors import (
    OmneoAuthError,
    OmneoError,
    OmneoForbidden,
    OmneoNotFound,
    OmneoRateLimited,
    OmneoUnreachable,
    OmneoValidationError,
)

UNKNOWN, CREDENTIALS, BUSY, BUSY_NO_WAIT = "unknown", "credentials", "busy", "busy_no_wait"
REJECTED, GONE, UNREACHABLE, OTHER = "rejected", "gone", "unreachable", "other"


def refusal_kinds(error: OmneoError) -> tuple[str, ...]:
    """The kinds the failure is, most telling first ("other" always last)."""
    kinds = [UNKNOWN] if error.outcome_unknown else []
    if isinstance(error, OmneoAuthError | OmneoForbidden):
        kinds.append(CREDENTIALS)
    elif isinstance(error, OmneoRateLimited):
        kinds.append(BUSY if error.retry_after is not None else BUSY_NO_WAIT)
    elif isinstance(error, OmneoValidationError):
        kinds.append(REJECTED)
    elif isinstance(error, OmneoNotFound):
        kinds.append(GONE)
    elif isinstance(error, OmneoUnreachable):
        kinds.append(UNREACHABLE)
    return (*kinds, OTHER)


def refusal_text(error: OmneoError, texts: Mapping[str, str]) -> str:
    """The first text the table has for the failure's kinds; "{seconds}" is Omneo's wait."""
    kind = next(kind for kind in refusal_kinds(error) if kind in texts)
    text = texts[kind]
    if kind == BUSY and isinstance(error, OmneoRateLimited) and error.retry_after is not None:
        return text.format(seconds=max(1, round(error.retry_after)))
    return text
