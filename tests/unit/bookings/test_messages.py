"""messages.message_for(): one staff-facing text for each kind of Omneo failure."""

from __future__ import annotations

import pytest

from booking_portal.bookings import messages
from booking_portal.omneo import errors


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (errors.OmneoAuthError(), messages.CREDENTIALS_REFUSED),
        (errors.OmneoForbidden(), messages.CREDENTIALS_REFUSED),
        (errors.OmneoRateLimited(retry_after=12.4), messages.RATE_LIMITED.format(seconds=12)),
        (errors.OmneoRateLimited(), messages.RATE_LIMITED_NO_WAIT),
        (errors.OmneoServerError(status=503), messages.NOT_ANSWERING),
        (errors.OmneoUnreachable(), messages.NOT_ANSWERING),
        (errors.OmneoTimeout(), messages.OUTCOME_UNKNOWN),
        (errors.OmneoConnectionReset(), messages.OUTCOME_UNKNOWN),
        (errors.OmneoBadResponse(), messages.OUTCOME_UNKNOWN),
        (errors.OmneoNotFound(), messages.NOT_FOUND),
        (errors.OmneoValidationError(), messages.REJECTED),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else "",
)
def test_each_failure_has_its_text(error, expected):
    assert messages.message_for(error) == expected


def test_an_unknown_outcome_that_could_not_be_checked_says_look_first():
    text = messages.message_for(errors.OmneoTimeout(), looked_up=False)

    assert text == messages.OUTCOME_UNKNOWN_UNCHECKED


def test_a_sub_second_wait_still_asks_for_a_second():
    text = messages.message_for(errors.OmneoRateLimited(retry_after=0.2))

    assert text == messages.RATE_LIMITED.format(seconds=1)


def test_a_server_error_on_the_create_that_could_not_be_checked_says_look_first():
    text = messages.message_for(errors.OmneoServerError(method="POST"), looked_up=False)

    assert text == messages.OUTCOME_UNKNOWN_UNCHECKED
