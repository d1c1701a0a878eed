"""One staff-facing text for each refusal, and for each check of an unknown outcome."""

from __future__ import annotations

import pytest

from booking_portal.bookings import messages
from booking_portal.omneo import errors
from booking_portal.writes.models import BookingAttempt, CheckResult


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (errors.OmneoAuthError(), messages.CREDENTIALS_REFUSED),
        (errors.OmneoForbidden(), messages.CREDENTIALS_REFUSED),
        (errors.OmneoRateLimited(retry_after=12.4), messages.RATE_LIMITED.format(seconds=12)),
        (errors.OmneoRateLimited(), messages.RATE_LIMITED_NO_WAIT),
        (errors.OmneoServerError(status=503), messages.NOT_ANSWERING),
        (errors.OmneoUnreachable(), messages.NOT_ANSWERING),
        (errors.OmneoNotFound(), messages.NOT_FOUND),
        (errors.OmneoValidationError(), messages.REJECTED),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else "",
)
def test_each_failure_has_its_text(error, expected):
    assert messages.message_for(error) == expected


def test_a_sub_second_wait_still_asks_for_a_second():
    text = messages.message_for(errors.OmneoRateLimited(retry_after=0.2))

    assert text == messages.RATE_LIMITED.format(seconds=1)


@pytest.mark.parametrize("result", list(CheckResult))
def test_an_unsettled_attempt_says_omneo_may_have_booked_it_and_what_the_check_found(result):
    attempt = BookingAttempt(outcome=BookingAttempt.Outcome.UNKNOWN, check_result=result)

    text = messages.unsettled_message(attempt)

    assert text == f"{messages.OUTCOME_UNKNOWN} {messages.CHECK_RESULTS[result]}"


def test_an_attempt_not_checked_yet_says_the_portal_is_checking():
    text = messages.unsettled_message(BookingAttempt(outcome=BookingAttempt.Outcome.PENDING))

    assert text.startswith(messages.OUTCOME_UNKNOWN)
